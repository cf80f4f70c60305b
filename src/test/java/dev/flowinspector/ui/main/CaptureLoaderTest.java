package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.common.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Opening, reading, closing and saving captures. */
@ExtendWith(ApplicationExtension.class)
class CaptureLoaderTest {

    private MainWindow window;
    private Stage stage;
    private final FxRobot robot = new FxRobot();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    @BeforeEach
    void openDemo() throws Exception {
        Fx.openDemo(window);
    }

    @Test
    @DisplayName("reading ends with what was read and, when they came before the end, how soon the first rows showed; the file is a recent one")
    void readingEnds() throws Exception {
        Path demo = TestPackets.demo().toAbsolutePath();
        String name = demo.getFileName().toString();
        long first = fx(() -> window.firstRowsMillis());
        assertTrue(first >= 0, "first rows time " + first);
        String line = fx(() -> window.statusLine().getText());
        assertTrue(line.startsWith(name + ": 14 export packets"), line);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" in (\\d+) ms").matcher(line);
        assertTrue(m.find(), line);
        long reading = Long.parseLong(m.group(1));
        if (first < reading) { // the first rows came before reading ended: how soon is said
            assertTrue(line.endsWith("; first rows shown after " + first + " ms"), line);
        } else { // they came with the end: a first-rows time later than the whole read would only puzzle
            assertFalse(line.contains("first rows"), line);
        }
        assertEquals(name + " — FlowInspector", fx(stage::getTitle));
        Menu recent = fx(() -> ((MenuBar) window.scene().lookup("#menu-bar")).getMenus().get(0).getItems().stream()
                .filter(i -> "Open Recent".equals(i.getText())).map(i -> (Menu) i).findFirst().orElseThrow());
        assertEquals(demo.toString(), fx(() -> recent.getItems().get(0).getText()));
        assertFalse(fx(recent::isDisable));
    }

    @Test
    @DisplayName("Ctrl+W closes the capture and shows the welcome page")
    void close() throws Exception {
        Node welcome = fx(() -> window.scene().lookup("#welcome"));
        assertFalse(fx(welcome::isVisible));
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        waitFor(() -> window.session() == null);
        assertTrue(fx(welcome::isVisible));
        assertEquals("FlowInspector", fx(stage::getTitle));
        assertEquals("Ready", fx(() -> window.statusLine().getText()));
        assertEquals("", fx(() -> ((Label) window.scene().lookup("#counts")).getText()));
        assertEquals(0, fx(() -> window.shownRows().size()));
        assertTrue(fx(() -> window.details().getRoot() == null || window.details().getRoot().getChildren().isEmpty()));
        assertEquals(0, fx(() -> window.hex().data() == null ? 0 : window.hex().data().length));
    }

    @Test
    @DisplayName("the welcome page gives each recent file its size and marks one that has gone; Clear Recent empties the list")
    void recentFiles(@TempDir Path dir) throws Exception {
        Path kept = dir.resolve("kept.pcap");
        Path gone = dir.resolve("gone.pcap");
        Files.copy(TestPackets.demo(), kept);
        Files.copy(TestPackets.demo(), gone);
        for (Path p : List.of(gone, kept)) {
            run(() -> window.open(p));
            waitFor(() -> window.loading() == null && window.session() != null
                    && window.session().name().equals(p.getFileName().toString()));
        }
        Files.delete(gone);
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        waitFor(() -> window.session() == null);
        VBox list = fx(() -> (VBox) window.scene().lookup("#welcome-recent"));
        String size = "(" + dev.flowinspector.engine.flow.FlowNames.bytes(Files.size(kept)) + ")";
        waitFor(() -> !note(list, 0).isEmpty() && !note(list, 1).isEmpty());
        assertEquals(kept.toString(), fx(() -> link(list, 0).getText()));
        assertEquals(size, fx(() -> note(list, 0)));
        assertFalse(fx(() -> link(list, 0).isDisable()));
        assertEquals(gone.toString(), fx(() -> link(list, 1).getText()));
        assertEquals("(not found)", fx(() -> note(list, 1)));
        assertTrue(fx(() -> link(list, 1).isDisable()));

        Menu recent = fx(() -> ((MenuBar) window.scene().lookup("#menu-bar")).getMenus().get(0).getItems().stream()
                .filter(i -> "Open Recent".equals(i.getText())).map(i -> (Menu) i).findFirst().orElseThrow());
        MenuItem clear = fx(() -> recent.getItems().get(recent.getItems().size() - 1));
        assertEquals("Clear Recent", clear.getText());
        run(clear::fire);
        assertTrue(fx(recent::isDisable));
        assertTrue(fx(() -> recent.getItems().isEmpty()));
        assertEquals("(none yet)", fx(() -> ((Label) list.getChildren().get(0)).getText()));
        assertTrue(new Settings().recent().isEmpty());
    }

    private static Hyperlink link(VBox list, int i) {
        return (Hyperlink) ((HBox) list.getChildren().get(i)).getChildren().get(0);
    }

    private static String note(VBox list, int i) {
        return ((Label) ((HBox) list.getChildren().get(i)).getChildren().get(1)).getText();
    }

    @Test
    @DisplayName("a file that does not exist says so and keeps the capture open")
    void missingFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("gone.pcap");
        run(() -> window.open(missing));
        assertEquals(missing + ": no such file", fx(() -> window.errorShown()));
        assertEquals(14, fx(() -> window.shownRows().size()));
        assertEquals(TestPackets.demo().getFileName().toString(), fx(() -> window.session().name()));
    }

    @Test
    @DisplayName("saving without a filter writes every packet")
    void saveAll(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("all.pcapng");
        run(() -> window.save(out));
        waitFor(() -> window.statusLine().getText().equals("Saved 14 packets to " + out));
    }

    @Test
    @DisplayName("a file with no export packet: the list says so, as the status line does")
    void noExportPackets(@TempDir Path dir) throws Exception {
        // a pcap file (little-endian, Ethernet) of one ARP frame
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 16 + 42).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(1_700_000_000).putInt(0).putInt(42).putInt(42);
        b.put(new byte[12]).putShort((short) 0x0608); // EtherType 0x0806 (ARP), big-endian on the wire
        Path none = dir.resolve("none.pcap");
        Files.write(none, b.array());
        run(() -> window.open(none));
        waitFor(() -> window.loading() == null && "none.pcap".equals(window.session().name()));
        String line = fx(() -> window.statusLine().getText());
        assertTrue(line.startsWith("none.pcap: 0 export packets, 1 other frames skipped"), line);
        assertEquals("No export packets in this capture", Fx.packetListPlaceholder(window));
    }
}
