package dev.flowinspector.ui.session;

import dev.flowinspector.decode.health.ExporterHealth;
import dev.flowinspector.decode.health.StreamlessPackets;
import dev.flowinspector.engine.Decoding;
import java.util.List;

/**
 * What the Exporters pane shows at one moment: each exporter stream's health, and the export packets that belong to
 * no exporter stream ({@link StreamlessPackets}: of a version without one, or with a header too short to say whose),
 * so that the pane's packets and problems add up to the capture's.
 *
 * @param streams            the exporter streams' health
 * @param streamlessPackets  export packets in no stream
 * @param streamlessProblems their problems
 */
public record ExportersHealth(List<ExporterHealth> streams, long streamlessPackets, long streamlessProblems) {

    /** Nothing open. */
    public static final ExportersHealth NONE = new ExportersHealth(List.of(), 0, 0);

    /** A copy of the decoding's as it stands (called under the lock its decoding runs under). */
    static ExportersHealth of(Decoding d) {
        StreamlessPackets none = d.analyzer().streamless();
        return new ExportersHealth(List.copyOf(d.exporters()), none.packets(), none.problems());
    }
}
