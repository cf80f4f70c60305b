package dev.flowinspector.ui.session;

import dev.flowinspector.testutil.TestPackets;


import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.engine.flow.FlowRecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {

    private static Session loaded(Path p, List<PacketSummary> streamed) throws Exception {
        Session s = Session.forFile(p, DecodingOptions.defaults());
        s.load((rows, probs, prog) -> streamed.addAll(rows), () -> false);
        return s;
    }

    @Test
    @DisplayName("the demo capture streams 14 rows: v5, v9, IPFIX and v9 without templates")
    void demoRows() throws Exception {
        List<PacketSummary> streamed = new ArrayList<>();
        try (Session s = loaded(TestPackets.demo(), streamed)) {
            assertEquals(14, s.size());
            assertEquals(s.rows(), streamed);
            assertEquals(5, s.row(0).version());
            assertEquals(9, s.row(4).version());
            assertEquals(5, s.row(4).templates());
            assertEquals(10, s.row(8).version());
            PacketSummary noTemplate = s.row(11);
            assertEquals(0, noTemplate.records());
            assertTrue(noTemplate.info().contains("set 1024: no template"), noTemplate.info());
            assertNotNull(noTemplate.worst());
            assertEquals(4, s.exporters().size());
            assertEquals(14, s.result().packets());
            assertNull(s.result().damage());
        }
    }

    @Test
    @DisplayName("per-exporter counts add up the rows of each exporter, version and domain, in order of first packet")
    void exporterCounts() throws Exception {
        try (Session s = loaded(TestPackets.demo(), new ArrayList<>())) {
            java.util.Map<String, long[]> want = new java.util.LinkedHashMap<>();
            for (PacketSummary r : s.rows()) {
                long[] c = want.computeIfAbsent(r.exporter() + "|" + r.version() + "|" + r.domain(),
                        k -> new long[] {0, 0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, r.sequence(), 0});
                c[0]++;
                c[1] += r.records();
                c[2] += r.templates();
                c[3] += r.problemCount();
                c[4] = Math.min(c[4], r.timeNanos());
                c[5] = Math.max(c[5], r.timeNanos());
                c[7] = r.sequence();
            }
            List<ExporterSummary> got = s.exporters();
            assertEquals(want.size(), got.size());
            int i = 0;
            for (var e : want.entrySet()) {
                ExporterSummary g = got.get(i++);
                long[] c = e.getValue();
                assertEquals(e.getKey(), g.exporter() + "|" + g.version() + "|" + g.domain());
                assertArrayEquals(c, new long[] {g.packets(), g.records(), g.templates(), g.problems(), g.firstNanos(),
                        g.lastNanos(), g.firstSeq(), g.lastSeq()}, e.getKey());
            }
        }
    }

    @Test
    @DisplayName("frames re-read from the file equal the frames read in the first pass")
    void pcapStoreReReads() throws Exception {
        try (Session s = loaded(TestPackets.demo(), new ArrayList<>());
             CaptureReader r = CaptureFiles.open(TestPackets.demo())) {
            for (int i = 0; i < s.size(); i++) {
                Frame orig = r.next();
                Frame again = s.frame(i);
                assertEquals(orig.number(), again.number());
                assertEquals(orig.timeNanos(), again.timeNanos());
                assertEquals(orig.source(), again.source());
                assertArrayEquals(orig.payload(), again.payload());
            }
        }
    }

    @Test
    @DisplayName("the template cache differs before and after the v9 template packet")
    void templatesAtTwoFrames() throws Exception {
        try (Session s = loaded(TestPackets.demo(), new ArrayList<>())) {
            assertTrue(s.templatesAt(s.row(0).number()).entries().isEmpty());
            TemplateSnapshot at5 = s.templatesAt(s.row(4).number());
            assertEquals(5, at5.liveCount());
            assertTrue(at5.entries().stream().allMatch(e -> e.key().version() == 9));
            TemplateSnapshot at9 = s.templatesAt(s.row(8).number());
            assertEquals(10, at9.liveCount());
            assertEquals(5, at9.entries().stream().filter(e -> e.key().version() == 10).count());
        }
    }

    @Test
    @DisplayName("the details tree puts a record field at its bytes and a problem under the set it points at")
    void treeOffsets() throws Exception {
        try (Session s = loaded(TestPackets.demo(), new ArrayList<>())) {
            ExportPacket p = s.packet(0);
            List<TreeNode> tree = PacketTreeBuilder.build(s.frame(0), p);
            TreeNode first = PacketTreeBuilder.at(tree, 24);
            assertEquals("nf5.sourceIPv4Address", first.fieldName(), first.label());
            assertEquals(24, first.offset());
            assertEquals(4, first.length());
            TreeNode version = PacketTreeBuilder.at(tree, 1);
            assertTrue(version.label().startsWith("version: 5"), version.label());

            List<TreeNode> missing = PacketTreeBuilder.build(s.frame(11), s.packet(11));
            TreeNode problemNode = find(missing, n -> n.problem() != null && n.problem().code().equals("data.template.missing"));
            assertNotNull(problemNode);
            assertTrue(problemNode.parent().label().startsWith("Data set 1024"), problemNode.parent().label());
            assertNotNull(problemNode.parent().worst());
        }
    }

    @Test
    @DisplayName("pasted packets decode in order: data after its template decodes, and the JSON names fields")
    void pasted() {
        Session s = Session.empty("pasted", DecodingOptions.defaults());
        s.add(frame(1, TestPackets.ipfix(0, true, "10.0.0.1", "10.0.0.2", 1500)));
        s.add(frame(2, TestPackets.ipfix(1, false, "10.0.0.3", "10.0.0.4", 40)));
        assertEquals(1, s.row(1).records());
        assertNull(s.row(1).missing());
        Session t = Session.empty("pasted", DecodingOptions.defaults());
        t.add(frame(1, TestPackets.ipfix(1, false, "10.0.0.3", "10.0.0.4", 40)));
        assertEquals(0, t.row(0).records());
        assertTrue(t.row(0).info().contains("no template"));
    }

    @Test
    @DisplayName("saving writes a pcap that reads back to the same payloads, pasted frames wrapped in IPv4/UDP")
    void save(@TempDir Path dir) throws Exception {
        Session s = Session.empty("pasted", DecodingOptions.defaults());
        byte[] v5 = TestPackets.v5(7, "10.0.0.1", "10.0.0.2", 1234, 80, 6, 3, 180);
        s.add(frame(1, v5));
        Path out = dir.resolve("out.pcapng");
        assertEquals(1, s.save(out, i -> true));
        assertTrue(Files.size(out) > 24);
        try (Session back = Session.forFile(out, DecodingOptions.defaults())) {
            back.load((r, p, g) -> { }, () -> false);
            assertEquals(1, back.size());
            assertArrayEquals(v5, back.frame(0).payload());
        }
    }

    @Test
    @DisplayName("flow rows carry addresses, ports, protocol and counters of v5 records")
    void flows() throws Exception {
        Session s = Session.empty("pasted", DecodingOptions.defaults());
        s.add(frame(1, TestPackets.v5(7, "10.0.0.1", "10.0.0.2", 1234, 80, 6, 3, 180)));
        List<FlowRecord> f = FlowSummary.of(s, 10, () -> false, null).table();
        assertEquals(1, f.size());
        FlowRecord r = f.get(0);
        assertEquals("10.0.0.1", r.src());
        assertEquals("10.0.0.2", r.dst());
        assertEquals(1234, r.srcPort());
        assertEquals(80, r.dstPort());
        assertEquals("6 (TCP)", r.protocolLabel());
        assertEquals(3, r.packets());
        assertEquals(180, r.bytes());
        assertEquals(64500, r.srcAs());
        assertEquals(9000, r.durationMillis());
        assertFalse(r.start() == null);
    }

    @Test
    @DisplayName("copy as JSON gives valid JSON with field names, offsets and problem codes")
    void treeJson() throws Exception {
        try (Session s = loaded(TestPackets.demo(), new ArrayList<>())) {
            List<TreeNode> tree = PacketTreeBuilder.build(s.frame(11), s.packet(11));
            TreeNode set = tree.stream().filter(n -> n.label().startsWith("Data set 1024")).findFirst().orElseThrow();
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(set.toJson());
            assertEquals("nf9.set", json.get("field").asText());
            assertEquals(set.offset(), json.get("offset").asInt());
            assertTrue(json.toString().contains("\"problem\":\"data.template.missing\""), json.toString());
            assertTrue(set.toText().startsWith("Data set 1024"));
        }
    }

    static Frame frame(long n, byte[] payload) {
        return new Frame(n, 1_700_000_000_000_000_000L + n, new Endpoint("192.0.2.1", 2055),
                new Endpoint("192.0.2.2", 2055), Transport.UDP, payload, -1, null, -1, null, null);
    }

    private static TreeNode find(List<TreeNode> nodes, java.util.function.Predicate<TreeNode> p) {
        for (TreeNode n : nodes) {
            if (p.test(n)) {
                return n;
            }
            TreeNode c = find(n.children(), p);
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
