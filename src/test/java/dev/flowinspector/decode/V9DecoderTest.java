package dev.flowinspector.decode;

import static dev.flowinspector.decode.Decoding.codes;
import static dev.flowinspector.decode.Decoding.decode;
import static dev.flowinspector.decode.Decoding.problem;
import static dev.flowinspector.decode.Decoding.record;
import static dev.flowinspector.decode.Decoding.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** NetFlow v9 (RFC 3954): templates, options templates, data FlowSets and what goes wrong with them. */
class V9DecoderTest {

    static final long SECS = LegacyDecoderTest.SECS;

    /** Template 256: src/dst address, octets, packets, protocol, ports, first/last switched (29 bytes). */
    static Bytes template256(Bytes b) {
        return b.set(0).u16(256).u16(9)
                .u16(8).u16(4).u16(12).u16(4).u16(1).u16(4).u16(2).u16(4).u16(4).u16(1)
                .u16(7).u16(2).u16(11).u16(2).u16(22).u16(4).u16(21).u16(4).end();
    }

    static Bytes record256(Bytes b, String src, long octets) {
        return b.ipv4(src).ipv4("10.0.0.2").u32(octets).u32(3).u8(6).u16(40000).u16(22).u32(90_000).u32(95_000);
    }

    @Test
    @DisplayName("template FlowSet and data FlowSet in one packet")
    void templateAndData() {
        Bytes b = Bytes.of().v9Header(3, 100_000, SECS, 1, 77);
        template256(b);
        b.set(256);
        record256(b, "10.0.0.1", 1000);
        record256(b, "10.0.0.3", 2000);
        b.zeros(2).end();
        ExportPacket p = decode(b);
        assertEquals(List.of(), codes(p), () -> p.problems().toString());
        assertEquals(9, p.version());
        assertEquals(77, p.domain());
        assertEquals(1, p.sequence());
        assertEquals(77L, p.headerField("sourceId").value());
        assertEquals(3, p.headerCount());
        assertEquals(1, p.templateCount());
        assertEquals(2, p.recordCount());
        FlowSet tset = p.sets().get(0);
        assertEquals(SetKind.TEMPLATE, tset.kind());
        assertEquals(9, tset.templates().get(0).fields().size());
        assertEquals("sourceIPv4Address", tset.templates().get(0).fields().get(0).name());
        FlowSet data = p.sets().get(1);
        assertEquals(SetKind.DATA, data.kind());
        assertEquals(256, data.id());
        assertEquals(data.offset() + 4 + 58, data.paddingOffset());
        assertEquals(2, data.paddingLength());
        DataRecord r = record(p, 1);
        assertEquals("10.0.0.3", r.field("sourceIPv4Address").value());
        assertEquals("nf9.sourceIPv4Address", r.field("sourceIPv4Address").fieldName());
        assertEquals(2000L, r.field("octetDeltaCount").value());
        assertEquals(22L, r.field("destinationTransportPort").value());
        assertEquals(data.offset() + 4 + 29, r.offset());
        assertEquals(Instant.parse("2023-11-14T22:13:10Z"), r.field("flowStartSysUpTime").child("absolute").value());
        assertEquals(Instant.parse("2023-11-14T22:13:15Z"), r.field("flowEndSysUpTime").child("absolute").value());
        assertEquals(1, p.templateEvents().size());
        assertEquals(TemplateEvent.Kind.ADDED, p.templateEvents().get(0).kind());
    }

    @Test
    @DisplayName("template in one packet, data in the next: the TemplateCache carries it across")
    void acrossPackets() {
        ExportDecoder dec = new ExportDecoder();
        ExportPacket p1 = dec.decode(template256(Bytes.of().v9Header(1, 100_000, SECS, 1, 0)).bytes(), udp(1));
        assertEquals(List.of(), codes(p1));
        Bytes b = Bytes.of().v9Header(1, 100_500, SECS, 2, 0).set(256);
        record256(b, "10.0.0.9", 5).zeros(3).end();
        ExportPacket p2 = dec.decode(b.bytes(), udp(2));
        assertEquals(List.of(), codes(p2), () -> p2.problems().toString());
        assertEquals("10.0.0.9", record(p2, 0).field("sourceIPv4Address").value());
        assertEquals(1, p2.sets().get(0).templateFrame());
        assertEquals(1, dec.cache().templates().size());
    }

