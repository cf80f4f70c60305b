package dev.flowinspector.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Template;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.engine.TemplateFile;
import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.session.TreeNode;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.main.MainWindow;
import dev.flowinspector.ui.problems.ProblemsView;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real main window (headless Monocle) over the project's demo capture. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    static {
        System.setProperty("flowinspector.prefs", "dev/flowinspector/ui-test");
    }

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    @BeforeEach
    void openDemo() throws Exception {
        fx(() -> {
            window.open(TestPackets.demo().toAbsolutePath());
            return null;
        });
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
        waitFor(() -> window.details().getRoot() != null && !window.details().getRoot().getChildren().isEmpty());
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(c).get());
    }

    private void select(int row) throws Exception {
        fx(() -> {
            window.packetList().getSelectionModel().clearAndSelect(row);
            return null;
        });
        long frame = fx(() -> window.packetList().getSelectionModel().getSelectedItem().number());
        waitFor(() -> window.templates().snapshot() != null && window.templates().snapshot().frame() == frame);
    }

    private TreeNode findNode(String fieldName) throws Exception {
        return fx(() -> dev.flowinspector.testutil.TreeItems.find(window.details().getRoot(), fieldName));
    }

    @Test
    @DisplayName("the list stays sorted by the sorted column when another capture is opened")
    void sortKeptAcrossCaptures() throws Exception {
        fx(() -> {
            var length = window.packetList().getColumns().stream().filter(c -> c.getText().equals("Length"))
                    .findFirst().orElseThrow();
            length.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            window.packetList().getSortOrder().setAll(List.of(length));
            return null;
        });
        assertTrue(fx(() -> descendingLength(window.shownRows())));
        fx(() -> {
            window.open(TestPackets.demo().toAbsolutePath());
            return null;
        });
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
        assertTrue(fx(() -> descendingLength(window.shownRows())));
        assertTrue(fx(() -> window.shownRows().get(0).length() > window.shownRows().get(13).length()));
    }

    private static boolean descendingLength(List<dev.flowinspector.ui.session.PacketSummary> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i - 1).length() < rows.get(i).length()) {
                return false;
            }
        }
        return rows.size() > 1;
    }

    @Test
    @DisplayName("selecting a tree node highlights its bytes, and clicking a byte selects its node")
    void treeAndHexInSync() throws Exception {
        select(0);
        // the whole frame (Ethernet, IPv4, UDP, export packet), the export packet's 1464 bytes tinted behind 42
        assertEquals(1506, fx(() -> window.hex().data().length));
        assertEquals(42, fx(() -> window.hex().payloadStart()));
        assertEquals(1464, fx(() -> window.hex().payloadLength()));
        TreeNode src = findNode("nf5.sourceIPv4Address");
        assertNotNull(src);
        fx(() -> {
            window.details().select(src);
            return null;
        });
        assertEquals(42 + 24, fx(() -> window.hex().selectionStartProperty().get()));
        assertEquals(4, fx(() -> window.hex().selectionLengthProperty().get()));
        fx(() -> {
            window.hex().clickByte(42 + 1);
            return null;
        });
        TreeNode version = fx(() -> window.details().selected());
        assertTrue(version.label().startsWith("version: 5"), version.label());
        assertEquals(42, fx(() -> window.hex().selectionStartProperty().get()));
        assertEquals(2, fx(() -> window.hex().selectionLengthProperty().get()));
    }

    @Test
    @DisplayName("whole-frame hex highlight: the IPv4 TTL node highlights its byte in the frame, an export field its bytes behind the headers")
    void wholeFrameHexHighlight() throws Exception {
        select(0);
        TreeNode ttl = findNode("ip.ttl");
        assertNotNull(ttl);
        // as tshark shows frame 1 of the demo capture: TTL 64, IPv4 header checksum 0x0bdb
        assertEquals("Time to live: 64", ttl.label());
        assertEquals("Header checksum: 0x0bdb, correct", findNode("ip.checksum").label());
        assertTrue(findNode("udp.checksum").label().startsWith("Checksum: 0x"), findNode("udp.checksum").label());
        fx(() -> {
            window.details().select(ttl);
            return null;
        });
        assertEquals(14 + 8, fx(() -> window.hex().selectionStartProperty().get()));
        assertEquals(1, fx(() -> window.hex().selectionLengthProperty().get()));
        assertEquals(64, fx(() -> window.hex().data()[14 + 8] & 0xff));
        // the selected IPv4 node is shown expanded in the tree
        assertTrue(fx(() -> window.details().getSelectionModel().getSelectedItem().getParent().isExpanded()));

        // an export field: its bytes in the frame are its bytes in the export packet, 42 bytes on
        TreeNode src = findNode("nf5.sourceIPv4Address");
        fx(() -> {
            window.details().select(src);
            return null;
        });
        assertEquals(42 + 24, fx(() -> window.hex().selectionStartProperty().get()));
        assertEquals(4, fx(() -> window.hex().selectionLengthProperty().get()));
        String dotted = fx(() -> {
            byte[] d = window.hex().data();
            return (d[66] & 0xff) + "." + (d[67] & 0xff) + "." + (d[68] & 0xff) + "." + (d[69] & 0xff);
        });
        assertTrue(src.label().endsWith(": " + dotted) || src.label().contains(": " + dotted + " "),
                src.label() + " vs " + dotted);

        // and back: a click on the UDP destination port selects it
        fx(() -> {
            window.hex().clickByte(14 + 20 + 3);
            return null;
        });
        assertEquals("udp.dstport", fx(() -> window.details().selected().fieldName()));
        assertEquals(14 + 20 + 2, fx(() -> window.hex().selectionStartProperty().get()));
    }

    @Test
    @DisplayName("the templates pane shows the cache as it stood at the selected packet")
    void templatesAtTwoPackets() throws Exception {
        select(0);
        assertEquals(0, fx(() -> window.templates().table().getItems().size()));
        select(4);
        assertEquals(5, fx(() -> window.templates().table().getItems().size()));
        assertTrue(fx(() -> window.templates().table().getItems().stream().allMatch(e -> e.key().version() == 9)));
        select(9);
        assertEquals(10, fx(() -> window.templates().table().getItems().size()));
    }

    @Test
    @DisplayName("choosing a problem in Expert Info selects its packet and the problem in the tree")
    void problemsClickThrough() throws Exception {
        select(0);
        ProblemEntry first = fx(() -> {
            window.tabs().getSelectionModel().select(1);
            TreeItem<ProblemsView.Row> root = window.problems().getRoot();
            for (TreeItem<ProblemsView.Row> sev : root.getChildren()) {
                for (TreeItem<ProblemsView.Row> code : sev.getChildren()) {
                    if (code.getValue().code().startsWith("template") || code.getValue().code().contains("missing")) {
                        code.setExpanded(true);
                        window.problems().getSelectionModel().select(code.getChildren().get(0));
                        return code.getChildren().get(0).getValue().entry();
                    }
                }
            }
            TreeItem<ProblemsView.Row> any = root.getChildren().get(0).getChildren().get(0).getChildren().get(0);
            window.problems().getSelectionModel().select(any);
            return any.getValue().entry();
        });
        assertNotNull(first);
        waitFor(() -> window.packetList().getSelectionModel().getSelectedItem().index() == first.index());
        waitFor(() -> window.details().selected() != null && first.problem().equals(window.details().selected().problem()));
        // the bytes pane shows the whole frame: the problem's bytes lie behind Ethernet, IPv4 and UDP (42 bytes)
        assertEquals(42, fx(() -> window.hex().payloadStart()));
        assertEquals(first.problem().offset() + 42, fx(() -> window.hex().selectionStartProperty().get()));
    }

    @Test
    @DisplayName("a display filter narrows the list; a bad one says why and changes nothing")
    void filter() throws Exception {
        clickOnFilterAndType("version == 10");
        waitFor(() -> window.shownRows().size() == 3);
        assertTrue(fx(() -> window.shownRows().stream().allMatch(r -> r.version() == 10)));
        clickOnFilterAndType("template.id == 1024 && records == 0");
        // the previous filter also shows 3 rows: wait for these rows, not for the count
        waitFor(() -> window.shownRows().size() == 3 && window.shownRows().stream().allMatch(r -> r.number() >= 12));
        clickOnFilterAndType("version = 10");
        waitFor(() -> !window.filterMessage().getText().isEmpty());
        assertTrue(fx(() -> window.filterMessage().getText()).contains("is not an operator"));
        assertEquals(3, fx(() -> window.shownRows().size()));
        clickOnFilterAndType("");
        waitFor(() -> window.shownRows().size() == 14);
    }

    private final FxRobot robot = new FxRobot();

    private void clickOnFilterAndType(String text) throws Exception {
        fx(() -> {
            window.filterField().setText(text);
            window.filterField().requestFocus();
            return null;
        });
        robot.type(KeyCode.ENTER);
    }

    /** The same v5 packet as a hex stream, a Wireshark hex dump and a Python bytes literal. */
    static String pasteText(String format, byte[] b) {
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case "hex stream" -> sb.append(HexFormat.of().formatHex(b));
            case "Wireshark hex dump" -> {
                for (int i = 0; i < b.length; i += 16) {
                    sb.append(String.format("%04x   ", i))
                            .append(HexFormat.ofDelimiter(" ").formatHex(b, i, Math.min(b.length, i + 16))).append('\n');
                }
            }
            default -> {
                sb.append("b'");
                for (byte x : b) {
                    sb.append(String.format("\\x%02x", x & 0xff));
                }
                sb.append("'");
            }
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hex stream", "Wireshark hex dump", "Python bytes"})
    @DisplayName("Ctrl+Shift+V pastes hex: the dialog names the format and the packet is decoded, after the open capture")
    void pasteHex(String format) throws Exception {
        byte[] v5 = TestPackets.v5(77, "10.1.2.3", "10.3.2.1", 5000, 53, 17, 2, 120);
        String text = pasteText(format, v5);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.V).release(KeyCode.V, KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#paste-text").tryQuery().isPresent());
        fx(() -> {
            robot.lookup("#paste-text").queryTextInputControl().setText(text);
            return null;
        });
        String preview = fx(() -> robot.lookup("#paste-preview").queryLabeled().getText());
        assertTrue(preview.startsWith("Detected: " + format + "; 1 packet, first 72 bytes: NetFlow v5 seq 77"), preview);
        robot.clickOn("#paste-decode");
        waitFor(() -> window.shownRows().size() == 15 && window.session().path() != null); // appended to the demo
        waitFor(() -> findNode("nf5.sourceIPv4Address") != null);
        assertEquals("sourceIPv4Address: 10.1.2.3", findNode("nf5.sourceIPv4Address").label());
        assertNull(fx(() -> window.errorShown()));
    }

    @Test
    @DisplayName("templates exported at a packet import into a new decode: data without templates decodes")
    void exportAndImportTemplates(@TempDir Path dir) throws Exception {
        select(4);
        Path json = dir.resolve("templates.json");
        fx(() -> {
            window.exportTemplates(json);
            return null;
        });
        waitFor(() -> window.statusLine().getText().startsWith("Exported 5 templates"));
        List<Template> back = TemplateFile.read(json);
        assertEquals(5, back.size());
        assertEquals(List.of(256, 1024, 1025, 2048, 2049),
                back.stream().map(Template::id).sorted().toList());
        assertEquals(3, (long) fx(() -> window.shownRows().stream().filter(r -> r.missing() != null).count()));
        fx(() -> {
            window.importTemplates(json);
            return null;
        });
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14
                && window.shownRows().stream().noneMatch(r -> r.missing() != null));
        assertEquals(32, fx(() -> window.shownRows().get(11).records()));
    }

    @Test
    @DisplayName("saving with a filter writes only the displayed packets")
    void saveFiltered(@TempDir Path dir) throws Exception {
        clickOnFilterAndType("version == 5");
        waitFor(() -> window.shownRows().size() == 4);
        Path out = dir.resolve("v5.pcapng");
        fx(() -> {
            window.save(out);
            return null;
        });
        waitFor(() -> window.statusLine().getText().startsWith("Saved 4 packets"));
        try (Session s = Session.forFile(out, DecodingOptions.defaults())) {
            s.load((r, p, g) -> { }, () -> false);
            assertEquals(4, s.size());
            assertTrue(s.rows().stream().allMatch(r -> r.version() == 5));
        }
    }

    @Test
    @DisplayName("listening on a loopback UDP port shows exports as they arrive; Stop keeps them")
    void listenOnUdp() throws Exception {
        java.net.InetAddress lo = dev.flowinspector.testutil.Loopback.v4(1);
        List<dev.flowinspector.decode.Endpoint> at = fx(() -> window.listen(lo, 0));
        assertEquals(1, at.size());
        int port = at.get(0).port();
        try (java.net.DatagramSocket out = new java.net.DatagramSocket(0, lo)) {
            for (byte[] b : List.of(TestPackets.ipfix(0, true, "10.0.0.1", "10.0.0.2", 1500),
                    TestPackets.ipfix(1, false, "10.0.0.3", "10.0.0.4", 40))) {
                out.send(new java.net.DatagramPacket(b, b.length, lo, port));
            }
        }
        waitFor(() -> window.shownRows().size() == 2);
        assertEquals(1, fx(() -> window.shownRows().get(1).records()));
        assertEquals(lo.getHostAddress(), fx(() -> window.shownRows().get(0).exporter().address()));
        fx(() -> {
            window.stopLoading();
            return null;
        });
        waitFor(() -> window.loading() == null);
        assertEquals(2, fx(() -> window.session().size()));
    }

    @Test
    @DisplayName("a file that is not a capture shows a one-line error in the window")
    void badFile() throws Exception {
        Path notPcap = Path.of("pom.xml").toAbsolutePath();
        fx(() -> {
            window.open(notPcap);
            return null;
        });
        waitFor(() -> window.errorShown() != null);
        String e = fx(() -> window.errorShown());
        assertTrue(e.contains("pom.xml") && e.contains("not a capture file"), e);
    }
}
