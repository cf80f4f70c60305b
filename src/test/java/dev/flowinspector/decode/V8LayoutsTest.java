package dev.flowinspector.decode;

import static dev.flowinspector.decode.Decoding.codes;
import static dev.flowinspector.decode.Decoding.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.dictionary.InformationElementRegistry;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NetFlow v8 router-based aggregation: every scheme, written here independently from Wireshark's
 * {@code dissect_v8_aggpdu}/{@code dissect_v8_flowpdu} and flow-tools' v8 record structs. A value of null
 * means padding/reserved (written as zero, not asserted).
 */
class V8LayoutsTest {

    private static final Object[] COUNTERS = {"deltaFlowCount", 4, 7L, "packetDeltaCount", 4, 100L,
        "octetDeltaCount", 4, 64_000L, "flowStartSysUpTime", 4, 90_000L, "flowEndSysUpTime", 4, 95_000L};

    static Object[] agg(Object... rest) {
        Object[] all = new Object[COUNTERS.length + rest.length];
        System.arraycopy(COUNTERS, 0, all, 0, COUNTERS.length);
        System.arraycopy(rest, 0, all, COUNTERS.length, rest.length);
        return all;
    }

    static Stream<Arguments> schemes() {
        return Stream.of(
                Arguments.of(1, "AS", 28, 51, agg("bgpSourceAsNumber", 2, 65001L, "bgpDestinationAsNumber", 2, 65002L,
                        "ingressInterface", 2, 3L, "egressInterface", 2, 4L)),
                Arguments.of(2, "Protocol/Port", 28, 51, agg("protocolIdentifier", 1, 17L, "padding", 1, null,
                        "reserved", 2, null, "sourceTransportPort", 2, 53L, "destinationTransportPort", 2, 3333L)),
                Arguments.of(3, "Source Prefix", 32, 44, agg("sourceIPv4Prefix", 4, "10.1.0.0",
                        "sourceIPv4PrefixLength", 1, 16L, "padding", 1, null, "bgpSourceAsNumber", 2, 65001L,
                        "ingressInterface", 2, 3L, "reserved", 2, null)),
                Arguments.of(4, "Destination Prefix", 32, 44, agg("destinationIPv4Prefix", 4, "10.2.0.0",
                        "destinationIPv4PrefixLength", 1, 24L, "padding", 1, null, "bgpDestinationAsNumber", 2, 65002L,
                        "egressInterface", 2, 4L, "reserved", 2, null)),
                Arguments.of(5, "Prefix", 40, 35, agg("sourceIPv4Prefix", 4, "10.1.0.0",
                        "destinationIPv4Prefix", 4, "10.2.0.0", "sourceIPv4PrefixLength", 1, 16L,
                        "destinationIPv4PrefixLength", 1, 24L, "reserved", 2, null, "bgpSourceAsNumber", 2, 65001L,
                        "bgpDestinationAsNumber", 2, 65002L, "ingressInterface", 2, 3L, "egressInterface", 2, 4L)),
                Arguments.of(6, "Destination (ToS)", 32, 44, new Object[] {"destinationIPv4Address", 4, "10.2.3.4",
                    "packetDeltaCount", 4, 100L, "octetDeltaCount", 4, 64_000L, "flowStartSysUpTime", 4, 90_000L,
                    "flowEndSysUpTime", 4, 95_000L, "egressInterface", 2, 4L, "ipClassOfService", 1, 0x20L,
                    "postIpClassOfService", 1, 0x08L, "extraPackets", 4, 5L, "routerSc", 4, "10.9.9.9"}),
                Arguments.of(7, "Source-Destination (ToS)", 40, 35, new Object[] {"destinationIPv4Address", 4,
                    "10.2.3.4", "sourceIPv4Address", 4, "10.1.2.3", "packetDeltaCount", 4, 100L,
                    "octetDeltaCount", 4, 64_000L, "flowStartSysUpTime", 4, 90_000L, "flowEndSysUpTime", 4, 95_000L,
                    "egressInterface", 2, 4L, "ingressInterface", 2, 3L, "ipClassOfService", 1, 0x20L,
                    "postIpClassOfService", 1, 0x08L, "reserved", 2, null, "extraPackets", 4, 5L,
                    "routerSc", 4, "10.9.9.9"}),
                Arguments.of(8, "Full Flow (ToS)", 44, 32, new Object[] {"destinationIPv4Address", 4, "10.2.3.4",
                    "sourceIPv4Address", 4, "10.1.2.3", "destinationTransportPort", 2, 443L,
                    "sourceTransportPort", 2, 50000L, "packetDeltaCount", 4, 100L, "octetDeltaCount", 4, 64_000L,
                    "flowStartSysUpTime", 4, 90_000L, "flowEndSysUpTime", 4, 95_000L, "egressInterface", 2, 4L,
                    "ingressInterface", 2, 3L, "ipClassOfService", 1, 0x20L, "protocolIdentifier", 1, 6L,
                    "postIpClassOfService", 1, 0x08L, "padding", 1, null, "extraPackets", 4, 5L,
                    "routerSc", 4, "10.9.9.9"}),
                Arguments.of(9, "AS-ToS", 32, 44, agg("bgpSourceAsNumber", 2, 65001L, "bgpDestinationAsNumber", 2,
                        65002L, "ingressInterface", 2, 3L, "egressInterface", 2, 4L, "ipClassOfService", 1, 0x20L,
                        "padding", 1, null, "reserved", 2, null)),
                Arguments.of(10, "Protocol-Port-ToS", 32, 44, agg("protocolIdentifier", 1, 6L,
                        "ipClassOfService", 1, 0x20L, "reserved", 2, null, "sourceTransportPort", 2, 50000L,
                        "destinationTransportPort", 2, 443L, "ingressInterface", 2, 3L, "egressInterface", 2, 4L)),
                Arguments.of(11, "Source-Prefix-ToS", 32, 44, agg("sourceIPv4Prefix", 4, "10.1.0.0",
                        "sourceIPv4PrefixLength", 1, 16L, "ipClassOfService", 1, 0x20L, "bgpSourceAsNumber", 2, 65001L,
                        "ingressInterface", 2, 3L, "reserved", 2, null)),
                Arguments.of(12, "Destination-Prefix-ToS", 32, 44, agg("destinationIPv4Prefix", 4, "10.2.0.0",
                        "destinationIPv4PrefixLength", 1, 24L, "ipClassOfService", 1, 0x20L,
                        "bgpDestinationAsNumber", 2, 65002L, "egressInterface", 2, 4L, "reserved", 2, null)),
                Arguments.of(13, "Prefix-ToS", 40, 35, agg("sourceIPv4Prefix", 4, "10.1.0.0",
                        "destinationIPv4Prefix", 4, "10.2.0.0", "sourceIPv4PrefixLength", 1, 16L,
                        "destinationIPv4PrefixLength", 1, 24L, "ipClassOfService", 1, 0x20L, "padding", 1, null,
                        "bgpSourceAsNumber", 2, 65001L, "bgpDestinationAsNumber", 2, 65002L,
                        "ingressInterface", 2, 3L, "egressInterface", 2, 4L)),
                Arguments.of(14, "Prefix-Port-ToS", 40, 35, agg("sourceIPv4Prefix", 4, "10.1.0.0",
                        "destinationIPv4Prefix", 4, "10.2.0.0", "sourceIPv4PrefixLength", 1, 16L,
                        "destinationIPv4PrefixLength", 1, 24L, "ipClassOfService", 1, 0x20L,
                        "protocolIdentifier", 1, 6L, "sourceTransportPort", 2, 50000L,
                        "destinationTransportPort", 2, 443L, "ingressInterface", 2, 3L, "egressInterface", 2, 4L)));
    }

