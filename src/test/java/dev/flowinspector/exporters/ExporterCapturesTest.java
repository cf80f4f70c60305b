package dev.flowinspector.exporters;

import static dev.flowinspector.exporters.FlowCheck.IcmpEncoding.DESTINATION_PORT;
import static dev.flowinspector.exporters.FlowCheck.IcmpEncoding.SOURCE_TYPE_DESTINATION_CODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.exporters.FlowCheck.Profile;
import dev.flowinspector.exporters.FlowCheck.Times;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Captures made by real exporters (softflowd 1.1.0, pmacctd 1.7.7 nfprobe, fprobe 1.1 on Debian 12) from the
 * same input traffic, decoded with FlowInspector and compared with the input's flows. Record counts per frame
 * are tshark 4.0's (recorded when the captures were made; tshark does not run here).
 */
class ExporterCapturesTest {

    static final Profile SOFTFLOWD_V9 = new Profile(DESTINATION_PORT, Times.UPTIME_WHOLE_SECONDS, 0, 0, false, true);
    static final Profile SOFTFLOWD_V10 = new Profile(DESTINATION_PORT, Times.IPFIX_SYSTEM_INIT, 0, 0, false, true);
    static final Profile SOFTFLOWD = new Profile(DESTINATION_PORT, Times.UPTIME_EXACT, 0, 0, false, true);
    static final Profile PMACCTD_V5 = new Profile(DESTINATION_PORT, Times.DURATION_ONLY, 5, 0, true, false);
    static final Profile PMACCTD = new Profile(DESTINATION_PORT, Times.ABSOLUTE_MILLIS, 5, 0, true, false);
    static final Profile FPROBE = new Profile(SOURCE_TYPE_DESTINATION_CODE, Times.DURATION_ONLY, 3, 7, false, false);

    /**
     * One capture and what it must decode to.
     *
     * @param file     capture file name
     * @param version  export version of every packet
     * @param records  flow records per frame, as tshark counts them
     * @param ipv6     whether the IPv6 flows are exported too
     * @param profile  how the exporter was run
     * @param domain   ExportPacket.domain(): engine type/id (v5), source id (v9), observation domain (IPFIX)
     * @param problems the problem codes the capture raises (all warnings or notes), each explained in the README
     */
    record Case(String file, int version, List<Integer> records, boolean ipv6, Profile profile, long domain,
                Set<String> problems) {
        @Override
        public String toString() {
            return file;
        }

        List<InputFlow> expected() {
            return ipv6 ? InputFlow.all() : InputFlow.ipv4();
        }
    }

