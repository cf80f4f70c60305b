package dev.flowinspector.tools.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowinspector.cli.Main;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdCompressor;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nfcapd files written by Debian's nfcapd 1.7.1 (tools/make-nfcapd-files.sh: one per compression it offers),
 * read by analyze and compared with what nfdump said about the same files (nfdump -I and nfdump -s ... -o csv,
 * stored beside them; when nfdump is installed the test also runs it now).
 */
@DisplayName("analyze reads nfcapd files written by the real nfcapd and agrees with nfdump")
class NfcapdFilesTest {

    static final String[] STATS = {"srcip/bytes", "dstip/packets", "srcport/packets", "dstport/flows",
        "proto/bytes", "srcas/bytes"};

    @TempDir
    Path dir;

    static Path resource(String name) throws Exception {
        return Path.of(NfcapdFilesTest.class.getResource("/dev/flowinspector/nfcapd/" + name).toURI());
    }

    static JsonNode analyze(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> a = new ArrayList<>(List.of("analyze", "-o", "json"));
        a.addAll(List.of(args));
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), a.toArray(String[]::new));
        assertEquals(0, rc, err.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    /** nfdump -I's Flows, Packets and Bytes lines. */
    private static Map<String, Long> info(String text) {
        Map<String, Long> m = new HashMap<>();
        for (String l : text.split("\n")) {
            String[] kv = l.split(":\\s*", 2);
            if (kv.length == 2 && List.of("Flows", "Packets", "Bytes").contains(kv[0])) {
                m.put(kv[0], Long.parseLong(kv[1].trim()));
            }
        }
        return m;
    }

    /** nfdump -s ... -o csv output: per "# nfdump -s KEY/ORDER" section, the rows as key, flows, packets, bytes. */
    private static Map<String, List<String[]>> stats(String csv) {
        Map<String, List<String[]>> out = new HashMap<>();
        List<String[]> cur = null;
        for (String l : csv.split("\n")) {
            if (l.startsWith("# nfdump -s ")) {
                cur = new ArrayList<>();
                out.put(l.substring(12, l.indexOf(' ', 12)), cur);
            } else if (cur != null && !l.isBlank() && !l.startsWith("ts,")) {
                String[] c = l.split(",");
                String key = l.contains(",TCP,") || l.contains(",UDP,") || l.contains(",ICMP,") ? c[3] : c[4];
                cur.add(new String[] {key, c[5], c[7], c[9]});
            }
        }
        return out;
    }

    static void compare(Path file, String info, String csv) throws IOException {
        List<String> args = new ArrayList<>();
        for (String s : STATS) {
            args.add("-s");
            args.add(s);
        }
        args.addAll(List.of("-n", "100000", file.toString()));
        JsonNode r = analyze(args.toArray(String[]::new));
        Map<String, Long> totals = info(info);
        assertEquals(totals.get("Flows"), r.path("totals").path("flows").asLong(), "flows as nfdump -I");
        assertEquals(totals.get("Packets"), r.path("totals").path("packets").asLong(), "packets as nfdump -I");
        assertEquals(totals.get("Bytes"), r.path("totals").path("bytes").asLong(), "bytes as nfdump -I");
        Map<String, List<String[]>> expected = stats(csv);
        int tableIndex = 0;
        for (String s : STATS) {
            JsonNode table = r.path("stats").get(tableIndex++);
            assertEquals(s, table.path("key").asText() + "/" + table.path("order").asText());
            Map<String, JsonNode> ours = new HashMap<>();
            for (JsonNode row : table.path("rows")) {
                ours.put(row.path("key").asText(), row);
            }
            List<String[]> theirs = expected.get(s);
            assertNotNull(theirs, "nfdump table " + s);
            assertEquals(Math.min(5, ours.size()), theirs.size(), s + ": as many rows as nfdump");
            String order = s.substring(s.indexOf('/') + 1);
            for (int i = 0; i < theirs.size(); i++) {
                String[] t = theirs.get(i);
                JsonNode o = ours.get(t[0]);
                assertNotNull(o, s + ": nfdump's row " + t[0]);
                assertEquals(Long.parseLong(t[1]), o.path("flows").asLong(), s + " " + t[0] + " flows");
                assertEquals(Long.parseLong(t[2]), o.path("packets").asLong(), s + " " + t[0] + " packets");
                assertEquals(Long.parseLong(t[3]), o.path("bytes").asLong(), s + " " + t[0] + " bytes");
                // the same ranking: our i-th row has nfdump's i-th value of the order (ties may swap keys)
                assertEquals(table.path("rows").get(i).path(order).asLong(), o.path(order).asLong(), s + " rank " + (i + 1));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "lzo", "lz4", "bz2"})
    @DisplayName("totals as nfdump -I, top tables as nfdump -s (stored nfdump output)")
    void storedNfdumpOutput(String compression) throws Exception {
        Path f = resource(compression + ".nfcapd");
        compare(f, Files.readString(resource(compression + ".info.txt")),
                Files.readString(resource(compression + ".stats.csv")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "lzo", "lz4", "bz2"})
    @DisplayName("the same against nfdump run now, when it is installed")
    void liveNfdump(String compression) throws Exception {
        Path f = resource(compression + ".nfcapd");
        String info = run("nfdump", "-r", f.toString(), "-I");
        org.junit.jupiter.api.Assumptions.assumeTrue(info != null, "nfdump is not installed: compared with stored output only");
        StringBuilder csv = new StringBuilder();
        for (String s : STATS) {
            csv.append("# nfdump -s ").append(s).append(" -n 5\n")
                    .append(run("nfdump", "-r", f.toString(), "-s", s, "-n", "5", "-o", "csv", "-q"));
        }
        compare(f, info, csv.toString());
    }

    static String run(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? out : null;
    }

    @Test
    @DisplayName("ZSTD blocks (Debian's nfcapd 1.7.1 offers none): the LZ4 file's blocks re-compressed with ZSTD by the test read the same")
    void zstd() throws Exception {
        byte[] lz4 = Files.readAllBytes(resource("lz4.nfcapd"));
        ByteBuffer in = ByteBuffer.wrap(lz4).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = java.util.Arrays.copyOf(lz4, 40);
        header[16] = 4; // compression: ZSTD
        out.write(header);
        int p = 40;
        byte[] raw = new byte[8 << 20];
        while (p + 12 <= lz4.length) {
            int size = in.getInt(p + 4);
            int flags = in.getShort(p + 10) & 0xffff;
            byte[] payload = java.util.Arrays.copyOfRange(lz4, p + 12, p + 12 + size);
            if ((flags & 1) == 0) {
                int n = new Lz4Decompressor().decompress(payload, 0, size, raw, 0, raw.length);
                ZstdCompressor z = new ZstdCompressor();
                byte[] c = new byte[z.maxCompressedLength(n)];
                int m = z.compress(raw, 0, n, c, 0, c.length);
                payload = java.util.Arrays.copyOf(c, m);
            }
            ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(in.getInt(p)).putInt(payload.length).putShort(in.getShort(p + 8)).putShort((short) flags);
            out.write(h.array());
            out.write(payload);
            p += 12 + size;
        }
        Path f = dir.resolve("zstd.nfcapd");
        Files.write(f, out.toByteArray());
        compare(f, Files.readString(resource("lz4.info.txt")), Files.readString(resource("lz4.stats.csv")));
    }

    @Test
    @DisplayName("a truncated nfcapd file gives a one-line message naming the file and block")
    void truncated() throws Exception {
        byte[] b = Files.readAllBytes(resource("lzo.nfcapd"));
        Path f = dir.resolve("cut.nfcapd");
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "analyze", "-s", "srcip", f.toString());
        assertEquals(2, rc);
        assertTrue(err.toString().matches("(?s)flowinspector analyze: .*cut.nfcapd: block \\d+ cut short.*"), err.toString());
        assertEquals(1, err.toString().strip().lines().filter(l -> l.contains("cut short")).count());
    }
}