    static Bytes header(int count, int scheme) {
        return Bytes.of().u16(8).u16(count).u32(100_000).u32(LegacyDecoderTest.SECS).u32(0).u32(9)
                .u8(2).u8(3).u8(scheme).u8(2).u32(0);
    }

    static void write(Bytes b, Object[] spec) {
        for (int i = 0; i < spec.length; i += 3) {
            int size = (Integer) spec[i + 1];
            Object v = spec[i + 2];
            if (v == null) {
                b.zeros(size);
            } else if (v instanceof String s) {
                b.ipv4(s);
            } else {
                long l = (Long) v;
                switch (size) {
                    case 1 -> b.u8((int) l);
                    case 2 -> b.u16((int) l);
                    default -> b.u32(l);
                }
            }
        }
    }

    @ParameterizedTest(name = "scheme {0} {1}: {2}-byte records, at most {3}")
    @MethodSource("schemes")
    @DisplayName("every v8 aggregation scheme decodes its records by IANA name")
    void scheme(int scheme, String name, int size, int max, Object[] spec) {
        Bytes b = header(2, scheme);
        write(b, spec);
        write(b, spec);
        ExportPacket p = decode(b);
        assertEquals(List.of(), codes(p), () -> p.problems().toString());
        assertEquals(28 + 2 * size, b.size());
        assertEquals(scheme + " (" + name + ")", p.headerField("aggregation").display());
        assertEquals(2, p.recordCount());
        DataRecord r = p.sets().get(0).records().get(1);
        assertEquals(28 + size, r.offset());
        assertEquals(size, r.length());
        int off = r.offset();
        int fieldIndex = 0;
        for (int i = 0; i < spec.length; i += 3) {
            FieldValue f = r.field(fieldIndex++);
            String expectedName = (String) spec[i];
            int fsize = (Integer) spec[i + 1];
            assertEquals(off, f.offset(), expectedName + " offset");
            assertEquals(fsize, f.length(), expectedName + " length");
            if (spec[i + 2] != null) {
                assertEquals(expectedName, f.name());
                assertEquals("nf8." + expectedName, f.fieldName());
                assertEquals(spec[i + 2], f.value(), expectedName);
            } else {
                assertTrue(f.name().startsWith("padding") || f.name().startsWith("reserved"), f.name());
            }
            off += fsize;
        }
        assertEquals(r.fieldCount(), fieldIndex);
        LegacyLayout layout = new V8Layouts(InformationElementRegistry.standard()).forScheme(scheme);
        assertEquals(max, layout.maxCount);
        assertEquals(size, layout.recordSize);
        assertEquals(Instant.parse("2023-11-14T22:13:10Z"), r.field("flowStartSysUpTime").child("absolute").value());
    }

