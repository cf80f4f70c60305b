package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.details.DetailsView;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.ui.session.TreeNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Field tooltips, tcpControlBits flags, custom columns, time formats and opening a file that is not a capture. */
@ExtendWith(ApplicationExtension.class)
class ColumnsTest {

    private MainWindow window;
    private final Settings settings = new Settings();

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, settings);
        stage.show();
    }

    @BeforeEach
    void openDemo() throws Exception {
        Fx.openDemo(window);
    }

    @AfterEach
    void forgetColumns() throws Exception {
        run(() -> {
            for (String n : window.columns().names()) {
                window.columns().remove(n);
            }
            item("time-format-SINCE_START").fire();
        });
        // dividers left by a test would size the next test class's window (the preferences node is shared)
        java.util.prefs.Preferences node = java.util.prefs.Preferences.userRoot().node(System.getProperty("flowinspector.prefs"));
        node.remove("dividers.main");
        node.remove("dividers.details-hex");
    }

    /** Selects the first shown packet with this protocol ("NetFlow v5", "IPFIX") and waits for its tree. */
    private void selectFirst(String protocol) throws Exception {
        int row = fx(() -> {
            for (int i = 0; i < window.shownRows().size(); i++) {
                if (window.shownRows().get(i).protocol().equals(protocol)) {
                    return i;
                }
            }
            return -1;
        });
        assertTrue(row >= 0, "no " + protocol + " packet in the demo");
        run(() -> window.packetList().getSelectionModel().clearAndSelect(row));
        waitFor(() -> {
            TreeItem<TreeNode> r = window.details().getRoot();
            return r != null && r.getChildren().stream().anyMatch(c -> c.getValue().label().startsWith(protocol));
        });
    }

    private TreeNode find(String fieldName) throws Exception {
        return fx(() -> dev.flowinspector.testutil.TreeItems.find(window.details().getRoot(), fieldName));
    }

    private MenuItem item(String id) {
        MenuBar bar = (MenuBar) window.scene().lookup("#menu-bar");
        List<MenuItem> todo = new ArrayList<>();
        for (Menu m : bar.getMenus()) {
            todo.addAll(m.getItems());
        }
        while (!todo.isEmpty()) {
            MenuItem i = todo.remove(0);
            if (id.equals(i.getId())) {
                return i;
            }
            if (i instanceof Menu m) {
                todo.addAll(m.getItems());
            }
        }
        throw new AssertionError("no menu item " + id);
    }

    @Test
    @DisplayName("a record field's tooltip gives its element name, IE id, type, unit and description")
    void tooltip() throws Exception {
        selectFirst("IPFIX");
        TreeNode octets = find("ipfix.octetDeltaCount");
        assertNotNull(octets, "octetDeltaCount in the IPFIX packet");
        String tip = fx(octets::tooltip);
        assertTrue(tip.startsWith("octetDeltaCount\nIE id 1, unsigned64, deltaCounter\nUnit: octets\n"), tip);
        assertTrue(tip.contains("Bytes " + octets.offset() + "-" + (octets.offset() + octets.length() - 1)), tip);
        // the cell showing the node carries that tooltip
        run(() -> window.details().select(octets));
        // the cell is laid out at the next pulse after the tree scrolled to it
        waitFor(() -> window.details().lookupAll(".tree-cell").stream()
                .map(n -> (javafx.scene.control.TreeCell<?>) n)
                .anyMatch(c -> c.getItem() == octets && c.getTooltip() != null));
        String shown = fx(() -> window.details().lookupAll(".tree-cell").stream()
                .map(n -> (javafx.scene.control.TreeCell<?>) n)
                .filter(c -> c.getItem() == octets && c.getTooltip() != null)
                .map(c -> c.getTooltip().getText()).findFirst().orElse(null));
        assertEquals(tip, shown);
        // a header field has no element: its field name and bytes (frame bytes: 42 of Ethernet, IPv4 and UDP first)
        String seq = fx(() -> find("ipfix.header.sequenceNumber").tooltip());
        assertTrue(seq.startsWith("ipfix.header.sequenceNumber\nBytes 50-53"), seq);
    }

    @Test
    @DisplayName("tcpControlBits is broken into its flags (RFC 7125), each over the byte holding it")
    void tcpFlags() throws Exception {
        for (String protocol : List.of("IPFIX", "NetFlow v5")) {
            selectFirst(protocol);
            TreeNode bits = find((protocol.equals("IPFIX") ? "ipfix" : "nf5") + ".tcpControlBits");
            assertNotNull(bits, "tcpControlBits in the " + protocol + " packet");
            assertEquals(1, bits.length(), "softflowd exports one byte");
            long v = (Long) bits.value();
            List<TreeNode> flags = bits.children();
            String[] names = {"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"};
            assertEquals(names.length, flags.size(), "one byte holds no NS bit");
            for (int k = 0; k < names.length; k++) {
                boolean set = (v & (1L << (7 - k))) != 0;
                TreeNode f = flags.get(k);
                String pattern = ".".repeat(k) + (set ? "1" : "0") + ".".repeat(7 - k);
                assertEquals(pattern.substring(0, 4) + " " + pattern.substring(4) + " = " + names[k] + ": "
                        + (set ? "Set" : "Not set"), f.label());
                assertEquals(set, f.value());
                assertEquals(bits.offset(), f.offset());
                assertEquals(1, f.length());
            }
        }
    }

    @Test
    @DisplayName("Apply as column adds a column showing the field's values in every row, kept in the settings")
    void applyAsColumn() throws Exception {
        selectFirst("IPFIX");
        TreeNode port = find("ipfix.destinationTransportPort");
        assertEquals("destinationTransportPort", DetailsView.columnFor(port));
        run(() -> window.details().select(port));
        MenuItem apply = fx(() -> window.details().getContextMenu().getItems().stream()
                .filter(i -> "details-apply-column".equals(i.getId())).findFirst().orElseThrow());
        run(apply::fire);
        TableColumn<PacketSummary, ?> col = fx(() -> window.columns().column("destinationTransportPort"));
        assertNotNull(col);
        assertEquals(List.of("destinationTransportPort"), settings.customColumns());
        assertSame(col, fx(() -> window.packetList().getColumns().get(window.packetList().getColumns().size() - 2)));
        Session s = fx(window::session);
        for (int i = 0; i < 14; i++) {
            int row = i;
            PacketSummary r = fx(() -> window.shownRows().get(row));
            String expected = dev.flowinspector.ui.session.FieldValues.text(s.packet(r.index()), "destinationTransportPort");
            waitFor(() -> expected.equals(col.getCellData(r)));
            if (r.protocol().equals("IPFIX") && r.records() > 0) {
                assertTrue(expected.matches("\\d+( \\(\\w+\\))?(,\\d+( \\(\\w+\\))?)*(,… \\(\\d+ values\\))?"), expected);
            }
            if (r.records() == 0) {
                assertEquals("", expected);
            }
        }
        // a header field too; an unknown name is refused with the nearest name
        assertNull(fx(() -> window.columns().add("sequence")));
        TableColumn<PacketSummary, ?> seq = fx(() -> window.columns().column("sequence"));
        PacketSummary last = fx(() -> window.shownRows().get(13));
        waitFor(() -> Long.toString(last.sequence()).equals(seq.getCellData(last)));
        String why = fx(() -> window.columns().add("sourceIPv4Adress"));
        assertTrue(why.contains("unknown field 'sourceIPv4Adress'") && why.contains("sourceIPv4Address"), why);
        assertEquals(List.of("destinationTransportPort", "sequence"), settings.customColumns());
        // Wireshark's name is taken as the IANA one
        assertNull(fx(() -> window.columns().add("cflow.srcaddr")));
        assertNotNull(fx(() -> window.columns().column("sourceIPv4Address")));
    }

    @Test
    @DisplayName("View > Time Display Format changes the Time column: since start, absolute, delta, delta per exporter")
    void timeFormats() throws Exception {
        List<PacketSummary> rows = fx(() -> List.copyOf(window.shownRows()));
        long first = rows.get(0).timeNanos();
        run(() -> item("time-format-SINCE_START").fire());
        assertEquals(String.format("%.6f", (rows.get(5).timeNanos() - first) / 1e9), time(rows.get(5)));
        run(() -> item("time-format-DELTA_PREVIOUS").fire());
        assertEquals(String.format("%.6f", 0.0), time(rows.get(0)));
        assertEquals(String.format("%.6f", (rows.get(5).timeNanos() - rows.get(4).timeNanos()) / 1e9), time(rows.get(5)));
        run(() -> item("time-format-DELTA_SAME_EXPORTER").fire());
        // the demo's exporters follow each other: v5 (1-4), v9 (5-8), IPFIX (9-11), v9 again (12-14)
        assertEquals("", time(rows.get(4)), "first packet of its exporter");
        assertEquals(String.format("%.6f", (rows.get(5).timeNanos() - rows.get(4).timeNanos()) / 1e9), time(rows.get(5)));
        run(() -> item("time-format-ABSOLUTE").fire());
        String abs = time(rows.get(5));
        assertTrue(abs.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"), abs);
        assertEquals("ABSOLUTE", settings.timeFormat(""));
    }

    private String time(PacketSummary r) throws Exception {
        return fx(() -> window.packetList().getColumns().stream().filter(c -> "column-time".equals(c.getId()))
                .findFirst().orElseThrow().getCellData(r).toString());
    }

    @Test
    @DisplayName("opening a file that is not a capture keeps the capture open and says so once")
    void notACapture(@TempDir Path dir) throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n");
        Session before = fx(window::session);
        run(() -> window.open(passwd));
        assertSame(before, fx(window::session));
        assertEquals(14, (int) fx(() -> window.shownRows().size()));
        String error = fx(window::errorShown);
        assertTrue(error.startsWith("passwd: not a capture file"), error);
        assertEquals(1, error.split("not a capture file", -1).length - 1, error);
        String status = fx(() -> window.statusLine().getText());
        assertTrue(!status.contains("not a capture file"), status);
        assertTrue(fx(() -> window.details().getRoot().getChildren().size()) > 0, "details still shown");
    }

    @Test
    @DisplayName("column widths and divider positions are remembered; recent files keep underscores")
    void layoutRemembered() throws Exception {
        TableColumn<PacketSummary, ?> exporter = fx(() -> window.packetList().getColumns().stream()
                .filter(c -> c.getText().equals("Exporter")).findFirst().orElseThrow());
        run(() -> exporter.setPrefWidth(233));
        waitFor(() -> exporter.getWidth() == 233);
        assertEquals(233, settings.columnWidth("Exporter", -1));
        javafx.scene.control.SplitPane main = fx(() -> {
            javafx.scene.Node n = window.packetList();
            while (!(n instanceof javafx.scene.control.SplitPane)) {
                n = n.getParent();
            }
            return (javafx.scene.control.SplitPane) n;
        });
        run(() -> main.setDividerPositions(0.25, 0.6));
        double[] kept = settings.dividers("main", new double[] {0, 0});
        assertEquals(0.25, kept[0], 0.01);
        assertEquals(0.6, kept[1], 0.01);
        run(() -> main.setDividerPositions(0.27, 0.69)); // the defaults again (the other tests' window sizes)
        Path underscored = Files.copy(dev.flowinspector.testutil.TestPackets.demo(),
                Files.createTempDirectory("cols").resolve("my_demo_file.pcap"));
        run(() -> window.open(underscored));
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
        MenuItem recent = fx(() -> {
            Menu open = (Menu) ((MenuBar) window.scene().lookup("#menu-bar")).getMenus().get(0).getItems().stream()
                    .filter(i -> "Open Recent".equals(i.getText())).findFirst().orElseThrow();
            return open.getItems().get(0);
        });
        assertEquals(underscored.toString(), recent.getText());
        assertTrue(!recent.isMnemonicParsing(), "underscores are shown, not mnemonics");
        Files.delete(underscored);
    }

    @Test
    @DisplayName("the first opening of the demo shows what to look at first; the welcome page offers interface capture")
    void demoHint() throws Exception {
        assertNotNull(fx(() -> window.scene().lookup("#welcome-capture")));
        java.util.prefs.Preferences.userRoot().node(System.getProperty("flowinspector.prefs")).remove("demoShown");
        assertTrue(settings.firstStart());
        run(window::openDemo);
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
        String hint = fx(window::demoHintShown);
        assertNotNull(hint);
        assertTrue(hint.contains("frames 12-14") && hint.contains("Expert Info"), hint);
        assertTrue(!settings.firstStart());
        // another capture: the hint goes; the demo again: no hint
        run(() -> window.open(dev.flowinspector.testutil.TestPackets.demo().toAbsolutePath()));
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
        assertNull(fx(window::demoHintShown));
        run(window::openDemo);
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
        assertNull(fx(window::demoHintShown));
    }
}
