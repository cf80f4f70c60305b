package dev.flowinspector.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.filter.FilterBar;
import dev.flowinspector.ui.main.MainWindow;
import dev.flowinspector.ui.session.PacketSummary;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The display filter bar of the real main window (headless Monocle) over the demo capture. */
@ExtendWith(ApplicationExtension.class)
class FilterBarTest {

    static {
        System.setProperty("flowinspector.prefs", "dev/flowinspector/ui-test");
    }

    private final FxRobot robot = new FxRobot();
    private MainWindow window;
    private Settings settings;

    @Start
    void start(Stage stage) {
        settings = new Settings();
        settings.setSavedFilters(List.of());
        window = new MainWindow(stage, settings);
        stage.show();
    }

    @BeforeEach
    void openDemo() throws Exception {
        fx(() -> {
            window.open(TestPackets.demo().toAbsolutePath());
            return null;
        });
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(c).get());
    }

    /** Puts text in the field (without typing it) and presses Enter. */
    private void enter(String text) throws Exception {
        fx(() -> {
            window.filterField().setText(text);
            window.filterField().requestFocus();
            window.filterField().end();
            return null;
        });
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<Long> shown() throws Exception {
        return fx(() -> window.shownRows().stream().map(PacketSummary::number).toList());
    }

    @Test
    @DisplayName("a bad filter names the token and its column, selects it in the field and leaves the list alone")
    void errorsNameTheToken() throws Exception {
        enter("version == 10");
        waitFor(() -> window.shownRows().size() == 3);
        enter("cflow.srcaddr == 10.0.0.300");
        waitFor(() -> window.filterMessage().getText().contains("10.0.0.300"));
        assertEquals("'10.0.0.300' is not an IPv4 address; 'cflow.srcaddr' (sourceIPv4Address) is an IPv4 address "
                + "(column 18); write it as 10.0.0.1 or 10.0.0.0/8", fx(() -> window.filterMessage().getText()));
        assertEquals("10.0.0.300", fx(() -> window.filterField().getSelectedText()), "the bad token is selected");
        assertTrue(fx(() -> window.filterField().getPseudoClassStates().toString()).contains("invalid"));
        assertEquals(3, shown().size(), "the previous filter stays applied");

        enter("foo.bar == 1");
        waitFor(() -> window.filterMessage().getText().startsWith("unknown field 'foo.bar' (column 1)"));
        assertEquals("foo.bar", fx(() -> window.filterField().getSelectedText()));
        enter("ip.src == 192.0.2.1");
        waitFor(() -> window.filterMessage().getText().contains("'exporter' for the packet's sender"));
        enter("destinationTransportPort == 70000");
        waitFor(() -> window.filterMessage().getText().contains("70000 is out of range"));
        assertEquals(3, shown().size());
    }

    @Test
    @DisplayName("Wireshark's cflow names select what the IANA names select")
    void aliases() throws Exception {
        enter("version == 10");
        waitFor(() -> window.shownRows().size() == 3);
        List<Long> v10 = shown();
        enter("cflow.version == 10");
        waitFor(() -> window.statusLine().getText().startsWith("Filter: cflow.version == 10"));
        assertEquals(v10, shown());
        assertEquals("", fx(() -> window.filterMessage().getText()));
        for (String[] pair : new String[][] {
            {"sourceIPv4Address == 10.0.0.0/8", "cflow.srcaddr == 10.0.0.0/8"},
            {"protocolIdentifier == 17 || destinationTransportPort in {53, 443}", "cflow.protocol == 17 || cflow.dstport in {53 443}"},
        }) {
            enter(pair[0]);
            waitFor(() -> window.statusLine().getText().startsWith("Filter: " + pair[0]));
            List<Long> iana = shown();
            enter(pair[1]);
            waitFor(() -> window.statusLine().getText().startsWith("Filter: " + pair[1]));
            assertEquals(iana, shown(), pair[1]);
            assertFalse(iana.isEmpty(), pair[0] + " selects something in the demo");
            assertTrue(iana.size() < 14, pair[0] + " leaves something out");
        }
    }

    @Test
    @DisplayName("Enter applies the text as typed, even while the completion list offers longer names")
    void enterAppliesTypedText() throws Exception {
        fx(() -> {
            window.filterField().clear();
            window.filterField().requestFocus();
            return null;
        });
        robot.write("problem");
        waitFor(() -> window.filterBar().completionShowing());
        robot.type(KeyCode.ENTER);
        waitFor(() -> window.statusLine().getText().startsWith("Filter: problem — "));
        assertEquals("problem", fx(() -> window.filterField().getText()));
        waitFor(() -> !window.filterBar().completionShowing()); // the popup closes on Enter
        assertTrue(shown().size() < 14);

        // choosing a completion with the arrow keys and Enter still takes it
        fx(() -> {
            window.filterField().clear();
            window.filterField().requestFocus();
            return null;
        });
        robot.write("problem.sev");
        waitFor(() -> window.filterBar().completionShowing());
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ENTER);
        waitFor(() -> window.filterField().getText().equals("problem.severity"));
    }

    @Test
    @DisplayName("Enter pressed before the completion list appears applies the filter, and the list does not appear after")
    void noCompletionAfterEnter() throws Exception {
        // the completions are found on a worker a moment after the text changes: Enter typed quickly comes first
        fx(() -> {
            window.filterField().clear();
            window.filterField().requestFocus();
            window.filterField().setText("problem");
            window.filterField().end();
            window.filterField().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER,
                    false, false, false, false));
            return null;
        });
        waitFor(() -> window.statusLine().getText().startsWith("Filter: problem — "));
        waitFor(() -> !window.filterBar().completions().isEmpty()); // the completions for "problem" have come
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> window.filterBar().completionShowing()), "the completion list shows after Enter");

        // typing on offers completions again (the list took the focus to show the first packet)
        fx(() -> {
            window.filterField().requestFocus();
            window.filterField().end();
            return null;
        });
        robot.write(".sev");
        waitFor(() -> window.filterBar().completionShowing());
    }

    @Test
    @DisplayName("a filter can be saved, is kept in the settings and applied from the list")
    void savedFilters() throws Exception {
        enter("version == 10");
        waitFor(() -> window.shownRows().size() == 3);
        MenuButton saved = fx(() -> (MenuButton) window.scene().lookup("#filter-saved"));
        fx(() -> {
            saved.show();
            item(saved, "filter-save").fire();
            saved.hide();
            return null;
        });
        assertEquals(List.of("version == 10"), settings.savedFilters());
        assertEquals(List.of("version == 10"), new Settings().savedFilters(), "persisted");
        enter("");
        waitFor(() -> window.shownRows().size() == 14);
        fx(() -> {
            saved.show();
            saved.getItems().stream().filter(m -> "version == 10".equals(m.getText())).findFirst().orElseThrow().fire();
            saved.hide();
            return null;
        });
        waitFor(() -> window.shownRows().size() == 3);
        assertEquals("version == 10", fx(() -> window.filterField().getText()));
        fx(() -> {
            saved.show();
            item(saved, "filter-remove").fire();
            saved.hide();
            return null;
        });
        assertEquals(List.of(), settings.savedFilters());
    }

    @Test
    @DisplayName("the completion list is as high as its suggestions (ten at most): no empty row under the last")
    void completionListHasNoEmptyRow() throws Exception {
        for (String typed : List.of("problem.sev", "pr", "fl")) {
            fx(() -> {
                window.filterField().clear();
                window.filterField().requestFocus();
                return null;
            });
            waitFor(() -> !window.filterBar().completionShowing());
            robot.write(typed);
            int n = FilterBar.complete(typed).size();
            waitFor(() -> window.filterBar().completionShowing() && window.filterBar().completions().size() == n);
            WaitForAsyncUtils.waitForFxEvents();
            ListView<?> list = robot.lookup(".auto-complete-popup").match(n2 -> n2 instanceof ListView<?>)
                    .queryAs(ListView.class);
            // the cells on screen: those with a suggestion, and any empty one filling the room left under them
            List<ListCell<?>> cells = fx(() -> list.lookupAll(".list-cell").stream()
                    .filter(c -> c instanceof ListCell<?> lc && lc.isVisible() && lc.getIndex() >= 0)
                    .<ListCell<?>>map(c -> (ListCell<?>) c).toList());
            double cell = fx(() -> cells.stream().filter(c -> !c.isEmpty()).mapToDouble(ListCell::getHeight).max()
                    .orElse(0));
            double inner = fx(() -> list.getHeight() - list.snappedTopInset() - list.snappedBottomInset());
            String shape = typed + ": " + n + " suggestions, rows of " + cell + " px in " + inner + " px";
            assertEquals(0, fx(() -> cells.stream().filter(ListCell::isEmpty).count()), "an empty row, " + shape);
            assertEquals(Math.min(n, 10) * cell, inner, 0.5, shape);
        }
    }

    private static MenuItem item(MenuButton b, String id) {
        return b.getItems().stream().filter(m -> id.equals(m.getId())).findFirst().orElseThrow();
    }
}
