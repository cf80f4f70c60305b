package dev.flowinspector.ui.session;

import java.util.List;

/** Receives a capture as it is read, in batches, on the reading thread. */
public interface LoadListener {

    /**
     * More packets were read.
     *
     * @param rows     new packet-list rows, in order
     * @param problems problems found in them
     * @param progress fraction of the file read, 0..1, or -1 when unknown
     */
    void batch(List<PacketSummary> rows, List<ProblemEntry> problems, double progress);
}
