package dev.flowinspector.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.engine.filter.DisplayFilter;
import dev.flowinspector.testutil.TestPackets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packets pasted into an open capture: appended after its last frame, decoded with its templates as at a frame, the
 * same in the row, the details, the display filter and a saved file. The demo capture: v9 templates at frame 5 from
 * 127.0.0.1:40552, data with them in frames 6-8; frames 12-14 are v9 data from port 53248, whose templates it lacks.
 */
class PastedFramesTest {

    private static Session demo() throws Exception {
        Session s = Session.forFile(TestPackets.demo(), DecodingOptions.defaults());
        s.load((r, p, g) -> { }, () -> false);
        return s;
    }

    /** The export payload of a frame of the capture, pasted as a hex stream with no headers. */
    private static List<Frame> raw(Session s, int index, String address, int port) throws Exception {
        String hex = HexFormat.of().formatHex(s.frame(index).payload());
        return HexText.parse(hex).withExporter(new Endpoint(address, port)).frames();
    }

    @Test
    @DisplayName("a v9 data packet pasted without headers decodes with the templates of the exporter it is given")
    void rawPayloadWithTheCapturesTemplates() throws Exception {
        try (Session s = demo()) {
            assertEquals(14, s.size());
            assertEquals(32, s.row(5).records());
            List<ProblemEntry> probs = new ArrayList<>();
            PacketSummary r = s.addPasted(raw(s, 5, "127.0.0.1", 40552), -1, -1, probs).get(0);
            assertEquals(15, r.number());
            assertEquals(14, r.index());
            assertEquals(32, r.records());
            assertNull(r.missing());
            assertTrue(s.pasted(14));
            assertFalse(s.pasted(5));
            assertEquals(15, s.size());
            assertEquals("Pasted, decoded with the templates as at frame 14 (the end of the capture)",
                    s.frame(14).comment());
            ExportPacket again = s.packet(14); // what the details show
            assertEquals(32, again.recordCount());

            // frame 12's data has no template of its own exporter; given exporter 40552 it decodes with its templates
            assertEquals("; set 1024: no template", s.row(11).missing());
            PacketSummary orphan = s.addPasted(raw(s, 11, "127.0.0.1", 40552), -1, -1, probs).get(0);
            assertEquals(16, orphan.number());
            assertEquals(32, orphan.records());

            // an exporter without templates: the same bytes say so
            PacketSummary none = s.addPasted(raw(s, 5, "192.0.2.9", 9), -1, -1, probs).get(0);
            assertEquals(0, none.records());
            assertEquals("; set 1024: no template", none.missing());
            assertEquals(3, s.unsaved(), "packets pasted into a file exist nowhere else until saved");
        }
    }

    @Test
    @DisplayName("templates as at a frame the user picks: before frame 5 the data has none; the filter agrees")
    void templatesAtAFrame() throws Exception {
        try (Session s = demo()) {
            List<ProblemEntry> probs = new ArrayList<>();
            PacketSummary early = s.addPasted(raw(s, 5, "127.0.0.1", 40552), 4, -1, probs).get(0);
            assertEquals(0, early.records());
            assertEquals("; set 1024: no template", early.missing());
            assertEquals("Pasted, decoded with the templates as at frame 4", s.frame(14).comment());
            assertEquals(0, s.packet(14).recordCount(), "the details decode it as the row did");
            assertEquals(4, s.templatesAt(15).frame(), "the Templates pane shows the cache it was decoded with");
            assertTrue(s.templatesAt(15).entries().isEmpty());
            PacketSummary at5 = s.addPasted(raw(s, 5, "127.0.0.1", 40552), 5, -1, probs).get(0);
            assertEquals(32, at5.records());
            assertEquals(5, s.templatesAt(16).frame());
            assertEquals(5, s.templatesAt(16).entries().size(), "frame 5 defined five templates");
            assertEquals(32, s.previewPasted(raw(s, 5, "127.0.0.1", 40552).get(0), 5, -1).recordCount());
            assertEquals(0, s.previewPasted(raw(s, 5, "127.0.0.1", 40552).get(0), 0, -1).recordCount());

            BitSet withRecords = s.matching(DisplayFilter.parse("sourceIPv4Address")::matches,
                    () -> false, null);
            assertFalse(withRecords.get(14), "decoded without templates, as its row says");
            assertTrue(withRecords.get(15), "decoded with the templates as at frame 5, as its row says");
        }
    }

    /** A copy of an export payload of the capture with its v9 source id set to {@code domain}. */
    private static List<Frame> rawWithSourceId(Session s, int index, long domain) throws Exception {
        byte[] b = s.frame(index).payload().clone();
        for (int i = 0; i < 4; i++) {
            b[16 + i] = (byte) (domain >>> (24 - 8 * i));
        }
        return HexText.parse(HexFormat.of().formatHex(b)).withExporter(new Endpoint("127.0.0.1", 40552)).frames();
    }

