package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flowinspector.engine.flow.FlowRecord;
import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.common.Settings;
import java.lang.ref.WeakReference;
import java.util.List;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Templates / Expert Info / Flows / Exporters tabs. */
@ExtendWith(ApplicationExtension.class)
class AnalysisTabsTest {

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
        run(() -> window.tabs().getSelectionModel().select(0));
    }

    private int flowRows() throws Exception {
        return fx(() -> window.flows().table().getItems().size());
    }

    @Test
    @DisplayName("flows are read when the Flows tab is shown, and again after another capture is read")
    void flowsOnDemand() throws Exception {
        Fx.openDemo(window);
        assertEquals(0, flowRows(), "not read before the tab is shown");
        run(() -> window.tabs().getSelectionModel().select(2));
        waitFor(() -> window.flows().table().getItems().size() > 0);
        int n = flowRows();
        // another capture read while the tab is shown: its flows are read when reading ends
        run(() -> window.open(TestPackets.demo().toAbsolutePath()));
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
        waitFor(() -> window.flows().table().getItems().size() == n);
    }

    @Test
    @DisplayName("flow rows shown before are let go once other rows are shown (none kept by the table's sorted view)")
    void flowRowsLetGo() throws Exception {
        run(() -> window.tabs().getSelectionModel().select(2));
        waitFor(() -> window.flows().table().getItems().size() > 1);
        WeakReference<FlowRecord> last = new WeakReference<>(fx(() -> {
            var items = window.flows().table().getItems();
            return items.get(items.size() - 1);
        }));
        run(() -> window.flows().show(List.of()));
        for (int i = 0; i < 40 && last.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(last.get(), "a flow row of the summary shown before is still reachable");
    }

    @Test
    @DisplayName("clicking the problem bullet opens Expert Info")
    void bulletOpensExpertInfo() throws Exception {
        robot.clickOn("#status-bullet");
        waitFor(() -> "tab-problems".equals(window.tabs().getSelectionModel().getSelectedItem().getId()));
    }

    @Test
    @DisplayName("View > Exporters opens the Exporters tab with the capture's exporters")
    void viewMenuOpensExporters() throws Exception {
        robot.clickOn("View").clickOn("Exporters");
        waitFor(() -> "tab-exporters".equals(window.tabs().getSelectionModel().getSelectedItem().getId()));
        @SuppressWarnings("unchecked")
        TableView<Object> exporters = fx(() -> (TableView<Object>) window.tabs().getSelectionModel()
                .getSelectedItem().getContent());
        waitFor(() -> exporters.getItems().size() == 4);
    }

    /** The Flows pane's top talkers: its one series, or null when it has none. */
    private Object talkersSeries() throws Exception {
        return fx(() -> {
            var bar = (javafx.scene.chart.BarChart<?, ?>) window.flows().lookupAll(".chart").stream()
                    .filter(n -> n instanceof javafx.scene.chart.BarChart).findFirst().orElseThrow();
            return bar.getData().isEmpty() ? null : bar.getData().get(0);
        });
    }

    /** Whether a series from {@link #talkersSeries} has no bars (none at all when null). */
    private static boolean noBars(Object series) throws Exception {
        return series == null || fx(() -> ((javafx.scene.chart.XYChart.Series<?, ?>) series).getData().isEmpty());
    }

    @Test
    @DisplayName("an open empties the Flows pane's charts; a pane that shows nothing is left as it is (not laid out again)")
    void emptyFlowsLeftAlone() throws Exception {
        run(() -> window.tabs().getSelectionModel().select(2));
        waitFor(() -> window.flows().table().getItems().size() > 1);
        assertEquals(false, noBars(talkersSeries()));
        run(() -> window.tabs().getSelectionModel().select(0));
        Fx.openDemo(window); // the flows of the capture before go
        Object emptied = talkersSeries();
        assertEquals(true, noBars(emptied));
        assertEquals(0, flowRows());
        Fx.openDemo(window);
        assertSame(emptied, talkersSeries(), "nothing shown, nothing to show: the chart keeps what it had");
        assertEquals(0, flowRows());
        run(() -> window.tabs().getSelectionModel().select(2)); // and the flows of the capture now open come
        waitFor(() -> window.flows().table().getItems().size() > 1);
        assertEquals(false, noBars(talkersSeries()));
    }
}
