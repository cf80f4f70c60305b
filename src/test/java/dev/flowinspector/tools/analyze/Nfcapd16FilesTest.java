package dev.flowinspector.tools.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowinspector.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * nfdump 1.6 files (layout 1), built by {@link Nfcapd16Writer} from the published layout: analyze reads the flows
 * that were written, in every compression of layout 1 and both byte orders, and agrees with nfdump 1.7's reading
 * of the same files when nfdump is installed.
 */
@DisplayName("analyze reads nfdump 1.6 (layout 1) files")
class Nfcapd16FilesTest {

    @TempDir
    Path dir;

    private Nfcapd16Writer writer(ByteOrder order) {
        return new Nfcapd16Writer(order, 3000, 700, 16);
    }

    private Path write(Nfcapd16Writer w, Nfcapd16Writer.Compression c, String name) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, w.bytes(c));
        return f;
    }

    private static <K> Map<String, long[]> sums(List<Nfcapd16Writer.Flow> flows, Function<Nfcapd16Writer.Flow, K> key) {
        Map<String, long[]> m = new TreeMap<>();
        for (Nfcapd16Writer.Flow f : flows) {
            long[] s = m.computeIfAbsent(String.valueOf(key.apply(f)), k -> new long[3]);
            s[0] += f.flows();
            s[1] += f.packets();
            s[2] += f.bytes();
        }
        return m;
    }

    private static void assertTable(Map<String, long[]> expected, JsonNode table) {
        Map<String, long[]> ours = new TreeMap<>();
        for (JsonNode row : table.path("rows")) {
            ours.put(row.path("key").asText(), new long[] {row.path("flows").asLong(), row.path("packets").asLong(),
                row.path("bytes").asLong()});
        }
        assertEquals(expected.keySet(), ours.keySet(), table.path("key").asText() + " keys");
        expected.forEach((k, v) -> assertEquals(List.of(v[0], v[1], v[2]), List.of(ours.get(k)[0], ours.get(k)[1],
                ours.get(k)[2]), table.path("key").asText() + " " + k));
    }

    private static JsonNode analyzeAll(Path f) throws Exception {
        return NfcapdFilesTest.analyze("-s", "srcip/bytes", "-s", "dstport/flows", "-s", "srcas/bytes", "-s",
                "inif/bytes", "-s", "exporter/bytes", "-n", "1000", f.toString());
    }

    private static void assertWritten(Nfcapd16Writer w, JsonNode r) {
        assertEquals(w.flows.stream().mapToLong(Nfcapd16Writer.Flow::flows).sum(), r.path("totals").path("flows").asLong());
        assertEquals(w.flows.stream().mapToLong(Nfcapd16Writer.Flow::packets).sum(),
                r.path("totals").path("packets").asLong());
        assertEquals(w.flows.stream().mapToLong(Nfcapd16Writer.Flow::bytes).sum(), r.path("totals").path("bytes").asLong());
        assertEquals(3000, r.path("recordsRead").asLong());
        JsonNode stats = r.path("stats");
        assertTable(sums(w.flows, Nfcapd16Writer.Flow::src), stats.get(0));
        assertTable(sums(w.flows, Nfcapd16Writer.Flow::dstPort), stats.get(1));
        assertTable(sums(w.flows, Nfcapd16Writer.Flow::srcAs), stats.get(2));
        assertEquals(2, stats.get(4).path("rows").size(), "two exporters, from the exporter info records");
        long sumIf = 0;
        for (JsonNode row : stats.get(3).path("rows")) {
            assertTrue(row.path("key").asText().matches("10\\.0\\.0\\.[12] if [1-8]"), row.path("key").asText());
            sumIf += row.path("bytes").asLong();
        }
        assertEquals(r.path("totals").path("bytes").asLong(), sumIf, "every flow has an input interface");
    }

    static Stream<Arguments> compressionsAndOrders() {
        return Stream.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN).flatMap(o ->
                Stream.of(Nfcapd16Writer.Compression.values()).map(c -> Arguments.of(c, o)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("compressionsAndOrders")
    @DisplayName("totals and tables are those of the flows written, whatever the compression and the writer's byte order")
    void readsWhatWasWritten(Nfcapd16Writer.Compression c, ByteOrder order) throws Exception {
        Nfcapd16Writer w = writer(order);
        assertWritten(w, analyzeAll(write(w, c, c + "-" + order + ".nfcapd")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Nfcapd16Writer.Compression.class)
    @DisplayName("the same totals and top tables as nfdump 1.7 reading the file, when nfdump is installed")
    void agreesWithNfdump(Nfcapd16Writer.Compression c) throws Exception {
        Path f = write(writer(ByteOrder.LITTLE_ENDIAN), c, c + ".nfcapd");
        String summary = nfdump(f, "-N", "-o", "null");
        Assumptions.assumeTrue(summary != null, "nfdump is not installed: checked against the written flows only");
        Matcher m = Pattern.compile("total flows: (\\d+), total bytes: (\\d+), total packets: (\\d+)").matcher(summary);
        assertTrue(m.find(), summary);
        String info = "Flows: " + m.group(1) + "\nBytes: " + m.group(2) + "\nPackets: " + m.group(3) + "\n";
        StringBuilder csv = new StringBuilder();
        for (String s : NfcapdFilesTest.STATS) {
            csv.append("# nfdump -s ").append(s).append(" -n 5\n")
                    .append(nfdump(f, "-s", s, "-n", "5", "-o", "csv", "-q"));
        }
        NfcapdFilesTest.compare(f, info, csv.toString());
    }

    /**
     * nfdump's standard output, or null when it is not installed or fails. Its standard error is left out: nfdump
     * 1.7.1 says "Skip unknown record type 9" there for the 1.6 sampler record.
     */
    private static String nfdump(Path f, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("nfdump", "-r", f.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        return p.exitValue() == 0 ? out : null;
    }

    @Test
    @DisplayName("a record naming a map the file never defined, or a map whose sizes disagree, is a one-line error")
    void damaged() throws Exception {
        byte[] b = writer(ByteOrder.LITTLE_ENDIAN).bytes(Nfcapd16Writer.Compression.NONE);
        // the first block: header 276 + block header 12, then 2 exporter records (64 bytes), map 0 (16 bytes) ...
        int map0 = 276 + 12 + 64;
        List<String> errors = new ArrayList<>();
        byte[] badId = b.clone();
        badId[map0 + 4] = 9; // map 0 becomes map 9; records naming map 0 find none
        byte[] badSize = b.clone();
        badSize[map0 + 6] = 13; // declared extension bytes 13 instead of 12
        for (byte[] bad : List.of(badId, badSize)) {
            Path f = dir.resolve("bad.nfcapd");
            Files.write(f, bad);
            StringWriter err = new StringWriter();
            int rc = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "analyze", "-s", "srcip", f.toString());
            assertEquals(2, rc, err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            errors.add(err.toString().strip());
        }
        assertTrue(errors.get(0).matches(".*bad.nfcapd: block 0: record \\d+ names extension map 0, which the file did"
                + " not define before it"), errors.get(0));
        assertTrue(errors.get(1).matches(".*bad.nfcapd: block 0: extension map 0 \\(record 2\\) says its extensions take"
                + " 13 bytes; its ids add up to 12"), errors.get(1));
    }
}
