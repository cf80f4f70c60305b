package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.ui.common.Settings;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The display filter bar: completion, the counts it shows, Clear, what the list says when nothing matches. */
@ExtendWith(ApplicationExtension.class)
class FilterBarTest {

    private MainWindow window;
    private final FxRobot robot = new FxRobot();

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    @BeforeEach
    void openDemo() throws Exception {
        Fx.openDemo(window);
    }

    @Test
    @DisplayName("completion offers field names for the last word, keeping the text before it")
    void completesTheLastWord() {
        List<String> c = FilterBar.complete("version == 9 && sourceIPv4A");
        assertTrue(c.contains("version == 9 && sourceIPv4Address"), c.toString());
        assertTrue(c.stream().allMatch(s -> s.startsWith("version == 9 && source")), c.toString());
        assertTrue(FilterBar.complete("VERS").contains("version"), "case does not matter");
    }

    @Test
    @DisplayName("no completion for nothing, one letter, a number, or a name already complete; at most 15")
    void completesOnlyWhereItHelps() {
        assertEquals(List.of(), FilterBar.complete(null));
        assertEquals(List.of(), FilterBar.complete(""));
        assertEquals(List.of(), FilterBar.complete("v"));
        assertEquals(List.of(), FilterBar.complete("version == 10"));
        assertTrue(FilterBar.complete("version").stream().noneMatch("version"::equals));
        assertTrue(FilterBar.complete("so").size() <= 15);
    }

    @Test
    @DisplayName("the counts say how many packets a filter displays, and Clear shows them all again")
    void countsAndClear() throws Exception {
        Label counts = fx(() -> (Label) window.scene().lookup("#counts"));
        assertEquals("Packets: 14", fx(counts::getText));
        run(() -> window.applyFilter("version == 10"));
        waitFor(() -> window.shownRows().size() == 3);
        assertEquals("Packets: 14 · Displayed: 3", fx(counts::getText));
        assertTrue(fx(() -> window.statusLine().getText()).startsWith("Filter: version == 10 — 3 of 14 packets"));
        run(() -> window.filterField().setText("version == 10"));
        robot.clickOn(fx(() -> (Button) robot.lookup(".button").match(n -> n instanceof Button b
                && "Clear".equals(b.getText())).query()));
        waitFor(() -> window.shownRows().size() == 14);
        assertEquals("", fx(() -> window.filterField().getText()));
        assertEquals("Packets: 14", fx(counts::getText));
    }

    @Test
    @DisplayName("cleared by Clear or by Enter on an empty field, the status line no longer names the filter")
    void clearingTakesTheFilterOffTheStatusLine() throws Exception {
        String unfiltered = fx(() -> window.statusLine().getText());
        assertFalse(unfiltered.contains("Filter"), unfiltered);
        Button clear = fx(() -> (Button) window.scene().lookup("#filter-clear"));
        for (boolean byButton : new boolean[] {true, false}) {
            run(() -> {
                window.filterField().setText("version == 10");
                window.filterField().requestFocus();
                window.filterField().end();
            });
            robot.type(KeyCode.ENTER);
            waitFor(() -> window.shownRows().size() == 3);
            assertEquals("Filter: version == 10 — 3 of 14 packets", fx(() -> window.statusLine().getText()));
            if (byButton) {
                robot.clickOn(clear);
            } else {
                run(() -> {
                    window.filterField().clear();
                    window.filterField().requestFocus();
                });
                robot.type(KeyCode.ENTER);
            }
            waitFor(() -> window.shownRows().size() == 14);
            assertEquals(unfiltered, fx(() -> window.statusLine().getText()), byButton ? "Clear" : "Enter on empty");
        }
    }

    @Test
    @DisplayName("a filter that matches no packet: the list says so, as the status line does, not \"No content in table\"")
    void filterMatchingNothing() throws Exception {
        run(() -> window.applyFilter("frame == 999999"));
        waitFor(() -> window.shownRows().isEmpty());
        assertEquals("Filter: frame == 999999 — 0 of 14 packets", fx(() -> window.statusLine().getText()));
        assertEquals("No packet matches the filter", Fx.packetListPlaceholder(window));
    }
}
