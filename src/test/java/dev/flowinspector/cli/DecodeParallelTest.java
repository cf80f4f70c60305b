package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flowinspector.testutil.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * decode on worker threads prints exactly what it prints on one thread: same bytes on standard output, same
 * messages, same exit status, for text and fields output, two passes and one, on real exporters' captures, generated
 * captures whose templates arrive late (data first, template changes, withdrawals, every fault), damaged files and,
 * when present, the shared corpus of vendor captures. Batches of one frame make the workers interleave as much as
 * they can (each worker's replay then jumps over the frames the others took); the default batch size is run too.
 */
class DecodeParallelTest {

    private static final String[] FIELDS = {"-F", "fields", "-e", "frame", "-e", "time", "-e", "src", "-e", "version",
        "-e", "domain", "-e", "sequence", "-e", "sourceIPv4Address", "-e", "destinationIPv4Address",
        "-e", "sourceIPv6Address", "-e", "sourceTransportPort", "-e", "protocolIdentifier", "-e", "octetDeltaCount",
        "-e", "packetDeltaCount", "-e", "tcpControlBits", "-e", "applicationName", "-e", "sourceMacAddress",
        "-e", "flowStartMilliseconds", "-e", "flowStartSysUpTime", "-e", "ingressInterface", "-e", "samplingInterval",
        "-e", "cflow.srcport"};
    private static final List<String[]> MODES = List.of(new String[] {"-F", "text"}, FIELDS,
            concat(new String[] {"--one-pass", "-F", "text"}), concat(new String[] {"--one-pass"}, FIELDS));

    @TempDir
    static Path dir;

    private static final List<Path> generated = new ArrayList<>();

    /** Result of one run: exit status, standard output bytes, standard error text. */
    record Run(int status, byte[] out, String err) {
    }

    @BeforeAll
    static void generate() throws IOException {
        Path mixed = dir.resolve("mixed.pcap");
        gen(mixed, "-v", "5,9,10", "-e", "3", "--count", "800", "--seed", "3", "--template-refresh", "150",
                "--fault", "all", "--fault-at", "5");
        Path late = dir.resolve("late.pcapng");
        gen(late, "-v", "9,10", "-e", "2", "--count", "700", "--seed", "4", "--template-refresh", "200",
                "--fault", "missing-template,template-change,withdrawal", "--fault-at", "20");
        Path v5 = dir.resolve("v5.pcap");
        gen(v5, "-v", "5", "--count", "300", "--seed", "5");
        Path v9 = dir.resolve("v9.pcap");
        gen(v9, "-v", "9", "--count", "900", "--seed", "6", "--template-refresh", "300");
        Path v10 = dir.resolve("v10.pcap");
        gen(v10, "-v", "10", "--count", "900", "--seed", "7", "--template-refresh", "300");
        generated.addAll(List.of(mixed, late, v5, v9, v10));
        // starting mid-stream: data comes before the next template refresh, decoded late in two passes
        generated.add(dropFirstFrames(v9, 7, dir.resolve("v9-midstream.pcap")));
        generated.add(dropFirstFrames(v10, 7, dir.resolve("v10-midstream.pcap")));
        // damaged: cut in the middle of a record; what was read is printed, the damage is named
        byte[] all = Files.readAllBytes(v10);
        generated.add(Files.write(dir.resolve("v10-cut.pcap"), Arrays.copyOf(all, all.length * 2 / 3 + 5)));
    }

    private static void gen(Path file, String... args) {
        List<String> a = new ArrayList<>(List.of("generate", "-q", "-w", file.toString(), "--start",
                "2024-01-01T00:00:00Z"));
        a.addAll(List.of(args));
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), a.toArray(new String[0]));
        assertEquals(0, rc, err.toString());
    }

    /** A copy of a little-endian or big-endian pcap without its first n frames. */
    private static Path dropFirstFrames(Path pcap, int n, Path to) throws IOException {
        byte[] b = Files.readAllBytes(pcap);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (bb.getInt(0) != 0xa1b2c3d4 && bb.getInt(0) != 0xa1b23c4d) {
            bb.order(ByteOrder.BIG_ENDIAN);
        }
        int p = 24;
        for (int i = 0; i < n; i++) {
            p += 16 + bb.getInt(p + 8);
        }
        byte[] out = new byte[24 + b.length - p];
        System.arraycopy(b, 0, out, 0, 24);
        System.arraycopy(b, p, out, 24, b.length - p);
        return Files.write(to, out);
    }

    static Stream<Path> captures() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String d : List.of("src/test/resources/dev/flowinspector/exporters",
                "src/test/resources/dev/flowinspector/capture")) {
            try (Stream<Path> s = Files.list(Path.of(d))) {
                s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|pcapng\\.gz|ipfix)$")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    static Stream<Path> corpus() {
        return Corpus.captures(".pcap");
    }

    static Stream<Path> generatedCaptures() {
        return generated.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    @DisplayName("exporter and reader test captures: the same output on 1, 2 or 3 workers as on one thread")
    void exporterCaptures(Path capture) {
        same(capture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedCaptures")
    @DisplayName("generated captures, templates late, faults, damage: the same output on workers as on one thread")
    void generatedCapturesMatch(Path capture) {
        same(capture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("vendor corpus (skipped when absent): the same output on workers as on one thread")
    void corpusCaptures(Path capture) {
        same(Corpus.assumeCapture(capture));
    }

    private static void same(Path capture) {
        for (String[] mode : MODES) {
            Run one = run(mode, "--workers", "0", capture.toString());
            assertTrue(one.status() == 0 || one.status() == 2, one.err());
            for (String[] par : List.of(new String[] {"--workers", "3", "--batch-bytes", "1"},
                    new String[] {"--workers", "2"})) {
                Run many = run(mode, concat(par, capture.toString()));
                String what = String.join(" ", mode) + " " + String.join(" ", par) + " " + capture;
                assertEquals(one.status(), many.status(), what);
                assertEquals(one.err(), many.err(), what);
                assertArrayEquals(one.out(), many.out(), what);
            }
            if (mode != MODES.get(0) && mode != MODES.get(3)) {
                continue;
            }
            // through a text writer (embedding) rather than standard output's bytes, on one worker
            StringWriter out = new StringWriter();
            int rc = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                    args(mode, "--workers", "1", "--batch-bytes", "1", capture.toString()));
            assertEquals(one.status(), rc);
            assertEquals(new String(one.out(), StandardCharsets.UTF_8), out.toString(), capture.toString());
        }
    }

    private static Run run(String[] mode, String... more) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        StdoutWriter out = new StdoutWriter(bytes);
        int rc = Main.run(out, new PrintWriter(err), args(mode, more));
        out.flush();
        return new Run(rc, bytes.toByteArray(), err.toString());
    }

    private static String[] args(String[] mode, String... more) {
        List<String> a = new ArrayList<>();
        a.add("decode");
        a.addAll(List.of(mode));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
