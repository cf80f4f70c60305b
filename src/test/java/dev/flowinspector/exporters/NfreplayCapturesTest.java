package dev.flowinspector.exporters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.exporters.FlowCheck.IcmpEncoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * nfdump 1.7.1 as an exporter: {@code nfpcapd -r traffic.pcap} made an nfcapd file, {@code nfreplay -v 5} and
 * {@code -v 9} sent its flows (tools/make-exporter-captures.sh, README next to the captures). nfpcapd closes ICMP
 * and DNS flows after every packet, so an input flow can be several records: their packets and octets add up to
 * the input flow's, and each lies within the input flow's time span. nfpcapd keeps no TOS (every record has 0, as
 * tshark shows). The record counts per frame are tshark 4.0's.
 */
class NfreplayCapturesTest {

    /**
     * One capture.
     *
     * @param file     capture file name
     * @param version  export version of every packet
     * @param records  flow records per frame, as tshark counts them
     * @param ipv6     whether the IPv6 flows are exported too (v9 only)
     * @param domain   ExportPacket.domain(): engine type 18 and id 86 (v5), source id 1 (v9)
     * @param problems the problem codes the capture raises
     */
    record Case(String file, int version, List<Integer> records, boolean ipv6, long domain, Set<String> problems) {
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
                new Case("nfreplay-v5.pcap", 5, List.of(30, 30, 20), false, (18 << 8) | 86, Set.of()),
                // v9's export time is 2023-12-31T00:00:00Z, a day before its flows end
                new Case("nfreplay-v9.pcap", 9, List.of(18, 15, 19, 26, 22, 2), true, 1,
                        Set.of("value.time.after-export")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    @DisplayName("every frame is read and has nfreplay's version, domain and tshark's record count")
    void versionsAndCounts(Case c) throws IOException {
        ExporterCapture cap = ExporterCapture.load(c.file());
        assertNull(cap.damage(), "reader damage");
        for (ExportPacket p : cap.packets()) {
            assertEquals(c.version(), p.version(), "version of frame " + p.frame());
            assertEquals(c.domain(), p.domain(), "domain of frame " + p.frame());
        }
        assertEquals(c.records(), cap.recordsPerFrame(), "flow records per frame (tshark's counts)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    @DisplayName("repeated templates and nfreplay's counts are as the RFCs allow; v9's flows end a day after the export time")
    void problems(Case c) throws IOException {
        ExporterCapture cap = ExporterCapture.load(c.file());
        assertEquals(List.of(), cap.errors(), "ERROR problems");
        Set<String> codes = cap.problemCodes();
        assertEquals(c.problems(), codes, String.join("\n", cap.problems()));
        if (c.version() == 9) { // one warning a packet, every record counted
            for (int i = 0; i < cap.packets().size(); i++) {
                assertEquals(List.of("value.time.after-export"), cap.codes(i), "frame " + (i + 1));
            }
            assertTrue(cap.problems().get(0).contains("18 records end after the packet's export time"
                    + " 2023-12-31T00:00:00Z, by up to 24 h (flowEndMilliseconds)"), cap.problems().get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    @DisplayName("each input flow's records add up to its packets and octets, within its first and last packet")
    void recordsAddUpToTheInput(Case c) throws IOException {
        ExporterCapture cap = ExporterCapture.load(c.file());
        Map<InputFlow, long[]> sums = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (DataRecord r : cap.flowRecords()) {
            InputFlow f = FlowCheck.match(r, c.expected(), IcmpEncoding.DESTINATION_PORT);
            if (f == null) {
                bad.add("no input flow for " + r.fields());
                continue;
            }
            long[] s = sums.computeIfAbsent(f, k -> new long[2]);
            s[0] += FlowCheck.number(r, "packetDeltaCount", -1);
            s[1] += FlowCheck.number(r, "octetDeltaCount", -1);
            long start = FlowCheck.epochMs(r.field(c.version() == 5 ? "flowStartSysUpTime" : "flowStartMilliseconds"));
            long end = FlowCheck.epochMs(r.field(c.version() == 5 ? "flowEndSysUpTime" : "flowEndMilliseconds"));
            if (start < f.firstMs() || end > f.lastMs() || end < start) {
                bad.add(f + ": record " + start + "-" + end + " ms outside the flow's " + f.firstMs() + "-" + f.lastMs());
            }
            if (FlowCheck.number(r, "ipClassOfService", -1) != 0) { // nfpcapd keeps no TOS (tshark shows 0 too)
                bad.add(f + ": TOS " + FlowCheck.number(r, "ipClassOfService", -1) + ", nfpcapd records none");
            }
        }
        for (InputFlow f : c.expected()) {
            long[] s = sums.get(f);
            if (s == null) {
                bad.add(f + ": no record");
            } else if (s[0] != f.packets() || s[1] != f.octets()) {
                bad.add(f + ": records add up to " + s[0] + " packets " + s[1] + " octets, input " + f.packets()
                        + " packets " + f.octets() + " octets");
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " disagreement(s):\n" + String.join("\n", bad));
        assertEquals(c.records().stream().mapToInt(Integer::intValue).sum(), cap.flowRecords().size());
    }

    @Test
    @DisplayName("v9: templates 256 (IPv4) and 257 (IPv6) are sent again before every data flowset, unchanged")
    void templatesRepeatedUnchanged() throws IOException {
        ExporterCapture cap = ExporterCapture.load("nfreplay-v9.pcap");
        int templateSets = 0;
        int dataSets = 0;
        for (ExportPacket p : cap.packets()) {
            for (FlowSet s : p.sets()) {
                if (s.kind() == SetKind.TEMPLATE) {
                    templateSets++;
                } else if (s.kind() == SetKind.DATA) {
                    dataSets++;
                    assertTrue(s.id() == 256 || s.id() == 257, "data set " + s.id());
                }
            }
        }
        assertEquals(dataSets, templateSets, "one template flowset before each data flowset");
        // a TCP record spelled out (tshark 4.0 shows the same values): 10.1.0.10:40000 > 192.0.2.1:80
        DataRecord r = cap.flowRecords().stream()
                .filter(x -> "10.1.0.10".equals(FlowCheck.address(x, "sourceIPv4Address", "sourceIPv6Address")))
                .findFirst().orElse(null);
        assertNotNull(r, "the record of 10.1.0.10");
        assertEquals(17, FlowCheck.number(r, "engineType", -1));
        assertEquals(1, FlowCheck.number(r, "engineId", -1));
        assertEquals(5, FlowCheck.number(r, "packetDeltaCount", -1));
        assertEquals(260, FlowCheck.number(r, "octetDeltaCount", -1));
        assertEquals(0x1b, FlowCheck.number(r, "tcpControlBits", -1));
        assertEquals(1_704_067_200_100L, FlowCheck.epochMs(r.field("flowStartMilliseconds")));
        assertEquals(1_704_067_200_240L, FlowCheck.epochMs(r.field("flowEndMilliseconds")));
    }
}
