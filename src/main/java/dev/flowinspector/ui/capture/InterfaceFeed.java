package dev.flowinspector.ui.capture;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.InterfaceCapture;
import dev.flowinspector.ui.session.LoadListener;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.ui.session.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * Feeds a live interface capture into a session in arrival order, like {@code session.LiveCapture} does for a UDP
 * port: rows reach the listener in batches (at most every 100 ms); stopping hands over what was already captured.
 */
public final class InterfaceFeed {

    private InterfaceFeed() {
    }

    /**
     * A background task feeding the capture into the session; {@code rows} and {@code status} are called on the FX
     * thread with each batch and a status line (counters, drops); it ends when {@code stop} says so.
     */
    public static Task<LoadResult> task(Session session, InterfaceCapture capture,
                                        BiConsumer<List<PacketSummary>, List<ProblemEntry>> rows,
                                        Consumer<String> status, BooleanSupplier stop) {
        String iface = capture.options().iface();
        long t0 = System.nanoTime();
        return new Task<>() {
            @Override
            protected LoadResult call() throws Exception {
                try {
                    InterfaceFeed.run(session, capture, (r, p, progress) -> {
                        String line = "Capturing on " + iface + ": " + capture.stats().summary();
                        Platform.runLater(() -> {
                            rows.accept(r, p);
                            status.accept(line);
                        });
                    }, stop);
                } finally {
                    capture.close();
                }
                InterfaceCapture.Stats st = capture.stats();
                String damage = capture.damage() != null ? capture.damage()
                        : st.queueDrops() > 0 || st.droppedByKernel() > 0 || st.droppedByInterface() > 0
                        ? "capture on " + iface + " lost packets: " + st.summary() : null;
                return new LoadResult(session.size(), capture.skipped(), damage, true,
                        (System.nanoTime() - t0) / 1_000_000);
            }
        };
    }

    /** Runs on the calling (background) thread until stop says so or the capture ends; then finishes the session. */
    public static void run(Session session, InterfaceCapture capture, LoadListener listener, BooleanSupplier stop)
            throws InterruptedException {
        List<PacketSummary> rows = new ArrayList<>();
        List<ProblemEntry> problems = new ArrayList<>();
        long lastFlush = System.nanoTime();
        boolean stopping = false;
        while (true) {
            if (!stopping && (stop.getAsBoolean() || !capture.running())) {
                capture.stop();
                stopping = true;
            }
            Frame f = capture.poll(50, TimeUnit.MILLISECONDS);
            if (f == null && stopping) {
                break;
            }
            if (f != null) {
                rows.add(session.add(f, problems));
            }
            if (!rows.isEmpty() && System.nanoTime() - lastFlush > 100_000_000L) {
                flush(session);
                listener.batch(List.copyOf(rows), List.copyOf(problems), -1);
                rows.clear();
                problems.clear();
                lastFlush = System.nanoTime();
            }
        }
        session.finish();
        flush(session);
        listener.batch(List.copyOf(rows), List.copyOf(problems), 1.0);
    }

    private static void flush(Session session) {
        try {
            session.flush(); // what a crash would leave for recovery
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