    @Test
    @DisplayName("options template and options data (RFC 3954 §6.1)")
    void optionsTemplate() {
        Bytes b = Bytes.of().v9Header(2, 100_000, SECS, 1, 0)
                .set(1).u16(257).u16(4).u16(8).u16(1).u16(4).u16(34).u16(4).u16(35).u16(1).zeros(2).end()
                .set(257).u32(0x0a000001L).u32(100).u8(2).zeros(3).end();
        ExportPacket p = decode(b);
        assertEquals(List.of(), codes(p), () -> p.problems().toString());
        FlowSet ot = p.sets().get(0);
        assertEquals(SetKind.OPTIONS_TEMPLATE, ot.kind());
        Template t = ot.templates().get(0);
        assertTrue(t.options());
        assertEquals(1, t.scopeCount());
        assertTrue(t.fields().get(0).scope());
        assertEquals(2, ot.paddingLength());
        FlowSet od = p.sets().get(1);
        assertEquals(SetKind.OPTIONS_DATA, od.kind());
        DataRecord r = od.records().get(0);
        assertEquals(0x0a000001L, r.field("scopeSystem").value());
        assertEquals(100L, r.field("samplingInterval").value());
        assertEquals(2L, r.field("samplingAlgorithm").value());
        assertEquals(3, od.paddingLength());
    }

    static Bytes twoSets(int count) {
        Bytes b = Bytes.of().v9Header(count, 100_000, SECS, 1, 0);
        template256(b);
        b.set(256);
        record256(b, "10.0.0.1", 1);
        record256(b, "10.0.0.2", 2);
        return b.zeros(2).end();
    }

    @Test
    @DisplayName("header count: mismatch, MikroTik's count of FlowSets, and 0")
    void countProblems() {
        assertEquals(List.of(), codes(decode(twoSets(3))));
        ExportPacket wrong = decode(twoSets(5));
        assertEquals(List.of("nf9.header.count.mismatch"), codes(wrong));
        assertEquals(2, wrong.problems().get(0).offset());
        assertEquals(List.of("nf9.header.count.flowsets"), codes(decode(twoSets(2))));
        assertEquals(List.of("nf9.header.count.zero"), codes(decode(twoSets(0))));
    }

    @Test
    @DisplayName("data without a template: data.template.missing, bytes kept, count not judged")
    void dataWithoutTemplate() {
        Bytes b = Bytes.of().v9Header(2, 100_000, SECS, 1, 0).set(300).zeros(12).end();
        ExportPacket p = decode(b);
        assertEquals(List.of("data.template.missing"), codes(p));
        FlowSet s = p.sets().get(0);
        assertNull(s.template());
        assertEquals(300, s.id());
        assertEquals(16, s.length());
        assertTrue(p.info().contains("set 300: no template"), p.info());
        assertTrue(problem(p, "data.template.missing").message().contains("no template 300"));
    }

    @Test
    @DisplayName("the info line names a set id without a template once, with how many of its sets the packet has")
    void infoCollapsesMissingTemplates() {
        Bytes b = Bytes.of().v9Header(4, 100_000, SECS, 1, 0);
        for (int id : new int[] {300, 300, 301, 300}) {
            b.set(id).u32(1).u32(2).end();
        }
        ExportPacket p = new ExportDecoder().decode(b.bytes(), DecodeContext.standalone(1));
        assertEquals("NetFlow v9 seq 1, 0 records; set 300: no template (3 sets); set 301: no template", p.info());
    }

    @Test
    @DisplayName("data whose template arrives later is decoded with it and says so")
    void lateTemplate() {
        Template later = decode(template256(Bytes.of().v9Header(1, 0, SECS, 1, 0))).sets().get(0).templates().get(0);
        Bytes b = Bytes.of().v9Header(1, 100_000, SECS, 1, 0).set(256);
        record256(b, "10.0.0.5", 1).zeros(3).end();
        ExportPacket p = new ExportDecoder().decode(b.bytes(), DecodeContext.standalone(1),
                key -> key.templateId() == 256 ? later : null);
        assertEquals(List.of("data.template.later"), codes(p));
        assertTrue(p.sets().get(0).lateTemplate());
        assertEquals("10.0.0.5", record(p, 0).field("sourceIPv4Address").value());
    }

