package dev.flowinspector.decode;

import static dev.flowinspector.decode.Decoding.codes;
import static dev.flowinspector.decode.Decoding.decode;
import static dev.flowinspector.decode.Decoding.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NetFlow v1, v5 and v7: fixed headers and records (Cisco NetFlow export datagram formats). */
class LegacyDecoderTest {

    /** 2023-11-14T22:13:20Z. */
    static final long SECS = 1_700_000_000L;
    static final long NSECS = 500_000_000L;
    static final long UPTIME = 100_000L;

    static Bytes v5Header(int count) {
        return Bytes.of().u16(5).u16(count).u32(UPTIME).u32(SECS).u32(NSECS).u32(4242)
                .u8(1).u8(7).u16(0x4064); // engine type 1, id 7, sampling mode 1 interval 100
    }

    static Bytes v5Record(Bytes b, String src) {
        return b.ipv4(src).ipv4("10.0.0.2").ipv4("10.0.0.254").u16(3).u16(4).u32(10).u32(1500)
                .u32(90_000).u32(95_000).u16(1234).u16(80).u8(0).u8(0x12).u8(6).u8(0x10)
                .u16(65001).u16(65002).u8(24).u8(16).u16(0);
    }

    @Test
    @DisplayName("v5: header fields by name")
    void v5Header() {
        ExportPacket p = decode(v5Record(v5Header(1), "10.0.0.1"));
        assertEquals(5, p.version());
        assertEquals(List.of(), codes(p));
        assertEquals(1L, p.headerField("count").value());
        assertEquals(UPTIME, p.headerField("sysUptime").value());
        assertEquals(SECS, p.headerField("unixSecs").value());
        assertEquals(NSECS, p.headerField("unixNsecs").value());
        assertEquals(4242L, p.headerField("flowSequence").value());
        assertEquals(1L, p.headerField("engineType").value());
        assertEquals(7L, p.headerField("engineId").value());
        FieldValue sampling = p.headerField("sampling");
        assertEquals(1L, sampling.child("samplingMode").value());
        assertEquals(100L, sampling.child("samplingInterval").value());
        assertEquals(4242, p.sequence());
        assertEquals((1 << 8) | 7, p.domain());
        assertEquals(SECS * 1000 + 500, p.exportMillis());
        assertEquals("nf5.header.flowSequence", p.headerField("flowSequence").fieldName());
        assertEquals(16, p.headerField("flowSequence").offset());
    }

    @Test
    @DisplayName("v5: record fields by IANA name, with offsets")
    void v5Record() {
        ExportPacket p = decode(v5Record(v5Header(1), "10.0.0.1"));
        DataRecord r = record(p, 0);
        assertEquals(24, r.offset());
        assertEquals(48, r.length());
        assertEquals("10.0.0.1", r.field("sourceIPv4Address").value());
        assertEquals("nf5.sourceIPv4Address", r.field("sourceIPv4Address").fieldName());
        assertEquals(24, r.field("sourceIPv4Address").offset());
        assertEquals("10.0.0.2", r.field("destinationIPv4Address").value());
        assertEquals("10.0.0.254", r.field("ipNextHopIPv4Address").value());
        assertEquals(3L, r.field("ingressInterface").value());
        assertEquals(4L, r.field("egressInterface").value());
        assertEquals(10L, r.field("packetDeltaCount").value());
        assertEquals(1500L, r.field("octetDeltaCount").value());
        assertEquals(44, r.field("octetDeltaCount").offset());
        assertEquals(1234L, r.field("sourceTransportPort").value());
        assertEquals(80L, r.field("destinationTransportPort").value());
        assertEquals("0x012 (SYN, ACK)", r.field("tcpControlBits").display());
        assertEquals(61, r.field("tcpControlBits").offset());
        assertEquals(6L, r.field("protocolIdentifier").value());
        assertTrue(r.field("protocolIdentifier").display().startsWith("6"));
        assertEquals(0x10L, r.field("ipClassOfService").value());
        assertEquals(65001L, r.field("bgpSourceAsNumber").value());
        assertEquals(65002L, r.field("bgpDestinationAsNumber").value());
        assertEquals(24L, r.field("sourceIPv4PrefixLength").value());
        assertEquals(16L, r.field("destinationIPv4PrefixLength").value());
    }

    @Test
    @DisplayName("v5: first/last switched get absolute times (export time − (sysUptime − value))")
    void v5AbsoluteTimes() {
        DataRecord r = record(decode(v5Record(v5Header(1), "10.0.0.1")), 0);
        FieldValue first = r.field("flowStartSysUpTime");
        assertEquals(90_000L, first.value());
        assertEquals(Instant.parse("2023-11-14T22:13:10.500Z"), first.child("absolute").value());
        assertEquals(Instant.parse("2023-11-14T22:13:15.500Z"),
                r.field("flowEndSysUpTime").child("absolute").value());
    }

    @Test
    @DisplayName("v5: count above the packet's records decodes the complete ones and says so")
    void v5CountMismatch() {
        ExportPacket p = decode(v5Record(v5Header(2), "10.0.0.1"));
        assertEquals(List.of("nf.header.length.mismatch"), codes(p));
        assertEquals(1, p.recordCount());
        Problem pr = p.problems().get(0);
        assertEquals(2, pr.offset());
        assertTrue(pr.message().contains("120"), pr.message());
    }

