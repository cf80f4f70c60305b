package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.openDemo;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.decode.health.ExporterHealth;
import dev.flowinspector.testutil.PcapWriter;
import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.exporters.ExportersView;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.TreeNode;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableRow;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Paste hex into the open capture (the demo: v9 templates at frame 5 from 127.0.0.1:40552, data with them in frames
 * 6-8, v9 data without its exporter's templates in frames 12-14), or into a session of its own when nothing is open.
 */
@ExtendWith(ApplicationExtension.class)
class PasteControlTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    private static List<Frame> pasted(int seq) throws Exception {
        byte[] v5 = TestPackets.v5(seq, "10.1.2.3", "10.3.2.1", 5000, 53, 17, 2, 120);
        return HexPaste.parse(HexFormat.of().formatHex(v5)).stream().map(HexPaste.Packet::frame).toList();
    }

    /** Opens File > Paste Hex and types the text into it. */
    private void openDialog(FxRobot robot, String text) throws Exception {
        Platform.runLater(window::pasteHex);
        waitFor(() -> robot.lookup("#paste-text").tryQuery().isPresent());
        run(() -> robot.lookup("#paste-text").queryTextInputControl().setText(text));
    }

    private String preview(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup("#paste-preview").queryLabeled().getText());
    }

    private boolean decodeDisabled(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup("#paste-decode").query().isDisabled());
    }

    private void cancel(FxRobot robot) throws Exception {
        run(() -> robot.lookup((Node n) -> n instanceof Button b && b.getText().equals("Cancel")).queryButton().fire());
        waitFor(() -> robot.lookup("#paste-text").tryQuery().isEmpty());
    }

    /** The pasted-frame comment under the selected packet's Frame node, or null. */
    private String frameComment() throws Exception {
        return fx(() -> window.details().getRoot().getChildren().stream()
                .filter(f -> "frame".equals(f.getValue().fieldName())).flatMap(f -> f.getChildren().stream())
                .map(TreeItem::getValue).filter(v -> "frame.comment".equals(v.fieldName())).map(TreeNode::label)
                .findFirst().orElse(null));
    }

    private PacketSummary last() throws Exception {
        return fx(() -> window.session().row(window.session().size() - 1));
    }

    @Test
    @DisplayName("paste into the open capture with its templates: a v9 data packet is appended as a marked frame")
    void pasteIntoTheOpenCaptureWithItsTemplates(FxRobot robot) throws Exception {
        openDemo(window);
        assertEquals(32, fx(() -> window.shownRows().get(5).records()));
        byte[] ethernet = fx(() -> window.session().frame(5).frameBytes()); // frame 6 as captured
        openDialog(robot, HexFormat.of().formatHex(ethernet));
        String preview = preview(robot);
        assertTrue(preview.contains("NetFlow v9") && preview.contains("32 records")
                && preview.contains("templates as at frame 14 of exporter 127.0.0.1:40552"), preview);
        robot.clickOn("#paste-decode");
        waitFor(() -> window.shownRows().size() == 15);

        PacketSummary r = last();
        assertEquals(15, r.number());
        assertEquals(32, r.records(), "decoded with the capture's templates");
        assertNull(r.missing(), "no 'no template'");
        assertTrue(fx(() -> window.session().path() != null), "appended to the file's capture, not a new session");
        assertEquals(15, fx(() -> window.packetList().getSelectionModel().getSelectedItem().number()));
        assertTrue(fx(() -> window.statusLine().getText()).startsWith("Pasted 1 packet after frame 14 of "));
        // marked in the list: "Pasted" in Info and the row's pseudo-class
        String info = fx(() -> (String) window.packetList().getColumns().get(8).getCellData(r));
        assertTrue(info.startsWith("Pasted · NetFlow v9 seq ") && info.endsWith("32 records"), info);
        // rows are made when drawn (the list keeps no row objects): the same packet is the same number
        waitFor(() -> robot.lookup((Node n) -> n instanceof TableRow<?> t && t.getItem() instanceof PacketSummary p
                && p.number() == r.number() && t.getPseudoClassStates().contains(PseudoClass.getPseudoClass("pasted"))).tryQuery().isPresent());
        assertTrue(robot.lookup((Node n) -> n instanceof TableRow<?> t && t.getItem() instanceof PacketSummary p
                && p.number() != r.number() && t.getPseudoClassStates().contains(PseudoClass.getPseudoClass("pasted"))).queryAll().isEmpty(),
                "only the pasted row is marked");
        // and in the tree
        waitFor(() -> frameComment() != null);
        assertEquals("Comment: Pasted, decoded with the templates as at frame 14 (the end of the capture)",
                frameComment());
        assertNull(fx(() -> window.errorShown()));
    }

    /** The Exporters pane's row of a stream, by its text ("192.0.2.1:50000 IPFIX domain 7"), or null. */
    private ExporterHealth exporterRow(String stream) throws Exception {
        return fx(() -> window.exporters().getItems().stream().map(ExportersView.Row::health)
                .filter(h -> h != null && h.key().toString().equals(stream)).findFirst().orElse(null));
    }

    @Test
    @DisplayName("pasted packets count in the Exporters pane and in their template's uses, as in the packet list")
    void pastedCountInExportersAndTemplateUses(FxRobot robot, @TempDir Path dir) throws Exception {
        // IPFIX from 192.0.2.1:50000, domain 7: template 256 and a record, then a record
        Path capture = new PcapWriter()
                .udp("192.0.2.1", 50000, "192.0.2.100", 4739, 1_700_000_000_000_000L,
                        TestPackets.ipfix(0, true, "10.0.0.1", "10.0.0.2", 100))
                .udp("192.0.2.1", 50000, "192.0.2.100", 4739, 1_700_000_001_000_000L,
                        TestPackets.ipfix(1, false, "10.0.0.3", "10.0.0.4", 200))
                .write(dir.resolve("two.pcap"));
        run(() -> window.open(capture));
        waitFor(() -> window.loading() == null && window.shownRows().size() == 2);
        run(() -> window.tabs().getSelectionModel().select(window.tabs().getTabs().stream()
                .filter(t -> "tab-exporters".equals(t.getId())).findFirst().orElseThrow()));
        assertEquals(2, exporterRow("192.0.2.1:50000 IPFIX domain 7").records());

        // a data packet as a raw payload (the dialog offers the exporter of the templates) and a v5 packet
        String ipfix = HexFormat.of().formatHex(TestPackets.ipfix(2, false, "10.0.0.5", "10.0.0.6", 300));
        String v5 = HexFormat.of().formatHex(TestPackets.v5(1, "10.1.2.3", "10.3.2.1", 5000, 53, 17, 2, 120));
        openDialog(robot, ipfix + "\n\n" + v5);
        assertTrue(preview(robot).contains("1 record"), preview(robot));
        robot.clickOn("#paste-decode");
        waitFor(() -> window.shownRows().size() == 4);
        assertEquals(1, fx(() -> window.shownRows().get(2).records()));
        assertEquals("192.0.2.1:50000", fx(() -> window.shownRows().get(2).exporter().toString()));

        ExporterHealth ipfixRow = exporterRow("192.0.2.1:50000 IPFIX domain 7");
        assertEquals(3, ipfixRow.packets(), "the pasted IPFIX packet counts under its exporter");
        assertEquals(3, ipfixRow.records(), "as the packet list counts its record");
        assertEquals(0, ipfixRow.problems(), "a pasted packet is not checked against the stream");
        ExporterHealth v5Row = exporterRow("192.0.2.1:50000 NetFlow v5 engine 0/0");
        assertNotNull(v5Row, "the pasted v5 packet's exporter has a row: " + fx(() -> window.exporters().getItems()));
        assertEquals(1, v5Row.packets());
        assertEquals(1, v5Row.records());

        // the Templates pane, at the pasted packet: template 256 was used by three data sets
        run(() -> window.tabs().getSelectionModel().select(0));
        run(() -> window.goToFrame(3));
        waitFor(() -> window.templates().snapshot() != null && window.templates().snapshot().frame() == 3);
        run(() -> window.templates().table().getSelectionModel().select(0));
        String life = fx(() -> ((Label) window.templates().lookup("#template-life")).getText());
        assertTrue(life.startsWith("In the whole capture: used by 3 data sets (3 records); "), life);
    }

    @Test
    @DisplayName("raw payloads take the exporter address and port from the dialog; they choose whose templates apply")
    void exporterFields(FxRobot robot) throws Exception {
        openDemo(window);
        // frame 12: v9 data from port 53248, whose templates the capture lacks
        assertEquals("; set 1024: no template", fx(() -> window.shownRows().get(11).missing()));
        byte[] payload = fx(() -> window.session().frame(11).payload());
        openDialog(robot, HexFormat.of().formatHex(payload));
        run(() -> {
            robot.lookup("#paste-exporter-address").queryTextInputControl().setText("127.0.0.1");
            robot.lookup("#paste-exporter-port").queryTextInputControl().setText("53248");
        });
        assertTrue(preview(robot).contains("set 1024: no template"), preview(robot));
        run(() -> robot.lookup("#paste-exporter-address").queryTextInputControl().setText("10.0.0.300"));
        assertEquals("Not yet: exporter address '10.0.0.300' is not an IPv4 or IPv6 address", preview(robot));
        assertTrue(decodeDisabled(robot));
        run(() -> {
            robot.lookup("#paste-exporter-address").queryTextInputControl().setText("127.0.0.1");
            robot.lookup("#paste-exporter-port").queryTextInputControl().setText("40552");
        });
        assertTrue(preview(robot).contains("32 records"), preview(robot));
        robot.clickOn("#paste-decode");
        waitFor(() -> window.shownRows().size() == 15);
        PacketSummary r = last();
        assertEquals("127.0.0.1:40552", r.exporter().toString());
        assertEquals(32, r.records());
        assertNull(r.missing());
    }

    @Test
    @DisplayName("an observation domain given in the dialog: its templates decode a packet whose header says another")
    void domainField(FxRobot robot) throws Exception {
        openDemo(window);
        byte[] ethernet = fx(() -> window.session().frame(5).frameBytes()).clone(); // frame 6 as captured
        int sourceId = ethernet.length - fx(() -> window.session().frame(5).payload()).length + 16;
        long own = ((ethernet[sourceId] & 0xffL) << 24) | ((ethernet[sourceId + 1] & 0xff) << 16)
                | ((ethernet[sourceId + 2] & 0xff) << 8) | (ethernet[sourceId + 3] & 0xff);
        long edited = own + 5;
        ethernet[sourceId + 3] = (byte) edited; // the demo's source ids are small
        openDialog(robot, HexFormat.of().formatHex(ethernet));
        assertEquals("", fx(() -> robot.lookup("#paste-domain").queryTextInputControl().getText()),
                "empty by default: the header's own domain");
        assertTrue(preview(robot).contains("set 1024: no template"), preview(robot));
        run(() -> robot.lookup("#paste-domain").queryTextInputControl().setText("4294967296"));
        assertEquals("Not yet: observation domain '4294967296' is not a number from 0 to 4294967295 (empty: the one "
                + "in the export header)", preview(robot));
        assertTrue(decodeDisabled(robot));
        run(() -> robot.lookup("#paste-domain").queryTextInputControl().setText("zero"));
        assertTrue(preview(robot).startsWith("Not yet: observation domain 'zero' is not a number"), preview(robot));
        run(() -> robot.lookup("#paste-domain").queryTextInputControl().setText(Long.toString(own)));
        assertTrue(preview(robot).contains("32 records") && preview(robot).endsWith(", domain " + own),
                preview(robot));
        robot.clickOn("#paste-decode");
        waitFor(() -> window.shownRows().size() == 15);
        assertEquals(32, last().records());
        assertNull(last().missing());
        waitFor(() -> frameComment() != null);
        assertEquals("Comment: Pasted, decoded with the templates as at frame 14 (the end of the capture), with the "
                + "templates of domain " + own + " (the header says " + edited + ")", frameComment());
    }

    @Test
    @DisplayName("the templates as at a frame the user picks: before frame 5 the data has no template")
    void templatesAtAPickedFrame(FxRobot robot) throws Exception {
        openDemo(window);
        byte[] ethernet = fx(() -> window.session().frame(5).frameBytes());
        openDialog(robot, HexFormat.of().formatHex(ethernet));
        assertEquals(14, fx(() -> (Integer) ((Spinner<?>) robot.lookup("#paste-templates-at").query()).getValue()));
        run(() -> ((Spinner<Integer>) robot.lookup("#paste-templates-at").query()).getValueFactory().setValue(4));
        assertTrue(preview(robot).contains("set 1024: no template") && preview(robot).contains("as at frame 4"),
                preview(robot));
        robot.clickOn("#paste-decode");
        waitFor(() -> window.shownRows().size() == 15);
        assertEquals("; set 1024: no template", last().missing());
        assertEquals(0, last().records());
    }

    @Test
    @DisplayName("input that is not NetFlow/IPFIX says so, naming the version and the line")
    void notNetFlow(FxRobot robot) throws Exception {
        String v5 = HexFormat.of().formatHex(TestPackets.v5(1, "10.1.2.3", "10.3.2.1", 5000, 53, 17, 2, 120));
        openDialog(robot, v5 + "\n\ndeadbeef000102030405060708090a0b0c0d0e0f");
        assertEquals("Not a NetFlow/IPFIX packet: version 0xDEAD (57005) at byte 0 of the packet starting on line 3",
                preview(robot));
        assertTrue(decodeDisabled(robot));
        cancel(robot);
        assertNull(fx(() -> window.session()), "nothing was decoded");
    }

    @Test
    @DisplayName("bytes shorter than their version's header are refused, naming their length and the header's")
    void shorterThanItsHeader(FxRobot robot) throws Exception {
        openDialog(robot, "0005000100000000");
        assertEquals("Not a NetFlow/IPFIX packet: 8 bytes, too short for a NetFlow v5 header (24 bytes), at byte 0 of "
                + "the packet starting on line 1", preview(robot));
        assertTrue(decodeDisabled(robot));
        cancel(robot);
        assertNull(fx(() -> window.session()), "nothing was decoded");
    }

    @Test
    @DisplayName("with nothing open, pastes go to a session of their own, numbered on; then a file opened takes them")
    void pastesNumberOn(FxRobot robot) throws Exception {
        List<Frame> first = pasted(7);
        List<Frame> second = pasted(8);
        run(() -> window.addPasted(first));
        assertEquals("Pasted 1 packet", fx(() -> window.statusLine().getText()));
        run(() -> window.addPasted(second));
        assertEquals(2, fx(() -> window.shownRows().size()));
        assertEquals(List.of(1L, 2L), fx(() -> window.shownRows().stream().map(r -> r.number()).toList()));
        assertEquals("Pasted packets", fx(() -> window.session().name()));
        assertNull(fx(() -> window.session().path()));
        assertEquals(2, fx(() -> window.packetList().getSelectionModel().getSelectedItem().number()),
                "the packet just pasted is selected");
        assertTrue(fx(() -> window.scene().getWindow() instanceof Stage s && s.getTitle().startsWith("Pasted packets")));

        // the pasted packets exist nowhere else: opening a file asks first, and Discard lets it go
        Platform.runLater(() -> window.open(TestPackets.demo().toAbsolutePath()));
        waitFor(() -> robot.lookup((Node n) -> n instanceof Button b && b.getText().equals("Discard")).tryQuery()
                .isPresent());
        robot.clickOn(robot.lookup((Node n) -> n instanceof Button b && b.getText().equals("Discard")).queryButton());
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
        // pasting now appends to the file's capture, and the pasted packet counts as unsaved
        List<Frame> third = pasted(9);
        run(() -> window.addPasted(third));
        waitFor(() -> window.shownRows().size() == 15);
        assertEquals(15, fx(() -> window.shownRows().get(14).number()));
        assertNotNull(fx(() -> window.session().path()));
        assertEquals(1, fx(() -> window.session().unsaved()));
    }
}
