package dev.flowinspector.decode.health;

import static dev.flowinspector.decode.health.Feed.T0;
import static dev.flowinspector.decode.health.Hex.ipfix;
import static dev.flowinspector.decode.health.Hex.ipfixTemplate;
import static dev.flowinspector.decode.health.Hex.set;
import static dev.flowinspector.decode.health.Hex.v9;
import static dev.flowinspector.decode.health.Hex.v9Template;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Per-record checks: start after end, v9 switched after sysUptime, flows ending after the export time, IPFIX padding
 * as long as a record.
 */
class RecordChecksTest {

    private static List<Problem> decode(byte[] payload) {
        ExportPacket p = new ExportDecoder().decode(payload, DecodeContext.standalone(1));
        return p.problems();
    }

    private static List<String> codes(List<Problem> ps) {
        return Feed.codes(ps);
    }

    /** v9 template 256: flowStartSysUpTime (22)/4, flowEndSysUpTime (21)/4; one record. */
    private static byte[] v9Times(long uptime, long start, long end) {
        return v9(2, uptime, T0, 1, 0, v9Template(256, 22, 4, 21, 4), set(256, Hex.of().u32(start).u32(end).build()));
    }

    @Test
    @DisplayName("v9: first switched after last switched is 'start after end', pointing at the start field")
    void v9StartAfterEnd() {
        List<Problem> ps = decode(v9Times(10_000, 9_000, 8_000));
        assertEquals(List.of("value.time.order"), codes(ps));
        assertEquals(20 + 16 + 4, ps.get(0).offset());
        assertTrue(ps.get(0).message().contains("flowStartSysUpTime = 9000 is after flowEndSysUpTime = 8000"));
        assertEquals(List.of(), decode(v9Times(10_000, 8_000, 9_000)));
    }

    @Test
    @DisplayName("v9: first/last switched later than the header's sysUptime")
    void v9SwitchedAfterUptime() {
        List<Problem> ps = decode(v9Times(10_000, 9_000, 12_000));
        assertEquals(List.of("nf9.record.switched.future"), codes(ps));
        assertTrue(ps.get(0).message().contains("flowEndSysUpTime = 12000 ms is later than the header's sysUptime 10000"));
        assertEquals(List.of(), decode(v9Times(10_000, 9_000, 10_000)), "equal to sysUptime is fine");
    }

    @Test
    @DisplayName("sysUptime-relative times across the 2^32 ms wrap are not 'start after end'")
    void uptimeWrap() {
        assertEquals(List.of(), decode(v9Times(0x100, 0xffff_ff00L, 0x80)));
    }

    @Test
    @DisplayName("IPFIX: flowStartMilliseconds after flowEndMilliseconds; in order raises nothing")
    void ipfixMilliseconds() {
        byte[] bad = ipfix(T0, 0, 1, ipfixTemplate(256, 152, 8, 153, 8),
                set(256, Hex.of().u64(T0 * 1000 + 5).u64(T0 * 1000).build()));
        assertEquals(List.of("value.time.order"), codes(decode(bad)));
        byte[] good = ipfix(T0, 0, 1, ipfixTemplate(256, 152, 8, 153, 8),
                set(256, Hex.of().u64(T0 * 1000).u64(T0 * 1000 + 5).build()));
        assertEquals(List.of(), decode(good));
    }

    /** IPFIX message exported at T0 with template 256 (start, end as the given elements) and one record a pair. */
    private static byte[] ipfixTimes(int startIe, int endIe, int len, long... startEnd) {
        Hex h = Hex.of();
        for (long v : startEnd) {
            if (len == 4) {
                h.u32(v);
            } else {
                h.u64(v);
            }
        }
        return ipfix(T0, 0, 1, ipfixTemplate(256, startIe, len, endIe, len), set(256, h.build()));
    }