    @Test
    @DisplayName("template redefined with other fields: template.changed and a CHANGED event; same again: REFRESHED")
    void templateChanged() {
        ExportDecoder dec = new ExportDecoder();
        dec.decode(template256(Bytes.of().v9Header(1, 0, SECS, 1, 0)).bytes(), udp(1));
        Bytes other = Bytes.of().v9Header(1, 0, SECS, 2, 0).set(0).u16(256).u16(1).u16(8).u16(4).end();
        ExportPacket p = dec.decode(other.bytes(), udp(2));
        assertEquals(List.of("template.changed"), codes(p));
        TemplateEvent e = p.templateEvents().get(0);
        assertEquals(TemplateEvent.Kind.CHANGED, e.kind());
        assertEquals(9, e.previous().fields().size());
        assertEquals(1, e.template().fields().size());
        assertEquals(1, e.previous().originFrame());
        assertTrue(p.problems().get(0).message().contains("frame 1"));
        ExportPacket again = dec.decode(other.bytes(), udp(3));
        assertEquals(List.of(), codes(again));
        assertEquals(TemplateEvent.Kind.REFRESHED, again.templateEvents().get(0).kind());
        assertEquals(3, dec.cache().history().size());
    }

    @Test
    @DisplayName("variable-length fields (length 0xFFFF, H3C style): 1-byte and 255 + u16 prefixes")
    void varlen() {
        String longName = "x".repeat(300);
        Bytes b = Bytes.of().v9Header(3, 0, SECS, 1, 0)
                .set(0).u16(256).u16(2).u16(82).u16(0xffff).u16(7).u16(2).end()
                .set(256).u8(4).text("eth0").u16(80).u8(255).u16(300).text(longName).u16(443).end();
        ExportPacket p = decode(b);
        DataRecord r1 = record(p, 0);
        FieldValue name = r1.field("interfaceName");
        assertEquals("eth0", name.value());
        assertEquals(r1.offset() + 1, name.offset());
        assertEquals(4, name.length());
        assertEquals(80L, r1.field("sourceTransportPort").value());
        DataRecord r2 = record(p, 1);
        assertEquals(longName, r2.field("interfaceName").value());
        assertEquals(r2.offset() + 3, r2.field("interfaceName").offset());
        assertEquals(443L, r2.field("sourceTransportPort").value());
        assertEquals(List.of(), codes(p));
        assertEquals(316, p.sets().get(1).length());
    }

    @Test
    @DisplayName("zero-length field: template.field.zero, the record still decodes")
    void zeroLengthField() {
        Bytes b = Bytes.of().v9Header(2, 0, SECS, 1, 0)
                .set(0).u16(256).u16(2).u16(8).u16(4).u16(82).u16(0).end()
                .set(256).ipv4("10.0.0.1").end();
        ExportPacket p = decode(b);
        assertEquals(List.of("template.field.zero"), codes(p));
        DataRecord r = record(p, 0);
        assertEquals("10.0.0.1", r.field("sourceIPv4Address").value());
        assertEquals(0, r.field("interfaceName").length());
        assertEquals("(empty)", r.field("interfaceName").display());
    }

    @Test
    @DisplayName("reserved FlowSet id (2-255): nf9.flowset.id.reserved, kept raw, decoding goes on")
    void reservedFlowSetId() {
        Bytes b = Bytes.of().v9Header(0, 0, SECS, 1, 0).set(5).u32(1).end();
        template256(b);
        ExportPacket p = decode(b);
        assertEquals(List.of("nf9.flowset.id.reserved"), codes(p));
        assertEquals(SetKind.RAW, p.sets().get(0).kind());
        assertEquals(SetKind.TEMPLATE, p.sets().get(1).kind());
    }

    @Test
    @DisplayName("FlowSet length below 4: set.length.short, the rest shown raw")
    void setLengthShort() {
        Bytes b = template256(Bytes.of().v9Header(1, 0, SECS, 1, 0)).u16(256).u16(2).u32(0xdeadbeefL);
        ExportPacket p = decode(b);
        assertEquals(List.of("set.length.short"), codes(p));
        FlowSet raw = p.sets().get(1);
        assertEquals(SetKind.RAW, raw.kind());
        assertEquals(8, raw.length());
    }

