package dev.flowinspector.ui.main;

import dev.flowinspector.ui.session.LoadListener;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.ProblemEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Hands batches of rows from the reading thread to the FX thread, merged: while the FX thread has not taken the
 * last ones yet, further batches join them instead of queueing more work there. Each change of the list costs
 * the FX thread a pass over the rows already shown (sorted and filtered views), so fewer, larger changes keep it
 * drawing while a large capture streams in.
 *
 * <p>First paint first: once it has handed over the first rows, the reading thread waits (at most
 * {@link #FIRST_PAINT_WAIT_MS}) until the FX thread has drawn them and the packet selected with them. That first
 * drawing runs code the window has not run yet (the packet's tree, bytes and template cache); with reading, and the
 * compiler threads reading makes busy, on the other cores, it took several frames of 100 to 300 ms on a 2-core
 * machine (docs/decisions/0035).
 */
final class RowFeed implements LoadListener {

    /** How long reading waits for the first rows to be drawn, at most (a hidden window may draw nothing). */
    static final long FIRST_PAINT_WAIT_MS = 1000;

    private final LoadListener onFx;
    /** Given, on the FX thread, what to run once the first rows are drawn; runs it when they are. */
    private final Consumer<Runnable> whenDrawn;
    private final long waitMillis;
    private final Object lock = new Object();
    private List<PacketSummary> rows = new ArrayList<>();
    private List<ProblemEntry> problems = new ArrayList<>();
    private double progress;
    private boolean scheduled;
    private final CountDownLatch firstPaint = new CountDownLatch(1);
    /** Reading thread only: the first rows were handed over. */
    private boolean handed;
    /** FX thread only: the first rows were shown. */
    private boolean shown;

    /**
     * @param onFx      takes the batches on the FX thread
     * @param whenDrawn runs the runnable it is given once the first rows (and what they select) are drawn
     */
    RowFeed(LoadListener onFx, Consumer<Runnable> whenDrawn) {
        this(onFx, whenDrawn, FIRST_PAINT_WAIT_MS);
    }

    /** As above, waiting at most {@code waitMillis} for the first rows to be drawn. */
    RowFeed(LoadListener onFx, Consumer<Runnable> whenDrawn, long waitMillis) {
        this.onFx = onFx;
        this.whenDrawn = whenDrawn;
        this.waitMillis = waitMillis;
    }

    @Override
    public void batch(List<PacketSummary> r, List<ProblemEntry> p, double prog) {
        boolean schedule;
        synchronized (lock) {
            rows.addAll(r);
            problems.addAll(p);
            progress = prog;
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            Platform.runLater(this::drain);
        }
        if (!handed && !r.isEmpty()) {
            handed = true;
            try {
                firstPaint.await(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // Stop: reading sees it and ends
            }
        }
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
        try {
            onFx.batch(r, p, prog);
        } finally {
            if (!shown && !r.isEmpty()) {
                shown = true;
                whenDrawn.accept(firstPaint::countDown);
            }
        }
    }
}
