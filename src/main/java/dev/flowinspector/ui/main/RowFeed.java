package dev.flowinspector.ui.main;

import dev.flowinspector.ui.session.LoadListener;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.ProblemEntry;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;

/**
 * Hands batches of rows from the reading thread to the FX thread, merged: while the FX thread has not taken the
 * last ones yet, further batches join them instead of queueing more work there. Each change of the list costs
 * the FX thread a pass over the rows already shown (sorted and filtered views), so fewer, larger changes keep it
 * drawing while a large capture streams in.
 */
final class RowFeed implements LoadListener {
    private final LoadListener onFx;
    private final Object lock = new Object();
    private List<PacketSummary> rows = new ArrayList<>();
    private List<ProblemEntry> problems = new ArrayList<>();
    private double progress;
    private boolean scheduled;

    RowFeed(LoadListener onFx) {
        this.onFx = onFx;
    }

    @Override
    public void batch(List<PacketSummary> r, List<ProblemEntry> p, double prog) {
        synchronized (lock) {
            rows.addAll(r);
            problems.addAll(p);
            progress = prog;
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        Platform.runLater(this::drain);
    }

    private void drain() {
        List<PacketSummary> r;
        List<ProblemEntry> p;
        double prog;
        synchronized (lock) {
            r = rows;
            p = problems;
            prog = progress;
            rows = new ArrayList<>();
            problems = new ArrayList<>();
            scheduled = false;
        }
        onFx.batch(r, p, prog);
    }
}
