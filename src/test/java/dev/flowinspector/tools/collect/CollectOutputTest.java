package dev.flowinspector.tools.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.tools.generate.UdpSender;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("collect output: the name says the format, the file being written is readable, status per exporter")
class CollectOutputTest {

    @TempDir
    Path dir;

    /** Lines readable now: gzip members complete so far (a partial last member ends the read), or plain lines. */
    private static long readableLines(Path f, boolean gzip) throws IOException {
        long n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                gzip ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f), StandardCharsets.UTF_8))) {
            String s;
            while ((s = r.readLine()) != null) {
                if (s.startsWith("{") && s.endsWith("}")) {
                    n++;
                }
            }
        } catch (EOFException e) {
            // the member being written
        }
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"flows.json", "flows.jsonl.gz"})
    @DisplayName("every record is readable from the current file within about a second, before the collector stops")
    void readableWhileGrowing(String name) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.55.1");
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        Collector.Options o = Collector.Options.of(List.of(0), dir.resolve(name).toString()).withBind(lo)
                .withRotation(0, 0, ZoneOffset.UTC).withStatus(300, new PrintStream(status, true, StandardCharsets.UTF_8));
        Collector c = new Collector(o);
        c.start();
        try {
            GeneratorOptions g = new GeneratorOptions();
            g.versions = List.of(9);
            g.exporters = 2;
            g.count = 20;
            g.rate = 2000;
            g.seed = 3;
            try (UdpSender udp = new UdpSender(new InetSocketAddress(lo, c.locals().get(0).port()), g.exporters)) {
                new Generator(g).run(udp);
            }
            Path f = dir.resolve(name);
            long deadline = System.currentTimeMillis() + 10_000;
            long lines = 0;
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                if (Files.exists(f) && c.stats().packets() == 20) {
                    lines = readableLines(f, name.endsWith(".gz"));
                    if (lines == c.stats().records()) {
                        break;
                    }
                }
            }
            assertTrue(c.stats().records() > 0);
            assertEquals(c.stats().records(), lines, "records readable while the collector runs");
            byte[] head = Files.readAllBytes(f);
            assertEquals(name.endsWith(".gz"), (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b,
                    "gzip exactly when the name ends in .gz");
            Thread.sleep(700);
            String s = status.toString(StandardCharsets.UTF_8);
            assertTrue(s.matches("(?s).*\\n  127\\.0\\.55\\.\\d+:\\d+ v9 source id 1: 10 packets, \\d+ records, 0 packets lost \\(0\\.00%\\), 0 problems\\n.*"), s);
            assertTrue(s.contains(" v9 source id 2: 10 packets, "), s);
        } finally {
            c.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"flows-%Y.jsonl.gz", "flows-%Y.jsonl"})
    @DisplayName("--rotate-size: every finished file reaches the size and passes it by at most about one packet's records")
    void exactSizeRotation(String pattern) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.55.1");
        long limit = 100_000;
        Collector.Options o = Collector.Options.of(List.of(0), dir.resolve(pattern).toString()).withBind(lo)
                .withRotation(limit, 0, ZoneOffset.UTC);
        Collector c = new Collector(o);
        c.start();
        GeneratorOptions g = new GeneratorOptions();
        g.versions = List.of(9);
        g.count = 600;
        g.rate = 3000;
        g.seed = 4;
        try (UdpSender udp = new UdpSender(new InetSocketAddress(lo, c.locals().get(0).port()), 1)) {
            new Generator(g).run(udp);
        }
        Thread.sleep(300);
        c.stop();
        List<Path> files = c.files();
        assertTrue(files.size() >= 3, files.toString());
        long records = 0;
        for (int i = 0; i < files.size(); i++) {
            long size = Files.size(files.get(i));
            if (i < files.size() - 1) {
                // one v9 packet of 20-25 records is about 14 KB of JSON (1-2 KB compressed), and the JSON encoder
                // holds up to 8 KB more
                long over = pattern.endsWith(".gz") ? 12_000 : 24_000;
                assertTrue(size >= limit && size <= limit + over, files.get(i) + ": " + size + " bytes");
            }
            records += readableLines(files.get(i), pattern.endsWith(".gz"));
        }
        assertEquals(c.stats().records(), records, "every record in exactly one file");
    }
}
