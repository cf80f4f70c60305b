package dev.flowinspector.tools.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.cli.Main;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.tools.collect.RecordJson;
import dev.flowinspector.tools.generate.CaptureFileWriter;
import dev.flowinspector.tools.generate.GeneratedPacket;
import dev.flowinspector.tools.generate.GeneratedRecord;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.tools.generate.PacketSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("analyze: inputs (JSON lines, stdin, directories), -s/-A/-t/--min-packets, sampling, bounded tables")
class AnalyzeOptionsTest {

    private static final long START = 1_714_564_800_000L; // 2024-05-01T12:00:00Z

    @TempDir
    Path dir;

    private final List<GeneratedRecord> generated = new ArrayList<>();

    private Path capture(String name, int version, int sampling, long count, long seed) throws IOException {
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.of(version);
        o.count = count;
        o.seed = seed;
        o.startMillis = START;
        o.samplingInterval = sampling;
        Path f = dir.resolve(name);
        try (CaptureFileWriter w = new CaptureFileWriter(f)) {
            new Generator(o).run(new PacketSink() {
                @Override
                public void packet(GeneratedPacket p) throws IOException {
                    generated.addAll(p.records());
                    w.packet(p);
                }

                @Override
                public boolean wantsRecords() {
                    return true;
                }
            });
        }
        return f;
    }