    @Test
    @DisplayName("A flow ending after the export time (nfreplay v9: a day) is one warning a packet, with the count and the most")
    void afterExportTime() {
        long ms = T0 * 1000;
        List<Problem> ps = decode(ipfixTimes(152, 153, 8, ms - 5_000, ms + 86_400_150L, ms, ms + 3_000, ms, ms + 500));
        assertEquals(List.of("value.time.after-export"), codes(ps));
        assertEquals(16 + 16 + 4 + 8, ps.get(0).offset(),
                "the first late record's flowEndMilliseconds (after the template set)");
        assertEquals("2 records end after the packet's export time 2020-01-01T00:00:00Z, by up to 24 h"
                + " (flowEndMilliseconds): the exporter's clock or the flow times it writes are wrong",
                ps.get(0).message());
        // within the export second and the second after it: the header has whole seconds
        assertEquals(List.of(), decode(ipfixTimes(152, 153, 8, ms, ms + 1_999)));
        assertEquals(List.of("value.time.after-export"), codes(decode(ipfixTimes(152, 153, 8, ms, ms + 2_000))));
        // seconds and NTP (dateTimeNanoseconds) are converted: 3 s late is late, the export second is not
        assertEquals(List.of("value.time.after-export"), codes(decode(ipfixTimes(150, 151, 4, T0, T0 + 3))));
        assertEquals(List.of(), decode(ipfixTimes(150, 151, 4, T0 - 60, T0)));
        long ntp = (T0 + 2_208_988_800L) << 32;
        assertEquals(List.of("value.time.after-export"), codes(decode(ipfixTimes(156, 157, 8, ntp, ntp + (3L << 32)))));
        assertEquals(List.of(), decode(ipfixTimes(156, 157, 8, ntp, ntp + (1L << 31))));
        // a v9 record with absolute times (nfreplay, pmacctd), and no export time at all: nothing to compare with
        byte[] v9 = v9(2, 0, T0, 1, 0, v9Template(256, 152, 8, 153, 8),
                set(256, Hex.of().u64(ms + 60_000).u64(ms + 61_000).build()));
        assertEquals(List.of("value.time.after-export"), codes(decode(v9)));
        assertTrue(decode(v9).get(0).message().startsWith("a record ends after the packet's export time"
                + " 2020-01-01T00:00:00Z, by 61 s"), decode(v9).get(0).message());
        byte[] noExportTime = ipfix(0, 0, 1, ipfixTemplate(256, 152, 8, 153, 8),
                set(256, Hex.of().u64(ms).u64(ms + 1).build()));
        assertEquals(List.of(), decode(noExportTime));
    }

    @Test
    @DisplayName("NetFlow v5: first after last is 'start after end'")
    void v5StartAfterEnd() {
        byte[] p = Hex.v5(1, 10_000, T0, 0, 0, 0, 0);
        // first (offset 24 + 24) = 9000, last (24 + 28) = 8000
        p[48] = 0; p[49] = 0; p[50] = 0x23; p[51] = 0x28;
        p[52] = 0; p[53] = 0; p[54] = 0x1f; p[55] = 0x40;
        List<Problem> ps = decode(p);
        assertEquals(List.of("value.time.order"), codes(ps));
        assertEquals(48, ps.get(0).offset());
        assertEquals(List.of(), decode(Hex.v5(1, 10_000, T0, 0, 0, 0, 0)));
    }

    @Test
    @DisplayName("NetFlow v1/v5/v7: each record's first and last compared, across the uptime wrap too")
    void legacyPairs() {
        byte[] v5 = Hex.v5(3, 10_000, T0, 0, 0, 0, 0);
        int third = 24 + 2 * 48;
        putU32(v5, third + 24, 9_000); // the third record: first 9000 after last 8000
        putU32(v5, third + 28, 8_000);
        List<Problem> ps = decode(v5);
        assertEquals(List.of("value.time.order"), codes(ps));
        assertEquals(third + 24, ps.get(0).offset());
        putU32(v5, third + 24, 0xffff_ff00L); // started before the uptime wrapped, ended after it
        putU32(v5, third + 28, 0x80);
        assertEquals(List.of(), decode(v5));

        assertEquals(List.of("value.time.order"), codes(decode(legacy(1, 16, 48, 9_000, 8_000))));
        assertEquals(List.of("value.time.order"), codes(decode(legacy(7, 24, 52, 9_000, 8_000))));
        assertEquals(List.of(), decode(legacy(7, 24, 52, 9_000, 9_000)));
    }

    /** A v1 or v7 packet (header and record sizes as given) of one record with this first and last switched. */
    private static byte[] legacy(int version, int header, int size, long first, long last) {
        byte[] p = new byte[header + size];
        putU32(p, 0, (long) version << 16 | 1);
        putU32(p, 4, 10_000);
        putU32(p, 8, T0);
        putU32(p, header + 24, first); // first and last switched lie at 24 and 28 in v1, v5 and v7 records
        putU32(p, header + 28, last);
        return p;
    }