    @Test
    @DisplayName("FlowSet running past the packet: set.length.overrun, decodes the records that are there")
    void setOverrun() {
        Bytes b = template256(Bytes.of().v9Header(3, 0, SECS, 1, 0)).u16(256).u16(4 + 3 * 29);
        record256(b, "10.0.0.1", 1);
        record256(b, "10.0.0.2", 2);
        ExportPacket p = decode(b);
        assertTrue(codes(p).contains("set.length.overrun"), codes(p).toString());
        assertEquals(2, p.recordCount());
        assertEquals("10.0.0.2", record(p, 1).field("sourceIPv4Address").value());
    }

    @Test
    @DisplayName("trailing zero bytes after the last FlowSet: packet.trailing (short and long runs)")
    void trailingZeros() {
        ExportPacket shortRun = decode(twoSets(3).zeros(3));
        assertEquals(List.of("packet.trailing"), codes(shortRun));
        ExportPacket longRun = decode(twoSets(3).zeros(8));
        assertEquals(List.of("packet.trailing"), codes(longRun));
        FlowSet raw = longRun.sets().get(longRun.sets().size() - 1);
        assertEquals(SetKind.RAW, raw.kind());
        assertEquals(8, raw.length());
        assertEquals(2, longRun.recordCount());
        // padding, not a FlowSet: its first two bytes are no FlowSet id
        assertEquals("Undecoded bytes  [8 bytes]", PacketTree.setLabel(longRun, raw));
    }

    @Test
    @DisplayName("header cut short: packet.truncated")
    void truncatedHeader() {
        assertEquals(List.of("packet.truncated"), codes(decode(Bytes.of().u16(9).u16(1).u32(0).bytes())));
    }

    @Test
    @DisplayName("template id below 256 and a template that overruns its FlowSet")
    void badTemplates() {
        ExportPacket low = decode(Bytes.of().v9Header(1, 0, SECS, 1, 0).set(0).u16(255).u16(1).u16(8).u16(4).end());
        assertEquals(List.of("template.id.reserved"), codes(low));
        ExportPacket cut = decode(Bytes.of().v9Header(1, 0, SECS, 1, 0).set(0).u16(256).u16(5).u16(8).u16(4).end());
        assertTrue(codes(cut).contains("template.truncated"), codes(cut).toString());
        assertEquals(0, cut.templateCount());
        assertNotNull(Problems.byCode("template.truncated"));
    }

    @Test
    @DisplayName("two exporters share a decoder without sharing templates (STRICT scoping)")
    void exportersDoNotShare() {
        ExportDecoder dec = new ExportDecoder();
        dec.decode(template256(Bytes.of().v9Header(1, 0, SECS, 1, 0)).bytes(), udp(1));
        Bytes data = Bytes.of().v9Header(1, 0, SECS, 1, 0).set(256);
        record256(data, "10.0.0.1", 1).zeros(3).end();
        ExportPacket other = dec.decode(data.bytes(), Decoding.ctx(2, Decoding.EXPORTER_B, Transport.UDP));
        assertEquals(List.of("data.template.missing"), codes(other));
        assertTrue(other.problems().get(0).message().contains("exists for 192.0.2.1:40000"),
                other.problems().get(0).message());
        assertSame(null, other.sets().get(0).template());
    }

    @Test
    @DisplayName("data before its own template in one packet: not decoded, and the warning says where the template is")
    void dataBeforeItsTemplateInOnePacket() {
        Bytes b = Bytes.of().v9Header(2, 100_000, SECS, 1, 77);
        b.set(256);
        record256(b, "10.0.0.1", 1000);
        b.zeros(3).end();
        int templateAt = b.size() + 4;
        template256(b);
        ExportPacket p = decode(b);
        assertEquals(0, p.recordCount());
        Problem missing = problem(p, "data.template.missing");
        assertNotNull(missing, () -> p.problems().toString());
        assertTrue(missing.message().contains("template 256 comes later in this packet (byte " + templateAt + ")"),
                missing::message);
        Bytes other = Bytes.of().v9Header(1, 100_000, SECS, 2, 77).set(256);
        record256(other, "10.0.0.1", 1000);
        ExportPacket alone = decode(other.zeros(3).end());
        assertTrue(problem(alone, "data.template.missing").message().endsWith("no template 256 seen before this packet"));
    }
}
