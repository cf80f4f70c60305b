package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.ui.session.PacketSummary;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Rows handed from the reading thread to the FX thread, the first ones drawn before reading goes on. */
@ExtendWith(ApplicationExtension.class)
class RowFeedTest {

    private static final Endpoint EXPORTER = new Endpoint("192.0.2.1", 2055);

    @Start
    void start(Stage stage) {
        stage.show();
    }

    private static PacketSummary row(int i) {
        return new PacketSummary(i, i + 1, 1_000L * i, EXPORTER, 9, 0, i, 1, 0, 1, 100, null, 0, null, null);
    }

    /** Runs the reading side of a batch on a thread of its own (as the loader does). */
    private static Thread reading(RowFeed feed, List<PacketSummary> rows) {
        Thread t = new Thread(() -> feed.batch(rows, List.of(), 0.5), "test-reading");
        t.start();
        return t;
    }

    @Test
    @DisplayName("reading waits after the first rows until the FX thread has drawn them, then hands the rest over without waiting")
    void waitsForFirstPaint() throws Exception {
        List<Integer> taken = new CopyOnWriteArrayList<>();
        AtomicReference<Runnable> drawn = new AtomicReference<>();
        RowFeed feed = new RowFeed((r, p, prog) -> {
            assertTrue(Platform.isFxApplicationThread());
            r.forEach(s -> taken.add(s.index()));
        }, drawn::set, 60_000);
        Thread first = reading(feed, List.of(row(0), row(1)));
        waitFor(() -> drawn.get() != null); // the rows reached the FX thread, which says when they are drawn
        assertEquals(List.of(0, 1), taken);
        first.join(300);
        assertTrue(first.isAlive(), "reading went on before the first rows were drawn");
        Platform.runLater(drawn.get());
        first.join(10_000);
        assertFalse(first.isAlive(), "reading still waits after the first rows were drawn");

        Runnable once = drawn.get();
        Thread second = reading(feed, List.of(row(2)));
        second.join(10_000);
        assertFalse(second.isAlive(), "later rows wait");
        waitFor(() -> taken.size() == 3);
        assertEquals(List.of(0, 1, 2), taken);
        assertTrue(drawn.get() == once, "only the first rows are awaited");
    }

    @Test
    @DisplayName("rows never drawn (a hidden window) hold reading back no longer than the wait; an interrupt (Stop) ends it at once")
    void boundedWait() throws Exception {
        RowFeed never = new RowFeed((r, p, prog) -> { }, done -> { }, 50);
        Thread t = reading(never, List.of(row(0)));
        t.join(10_000);
        assertFalse(t.isAlive(), "reading waits for a drawing that never comes");

        RowFeed stopped = new RowFeed((r, p, prog) -> { }, done -> { }, 60_000);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread s = new Thread(() -> {
            Thread.currentThread().interrupt();
            stopped.batch(List.of(row(0)), List.of(), 0.5);
            interrupted.set(Thread.currentThread().isInterrupted());
        });
        s.start();
        s.join(10_000);
        assertFalse(s.isAlive(), "an interrupted reading still waits");
        assertTrue(interrupted.get(), "the interrupt is kept for reading to see");
    }

    @Test
    @DisplayName("an empty first batch does not count as the first rows")
    void emptyFirstBatch() throws Exception {
        AtomicReference<Runnable> drawn = new AtomicReference<>();
        RowFeed feed = new RowFeed((r, p, prog) -> { }, drawn::set, 60_000);
        Thread empty = reading(feed, List.of());
        empty.join(10_000);
        assertFalse(empty.isAlive());
        Thread first = reading(feed, List.of(row(0)));
        waitFor(() -> drawn.get() != null);
        assertTrue(first.isAlive());
        Platform.runLater(drawn.get());
        first.join(10_000);
        assertFalse(first.isAlive());
    }
}
