package dev.flowinspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.cli.Main;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.engine.flow.ExporterOptions;
import dev.flowinspector.engine.flow.FlowInput;
import dev.flowinspector.tools.collect.Collector;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.session.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One count everywhere (issue 12): the same captures through every path that counts records (the tree of
 * {@code decode}, {@code exporters}, the GUI's packet list and Expert Info, {@code collect}, {@code analyze} of the
 * capture and of the collector's output) give the same numbers, records decoded with a template that came later
 * included and marked. Generated captures with late templates, the test captures, and the shared corpus when it is
 * there.
 */
class OneCountTest {

    private static final Path EXPORTERS = Path.of("src/test/resources/dev/flowinspector/exporters");
    private static final Path CORPUS = Path.of(System.getProperty("corpus.dir", "../shared/corpus"), "pcaps");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static final List<Path> generated = new ArrayList<>();

    @BeforeAll
    static void generate() {
        generated.add(gen("v9-late.pcap", "-v", "9", "--count", "300", "--seed", "11", "--fault", "missing-template"));
        generated.add(gen("v10-late.pcap", "-v", "10", "--count", "300", "--seed", "12", "--fault", "missing-template"));
        generated.add(gen("mixed-late.pcapng", "-v", "5,9,10", "-e", "2", "--count", "600", "--seed", "13",
                "--template-refresh", "150", "--fault", "missing-template,template-change,withdrawal", "--fault-at",
                "10"));
    }

    private static Path gen(String name, String... args) {
        Path file = dir.resolve(name);
        List<String> a = new ArrayList<>(List.of("generate", "-q", "-w", file.toString(), "--start",
                "2024-01-01T00:00:00Z"));
        a.addAll(List.of(args));
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), a.toArray(new String[0])),
                err.toString());
        return file;
    }

    static Stream<Path> generatedCaptures() {
        return generated.stream();
    }

    static Stream<Path> testCaptures() throws IOException {
        try (Stream<Path> s = Files.list(EXPORTERS)) {
            return s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedCaptures")
    @DisplayName("generated captures with late templates: every path counts the records the tree shows")
    void generatedCounts(Path capture) throws Exception {
        Counts c = sameEverywhere(capture);
        assertTrue(c.late > 0, capture + ": the capture should have data before its template");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testCaptures")
    @DisplayName("test captures: every path counts the records the tree shows")
    void testCaptureCounts(Path capture) throws Exception {
        sameEverywhere(capture);
    }

    @Test
    @DisplayName("the shared corpus: every path counts the records the tree shows")
    void corpusCounts() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "no corpus at " + CORPUS + " (set -Dcorpus.dir): skipped");
        List<Path> all;
        try (Stream<Path> s = Files.list(CORPUS)) {
            all = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        for (Path p : all) {
            sameEverywhere(p);
        }
    }

    @Test
    @DisplayName("a v9 capture whose data comes before its template: exporters and the packet list count the late records")
    void lateRecordsAreMarked() throws Exception {
        Path capture = EXPORTERS.resolve("softflowd-v9-data-before-template.pcap");
        Counts c = sameEverywhere(capture);
        assertTrue(c.late > 0 && c.late < c.records, c.toString());
        String exporters = run("exporters", capture.toString());
        assertTrue(exporters.contains("records " + c.records + " (" + c.late + " with a template that came later)"),
                exporters);
        Session s = load(capture);
        assertTrue(s.rows().stream().anyMatch(r -> r.late() != null && r.info().contains("(later)")
                && r.records() > 0), "a row marked as decoded with a later template");
    }

    /** What the tree shows, from {@code decode -F jsonl} (the same packets the text tree prints). */
    record Counts(long records, long late, long flows, long lateSets, long missingSets, long laterProblems,
                  long missingProblems, long templated) {
    }

    private static Counts tree(Path capture) throws IOException {
        String out = run("decode", "-F", "jsonl", capture.toString());
        long records = 0;
        long late = 0;
        long flows = 0;
        long lateSets = 0;
        long missingSets = 0;
        long laterProblems = 0;
        long missingProblems = 0;
        long templated = 0;
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode p = JSON.readTree(line);
            for (JsonNode s : p.path("sets")) {
                String kind = s.path("kind").asText();
                if (!kind.equals("data") && !kind.equals("options-data")) {
                    continue;
                }
                int n = s.path("records").size();
                records += n;
                if (s.path("lateTemplate").asBoolean(false)) {
                    late += n;
                    lateSets++;
                }
                if (!s.has("templateId") && s.path("id").asInt() >= 256) {
                    missingSets++;
                }
                if (s.has("templateId") && s.path("id").asInt() >= 256) {
                    templated += n;
                }
                if (kind.equals("data")) {
                    for (JsonNode r : s.path("records")) {
                        if (has(r, "sourceIPv4Address", "sourceIPv6Address")
                                && has(r, "destinationIPv4Address", "destinationIPv6Address")) {
                            flows++;
                        }
                    }
                }
            }
            for (JsonNode pr : p.path("problems")) {
                laterProblems += pr.path("code").asText().equals("data.template.later") ? 1 : 0;
                missingProblems += pr.path("code").asText().equals("data.template.missing") ? 1 : 0;
            }
        }
        return new Counts(records, late, flows, lateSets, missingSets, laterProblems, missingProblems, templated);
    }

    private static boolean has(JsonNode record, String... names) {
        for (JsonNode f : record) {
            for (String n : names) {
                if (n.equals(f.path("name").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs every path over one capture and checks they agree with the tree; returns the tree's counts. */
    private static Counts sameEverywhere(Path capture) throws Exception {
        Counts t = tree(capture);
        String name = capture.getFileName().toString();
        assertEquals(t.lateSets, t.laterProblems, name + ": a data.template.later problem per late set");
        assertEquals(t.missingSets, t.missingProblems, name + ": a data.template.missing problem per set left undecoded");

        // exporters: the health table sums to the tree's records, late ones said as such
        long exported = 0;
        long exportedLate = 0;
        Matcher m = Pattern.compile("records (\\d+)(?: \\((\\d+) with a template that came later\\))?, template")
                .matcher(run("exporters", capture.toString()));
        while (m.find()) {
            exported += Long.parseLong(m.group(1));
            exportedLate += m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        }
        assertEquals(t.records, exported, name + ": exporters");
        assertEquals(t.late, exportedLate, name + ": exporters, records with a later template");

        // templates: each template's uses sum to the records of the sets decoded with one, late sets said as such
        long used = 0;
        long usedLate = 0;
        Matcher u = Pattern.compile("used by \\d+ data sets? \\((\\d+) records?(?:, (\\d+) after the fact)?\\)")
                .matcher(run("templates", "--no-history", capture.toString()));
        while (u.find()) {
            used += Long.parseLong(u.group(1));
            usedLate += u.group(2) == null ? 0 : Long.parseLong(u.group(2));
        }
        assertEquals(t.templated, used, name + ": templates, records of the sets using each template");
        assertEquals(t.lateSets, usedLate, name + ": templates, sets decoded after the fact");

        // the GUI's packet list and Expert Info
        Session s = load(capture);
        assertEquals(t.records, s.rows().stream().mapToLong(PacketSummary::records).sum(), name + ": packet list");
        assertEquals(t.lateSets == 0 ? 0 : 1, s.rows().stream().anyMatch(r -> r.late() != null) ? 1 : 0,
                name + ": rows marked late");
        assertEquals(t.laterProblems, codes(s, "data.template.later"), name + ": Expert Info, data.template.later");
        assertEquals(t.missingProblems, codes(s, "data.template.missing"), name + ": Expert Info, data.template.missing");

        // collect: the collector fed the capture, its counts and the JSON lines it wrote
        Path out = Files.createTempDirectory(dir, "collect").resolve("flows.jsonl.gz");
        Collector c = new Collector(Collector.Options.of(List.of(2055), out.toString()));
        Collector.Stats st;
        try (CaptureReader r = CaptureFiles.open(capture)) {
            st = c.replay(r);
        }
        assertEquals(t.records, st.records(), name + ": collect");
        assertEquals(t.late, st.lateRecords(), name + ": collect, records with a later template");
        assertEquals(t.records, lines(out), name + ": collect output lines");
        long perExporter = 0;
        Matcher e = Pattern.compile(": \\d+ packets, (\\d+) records").matcher(String.join("\n", c.exporterLines()));
        while (e.find()) {
            perExporter += Long.parseLong(e.group(1));
        }
        assertEquals(t.records, perExporter, name + ": collect, the per-exporter lines");

        // analyze: flows read from the capture and from the collector's output
        assertEquals(t.flows, flows(capture), name + ": analyze of the capture");
        long written = lines(out);
        assertEquals(t.flows, written == 0 ? 0 : flows(out),
                name + ": analyze of the collector's output");
        return t;
    }

    /** Flow records analyze reads from a file (a capture or the collector's JSON lines). */
    private static long flows(Path file) throws IOException {
        long[] n = {0};
        new FlowInput(new ExporterOptions()).read(file, f -> n[0]++);
        return n[0];
    }

    private static long codes(Session s, String code) {
        return s.problems().stream().map(ProblemEntry::problem).filter(p -> p.code().equals(code)).count();
    }

    private static Session load(Path capture) throws IOException {
        Session s = Session.forFile(capture, DecodingOptions.defaults());
        s.load((rows, problems, progress) -> { }, () -> false);
        return s;
    }

    private static long lines(Path gz) throws IOException {
        if (!Files.exists(gz)) {
            return 0;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank()).count();
        }
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, rc, String.join(" ", args) + ": " + err);
        return out.toString();
    }
}
