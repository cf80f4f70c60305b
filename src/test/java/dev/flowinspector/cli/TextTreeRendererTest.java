package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.testutil.Corpus;
import dev.flowinspector.tools.generate.CaptureFileWriter;
import dev.flowinspector.tools.generate.Fault;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The text output's direct rendering ({@link TextTreeRenderer#render}) is byte for byte the packet tree's text
 * ({@link TextTreeRenderer#renderTree}), on generated captures shaped like the benchmark inputs, every capture
 * and hex paste under src/test/resources, and the shared corpus of vendor captures when it is there.
 */
@DisplayName("decode text: the direct rendering is exactly the tree's text")
class TextTreeRendererTest {

    private static final Path RESOURCES = Path.of("src/test/resources/dev/flowinspector");

    /** Packets rendered, and how many of them had no problem (those take the direct way). */
    private record Count(long packets, long clean) {
    }

    /** Both passes the CLI makes: one pass as read, and the two-pass redecode. */
    private static Count both(Path file) throws IOException {
        Count one = onePass(file);
        Decoding d = new Decoding(DecodingOptions.defaults());
        try (CaptureReader r = CaptureFiles.open(file, ExportPorts.defaults())) {
            Frame f;
            while ((f = r.next()) != null) {
                d.accept(f);
            }
        }
        d.finish();
        long packets = one.packets();
        long clean = one.clean();
        try (CaptureReader r = CaptureFiles.open(file, ExportPorts.defaults())) {
            Frame f;
            while ((f = r.next()) != null) {
                ExportPacket p = d.redecode(f);
                TextIdentity.check(p);
                packets++;
                clean += p.problems().isEmpty() ? 1 : 0;
            }
        }
        return new Count(packets, clean);
    }

    private static Count onePass(Path file) throws IOException {
        Decoding d = new Decoding(DecodingOptions.defaults());
        long packets = 0;
        long clean = 0;
        try (CaptureReader r = CaptureFiles.open(file, ExportPorts.defaults())) {
            Frame f;
            while ((f = r.next()) != null) {
                ExportPacket p = d.accept(f);
                TextIdentity.check(p);
                packets++;
                clean += p.problems().isEmpty() ? 1 : 0;
            }
        }
        return new Count(packets, clean);
    }

    @ParameterizedTest(name = "generated v{0}, faults: {1}")
    @CsvSource({"5, none", "9, none", "10, none", "5, all", "9, all", "10, all"})
    @DisplayName("generated captures like the benchmark's (and with every fault the generator injects)")
    void generated(int version, String faults, @TempDir Path dir) throws Exception {
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.of(version);
        o.exporters = 2;
        o.count = faults.equals("none") ? 2500 : 600;
        o.rate = 0;
        o.seed = 1;
        o.startMillis = 1_704_067_200_000L;
        o.templateRefresh = faults.equals("none") ? 1000 : 50;
        o.recordsMin = 20;
        o.recordsMax = 25;
        o.v5Records = 30;
        o.faults = faults.equals("none") ? EnumSet.noneOf(Fault.class) : EnumSet.allOf(Fault.class);
        Path file = dir.resolve("g.pcap");
        try (CaptureFileWriter w = new CaptureFileWriter(file)) {
            new Generator(o).run(w);
        }
        Count c = both(file);
        assertTrue(c.packets() >= 2 * o.count, "packets rendered: " + c.packets());
        if (faults.equals("none")) {
            assertTrue(c.clean() > c.packets() * 9 / 10, "most packets take the direct way: " + c);
        }
    }

    static Stream<Path> resourceCaptures() throws IOException {
        try (Stream<Path> s = Files.walk(RESOURCES)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".gz") || n.endsWith(".ipfix");
            }).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceCaptures")
    @DisplayName("every capture under src/test/resources")
    void resources(Path file) throws IOException {
        both(file);
    }

    static Stream<Path> hexPastes() throws IOException {
        try (Stream<Path> s = Files.list(RESOURCES.resolve("capture/hex"))) {
            return s.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hexPastes")
    @DisplayName("every hex paste under src/test/resources")
    void pastes(Path file) throws Exception {
        List<HexPaste.Packet> ps;
        try {
            ps = HexPaste.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (dev.flowinspector.capture.HexPasteException e) {
            return; // a paste that is meant not to parse
        }
        Decoding d = new Decoding(DecodingOptions.defaults());
        for (HexPaste.Packet p : ps) {
            if (p.frame() != null) {
                TextIdentity.check(d.accept(p.frame()));
            }
        }
    }

    static Stream<Path> corpus() {
        return Corpus.captures(".pcap", ".pcapng");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("every capture of the shared corpus (skipped when it is absent)")
    void corpusCaptures(Path file) throws IOException {
        both(Corpus.assumeCapture(file));
    }
}
