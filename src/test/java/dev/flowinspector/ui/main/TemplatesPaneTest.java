package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.TemplateKey;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.session.TemplateSnapshot;
import dev.flowinspector.ui.session.TreeNode;
import dev.flowinspector.ui.templates.TemplatesView;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TreeItem;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Templates pane over the demo capture (v9 exporter 127.0.0.1:40552 defines templates 256 (options), 1024-1027
 * in frame 5; IPFIX exporter 127.0.0.1:39550 the same ids in frame 9; 127.0.0.1:53248 sends data set 1024 without
 * ever defining it, frames 12-14).
 */
@ExtendWith(ApplicationExtension.class)
class TemplatesPaneTest {

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

    private TemplatesView templates() {
        return window.templates();
    }

    /** Selects frame {@code n} and waits until its tree and template cache are shown. */
    private void frame(long n) throws Exception {
        run(() -> window.goToFrame(n));
        waitFor(() -> templates().snapshot() != null && templates().snapshot().frame() == n
                && window.details().getRoot() != null && !window.details().getRoot().getChildren().isEmpty());
    }

    /** Selects the top-level tree node whose label starts with the text, as a click on it does. */
    private void selectNode(String label) throws Exception {
        run(() -> {
            for (TreeItem<TreeNode> it : window.details().getRoot().getChildren()) {
                if (it.getValue().label().startsWith(label)) {
                    window.details().getSelectionModel().select(it);
                    return;
                }
            }
            throw new AssertionError("no node " + label);
        });
    }

    private TemplateKey selectedKey() throws Exception {
        return fx(() -> {
            TemplateSnapshot.Entry e = templates().table().getSelectionModel().getSelectedItem();
            return e == null ? null : e.key();
        });
    }

    private String life() throws Exception {
        return fx(() -> ((Label) templates().lookup("#template-life")).getText());
    }

    @Test
    @DisplayName("the template following the selected data set: id, exporter and domain")
    void templateFollowsDataSet() throws Exception {
        frame(5);
        run(() -> templates().table().getSelectionModel().select(3));
        selectNode("Options data set 256");
        TemplateKey k = selectedKey();
        assertNotNull(k);
        assertEquals(256, k.templateId());
        assertEquals("127.0.0.1:40552", k.exporter().toString());
        assertEquals(0, k.domain());
        assertEquals(9, k.version());
        selectNode("Data set 1024");
        assertEquals(1024, selectedKey().templateId());
        assertEquals(9, selectedKey().version());

        // frame 9: the IPFIX exporter's 1024, not the v9 exporter's that the cache also holds
        frame(9);
        run(() -> templates().table().getSelectionModel().select(templates().table().getItems().size() - 1));
        assertEquals(9, selectedKey().version(), "the v9 1024 is listed too");
        selectNode("Data set 1024");
        assertEquals(10, selectedKey().version());
        assertEquals("127.0.0.1:39550", selectedKey().exporter().toString());
        assertEquals(1024, selectedKey().templateId());

        // frame 12: an exporter that never defined 1024: nothing selected, and the life line says so
        frame(12);
        selectNode("Data set 1024");
        assertEquals(null, selectedKey());
        assertTrue(life().startsWith("Template 1024 of 127.0.0.1:53248 domain 0 is not known at frame 12"), life());
        assertTrue(fx(() -> templates().fieldsShown().isEmpty()));
    }

    @Test
    @DisplayName("a whole template shows at the default size; the life line clears with the selection")
    void wholeTemplateAndLifeLine() throws Exception {
        frame(6);
        selectNode("Data set 1024");
        assertEquals(1024, selectedKey().templateId());
        waitFor(() -> templates().fieldsShown().size() == 16);
        assertEquals("sourceIPv4Address", fx(() -> templates().fieldsShown().get(0).name()));
        assertEquals("ipClassOfService", fx(() -> templates().fieldsShown().get(15).name()));
        double rows = fx(() -> (double) templates().fieldsTable().getItems().size());
        double height = fx(() -> templates().fieldsTable().getHeight());
        assertTrue(rows * TemplatesView.FIELD_ROW + 24 <= height,
                rows + " rows of " + TemplatesView.FIELD_ROW + " px in a table " + height + " px high");
        assertTrue(life().startsWith("In the whole capture: used by 4 data sets (120 records)"), life());
        assertTrue(life().contains("sent once"), life());
        run(() -> templates().table().getSelectionModel().clearSelection());
        assertEquals("", life());
        assertTrue(fx(() -> templates().fieldsShown().isEmpty()));
    }

    @Test
    @DisplayName("a history entry links to its frame")
    void historyLinksToFrame() throws Exception {
        frame(7);
        selectNode("Data set 1024");
        waitFor(() -> templates().history().getItems().size() == 1);
        assertEquals(5, fx(() -> templates().history().getItems().get(0).frame()));
        waitFor(() -> templates().history().lookup(".hyperlink") != null); // the cell is laid out at the next pulse
        Hyperlink link = fx(() -> (Hyperlink) templates().history().lookup(".hyperlink"));
        assertEquals("frame 5", fx(link::getText));
        robot.clickOn(link);
        waitFor(() -> window.packetList().getSelectionModel().getSelectedItem() != null
                && window.packetList().getSelectionModel().getSelectedItem().number() == 5);
    }

