package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.ProblemEntry;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** View > As a One-Pass Collector Saw It: the other truth, on purpose. */
@ExtendWith(ApplicationExtension.class)
class OnePassViewTest {

    /** A softflowd v9 capture whose first data came before its template. */
    private static final Path LATE = Path.of("src/test/resources/dev/flowinspector/exporters/"
            + "softflowd-v9-data-before-template.pcap");

    private MainWindow window;
    private final FxRobot robot = new FxRobot();

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    private void toggle() {
        robot.clickOn("View").clickOn("As a One-Pass Collector Saw It");
    }

    private List<String> codesOf(int index) throws Exception {
        return fx(() -> window.session().problems().stream().filter(p -> p.index() == index)
                .map(p -> p.problem().code()).toList());
    }

    private String treeText() throws Exception {
        return fx(() -> {
            StringBuilder sb = new StringBuilder();
            for (TreeItem<?> it : window.details().getRoot().getChildren()) {
                sb.append(it.getValue()).append('\n');
            }
            return sb.toString();
        });
    }

    @Test
    @DisplayName("toggling it changes Records, Info, Expert Info and the tree of data that came before its template")
    void onePassAndBack() throws Exception {
        run(() -> window.open(LATE.toAbsolutePath()));
        waitFor(() -> window.loading() == null && !window.shownRows().isEmpty());
        PacketSummary late = fx(() -> window.shownRows().stream().filter(r -> r.late() != null).findFirst()
                .orElseThrow());
        int index = late.index();
        assertTrue(late.records() > 0, late.toString());
        assertTrue(late.info().contains("(later)"), late.info());
        assertFalse(codesOf(index).contains("data.template.missing"), codesOf(index).toString());
        long recordsBefore = fx(() -> window.shownRows().stream().mapToLong(PacketSummary::records).sum());

        toggle();
        waitFor(() -> window.shownRows().get(index).records() == 0);
        PacketSummary seen = fx(() -> window.shownRows().get(index));
        assertNull(seen.late());
        assertTrue(seen.info().contains(": no template"), seen.info());
        assertTrue(codesOf(index).contains("data.template.missing"), codesOf(index).toString());
        long recordsOnePass = fx(() -> window.shownRows().stream().mapToLong(PacketSummary::records).sum());
        assertEquals(recordsBefore - late.records(), recordsOnePass);
        List<ProblemEntry> expert = fx(() -> window.problems().getRoot().getChildren().stream()
                .flatMap(sev -> sev.getChildren().stream()).flatMap(code -> code.getChildren().stream())
                .map(it -> it.getValue().entry()).filter(e -> e != null && e.index() == index).toList());
        assertTrue(expert.stream().anyMatch(e -> e.problem().code().equals("data.template.missing")),
                "Expert Info lists the packet's data as without a template");
        run(() -> window.goToFrame(late.number()));
        waitFor(() -> treeText().contains("no template"));

        toggle();
        waitFor(() -> window.shownRows().get(index).records() == late.records());
        assertEquals(late.info(), fx(() -> window.shownRows().get(index).info()));
        assertFalse(codesOf(index).contains("data.template.missing"));
        try {
            waitFor(() -> treeText().contains("(template from later frame") && !treeText().contains("no template"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the tree of frame " + late.number() + " after switching back:\n" + treeText());
        }
    }

    @Test
    @DisplayName("showing the same packet again (the view switched) keeps the node selected and the nodes opened")
    void samePacketAgainKeepsTheTreeAsLeft() throws Exception {
        run(() -> window.open(LATE.toAbsolutePath()));
        waitFor(() -> window.loading() == null && !window.shownRows().isEmpty());
        run(() -> window.goToFrame(1));
        waitFor(() -> window.details().getRoot() != null && !window.details().getRoot().getChildren().isEmpty()
                && window.details().getRoot().getChildren().get(0).getValue().fieldName() != null);
        TreeItem<dev.flowinspector.ui.session.TreeNode> before = fx(() -> window.details().getRoot());
        // the user opens or closes the UDP layer (the opposite of how it was first shown) and selects the IPv4 time to live
        boolean udpOpen = fx(() -> !window.details().getRoot().getChildren().stream()
                .filter(it -> "udp".equals(it.getValue().fieldName())).findFirst().orElseThrow().isExpanded());
        String picked = fx(() -> {
            TreeItem<dev.flowinspector.ui.session.TreeNode> udp = window.details().getRoot().getChildren().stream()
                    .filter(it -> "udp".equals(it.getValue().fieldName())).findFirst().orElseThrow();
            udp.setExpanded(udpOpen);
            TreeItem<dev.flowinspector.ui.session.TreeNode> port = window.details().getRoot().getChildren().stream()
                    .filter(it -> "ip".equals(it.getValue().fieldName())).findFirst().orElseThrow().getChildren()
                    .stream().filter(it -> "ip.ttl".equals(it.getValue().fieldName())).findFirst().orElseThrow();
            window.details().getSelectionModel().select(port);
            return port.getValue().fieldName();
        });
        toggle();
        waitFor(() -> window.details().getRoot() != before);
        assertEquals(picked, fx(() -> window.details().selected().fieldName()));
        assertEquals(udpOpen, fx(() -> window.details().getRoot().getChildren().stream()
                .filter(it -> "udp".equals(it.getValue().fieldName())).findFirst().orElseThrow().isExpanded()));
        assertEquals(14 + 8, fx(() -> window.hex().selectionStartProperty().get()));
    }

    /** The Info cell's text of the list's row showing row {@code index}, or null when no row shows it. */
    private String infoCell(int index) throws Exception {
        return fx(() -> window.packetList().lookupAll(".table-cell").stream()
                .map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                .filter(c -> c.getTableRow() != null && c.getTableRow().getIndex() == index
                        && c.getTableColumn() != null && "column-info".equals(c.getTableColumn().getId()))
                .map(javafx.scene.control.TableCell::getText).findFirst().orElse(null));
    }

    @Test
    @DisplayName("the list makes its rows again when the session replaced some (their cells show the new text), not when none changed")
    void rowsMadeAgainOnlyWhenReplaced() throws Exception {
        Fx.openDemo(window);
        java.util.Set<javafx.scene.Node> rows = fx(() -> java.util.Collections.newSetFromMap(
                new java.util.IdentityHashMap<>()));
        rows.addAll(fx(() -> window.packetList().lookupAll(".table-row-cell")));
        assertFalse(rows.isEmpty());
        toggle(); // the demo has no data before its template: no row changes
        waitFor(() -> window.statusLine().getText().startsWith("No data in this capture came before its template"));
        assertEquals(0, fx(() -> window.session().rowReplacements()));
        for (javafx.scene.Node n : fx(() -> window.packetList().lookupAll(".table-row-cell"))) {
            assertTrue(rows.contains(n), "a row was made again though no row changed");
        }
        toggle();

        run(() -> window.open(LATE.toAbsolutePath()));
        waitFor(() -> window.loading() == null && !window.shownRows().isEmpty());
        int index = fx(() -> window.shownRows().stream().filter(r -> r.late() != null).findFirst().orElseThrow()
                .index());
        waitFor(() -> infoCell(index) != null && infoCell(index).contains("(later)"));
        long replaced = fx(() -> window.session().rowReplacements());
        toggle();
        waitFor(() -> infoCell(index).contains(": no template"));
        assertTrue(fx(() -> window.session().rowReplacements()) > replaced);
    }
}