    static Stream<Case> captures() {
        return Stream.of(
                new Case("softflowd-v1.pcap", 1, List.of(30, 18), false, SOFTFLOWD, 0,
                        Set.of("nf.header.count.limit")),
                new Case("softflowd-v5.pcap", 5, List.of(30, 18), false, SOFTFLOWD, 0, Set.of()),
                new Case("softflowd-v9.pcap", 9, List.of(20, 28, 12), true, SOFTFLOWD_V9, 0,
                        Set.of("nf9.header.count.mismatch", "nf9.flowset.padding.align")),
                new Case("softflowd-v10.pcap", 10, List.of(20, 28, 12), true, SOFTFLOWD_V10, 0, Set.of()),
                new Case("pmacctd-v5.pcap", 5, List.of(29, 19), false, PMACCTD_V5, (1 << 8) | 7, Set.of()),
                new Case("pmacctd-v9.pcap", 9, List.of(2, 6, 6, 6, 7, 6, 6, 6, 7, 7, 1), true, PMACCTD, 7, Set.of()),
                new Case("pmacctd-v10.pcap", 10, List.of(2, 6, 6, 6, 7, 6, 6, 6, 7, 7, 1), true, PMACCTD, 7,
                        Set.of()),
                new Case("fprobe-v1.pcap", 1, List.of(24, 24), false, FPROBE, 0, Set.of()),
                new Case("fprobe-v5.pcap", 5, List.of(30, 18), false, FPROBE, 0, Set.of()),
                new Case("fprobe-v7.pcap", 7, List.of(27, 21), false, FPROBE, 0, Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    @DisplayName("every frame is read and has the exporter's version, domain and tshark's record count")
    void versionsAndCounts(Case c) throws IOException {
        ExporterCapture cap = ExporterCapture.load(c.file());
        assertNull(cap.damage(), "reader damage");
        assertEquals(c.records().size(), cap.packets().size(), "frames");
        for (ExportPacket p : cap.packets()) {
            assertEquals(c.version(), p.version(), "version of frame " + p.frame());
            assertEquals(c.domain(), p.domain(), "domain of frame " + p.frame());
        }
        assertEquals(c.records(), cap.recordsPerFrame(), "flow records per frame (tshark's counts)");
        int total = c.records().stream().mapToInt(Integer::intValue).sum();
        assertEquals(c.expected().size(), total, "one record per input flow");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    @DisplayName("no ERROR problem; only the warnings and notes the exporter is known to cause")
    void problems(Case c) throws IOException {
        ExporterCapture cap = ExporterCapture.load(c.file());
        assertEquals(List.of(), cap.errors(), "ERROR problems");
        Set<String> codes = cap.problemCodes();
        assertEquals(new TreeSet<>(c.problems()), codes, String.join("\n", cap.problems()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    @DisplayName("every record is one input flow with its packets, octets, TOS, flags, times, interfaces and AS")
    void everyRecordMatchesTheInput(Case c) throws IOException {
        ExporterCapture cap = ExporterCapture.load(c.file());
        long systemInit = 0;
        if (c.profile().times() == Times.IPFIX_SYSTEM_INIT) {
            List<DataRecord> opts = cap.optionsRecords();
            assertEquals(1, opts.size(), "softflowd sends one options record");
            systemInit = FlowCheck.epochMs(opts.get(0).field("systemInitTimeMilliseconds"));
            assertEquals(InputFlow.TRAFFIC_FIRST_MS, systemInit, "softflowd -a: system init = first packet");
        }
        List<String> bad = FlowCheck.check(cap.flowRecords(), c.expected(), c.profile(), systemInit, true);
        assertTrue(bad.isEmpty(), bad.size() + " disagreement(s):\n" + String.join("\n", bad));
    }

    // ------------------------------------------------------------------ a few records spelled out

    /** The record from src:sport to dst (sport 0 also matches records without ports). */
    private static DataRecord find(ExporterCapture cap, String src, int sport, String dst) {
        for (DataRecord r : cap.flowRecords()) {
            String s = FlowCheck.address(r, "sourceIPv4Address", "sourceIPv6Address");
            String d = FlowCheck.address(r, "destinationIPv4Address", "destinationIPv6Address");
            FieldValue sp = r.field("sourceTransportPort");
            if (src.equals(s) && dst.equals(d) && (sp == null ? 0 : sp.asLong(-1)) == sport) {
                return r;
            }
        }
        throw new AssertionError("no record from " + src + ":" + sport + " to " + dst);
    }

    private static long num(DataRecord r, String name) {
        FieldValue f = r.field(name);
        assertTrue(f != null, "record has no " + name + ": " + r.fields());
        return f.asLong(-1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softflowdLegacy")
    @DisplayName("softflowd v1/v5: the first TCP session's client half, field by field, and the header times")
    void softflowdLegacyRecord(String file) throws IOException {
        ExporterCapture cap = ExporterCapture.load(file);
        ExportPacket first = cap.packets().get(0);
        assertEquals(3050, first.sysUptimeMs(), "sysUptime: ms since the first packet (softflowd -a)");
        assertEquals(InputFlow.TRAFFIC_LAST_MS, first.exportMillis(), "export time: the last packet's (-a)");
        DataRecord r = find(cap, "10.1.0.10", 40000, "192.0.2.1");
        assertEquals(80, num(r, "destinationTransportPort"));
        assertEquals(6, num(r, "protocolIdentifier"));
        assertEquals(5, num(r, "packetDeltaCount"));
        assertEquals(260, num(r, "octetDeltaCount"), "SYN, ACK, 60-byte push, FIN, ACK: 40+40+100+40+40");
        assertEquals(0x1b, num(r, "tcpControlBits"), "FIN SYN PSH ACK");
        assertEquals(0, num(r, "flowStartSysUpTime"));
        assertEquals(140, num(r, "flowEndSysUpTime"));
        assertEquals(Instant.parse("2024-01-01T00:00:00.100Z"),
                r.field("flowStartSysUpTime").child("absolute").value());
        assertEquals(Instant.parse("2024-01-01T00:00:00.240Z"),
                r.field("flowEndSysUpTime").child("absolute").value());
        DataRecord ntp = find(cap, "10.1.0.57", 5007, "192.0.2.17");
        assertEquals(0xb8, num(ntp, "ipClassOfService"), "DSCP EF");
        assertEquals(123, num(ntp, "destinationTransportPort"));
    }

    static Stream<String> softflowdLegacy() {
        return Stream.of("softflowd-v1.pcap", "softflowd-v5.pcap");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softflowdTemplated")
    @DisplayName("softflowd v9/IPFIX: IPv6 TCP and ICMPv6 records and the ICMP template")
    void softflowdTemplated(String file) throws IOException {
        ExporterCapture cap = ExporterCapture.load(file);
        DataRecord r = find(cap, "2001:db8::11", 41001, "2001:db8:1::1");
        assertEquals(443, num(r, "destinationTransportPort"));
        assertEquals(7, num(r, "packetDeltaCount"));
        assertEquals(690, num(r, "octetDeltaCount"));
        assertEquals(6, num(r, "ipVersion"));
        assertEquals(200, num(r, "flowEndSysUpTime") - num(r, "flowStartSysUpTime"));
        DataRecord ping6 = find(cap, "2001:db8::30", 0, "2001:db8:1::30");
        assertEquals(58, num(ping6, "protocolIdentifier"));
        assertEquals(3, num(ping6, "packetDeltaCount"));
        assertEquals(240, num(ping6, "octetDeltaCount"), "3 × (40 + 8 + 32)");
        assertEquals(128 * 256, num(ping6, "icmpTypeCodeIPv6"), "echo request 128/0 (v9 type 139)");
        DataRecord ping4 = find(cap, "10.1.0.101", 0, "192.0.2.51");
        assertEquals(0x0800, num(ping4, "icmpTypeCodeIPv4"), "echo request 8/0");
        assertEquals(1, num(ping4, "flowEndReason"), "idle timeout");
        assertEquals(1025, ping4.template().id(), "softflowd's IPv4 ICMP template");
    }

    static Stream<String> softflowdTemplated() {
        return Stream.of("softflowd-v9.pcap", "softflowd-v10.pcap");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pmacctdAll")
    @DisplayName("pmacctd nfprobe: AS numbers from the networks file, input interface 5")
    void pmacctdRecord(String file) throws IOException {
        ExporterCapture cap = ExporterCapture.load(file);
        DataRecord r = find(cap, "192.0.2.1", 80, "10.1.0.10");
        assertEquals(40000, num(r, "destinationTransportPort"));
        assertEquals(3, num(r, "packetDeltaCount"));
        assertEquals(320, num(r, "octetDeltaCount"), "SYN-ACK, 200-byte push, FIN: 40+240+40");
        assertEquals(64502, num(r, "bgpSourceAsNumber"));
        assertEquals(64501, num(r, "bgpDestinationAsNumber"));
        assertEquals(5, num(r, "ingressInterface"));
        DataRecord ping = find(cap, "10.1.0.103", 0, "192.0.2.53");
        assertEquals(5, num(ping, "packetDeltaCount"));
        assertEquals(0x0800, num(ping, "destinationTransportPort"), "ICMP type 8 code 0 in the destination port");
        if (file.contains("v5")) {
            assertEquals(24, num(r, "sourceIPv4PrefixLength"), "prefix from the networks file");
        } else {
            assertEquals(Instant.parse("2024-01-01T00:00:00.120Z"), r.field("flowStartMilliseconds").value());
            assertEquals(Instant.parse("2024-01-01T00:00:00.220Z"), r.field("flowEndMilliseconds").value());
        }
    }

    static Stream<String> pmacctdAll() {
        return Stream.of("pmacctd-v5.pcap", "pmacctd-v9.pcap", "pmacctd-v10.pcap");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fprobeAll")
    @DisplayName("fprobe: interfaces from -x 3:7, ICMP type in the source port, sysUptime 2^20 s")
    void fprobeRecord(String file) throws IOException {
        ExporterCapture cap = ExporterCapture.load(file);
        assertEquals(1_048_576_000L, cap.packets().get(0).sysUptimeMs(), "fprobe's UPTIME_TRICK: 2^20 s");
        DataRecord r = find(cap, "10.1.0.21", 40011, "192.0.2.4");
        assertEquals(25, num(r, "destinationTransportPort"));
        assertEquals(10, num(r, "packetDeltaCount"));
        assertEquals(1420, num(r, "octetDeltaCount"), "SYN, ACK, 6 × (40 + 170), FIN, ACK");
        assertEquals(3, num(r, "ingressInterface"));
        assertEquals(7, num(r, "egressInterface"));
        DataRecord ping = find(cap, "10.1.0.100", 8, "192.0.2.50");
        assertEquals(0, num(ping, "destinationTransportPort"), "ICMP code");
        assertEquals(2, num(ping, "packetDeltaCount"));
        assertEquals(168, num(ping, "octetDeltaCount"), "2 × (20 + 8 + 56)");
    }

    static Stream<String> fprobeAll() {
        return Stream.of("fprobe-v1.pcap", "fprobe-v5.pcap", "fprobe-v7.pcap");
    }
}