    /** The collector's JSON lines of a capture (what collect writes for the same packets), gzip-compressed. */
    private Path jsonLines(Path capture, String name) throws IOException {
        Path out = dir.resolve(name);
        Decoding d = new Decoding(DecodingOptions.defaults());
        RecordJson json = new RecordJson();
        try (CaptureReader r = CaptureFiles.open(capture);
             OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
            json.target(o);
            Frame f;
            while ((f = r.next()) != null) {
                ExportPacket p = d.accept(f);
                for (FlowSet s : p.sets()) {
                    json.write(p, s, f.timeNanos());
                }
            }
            json.target(OutputStream.nullOutputStream());
        }
        return out;
    }

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, rc, err.toString());
        return new String[] {out.toString(), err.toString()};
    }

    static JsonNode json(String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of("analyze", "-o", "json"));
        a.addAll(List.of(args));
        return new ObjectMapper().readTree(run(a.toArray(String[]::new))[0]);
    }

    private long sum(String field) {
        return generated.stream().filter(g -> g.fields().get(field) instanceof Long)
                .mapToLong(g -> (Long) g.fields().get(field)).sum();
    }

    private long flowsOf(GeneratedRecord g) {
        return g.fields().containsKey("sourceIPv4Address") || g.fields().containsKey("sourceIPv6Address") ? 1 : 0;
    }

    @Test
    @DisplayName("collector JSON lines (gzip), the capture they came from, and standard input give the same tables")
    void jsonLinesCaptureAndStdin() throws Exception {
        Path pcap = capture("v9.pcap", 9, 1, 30, 5);
        Path jsonl = jsonLines(pcap, "flows.jsonl.gz");
        JsonNode a = json("-s", "srcip", "-s", "dstport/flows", "-s", "proto/packets", pcap.toString());
        JsonNode b = json("-s", "srcip", "-s", "dstport/flows", "-s", "proto/packets", jsonl.toString());
        assertEquals(a.path("totals"), b.path("totals"));
        assertEquals(a.path("stats"), b.path("stats"));
        assertEquals("flows", a.path("stats").get(0).path("order").asText(), "-s KEY ranks by flows, as nfdump");
        assertEquals(generated.stream().mapToLong(this::flowsOf).sum(), a.path("totals").path("flows").asLong());
        assertEquals(sum("octetDeltaCount"), a.path("totals").path("bytes").asLong());
        assertEquals(sum("packetDeltaCount"), a.path("totals").path("packets").asLong());
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(jsonl)));
            JsonNode c = json("-s", "srcip", "-s", "dstport/flows", "-s", "proto/packets", "-");
            assertEquals(a.path("stats"), c.path("stats"));
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(pcap)));
            JsonNode d = json("-s", "srcip", "-s", "dstport/flows", "-s", "proto/packets", "-");
            assertEquals(a.path("totals"), d.path("totals"));
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    @DisplayName("a directory is read recursively, every file once, in name order; a file that is no input is skipped with a warning")
    void directory() throws Exception {
        Path a = capture("a.pcap", 5, 1, 5, 1);
        Path sub = Files.createDirectories(dir.resolve("tree/2024/05"));
        Files.move(a, sub.resolve("nfcapd.202405011200"));
        Path b = capture("b.pcap", 9, 1, 5, 2);
        Files.move(b, dir.resolve("tree/2024/nfcapd.202405011100"));
        Files.writeString(dir.resolve("tree/2024/README.txt"), "not flows\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err), "analyze", "-o", "json", "-s", "exporter",
                dir.resolve("tree").toString()));
        assertTrue(err.toString().contains("README.txt: not a capture file") && err.toString().contains("(skipped)"),
                err.toString());
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertEquals(generated.stream().mapToLong(this::flowsOf).sum(), r.path("totals").path("flows").asLong());
        assertEquals(List.of(dir.resolve("tree/2024/05/nfcapd.202405011200"), dir.resolve("tree/2024/README.txt"),
                        dir.resolve("tree/2024/nfcapd.202405011100")),
                dev.flowinspector.engine.flow.FlowInput.expand(dir.resolve("tree")));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {5, 9, 10})
    @DisplayName("--sampling auto renormalises with the interval the options data (v5: header) announces: packets × interval")
    void samplingAuto(int version) throws Exception {
        capture("s.pcap", version, 100, 20, 3);
        long packets = sum("packetDeltaCount");
        long bytes = sum("octetDeltaCount");
        JsonNode raw = json("-s", "srcip", dir.resolve("s.pcap").toString());
        assertEquals(packets, raw.path("totals").path("packets").asLong());
        JsonNode r = json("-s", "srcip", "--sampling", "auto", dir.resolve("s.pcap").toString());
        assertEquals(packets * 100, r.path("totals").path("packets").asLong());
        assertEquals(bytes * 100, r.path("totals").path("bytes").asLong());
        long flows = r.path("totals").path("flows").asLong();
        JsonNode c = r.path("sampling").path("corrections").get(0);
        assertEquals(flows, c.path("records").asLong(), "every record corrected");
        assertTrue(c.path("correction").asText().startsWith("100 from "), c.toString());
        assertEquals(0, r.path("sampling").path("uncorrectedRecords").asLong());
        String text = run("analyze", "-s", "proto", "--sampling", "auto", dir.resolve("s.pcap").toString())[0];
        assertTrue(text.contains("Sampling (auto): " + flows + " records × 100 from "), text);
    }

    @Test
    @DisplayName("--sampling auto from the collector's JSON lines learns the rate from their options objects; --sampling N is a fixed factor")
    void samplingFromJsonAndFixed() throws Exception {
        Path pcap = capture("s9.pcap", 9, 50, 20, 4);
        Path jsonl = jsonLines(pcap, "s9.jsonl.gz");
        long packets = sum("packetDeltaCount");
        assertEquals(packets * 50, json("-s", "srcip", "--sampling", "auto", jsonl.toString()).path("totals").path("packets").asLong());
        JsonNode fixed = json("-s", "srcip", "--sampling", "7", pcap.toString());
        assertEquals(packets * 7, fixed.path("totals").path("packets").asLong());
        assertEquals("fixed factor 7", fixed.path("sampling").path("corrections").get(0).path("correction").asText());
    }

    @Test
    @DisplayName("-t keeps flows starting in the window; --min-packets drops small flows; -A aggregates; -s record lists top flows")
    void windowThresholdAggregationRecords() throws Exception {
        Path pcap = capture("w.pcap", 5, 1, 40, 6);
        JsonNode all = json("-s", "record/bytes", "-n", "100000", pcap.toString());
        long total = all.path("totals").path("flows").asLong();
        JsonNode top = json("-s", "record/packets", "-n", "3", pcap.toString());
        assertEquals(3, top.path("records").size());
        long best = generated.stream().mapToLong(g -> (Long) g.fields().get("packetDeltaCount")).max().orElseThrow();
        assertEquals(best, top.path("records").get(0).path("packets").asLong());
        // a window over the middle of the generated times
        List<Instant> starts = new ArrayList<>();
        for (JsonNode rec : all.path("records")) {
            starts.add(Instant.parse(rec.path("start").asText()));
        }
        starts.sort(null);
        Instant from = starts.get(starts.size() / 4).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant to = starts.get(3 * starts.size() / 4).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long expected = starts.stream().filter(s -> !s.isBefore(from) && s.isBefore(to)).count();
        JsonNode w = json("-s", "srcip", "-t", from + "/" + to, pcap.toString());
        assertEquals(expected, w.path("totals").path("flows").asLong());
        assertTrue(expected > 0 && expected < total);
        String nfdumpStyle = from.toString().substring(0, 19).replace('-', '/').replace('T', '.') + "/"
                + to.toString().substring(0, 19).replace('-', '/').replace('T', '.');
        assertEquals(expected, json("-s", "srcip", "-t", nfdumpStyle, pcap.toString()).path("totals").path("flows").asLong());
        long big = generated.stream().filter(g -> (Long) g.fields().get("packetDeltaCount") >= 10).count();
        assertEquals(big, json("-s", "srcip", "--min-packets", "10", pcap.toString()).path("totals").path("flows").asLong());
        JsonNode agg = json("-A", "srcip,dstport", "-n", "100000", pcap.toString());
        Map<String, Long> bytes = new HashMap<>();
        for (GeneratedRecord g : generated) {
            bytes.merge(g.fields().get("sourceIPv4Address") + " " + g.fields().get("destinationTransportPort"),
                    (Long) g.fields().get("octetDeltaCount"), Long::sum);
        }
        assertEquals(bytes.size(), agg.path("aggregate").path("rows").size());
        for (JsonNode row : agg.path("aggregate").path("rows")) {
            assertEquals(bytes.get(row.path("srcip").asText() + " " + row.path("dstport").asText()), row.path("bytes").asLong());
        }
    }

    @Test
    @DisplayName("more keys than --max-keys: a heavy-hitter sketch, said on the output with its error bound; totals stay exact")
    void boundedTables() throws Exception {
        Path pcap = capture("b.pcap", 5, 1, 60, 8);
        JsonNode exact = json("-s", "srcport/flows", "-n", "5", pcap.toString());
        JsonNode sketch = json("-s", "srcport/flows", "-n", "5", "--max-keys", "20", pcap.toString());
        assertEquals(exact.path("totals"), sketch.path("totals"));
        JsonNode t = sketch.path("stats").get(0);
        assertFalse(t.path("exact").asBoolean());
        long bound = t.path("errorBound").asLong();
        assertTrue(bound <= exact.path("totals").path("flows").asLong() / 11, "Misra-Gries bound W/(k+1), k = 20/2: " + bound);
        Map<String, Long> truth = new HashMap<>();
        for (JsonNode row : json("-s", "srcport/flows", "-n", "100000", pcap.toString()).path("stats").get(0).path("rows")) {
            truth.put(row.path("key").asText(), row.path("flows").asLong());
        }
        for (JsonNode row : t.path("rows")) {
            long real = truth.get(row.path("key").asText());
            long est = row.path("flows").asLong();
            assertTrue(est <= real && real - est <= bound, row + " real " + real);
        }
        String text = run("analyze", "-s", "srcport/flows", "--max-keys", "20", pcap.toString())[0];
        assertTrue(text.contains("(heavy-hitter sketch: ") && text.contains("may be low by up to " + bound + ")"), text);
    }

    @Test
    @DisplayName("interface tables (NFStats) name each exporter's interfaces from its options data")
    void interfaceNames() throws Exception {
        Path pcap = capture("if.pcap", 10, 1, 20, 3);
        JsonNode r = json("-s", "inif", "-s", "outif", pcap.toString());
        for (JsonNode t : r.path("stats")) {
            assertTrue(t.path("rows").size() > 0);
            for (JsonNode row : t.path("rows")) {
                assertTrue(row.path("key").asText().matches("192\\.0\\.2\\.10 if \\d+ \\((Gigabit|TenGigabit)Ethernet[0-9/]+\\)"),
                        row.toString());
            }
        }
    }

    @Test
    @DisplayName("--resolve adds the name next to the address instead of replacing it")
    void resolveAddsName() throws Exception {
        String name = java.net.InetAddress.getByName("127.0.0.1").getCanonicalHostName();
        org.junit.jupiter.api.Assumptions.assumeFalse(name.equals("127.0.0.1"), "127.0.0.1 has no name here");
        Path pcap = capture("r.pcap", 5, 1, 2, 9);
        JsonNode r = json("-s", "exporter", "-s", "srcip", "--resolve", pcap.toString());
        for (JsonNode row : r.path("stats").get(1).path("rows")) {
            assertTrue(row.path("key").asText().matches("[0-9.]+"), "the address stays: " + row);
        }
        Path loop = dir.resolve("loop.jsonl");
        Files.writeString(loop, "{\"exporter\":\"127.0.0.1:9\",\"sourceIPv4Address\":\"127.0.0.1\","
                + "\"destinationIPv4Address\":\"127.0.0.1\",\"packetDeltaCount\":1,\"octetDeltaCount\":40}\n");
        JsonNode l = json("-s", "srcip", "--resolve", loop.toString());
        JsonNode row = l.path("stats").get(0).path("rows").get(0);
        assertEquals("127.0.0.1", row.path("key").asText());
        assertEquals(name, row.path("name").asText());
        String csv = run("analyze", "--resolve", "-o", "csv", loop.toString())[0];
        assertTrue(csv.contains(",127.0.0.1,") && csv.contains("," + name), csv);
    }

    @Test
    @DisplayName("bad option values and inputs give one-line messages")
    void badInput() throws Exception {
        for (String[] args : new String[][] {{"-s", "nosuchkey"}, {"-s", "srcip/sideways"}, {"-t", "yesterday"},
            {"--sampling", "often"}, {"-A", "ip"}}) {
            StringWriter err = new StringWriter();
            List<String> a = new ArrayList<>(List.of("analyze"));
            a.addAll(List.of(args));
            a.add(dir.toString());
            assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), a.toArray(String[]::new)));
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("flowinspector analyze: "), err.toString());
        }
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"sourceIPv4Address\":\"10.0.0.1\",\"destinationIPv4Address\":\"10.0.0.2\"}\n{oops\n");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "analyze", "-s", "srcip", bad.toString()));
        assertTrue(err.toString().contains("bad.jsonl: line 2: not JSON"), err.toString());
    }
}
