package dev.flowinspector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.tools.generate.GeneratedPacket;
import dev.flowinspector.tools.generate.GeneratedRecord;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.tools.generate.PacketSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder as a library (the {@code decoder} jar): the example of the README's "Use the decoder in your own
 * pipeline", run in a plain Java stream, and checks that the jar's classes need nothing but java.base.
 */
@DisplayName("decoder library: FlowDecoder in a plain Java stream, java.base only")
class DecoderLibraryExampleTest {

    /** What the decoder jar holds (the maven-jar-plugin execution decoder-jar includes the same). */
    private static final List<String> JAR_PACKAGES = List.of("dev/flowinspector/decode", "dev/flowinspector/dictionary");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("bytes per protocol from a stream of export packets equal what was generated")
    void plainJavaStream() throws IOException {
        List<GeneratedPacket> packets = generate();

        // --- the example: export packets in, flow records out, in a java.util.stream pipeline ---
        FlowDecoder decoder = new FlowDecoder(); // one per ordered stream of packets: it keeps the templates
        Map<Object, Long> bytesByProtocol = packets.stream()
                .flatMap(p -> decoder.decode(p.payload(), p.source().address(), p.source().port(), p.timeMillis()).stream())
                .filter(f -> !f.options())
                .collect(Collectors.groupingBy(f -> f.fields().get("protocolIdentifier"), TreeMap::new,
                        Collectors.summingLong(f -> ((Number) f.fields().get("octetDeltaCount")).longValue())));
        // ---

        Map<Object, Long> expected = new TreeMap<>();
        long records = 0;
        for (GeneratedPacket p : packets) {
            for (GeneratedRecord r : p.records()) {
                records++;
                if (!r.options()) {
                    expected.merge(r.fields().get("protocolIdentifier"), (Long) r.fields().get("octetDeltaCount"), Long::sum);
                }
            }
        }
        assertTrue(expected.size() >= 2, "several protocols: " + expected);
        assertEquals(expected, bytesByProtocol);
        assertEquals(0, decoder.withoutTemplate());
        FlowDecoder again = new FlowDecoder();
        assertEquals(records, packets.stream().mapToLong(p -> again.decode(p.payload(), p.source().address(),
                p.source().port(), p.timeMillis()).size()).sum());
    }

    @Test
    @DisplayName("jdeps: the decoder jar's classes depend on java.base only (nothing else of the application)")
    void javaBaseOnly() throws Exception {
        Path classes = copyJarClasses();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // without --ignore-missing-deps: a reference to a class outside the jar (session, Jackson, ...) fails here
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--print-module-deps", classes.toString());
        assertEquals(0, rc, out + "\n" + err);
        assertEquals("java.base", out.toString().strip(), err.toString());
    }

    @Test
    @DisplayName("the decoder jar's classes and data files alone decode packets (class loader over java.* only)")
    void runsOnItsOwn() throws Exception {
        Path classes = copyJarClasses();
        List<GeneratedPacket> packets = generate();
        try (URLClassLoader alone = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> c = alone.loadClass(FlowDecoder.class.getName());
            assertTrue(c != FlowDecoder.class);
            Object d = c.getConstructor().newInstance();
            Method decode = c.getMethod("decode", byte[].class, String.class, int.class, long.class);
            int n = 0;
            for (GeneratedPacket p : packets) {
                n += ((List<?>) decode.invoke(d, p.payload(), p.source().address(), p.source().port(), p.timeMillis())).size();
            }
            assertEquals(packets.stream().mapToInt(p -> p.records().size()).sum(), n);
        }
    }

    private static List<GeneratedPacket> generate() throws IOException {
        GeneratorOptions g = new GeneratorOptions();
        g.versions = List.of(5, 9, 10);
        g.exporters = 3;
        g.count = 90;
        g.templateRefresh = 20;
        g.startMillis = 1_764_000_000_000L;
        g.seed = 3;
        List<GeneratedPacket> packets = new ArrayList<>();
        new Generator(g).run(new PacketSink() {
            @Override
            public void packet(GeneratedPacket p) {
                packets.add(p);
            }

            @Override
            public boolean wantsRecords() {
                return true;
            }
        });
        return packets;
    }

    /** The classes and resources of the decoder jar, copied from the build's class directory. */
    private Path copyJarClasses() throws Exception {
        Path root = Path.of(FlowDecoder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dest = tmp.resolve("decoder-jar");
        for (String pkg : JAR_PACKAGES) {
            Path from = root.resolve(pkg);
            try (Stream<Path> s = Files.walk(from)) {
                for (Path f : s.sorted(Comparator.naturalOrder()).toList()) {
                    Path to = dest.resolve(root.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
        }
        return dest;
    }
}
