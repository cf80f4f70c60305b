package dev.flowinspector.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.DecodeOptions;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.dictionary.InformationElementRegistry;
import dev.flowinspector.testutil.Bytes;
import dev.flowinspector.testutil.PcapWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile inputs (issue 8): lengths and counts at their extremes, deep nesting, damaged capture files, and a
 * flood of templates. Each decodes within a generous time limit, with a reported problem instead of an
 * exception, and memory stays bounded by configurable limits.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest {

    static final InformationElementRegistry REGISTRY = InformationElementRegistry.standard();
    static final Endpoint EXPORTER = new Endpoint("192.0.2.1", 50000);

    // ------------------------------------------------------------------ helpers

    static DecodeContext ctx(long frame) {
        return new DecodeContext(frame, 0, EXPORTER, new Endpoint("198.51.100.7", 4739), Transport.UDP);
    }

    /** An IPFIX message around the sets, its length field set to the real length. */
    static byte[] ipfix(long domain, byte[]... sets) {
        Bytes body = new Bytes();
        for (byte[] s : sets) {
            body.raw(s);
        }
        return new Bytes().u16(10).u16(16 + body.size()).u32(1_700_000_000L).u32(0).u32(domain)
                .raw(body.bytes()).bytes();
    }

    /** A set with its length computed. */
    static byte[] set(int id, byte[] content) {
        return new Bytes().u16(id).u16(4 + content.length).raw(content).bytes();
    }

    static Set<String> codes(ExportPacket p) {
        Set<String> s = new TreeSet<>();
        for (Problem pr : p.problems()) {
            s.add(pr.code());
        }
        return s;
    }

    /** Decodes, and checks that the tree builds and every problem lies in the packet. */
    static ExportPacket decode(ExportDecoder dec, byte[] msg, long frame) {
        ExportPacket p = dec.decode(msg, ctx(frame));
        for (Problem pr : p.problems()) {
            assertTrue(pr.offset() >= 0 && pr.length() >= 0 && pr.offset() + pr.length() <= msg.length,
                    () -> "problem outside the packet: " + pr);
        }
        assertNotNull(PacketTree.build(p));
        return p;
    }

    static ExportDecoder decoder() {
        return new ExportDecoder(new TemplateCache(), REGISTRY, DecodeOptions.DEFAULTS);
    }

    // ------------------------------------------------------------------ set lengths

    @ParameterizedTest(name = "IPFIX set length {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    @DisplayName("IPFIX set length below 4: set.length.short, the rest shown raw")
    void ipfixSetLengthTiny(int len) {
        byte[] msg = ipfix(1, new Bytes().u16(256).u16(len).u32(0xdeadbeefL).bytes());
        ExportPacket p = decode(decoder(), msg, 1);
        assertEquals(Set.of("set.length.short"), codes(p));
        assertEquals(1, p.sets().size());
        assertEquals(16, p.sets().get(0).offset());
        assertEquals(8, p.sets().get(0).length());
    }

    @ParameterizedTest(name = "v9 FlowSet length {0}")
    @ValueSource(ints = {0, 1})
    @DisplayName("NetFlow v9 FlowSet length 0 or 1 with data behind it: set.length.short")
    void v9SetLengthTiny(int len) {
        byte[] msg = new Bytes().u16(9).u16(1).u32(1000).u32(1_700_000_000L).u32(1).u32(0)
                .u16(256).u16(len).u32(0x01020304).bytes();
        ExportPacket p = decode(decoder(), msg, 1);
        assertTrue(codes(p).contains("set.length.short"), () -> codes(p).toString());
        assertEquals(0, p.recordCount());
    }

    // ------------------------------------------------------------------ counts of 65535

    @ParameterizedTest(name = "NetFlow v{0} count 65535")
    @ValueSource(ints = {1, 5, 7})
    @DisplayName("Legacy header count 65535 with one record present: count limit and length mismatch, one record")
    void legacyCount65535(int version) {
        int hdr = version == 1 ? 16 : 24;
        int rec = version == 7 ? 52 : 48;
        byte[] msg = new Bytes().u16(version).u16(65535).zeros(hdr - 4).zeros(rec).bytes();
        ExportPacket p = decode(decoder(), msg, 1);
        assertTrue(codes(p).containsAll(Set.of("nf.header.count.limit", "nf.header.length.mismatch")),
                () -> codes(p).toString());
        assertEquals(1, p.recordCount());
    }

    @Test
    @DisplayName("v9 header count 65535 over an empty packet: a count problem, nothing decoded")
    void v9Count65535() {
        byte[] msg = new Bytes().u16(9).u16(65535).u32(1000).u32(1_700_000_000L).u32(1).u32(0).bytes();
        ExportPacket p = decode(decoder(), msg, 1);
        assertTrue(codes(p).stream().anyMatch(c -> c.startsWith("nf9.header.count")), () -> codes(p).toString());
    }

    @Test
    @DisplayName("65531 one-byte records in one set, record limit 1000: 1000 decoded and packet.limit")
    void recordsPerSetLimit() {
        ExportDecoder dec = new ExportDecoder(new TemplateCache(), REGISTRY, new DecodeOptions(4096, 1000, 4096, 1500));
        decode(dec, ipfix(1, set(2, new Bytes().u16(256).u16(1).u16(4).u16(1).bytes())), 1);
        byte[] records = new byte[65535 - 16 - 4];
        ExportPacket p = decode(dec, ipfix(1, set(256, records)), 2);
        assertEquals(1000, p.recordCount());
        assertTrue(codes(p).contains("packet.limit"), () -> codes(p).toString());
    }

    @Test
    @DisplayName("16379 empty sets, set limit 4096: the rest raw with packet.limit")
    void setsPerPacketLimit() {
        List<byte[]> sets = new ArrayList<>();
        for (int i = 0; i < (65535 - 16) / 4; i++) {
            sets.add(new Bytes().u16(300).u16(4).bytes());
        }
        ExportPacket p = decode(decoder(), ipfix(1, sets.toArray(new byte[0][])), 1);
        assertTrue(codes(p).contains("packet.limit"), () -> codes(p).toString());
        assertTrue(p.sets().size() <= 4097, "sets " + p.sets().size());
    }

    // ------------------------------------------------------------------ templates with 65535 fields

    @Test
    @DisplayName("Template declaring 65535 fields: packet.limit at the default field limit, nothing defined")
    void template65535FieldsDefaultLimit() {
        ExportDecoder dec = decoder();
        Bytes t = new Bytes().u16(256).u16(65535);
        for (int i = 0; i < 2000; i++) {
            t.u16(4).u16(1);
        }
        ExportPacket p = decode(dec, ipfix(1, set(2, t.bytes())), 1);
        assertTrue(codes(p).contains("packet.limit"), () -> codes(p).toString());
        assertTrue(dec.cache().templates().isEmpty());
    }

    @Test
    @DisplayName("Template declaring 65535 fields with the limit raised: template.truncated, nothing defined")
    void template65535FieldsRaisedLimit() {
        ExportDecoder dec = new ExportDecoder(new TemplateCache(), REGISTRY, new DecodeOptions(4096, 65535, 65535, 1500));
        Bytes t = new Bytes().u16(256).u16(65535);
        for (int i = 0; i < 16000; i++) {
            t.u16(4).u16(1);
        }
        ExportPacket p = decode(dec, ipfix(1, set(2, t.bytes())), 1);
        assertTrue(codes(p).contains("template.truncated"), () -> codes(p).toString());
        assertTrue(dec.cache().templates().isEmpty());
    }

    @Test
    @DisplayName("v9 template declaring 65535 fields: a problem, nothing defined")
    void v9Template65535Fields() {
        ExportDecoder dec = decoder();
        Bytes b = new Bytes().u16(9).u16(1).u32(1000).u32(1_700_000_000L).u32(1).u32(0);
        Bytes t = new Bytes().u16(256).u16(65535);
        for (int i = 0; i < 3000; i++) {
            t.u16(4).u16(1);
        }
        byte[] msg = b.raw(set(0, t.bytes())).bytes();
        ExportPacket p = decode(dec, msg, 1);
        assertTrue(codes(p).contains("packet.limit") || codes(p).contains("template.truncated"),
                () -> codes(p).toString());
        assertTrue(dec.cache().templates().isEmpty());
    }

    @Test
    @DisplayName("Template of 16000 one-byte fields (limit raised) and its record: every field decoded")
    void template16000Fields() {
        ExportDecoder dec = new ExportDecoder(new TemplateCache(), REGISTRY, new DecodeOptions(4096, 65535, 16000, 65535));
        Bytes t = new Bytes().u16(256).u16(16000);
        for (int i = 0; i < 16000; i++) {
            t.u16(4).u16(1);
        }
        decode(dec, ipfix(1, set(2, t.bytes())), 1);
        ExportPacket p = decode(dec, ipfix(1, set(256, new byte[16000])), 2);
        assertEquals(1, p.recordCount());
        assertEquals(16000, p.sets().get(0).records().get(0).fields().size());
    }

    // ------------------------------------------------------------------ variable-length prefixes

    @ParameterizedTest(name = "prefix {0}")
    @ValueSource(strings = {"c8 6162", "ff", "ff 01", "ff ffff 6162", "05 616263 00 00 00 ff"})
    @DisplayName("Variable-length prefix past the end of the set: data.varlen.overrun, no exception")
    void varlenPastEnd(String record) {
        ExportDecoder dec = decoder();
        decode(dec, ipfix(1, set(2, new Bytes().u16(256).u16(1).u16(82).u16(0xffff).bytes())), 1);
        ExportPacket p = decode(dec, ipfix(1, set(256, new Bytes().hex(record).bytes())), 2);
        assertTrue(codes(p).contains("data.varlen.overrun"), () -> codes(p).toString());
    }

    // ------------------------------------------------------------------ nesting

    /** A subTemplateList record of template 256 nested {@code depth} times in itself. */
    static byte[] nestedStl(int depth) {
        byte[] inner = new Bytes().u8(3).u16(256).bytes(); // an empty list at the bottom
        for (int i = 0; i < depth; i++) {
            Bytes b = new Bytes().u8(3).u16(256);
            varlen(b, inner);
            inner = b.bytes();
        }
        Bytes rec = new Bytes();
        varlen(rec, inner);
        return rec.bytes();
    }

    static void varlen(Bytes b, byte[] v) {
        if (v.length < 255) {
            b.u8(v.length);
        } else {
            b.u8(255).u16(v.length);
        }
        b.raw(v);
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {20, 1000, 10000})
    @DisplayName("subTemplateList nested in itself thousands of levels deep: list.depth, no stack overflow")
    void deeplyNestedLists(int depth) {
        ExportDecoder dec = decoder();
        decode(dec, ipfix(1, set(2, new Bytes().u16(256).u16(1).u16(292).u16(0xffff).bytes())), 1);
        byte[] rec = nestedStl(depth);
        if (rec.length > 65000) {
            rec = java.util.Arrays.copyOf(rec, 65000); // as deep as fits; the outer lengths now overrun
        }
        ExportPacket p = decode(dec, ipfix(1, set(256, rec)), 2);
        assertTrue(codes(p).contains("list.depth") || codes(p).contains("data.varlen.overrun"),
                () -> codes(p).toString());
        FieldValue f = p.recordCount() > 0 ? p.sets().get(0).records().get(0).field(0) : null;
        int levels = 0;
        while (f != null) {
            levels++;
            FieldValue next = null;
            for (FieldValue c : f.children()) {
                if (c.name().equals("record")) {
                    next = c.children().isEmpty() ? null : c.children().get(0);
                }
            }
            f = next;
        }
        assertTrue(levels <= 16, "nested " + levels + " levels");
    }

    @Test
    @DisplayName("basicList of basicLists nested 30 deep: list.depth")
    void nestedBasicLists() {
        ExportDecoder dec = decoder();
        decode(dec, ipfix(1, set(2, new Bytes().u16(256).u16(1).u16(291).u16(0xffff).bytes())), 1);
        byte[] inner = new Bytes().u8(3).u16(4).u16(1).u8(6).bytes();
        for (int i = 0; i < 30; i++) {
            Bytes b = new Bytes().u8(3).u16(291).u16(0xffff);
            varlen(b, inner);
            inner = b.bytes();
        }
        Bytes rec = new Bytes();
        varlen(rec, inner);
        ExportPacket p = decode(dec, ipfix(1, set(256, rec.bytes())), 2);
        assertTrue(codes(p).contains("list.depth"), () -> codes(p).toString());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    @DisplayName("subTemplateList of a template with only zero-length fields: list.length, no endless loop")
    void zeroLengthSubTemplate() {
        ExportDecoder dec = decoder();
        byte[] templates = new Bytes().u16(300).u16(1).u16(1).u16(0) // octetDeltaCount of length 0
                .u16(256).u16(1).u16(292).u16(0xffff).bytes();
        decode(dec, ipfix(1, set(2, templates)), 1);
        byte[] list = new Bytes().u8(3).u16(300).hex("0102030405").bytes();
        ExportPacket p = decode(dec, ipfix(1, set(256, new Bytes().u8(list.length).raw(list).bytes())), 2);
        assertTrue(codes(p).contains("list.length"), () -> codes(p).toString());
        assertEquals(1, p.recordCount());
    }

    // ------------------------------------------------------------------ capture files

    static CaptureReader open(byte[] file) throws IOException {
        return CaptureFiles.open("hostile", new ByteArrayInputStream(file), file.length, ExportPorts.defaults());
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    @ParameterizedTest(name = "captured length {0}")
    @ValueSource(longs = {0xffffffffL, 0x80000000L, 0x7fffffffL, 300_000L})
    @DisplayName("pcap record claiming ~4 GB after a good frame: the good frame, then damage naming the frame")
    void pcapHugeRecord(long incl) throws IOException {
        byte[] v5 = new Bytes().u16(5).u16(1).zeros(20).zeros(48).bytes();
        byte[] good = new PcapWriter().udp("192.0.2.1", 50000, "198.51.100.7", 2055, 1_700_000_000_000_000L, v5)
                .bytes();
        byte[] file = new Bytes().raw(good).raw(le32(1_700_000_001L)).raw(le32(0)).raw(le32(incl)).raw(le32(incl))
                .zeros(64).bytes();
        try (CaptureReader r = open(file)) {
            Frame f = r.next();
            assertNotNull(f);
            assertEquals(1, f.number());
            assertNull(r.next());
            assertNotNull(r.damage());
            assertTrue(r.damage().contains("frame 2") && r.damage().contains(Long.toString(incl)), r.damage());
        }
    }

    /** A little-endian pcapng section header block and an Ethernet interface. */
    static Bytes pcapngStart() {
        return new Bytes().hex("0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000")
                .hex("01000000 14000000 0100 0000 00000000 14000000");
    }

    @ParameterizedTest(name = "block length {0}")
    @ValueSource(longs = {0, 4, 8, 13, 0xfffffffcL})
    @DisplayName("pcapng block length that cannot advance (0, below 12, unaligned, huge): damage, no loop")
    void pcapngBlockLengthLoop(long len) throws IOException {
        Bytes b = pcapngStart();
        for (int i = 0; i < 1000; i++) { // the same bad header many times: reading must stop at the first
            b.raw(le32(6)).raw(le32(len));
        }
        try (CaptureReader r = open(b.bytes())) {
            assertNull(r.next());
            assertNotNull(r.damage());
            assertTrue(r.damage().contains("total length " + len), r.damage());
        }
    }

    @Test
    @DisplayName("pcapng of 100000 minimal 12-byte blocks: read to the end, nothing returned")
    void pcapngManyTinyBlocks() throws IOException {
        Bytes b = pcapngStart();
        for (int i = 0; i < 100_000; i++) {
            b.raw(le32(0x0bad)).raw(le32(12)).raw(le32(12));
        }
        try (CaptureReader r = open(b.bytes())) {
            assertNull(r.next());
            assertNull(r.damage());
        }
    }

    // ------------------------------------------------------------------ template flood

    /**
     * Template sets of minimal templates (one field each), ids 256.. in each domain, so 8000 templates fill a
     * message.
     */
    static byte[] templateFlood(long domain, int firstId, int count) {
        Bytes t = new Bytes();
        for (int i = 0; i < count; i++) {
            t.u16(firstId + i).u16(1).u16(8).u16(4);
        }
        return ipfix(domain, set(2, t.bytes()));
    }

    @Test
    @DisplayName("10^6 distinct template ids from one exporter: the cache stops at its limit with template.limit")
    void millionTemplates() {
        TemplateCache cache = new TemplateCache(ScopingPolicy.STRICT);
        ExportDecoder dec = new ExportDecoder(cache, REGISTRY, DecodeOptions.DEFAULTS);
        int perMessage = 8000;
        int total = 0;
        long limitProblems = 0;
        long frame = 0;
        for (long domain = 0; total < 1_000_000; domain++) {
            ExportPacket p = dec.decode(templateFlood(domain, 256, perMessage), ctx(++frame));
            total += perMessage;
            limitProblems += p.problems().stream().filter(x -> x.code().equals("template.limit")).count();
        }
        int limit = TemplateCache.DEFAULT_MAX_TEMPLATES_PER_EXPORTER;
        assertEquals(limit, cache.templates().size());
        assertEquals(limit, cache.history().size());
        assertEquals(total - limit, limitProblems);
    }

    @Test
    @DisplayName("Template limit is configurable, per exporter, and frees up on withdrawal")
    void templateLimitConfigurable() {
        TemplateCache cache = new TemplateCache(ScopingPolicy.STRICT, 100);
        ExportDecoder dec = new ExportDecoder(cache, REGISTRY, DecodeOptions.DEFAULTS);
        ExportPacket p = dec.decode(templateFlood(1, 256, 150), ctx(1));
        assertEquals(100, cache.templates().size());
        assertEquals(50, p.problems().stream().filter(x -> x.code().equals("template.limit")).count());
        Problem first = p.problems().stream().filter(x -> x.code().equals("template.limit")).findFirst().orElseThrow();
        assertEquals(16 + 4 + 100 * 8, first.offset());
        assertEquals(8, first.length());
        // a refresh of a kept template still works at the limit
        ExportPacket again = dec.decode(templateFlood(1, 256, 1), ctx(2));
        assertTrue(codes(again).isEmpty(), () -> codes(again).toString());
        // another exporter has its own budget
        DecodeContext other = new DecodeContext(3, 0, new Endpoint("192.0.2.2", 50000), EXPORTER, Transport.UDP);
        assertTrue(codes(dec.decode(templateFlood(1, 256, 10), other)).isEmpty());
        // withdrawing one makes room for one (over TCP, where withdrawals are allowed)
        DecodeContext tcp = new DecodeContext(4, 0, EXPORTER, EXPORTER, Transport.TCP);
        dec.decode(ipfix(1, set(2, new Bytes().u16(256).u16(0).bytes())), tcp);
        ExportPacket refill = dec.decode(templateFlood(1, 1000, 2), new DecodeContext(5, 0, EXPORTER, EXPORTER,
                Transport.TCP));
        assertEquals(1, refill.problems().stream().filter(x -> x.code().equals("template.limit")).count());
    }
}
