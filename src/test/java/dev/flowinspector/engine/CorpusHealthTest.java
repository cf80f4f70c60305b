package dev.flowinspector.engine;



import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.decode.health.CrossPacketAnalyzer;
import dev.flowinspector.testutil.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-packet analysis over the shared corpus of vendor captures (skipped when it is absent, see {@link Corpus}).
 * Most corpus pcaps were assembled from separate test files (a template datagram from one moment, a data
 * datagram from another, 1 ms apart, same exporter address), so sequence and clock findings between those
 * packets describe the assembly, not the exporter. The expected findings below say which is which.
 */
class CorpusHealthTest {

    private static final Path PCAPS = Corpus.pcaps();

    /** Cross-packet codes each capture raises; captures not listed must raise none. */
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            // genuine: export time decades off (softflowd test data, nProbe DPI with time 502 s); softflowd's
            // IPFIX sequence counts the message's own records (an exporter bug Wireshark reports as a gap)
            Map.entry("bk_ipfix_softflowd", "header.time.skew sequence.counts.current"),
            Map.entry("ls_v9_nprobe_dpi", "header.time.skew"),
            // genuine, single real capture: softflowd's v9 sequence does not count packets (Wireshark agrees)
            Map.entry("gl_softflowd_v9", "sequence.loss"),
            // genuine, one file of 3 concatenated messages: softflowd counts the message's own records
            Map.entry("ls_ipfix_softflowd", "sequence.counts.current"),
            // assembled from two or more separate files: gaps, older packets and clock jumps between them
            Map.entry("bk_ipfix_softflowd_ether", "header.time.skew sequence.counts.current"),
            Map.entry("bk_v9_softflowd_with_zeros", "header.time.skew"),
            Map.entry("gf_v9_template_data", "sequence.loss"),
            Map.entry("ls_ipfix_barracuda", "sequence.loss"),
            Map.entry("ls_ipfix_barracuda_extended_uniflow", "sequence.duplicate"),
            Map.entry("ls_ipfix_mikrotik", "sequence.loss"),
            Map.entry("ls_ipfix_netscaler", "header.time.skew sequence.loss"),
            Map.entry("ls_ipfix_nokia_bras", "sequence.loss"),
            Map.entry("ls_ipfix_procera", "sequence.loss"),
            Map.entry("ls_ipfix_viptela", "header.time.backwards sequence.duplicate"),
            Map.entry("ls_ipfix_vmware_vds", "header.time.backwards sequence.duplicate sequence.loss"),
            Map.entry("ls_ipfix_yaf", "header.time.backwards sequence.duplicate sequence.loss"),
            Map.entry("ls_v5_invalid", "header.time.skew sequence.unknown"),
            Map.entry("ls_v9_cisco_asa_2", "header.time.backwards sequence.duplicate"),
            Map.entry("ls_v9_cisco_asr9k", "header.time.backwards sequence.duplicate"),
            Map.entry("ls_v9_cisco_nbar", "sequence.loss"),
            Map.entry("ls_v9_cisco_wlc", "header.time.backwards sequence.duplicate"),
            Map.entry("ls_v9_fortigate_fortios_521", "header.time.backwards sequence.duplicate"),
            Map.entry("ls_v9_fortigate_fortios_542_appid", "sequence.loss"),
            Map.entry("ls_v9_h3c", "sequence.loss"),
            Map.entry("ls_v9_h3c_netstream_varstring", "sequence.loss"),
            Map.entry("ls_v9_huawei_netstream", "sequence.loss"),
            Map.entry("ls_v9_layer2segmentid", "sequence.loss"),
            Map.entry("ls_v9_macaddr", "sequence.loss"),
            Map.entry("ls_v9_paloalto_81_zerofilled", "sequence.loss"),
            Map.entry("ls_v9_paloalto_panos", "sequence.loss"),
            Map.entry("ls_v9_streamcore", "header.time.backwards header.time.skew sequence.duplicate"),
            Map.entry("ls_v9_ubnt_edgerouter", "header.time.backwards sequence.duplicate sequence.loss")));

    static Stream<String> captures() {
        return Corpus.captures(".pcap").map(p -> p.getFileName().toString().replaceFirst("\\.pcap$", ""));
    }

    /** Every packet of a capture, decoded in order. */
    static List<ExportPacket> decode(String name, Decoding d) throws IOException {
        List<ExportPacket> out = new ArrayList<>();
        try (CaptureReader r = CaptureFiles.open(PCAPS.resolve(name + ".pcap"))) {
            Frame f;
            while ((f = r.next()) != null) {
                out.add(d.accept(f));
            }
        }
        d.finish();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    @DisplayName("Cross-packet findings are the expected ones, each registered and pointing inside its packet")
    void crossPacket(String name) throws IOException {
        Corpus.assumePresent();
        Decoding d = new Decoding(DecodingOptions.defaults());
        List<ExportPacket> ps = decode(name, d);
        TreeSet<String> codes = new TreeSet<>();
        List<String> cross = CrossPacketAnalyzer.types().stream().map(t -> t.code()).toList();
        for (ExportPacket p : ps) {
            for (Problem x : p.problems()) {
                assertNotNull(Problems.byCode(x.code()), x.code());
                assertTrue(x.offset() >= 0 && x.offset() + x.length() <= p.data().length, name + ": " + x);
                if (cross.contains(x.code())) {
                    codes.add(x.code());
                }
            }
            assertEquals(d.crossPacketProblems(p.frame()).size(),
                    p.problems().stream().filter(x -> cross.contains(x.code())).count(), name + " frame " + p.frame());
        }
        assertEquals(EXPECTED.getOrDefault(name, ""), String.join(" ", codes), name);
    }

    @Test
    @DisplayName("Known-broken captures get precise problems")
    void broken() throws IOException {
        Corpus.assumePresent();
        List<ExportPacket> v5 = decode("ls_v5_invalid", new Decoding(DecodingOptions.defaults()));
        assertEquals(List.of("nf.header.count.limit@2", "nf.header.length.mismatch@2"), at(v5.get(0)).subList(0, 2));
        assertTrue(at(v5.get(1)).contains("sequence.unknown@16"), "a wrong count makes the next check unknown");

        List<ExportPacket> v9 = decode("ls_v9_invalid01", new Decoding(DecodingOptions.defaults()));
        assertEquals(List.of("nf9.flowset.padding.align@180", "nf9.header.count.mismatch@2"), at(v9.get(0)));

        List<ExportPacket> gl = decode("gl_v9_3_incomplete", new Decoding(DecodingOptions.defaults()));
        assertEquals(List.of("data.template.missing@20"), at(gl.get(0)));

        List<ExportPacket> pa = decode("ls_v9_paloalto_81_zerofilled", new Decoding(DecodingOptions.defaults()));
        Problem trailing = pa.get(1).problems().get(0);
        assertEquals("packet.trailing", trailing.code());
        assertEquals(1220, trailing.length());
    }

    private static List<String> at(ExportPacket p) {
        return p.problems().stream().map(x -> x.code() + "@" + x.offset()).toList();
    }
}
