package dev.flowinspector.ui.main;

import dev.flowinspector.testutil.TestPackets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import org.testfx.util.WaitForAsyncUtils;

/** Running on the FX thread and waiting for it, for the tests of the main window's parts. */
final class Fx {

    static {
        System.setProperty("flowinspector.prefs", "dev/flowinspector/ui-test");
    }

    private Fx() {
    }

    /** Runs on the FX thread and returns what it gave. */
    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Runs on the FX thread. */
    static void run(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** Waits (at most 10 s) until the condition, checked on the FX thread, holds. */
    static void waitFor(Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(c).get());
    }

    /**
     * Opens the demo capture (14 packets) and waits until it is read and its first packet shown: the end of the load
     * shows the selected packet again (its rows and problems settled), so this waits for that showing too.
     */
    static void openDemo(MainWindow window) throws Exception {
        run(() -> window.open(TestPackets.demo().toAbsolutePath()));
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
        java.util.concurrent.atomic.AtomicBoolean shown = new java.util.concurrent.atomic.AtomicBoolean();
        run(() -> window.navigator().whenShown(() -> shown.set(true)));
        waitFor(shown::get);
        waitFor(() -> window.details().getRoot() != null && !window.details().getRoot().getChildren().isEmpty());
    }

    /**
     * The text the packet list shows in place of rows, once it shows it (JavaFX's own "No content in table" when the
     * list has no placeholder of its own).
     */
    static String packetListPlaceholder(MainWindow window) throws Exception {
        waitFor(() -> window.packetList().lookup(".placeholder") instanceof Parent p && p.isVisible());
        return fx(() -> ((Parent) window.packetList().lookup(".placeholder")).getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Label).findFirst().map(n -> ((Label) n).getText()).orElse(null));
    }
}