    private static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    @Test
    @DisplayName("valueChecks(false) leaves out the value checks' problems only: records, sets and other problems stay")
    void withoutValueChecks() {
        byte[] v5 = Hex.v5(1, 10_000, T0, 0, 0, 0, 0);
        v5[50] = 0x23; // first switched 9000 after last switched 8000, as in v5StartAfterEnd
        v5[51] = 0x28;
        v5[54] = 0x1f;
        v5[55] = 0x40;
        byte[] v9 = v9Times(10_000, 9_000, 12_000);
        byte[] ipfix = ipfix(T0, 0, 1, ipfixTemplate(256, 152, 8, 153, 8, 4, 1),
                set(256, Hex.of().u64(T0 * 1000 + 5).u64(T0 * 1000).u8(6).u64(0).u64(0).u8(0).u8(1).build()));
        for (byte[] payload : List.of(v5, v9, ipfix)) {
            ExportPacket on = new ExportDecoder().decode(payload, DecodeContext.standalone(1));
            ExportPacket off = new ExportDecoder().valueChecks(false).decode(payload, DecodeContext.standalone(1));
            List<String> kept = Feed.codes(on.problems()).stream()
                    .filter(c -> !c.startsWith("value.") && !c.equals("nf9.record.switched.future")
                            && !c.equals("ipfix.set.padding.long"))
                    .toList();
            assertTrue(kept.size() < on.problems().size(), "the packet has value problems");
            assertEquals(kept, Feed.codes(off.problems()));
            assertEquals(on.recordCount(), off.recordCount());
            assertEquals(on.sets().size(), off.sets().size());
            assertEquals(records(on), records(off));
        }
    }

    @Test
    @DisplayName("valueChecks(false): records with one or two variable-length fields read the same as with the checks")
    void withoutValueChecksVariableLength() {
        byte[] http = "http".getBytes(US_ASCII);
        byte[] dns = "dns".getBytes(US_ASCII);
        byte[] eth0 = "eth0".getBytes(US_ASCII);
        // 257: applicationName (96, variable), octetDeltaCount (1)/8; 258: applicationName, interfaceName (82), both
        // variable (the records keep the positions of both length prefixes)
        byte[] payload = ipfix(T0, 0, 1, ipfixTemplate(257, 96, 65535, 1, 8), ipfixTemplate(258, 96, 65535, 82, 65535),
                set(257, Hex.of().u8(4).bytes(http).u64(100).u8(3).bytes(dns).u64(7).build()),
                set(258, Hex.of().u8(3).bytes(dns).u8(4).bytes(eth0).u8(0).u8(0).build()));
        ExportPacket on = new ExportDecoder().decode(payload, DecodeContext.standalone(1));
        ExportPacket off = new ExportDecoder().valueChecks(false).decode(payload, DecodeContext.standalone(1));
        assertEquals(4, on.recordCount());
        assertEquals(on.recordCount(), off.recordCount());
        assertEquals(on.sets().size(), off.sets().size());
        assertEquals(places(on), places(off));
        assertEquals(records(on), records(off));
        var last = off.sets().get(off.sets().size() - 1).records();
        assertEquals("dns", last.get(0).field("applicationName").value());
        assertEquals("eth0", last.get(0).field("interfaceName").value());
        assertEquals(0, last.get(1).valueLength(1)); // an empty interfaceName
    }

    /** Per set, per record: its values as {@link #shown}. */
    private static List<List<List<String>>> records(ExportPacket p) {
        return p.sets().stream().map(s -> s.records().stream().map(r -> shown(r.fields())).toList()).toList();
    }

    /** Per set, per record: where it starts and how long it is. */
    private static List<List<String>> places(ExportPacket p) {
        return p.sets().stream().map(s -> s.records().stream().map(r -> r.offset() + "+" + r.length()).toList())
                .toList();
    }

    /** Name, display, position and children of each value (octet values are arrays: equal only as themselves). */
    private static List<String> shown(List<dev.flowinspector.decode.FieldValue> fs) {
        return fs.stream().map(f -> f.fieldName() + " = " + f.display() + " @" + f.offset() + "+" + f.length() + " "
                + f.children()).toList();
    }

    @Test
    @DisplayName("IPFIX: zero padding as long as a record is reported; short padding is not")
    void ipfixPaddingTooLong() {
        // template 256: protocolIdentifier (4)/1, sourceTransportPort (7)/2 → 3-byte records
        byte[] longPad = ipfix(T0, 0, 1, ipfixTemplate(256, 4, 1, 7, 2),
                set(256, Hex.of().u8(6).u16(80).u8(17).u16(53).zeros(3).build()));
        List<Problem> ps = decode(longPad);
        assertEquals(List.of("ipfix.set.padding.long"), codes(ps));
        assertEquals(16 + 16 + 4 + 6, ps.get(0).offset());
        assertEquals(3, ps.get(0).length());
        byte[] shortPad = ipfix(T0, 0, 1, ipfixTemplate(256, 4, 1, 7, 2),
                set(256, Hex.of().u8(6).u16(80).u8(17).u16(53).zeros(2).build()));
        assertEquals(List.of(), decode(shortPad));
    }
}