    @Test
    @DisplayName("v5: count 0, count above 30, nsecs ≥ 10^9 and trailing bytes are flagged")
    void v5HeaderProblems() {
        assertEquals(List.of("nf.header.count.zero"), codes(decode(v5Header(0))));
        Bytes many = v5Header(31);
        for (int i = 0; i < 31; i++) {
            v5Record(many, "10.0.0." + i);
        }
        ExportPacket p = decode(many);
        assertEquals(List.of("nf.header.count.limit"), codes(p));
        assertEquals(31, p.recordCount());
        Bytes nsecs = Bytes.of().u16(5).u16(1).u32(UPTIME).u32(SECS).u32(1_000_000_000L).u32(1).u32(0);
        assertEquals(List.of("nf5.header.nsecs.range"), codes(decode(v5Record(nsecs, "10.0.0.1"))));
        ExportPacket trailing = decode(v5Record(v5Header(1), "10.0.0.1").zeros(4));
        assertEquals(List.of("packet.trailing"), codes(trailing));
        assertEquals(SetKind.RAW, trailing.sets().get(1).kind());
        assertEquals(72, trailing.sets().get(1).offset());
    }

    @ParameterizedTest(name = "v{0} header cut short")
    @ValueSource(ints = {1, 5, 7, 8})
    @DisplayName("a packet shorter than its header is packet.truncated, bytes kept raw")
    void truncated(int version) {
        ExportPacket p = decode(Bytes.of().u16(version).u16(1).u32(5).u32(6).bytes());
        assertEquals(List.of("packet.truncated"), codes(p));
        assertEquals(SetKind.RAW, p.sets().get(0).kind());
        assertEquals(12, p.sets().get(0).length());
    }

    @Test
    @DisplayName("v5: a record cut in half is not decoded; its bytes stay raw")
    void v5TruncatedRecord() {
        byte[] full = v5Record(v5Record(v5Header(2), "10.0.0.1"), "10.0.0.3").bytes();
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 20);
        ExportPacket p = decode(cut);
        assertEquals(List.of("nf.header.length.mismatch"), codes(p));
        assertEquals(1, p.recordCount());
        FlowSet raw = p.sets().get(p.sets().size() - 1);
        assertEquals(SetKind.RAW, raw.kind());
        assertEquals(72, raw.offset());
        assertEquals(28, raw.length());
    }

    @Test
    @DisplayName("v1: 16-byte header and 48-byte record")
    void v1() {
        Bytes b = Bytes.of().u16(1).u16(1).u32(UPTIME).u32(SECS).u32(NSECS)
                .ipv4("172.16.0.1").ipv4("172.16.0.2").ipv4("0.0.0.0").u16(1).u16(2).u32(3).u32(180)
                .u32(99_000).u32(99_500).u16(5353).u16(53).u16(0).u8(17).u8(0xb8).u8(0x00).zeros(3).u32(0);
        ExportPacket p = decode(b);
        assertEquals(List.of(), codes(p));
        assertEquals(64, b.size());
        DataRecord r = record(p, 0);
        assertEquals(16, r.offset());
        assertEquals("nf1.sourceIPv4Address", r.field("sourceIPv4Address").fieldName());
        assertEquals("172.16.0.1", r.field("sourceIPv4Address").value());
        assertEquals(180L, r.field("octetDeltaCount").value());
        assertEquals(17L, r.field("protocolIdentifier").value());
        assertEquals(16 + 38, r.field("protocolIdentifier").offset());
        assertEquals(0xb8L, r.field("ipClassOfService").value());
        assertEquals(53L, r.field("destinationTransportPort").value());
        assertEquals(Instant.parse("2023-11-14T22:13:19.500Z"),
                r.field("flowStartSysUpTime").child("absolute").value());
        assertNull(p.headerField("flowSequence"));
        assertEquals("NetFlow v1, 1 record", p.info());
    }

    @Test
    @DisplayName("v1: count above 24 is flagged")
    void v1CountLimit() {
        ExportPacket p = decode(Bytes.of().u16(1).u16(25).u32(UPTIME).u32(SECS).u32(0).zeros(25 * 48));
        assertEquals(List.of("nf.header.count.limit"), codes(p));
        assertEquals(25, p.recordCount());
    }

    @Test
    @DisplayName("v7: 24-byte header, 52-byte record with flags and router shortcut")
    void v7() {
        Bytes b = Bytes.of().u16(7).u16(1).u32(UPTIME).u32(SECS).u32(NSECS).u32(77).u32(0)
                .ipv4("10.1.1.1").ipv4("10.2.2.2").ipv4("10.3.3.3").u16(11).u16(12).u32(5).u32(400)
                .u32(91_000).u32(92_000).u16(40000).u16(443).u8(0x03).u8(0x02).u8(6).u8(0)
                .u16(100).u16(200).u8(8).u8(32).u16(0).ipv4("10.9.9.9");
        ExportPacket p = decode(b);
        assertEquals(List.of(), codes(p));
        assertEquals(77, p.sequence());
        DataRecord r = record(p, 0);
        assertEquals(52, r.length());
        assertEquals("10.2.2.2", r.field("destinationIPv4Address").value());
        assertEquals(3L, r.field("validityFlags").value());
        assertEquals("0x002 (SYN)", r.field("tcpControlBits").display());
        assertEquals(443L, r.field("destinationTransportPort").value());
        assertEquals(32L, r.field("destinationIPv4PrefixLength").value());
        FieldValue sc = r.field("routerSc");
        assertEquals("10.9.9.9", sc.value());
        assertEquals(24 + 48, sc.offset());
    }

    @Test
    @DisplayName("v7: count above 27 is flagged (24 + 28 × 52 bytes do not fit a 1500-byte MTU)")
    void v7CountLimit() {
        ExportPacket p = decode(Bytes.of().u16(7).u16(28).u32(UPTIME).u32(SECS).u32(0).u32(0).u32(0)
                .zeros(28 * 52));
        assertEquals(List.of("nf.header.count.limit"), codes(p));
        assertNotNull(Problems.byCode("nf.header.count.limit"));
    }
}