    @Test
    @DisplayName("File > Close empties the pane: no cache, template, fields or history of the capture closed")
    void closeEmptiesThePane() throws Exception {
        frame(7);
        selectNode("Data set 1024");
        waitFor(() -> !templates().history().getItems().isEmpty() && !templates().fieldsShown().isEmpty());
        assertFalse(fx(() -> templates().table().getItems().isEmpty()));
        run(() -> ((MenuBar) window.scene().lookup("#menu-bar")).getMenus().get(0).getItems().stream()
                .filter(it -> "Close".equals(it.getText())).findFirst().orElseThrow().fire());
        waitFor(() -> window.session() == null);
        assertTrue(fx(() -> templates().snapshot() == null), "the cache of the capture closed");
        assertTrue(fx(() -> templates().table().getItems().isEmpty()), "its templates");
        assertTrue(fx(() -> templates().fieldsShown().isEmpty() && templates().fieldsTable().getItems().isEmpty()),
                "the fields of the template selected");
        assertTrue(fx(() -> templates().history().getItems().isEmpty()), "its history");
        assertEquals("", life());
        assertEquals("No packet selected", heading());
        assertTrue(fx(() -> templates().lookup("#template-export").isDisabled()), "nothing to export");
    }

    private String placeholder() throws Exception {
        return fx(() -> ((Label) templates().table().getPlaceholder()).getText());
    }

    @Test
    @DisplayName("the empty templates table says no packet is selected when none is, and no templates known at one")
    void placeholderWithoutPacket() throws Exception {
        assertEquals("No packet selected", fx(() -> ((Label) new TemplatesView().table().getPlaceholder()).getText()),
                "a pane that has shown no packet");
        frame(1); // NetFlow v5: no templates at it
        assertTrue(fx(() -> templates().table().getItems().isEmpty()));
        assertEquals("No templates known at this packet", placeholder());
        run(() -> ((MenuBar) window.scene().lookup("#menu-bar")).getMenus().get(0).getItems().stream()
                .filter(it -> "Close".equals(it.getText())).findFirst().orElseThrow().fire());
        waitFor(() -> window.session() == null);
        assertEquals("No packet selected", heading());
        assertEquals("No packet selected", placeholder(), "the heading and the table say the same");
    }

    private String heading() throws Exception {
        return fx(() -> ((Label) templates().lookup("#templates-heading")).getText());
    }

    @Test
    @DisplayName("a filter that hides every packet: no packet selected; a packet selected again shows its cache")
    void filterHidingEveryPacket() throws Exception {
        frame(7);
        selectNode("Data set 1024");
        waitFor(() -> !templates().history().getItems().isEmpty() && !templates().fieldsShown().isEmpty());
        assertTrue(heading().startsWith("Cache at frame 7: "), heading());
        run(() -> window.applyFilter("frame == 999999"));
        waitFor(() -> window.shownRows().isEmpty() && window.details().getRoot().getChildren().isEmpty());
        assertEquals(null, fx(() -> window.packetList().getSelectionModel().getSelectedItem()));
        assertEquals("No packet selected", heading(), "not the cache at the packet selected before");
        assertEquals("No packet selected", placeholder());
        assertTrue(fx(() -> templates().snapshot() == null && templates().table().getItems().isEmpty()));
        assertTrue(fx(() -> templates().fieldsShown().isEmpty() && templates().history().getItems().isEmpty()));
        assertEquals("", life());
        assertTrue(fx(() -> templates().lookup("#template-export").isDisabled()), "nothing to export");

        run(() -> window.applyFilter("")); // every packet shown again, none selected yet
        waitFor(() -> window.shownRows().size() == 14);
        assertEquals("No packet selected", heading());
        frame(7);
        assertTrue(heading().startsWith("Cache at frame 7: "), heading());
        assertFalse(fx(() -> templates().table().getItems().isEmpty()));
    }

    @Test
    @DisplayName("a packet that cannot be read: the pane says so instead of keeping the cache of the packet before")
    void packetThatCannotBeRead(@TempDir Path dir) throws Exception {
        Path cut = dir.resolve("cut.pcap");
        Files.copy(dev.flowinspector.testutil.TestPackets.demo(), cut);
        run(() -> window.open(cut));
        waitFor(() -> window.loading() == null && window.session() != null
                && window.session().name().equals("cut.pcap") && window.shownRows().size() == 14);
        frame(7);
        assertTrue(heading().startsWith("Cache at frame 7: "), heading());
        try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(cut) / 2); // frame 12 and those after it are no longer in the file
        }
        run(() -> window.goToFrame(12));
        waitFor(() -> "Frame 12 could not be read".equals(heading()));
        assertEquals("Frame 12 could not be read", placeholder());
        assertTrue(fx(() -> templates().snapshot() == null && templates().table().getItems().isEmpty()));
        assertTrue(fx(() -> templates().fieldsShown().isEmpty() && templates().history().getItems().isEmpty()));
        assertTrue(fx(() -> templates().lookup("#template-export").isDisabled()), "nothing to export");
        assertTrue(fx(() -> window.details().getRoot() == null || window.details().getRoot().getChildren().isEmpty()),
                "no tree of frame 7 either");
    }
}
