package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.ProblemType;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.ui.session.ProblemEntry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The status bar on its own: the problem bullet, progress and Stop, the error bar. */
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {

    private final AtomicInteger bulletClicks = new AtomicInteger();
    private final AtomicInteger stops = new AtomicInteger();
    private StatusBar status;
    private final FxRobot robot = new FxRobot();

    @Start
    void start(Stage stage) {
        status = new StatusBar(bulletClicks::incrementAndGet, stops::incrementAndGet);
        stage.setScene(new Scene(new VBox(status.errorBar(), status.bar()), 800, 100));
        stage.show();
    }

    private static ProblemEntry entry(ProblemType type) {
        return new ProblemEntry(0, 1, new Problem(type, 0, 2, "test"));
    }

    private String bulletStyle() throws Exception {
        return fx(() -> ((Label) status.bar().lookup("#status-bullet")).getGraphic().getStyleClass().get(0));
    }

    @Test
    @DisplayName("the bullet counts problems per severity and takes the colour of the worst")
    void bulletCountsBySeverity() throws Exception {
        assertEquals("No problems", fx(status::bulletText));
        assertEquals("bullet-none", bulletStyle());
        run(() -> status.addProblems(List.of(entry(Problems.V9_PADDING_ALIGN))));
        assertEquals("Errors: 0 · Warnings: 0 · Notes: 1", fx(status::bulletText));
        assertEquals("bullet-note", bulletStyle());
        run(() -> status.addProblems(List.of(entry(Problems.TRAILING_BYTES), entry(Problems.TRAILING_BYTES),
                entry(Problems.PACKET_TRUNCATED))));
        assertEquals("Errors: 1 · Warnings: 2 · Notes: 1", fx(status::bulletText));
        assertEquals("bullet-error", bulletStyle());
        run(() -> status.setProblems(List.of(entry(Problems.TRAILING_BYTES))));
        assertEquals("Errors: 0 · Warnings: 1 · Notes: 0", fx(status::bulletText));
        assertEquals("bullet-warning", bulletStyle());
        run(() -> status.setProblems(List.of()));
        assertEquals("No problems", fx(status::bulletText));
        assertEquals("bullet-none", bulletStyle());
    }

    @Test
    @DisplayName("clicking the bullet and Stop call their actions")
    void bulletAndStopAct() throws Exception {
        robot.clickOn("#status-bullet");
        assertEquals(1, bulletClicks.get());
        run(() -> status.busy("Reading x …"));
        robot.clickOn("#stop");
        assertEquals(1, stops.get());
    }

    @Test
    @DisplayName("busy shows the text, an indefinite progress bar and Stop; idle hides them")
    void busyAndIdle() throws Exception {
        Node stop = fx(() -> status.bar().lookup("#stop"));
        ProgressBar progress = fx(() -> (ProgressBar) status.bar().getChildren().stream()
                .filter(n -> n instanceof ProgressBar).findFirst().orElseThrow());
        assertFalse(fx(stop::isVisible));
        run(() -> status.busy("Listening on 127.0.55.1:2055 …"));
        assertEquals("Listening on 127.0.55.1:2055 …", fx(status::text));
        assertTrue(fx(stop::isVisible));
        assertTrue(fx(progress::isVisible));
        assertTrue(fx(progress::isIndeterminate));
        run(() -> status.setProgress(0.5));
        assertEquals(0.5, fx(progress::getProgress));
        run(status::idle);
        assertFalse(fx(stop::isVisible));
        assertFalse(fx(progress::isVisible));
    }

    @Test
    @DisplayName("an error shows in the error bar until hidden or closed with its button")
    void errorBar() throws Exception {
        assertNull(fx(status::errorShown));
        run(() -> status.showError("x.pcap: not a capture file"));
        assertEquals("x.pcap: not a capture file", fx(status::errorShown));
        assertTrue(fx(() -> status.errorBar().isManaged()));
        run(status::hideError);
        assertNull(fx(status::errorShown));
        assertFalse(fx(() -> status.errorBar().isManaged()));
        run(() -> status.showError("again"));
        robot.clickOn("✕");
        assertNull(fx(status::errorShown));
    }
}