    @Test
    @DisplayName("a pasted packet whose header names another domain decodes with the templates of the domain given")
    void domainOverride() throws Exception {
        try (Session s = demo()) {
            long own = dev.flowinspector.engine.Decoding.headerDomain(s.frame(5).payload());
            assertTrue(own >= 0, "a v9 packet has a source id");
            long edited = own + 5;
            List<ProblemEntry> probs = new ArrayList<>();
            PacketSummary plain = s.addPasted(rawWithSourceId(s, 5, edited), -1, -1, probs).get(0);
            assertEquals(0, plain.records(), "the header's domain has no templates");
            assertEquals("; set 1024: no template", plain.missing());

            assertEquals(32, s.previewPasted(rawWithSourceId(s, 5, edited).get(0), -1, own).recordCount());
            PacketSummary given = s.addPasted(rawWithSourceId(s, 5, edited), -1, own, probs).get(0);
            assertEquals(32, given.records(), "decoded with the templates of domain " + own);
            assertNull(given.missing());
            assertEquals("Pasted, decoded with the templates as at frame 15 (the end of the capture), with the "
                    + "templates of domain " + own + " (the header says " + edited + ")", s.frame(15).comment());
            ExportPacket details = s.packet(15);
            assertEquals(32, details.recordCount(), "the details decode it as the row did");
            assertEquals(edited, details.domain(), "the bytes are the pasted bytes: the header keeps its own domain");
            assertEquals(edited, dev.flowinspector.engine.Decoding.headerDomain(s.frame(15).payload()));
            BitSet withRecords = s.matching(DisplayFilter.parse("sourceIPv4Address")::matches, () -> false, null);
            assertFalse(withRecords.get(14));
            assertTrue(withRecords.get(15), "the display filter sees the records decoded with the domain given");

            // the header's own domain given: nothing changes, and the comment does not claim otherwise
            PacketSummary same = s.addPasted(raw(s, 5, "127.0.0.1", 40552), -1, own, probs).get(0);
            assertEquals(32, same.records());
            assertEquals("Pasted, decoded with the templates as at frame 16 (the end of the capture)",
                    s.frame(16).comment());
            // a domain without templates: the data has none
            assertEquals(0, s.addPasted(raw(s, 5, "127.0.0.1", 40552), -1, own + 77, probs).get(0).records());
        }
    }

    /** Data sets decoded with the v9 templates of 127.0.0.1:40552 in a domain, and their records: {sets, records}. */
    private static long[] uses(Session s, long domain) {
        long[] out = new long[2];
        s.templateHistory().stream().map(e -> e.key()).distinct()
                .filter(k -> k.exporter().port() == 40552 && k.version() == 9 && k.domain() == domain)
                .map(s::templateLife).forEach(l -> {
                    out[0] += l.timesUsed();
                    out[1] += l.records();
                });
        return out;
    }

    /** The exporter health of a stream of 127.0.0.1:40552, or null. */
    private static dev.flowinspector.decode.health.ExporterHealth health(Session s, long domain) {
        return s.exporterHealth().streams().stream().filter(h -> h.key().exporter().port() == 40552
                && h.key().version() == 9 && h.key().domain() == domain).findFirst().orElse(null);
    }

    @Test
    @DisplayName("a pasted packet counts in its exporter's health and as a use of its templates, as its row does")
    void pastedCountsInHealthAndTemplateUses() throws Exception {
        try (Session s = demo()) {
            long own = dev.flowinspector.engine.Decoding.headerDomain(s.frame(5).payload());
            long packets = health(s, own).packets();
            long records = health(s, own).records();
            long problems = health(s, own).problems();
            long[] before = uses(s, own);
            List<ProblemEntry> probs = new ArrayList<>();
            assertEquals(32, s.addPasted(raw(s, 5, "127.0.0.1", 40552), -1, -1, probs).get(0).records());
            assertEquals(packets + 1, health(s, own).packets());
            assertEquals(records + 32, health(s, own).records());
            assertEquals(problems, health(s, own).problems(), "not checked against the stream (no duplicate)");
            long[] after = uses(s, own);
            assertTrue(after[0] > before[0], "its data sets are uses of the templates");
            assertEquals(before[1] + 32, after[1]);

            // decoded with the templates of the domain given: uses of those; counted under the header's domain
            long edited = own + 5;
            assertEquals(32, s.addPasted(rawWithSourceId(s, 5, edited), -1, own, probs).get(0).records());
            assertEquals(after[1] + 32, uses(s, own)[1]);
            assertEquals(1, health(s, edited).packets(), "the header's stream, as its row");
            assertEquals(32, health(s, edited).records());
        }
    }

    @Test
    @DisplayName("Save keeps the pasted packets, with the comment that says they were pasted")
    void saveKeepsPasted(@TempDir Path dir) throws Exception {
        try (Session s = demo()) {
            byte[] ethernet = s.frame(5).frameBytes();
            List<Frame> frames = HexText.parse(HexFormat.of().formatHex(ethernet)).frames();
            assertEquals(new Endpoint("127.0.0.1", 40552), frames.get(0).source(), "headers keep their addresses");
            s.addPasted(frames, -1, -1, new ArrayList<>());
            assertEquals(1, s.unsaved());
            Path out = dir.resolve("with-pasted.pcapng");
            assertEquals(15, s.save(out, i -> true));
            assertEquals(0, s.unsaved());
            try (Session back = Session.forFile(out, DecodingOptions.defaults())) {
                back.load((r, p, g) -> { }, () -> false);
                assertEquals(15, back.size());
                assertEquals(32, back.row(14).records());
                assertTrue(back.frame(14).comment().startsWith("Pasted, decoded with the templates as at frame 14"),
                        back.frame(14).comment());
            }
        }
    }
}