    @ParameterizedTest(name = "scheme {0}: count {3} + 1 is over the limit")
    @MethodSource("schemes")
    @DisplayName("every v8 scheme has its own maximum record count")
    void countLimit(int scheme, String name, int size, int max, Object[] spec) {
        Bytes b = header(max + 1, scheme).zeros((max + 1) * size);
        ExportPacket p = decode(b);
        assertEquals(List.of("nf.header.count.limit"), codes(p));
        assertTrue(p.problems().get(0).message().contains(name), p.problems().get(0).message());
    }

    @Test
    @DisplayName("v8 header fields by name")
    void header() {
        Bytes b = header(1, 1);
        write(b, (Object[]) schemes().findFirst().orElseThrow().get()[4]);
        ExportPacket p = decode(b);
        assertEquals(9L, p.headerField("flowSequence").value());
        assertEquals(2L, p.headerField("engineType").value());
        assertEquals(3L, p.headerField("engineId").value());
        assertEquals(1L, p.headerField("aggregation").value());
        assertEquals(2L, p.headerField("aggregationVersion").value());
        assertNotNull(p.headerField("reserved"));
        assertEquals((2 << 8) | 3, p.domain());
        assertEquals(9, p.sequence());
    }

    @Test
    @DisplayName("unknown v8 scheme: nf8.aggregation.unknown, records kept raw")
    void unknownScheme() {
        ExportPacket p = decode(header(1, 15).zeros(40));
        assertEquals(List.of("nf8.aggregation.unknown"), codes(p));
        assertEquals("15 (unknown)", p.headerField("aggregation").display());
        assertEquals(SetKind.RAW, p.sets().get(0).kind());
        assertEquals(28, p.sets().get(0).offset());
        assertEquals(40, p.sets().get(0).length());
    }

    @Test
    @DisplayName("v8 count/length mismatch")
    void lengthMismatch() {
        ExportPacket p = decode(header(3, 1).zeros(2 * 28));
        assertEquals(List.of("nf.header.length.mismatch"), codes(p));
        assertEquals(2, p.recordCount());
    }
}
