package dev.flowinspector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.testutil.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The quick pass over value and time checks lets through only records the full checks would pass: packets with
 * values at and around every check's limits decode to the same problems with it and without it.
 */
class QuickChecksTest {

    private static final DecodeContext CTX = new DecodeContext(1, 0, new Endpoint("127.0.55.2", 40000),
            new Endpoint("127.0.55.1", 2055), Transport.UDP);

    @AfterEach
    void on() {
        QuickChecks.enabled = true;
    }

    /** (element id, length) of a v9 template: prefix lengths, sysUpTime pair, and fields around them. */
    private static final int[][] V9 = {{8, 4}, {9, 1}, {12, 4}, {13, 1}, {22, 4}, {21, 4}, {1, 4}, {29, 1}, {30, 1}};
    /** A v9 template with the start of a sysUpTime pair only. */
    private static final int[][] V9_START = {{8, 4}, {22, 4}, {9, 1}, {1, 4}};
    /** An IPFIX template with every kind of time pair: seconds, milliseconds, NTP, and sysUpTime (2 bytes). */
    private static final int[][] IPFIX = {{8, 4}, {9, 1}, {150, 4}, {151, 4}, {152, 8}, {153, 8}, {13, 1},
        {156, 8}, {157, 8}, {22, 2}, {21, 2}};

    @Test
    void sameProblemsAsTheFullChecks() {
        Random rnd = new Random(7);
        int withProblems = 0;
        for (int n = 0; n < 3000; n++) {
            boolean v9 = n % 3 > 0;
            int[][] fields = !v9 ? IPFIX : n % 3 == 1 ? V9 : V9_START;
            long uptime = pick(rnd, 0x7fff_fff0L, 4);
            long export = 1_700_000_000L + rnd.nextInt(3);
            byte[] tpl = v9 ? v9Template(fields) : ipfixTemplate(fields);
            byte[] data = v9 ? v9Data(fields, rnd, uptime, export) : ipfixData(fields, rnd, export);
            withProblems += sameBothWays(() -> problems(tpl, data), n).isEmpty() ? 0 : 1;
        }
        assertTrue(withProblems > 500 && withProblems < 2800, withProblems + " packets with problems: the values"
                + " should fall on both sides of the limits");
    }

    @Test
    void legacyRecordsSameProblemsAsTheFullChecks() {
        Random rnd = new Random(11);
        int withProblems = 0;
        for (int n = 0; n < 3000; n++) {
            int version = n % 3 == 0 ? 1 : n % 3 == 1 ? 5 : 7;
            int header = version == 1 ? 16 : 24;
            int size = version == 7 ? 52 : 48;
            int records = 1 + rnd.nextInt(3);
            long uptime = pick(rnd, 0x7fff_fff0L, 4);
            Bytes b = new Bytes().u16(version).u16(records).u32(uptime).u32(1_700_000_000L).u32(0);
            if (version != 1) {
                b.u32(n).u32(0);
            }
            for (int r = 0; r < records; r++) {
                long first = rnd.nextInt(4) == 0 ? pick(rnd, uptime, 4) : uptime - 2000 - rnd.nextInt(100);
                long last = rnd.nextInt(4) == 0 ? pick(rnd, first, 4) : uptime - rnd.nextInt(1000);
                b.zeros(24).u32(first).u32(last).zeros(size - 32);
            }
            byte[] packet = b.bytes();
            withProblems += sameBothWays(() -> problems(packet), n).isEmpty() ? 0 : 1;
        }
        assertTrue(withProblems > 300 && withProblems < 2700, withProblems + " packets with problems: the values"
                + " should fall on both sides of the limits");
    }

    @Test
    void coversOnlyWhatItCan() {
        int[] prefix = {ValueChecks.CHECK_PREFIX4, ValueChecks.CHECK_PREFIX6};
        int[] text = {ValueChecks.CHECK_UTF8};
        int[] pairs = {2, 3, RecordTimeChecks.SYSUPTIME};
        // the fields of each layout by (element id, length); v: variable length
        int v = TemplateField.VARIABLE;
        RecordLayout placed = layout(new int[][] {{9, 1}, {29, 1}, {22, 4}, {21, 4}});
        assertNotNull(QuickChecks.of(prefix, new int[] {0, 1}, pairs, placed));
        // a prefix length placed by the record, a boolean, a time field after a variable-length one
        assertNull(QuickChecks.of(prefix, new int[] {2, 4}, new int[] {0, 1, RecordTimeChecks.SYSUPTIME},
                layout(new int[][] {{22, 4}, {21, 4}, {9, 1}, {96, v}, {29, 1}})));
        assertNull(QuickChecks.of(new int[] {ValueChecks.CHECK_BOOLEAN}, new int[] {0}, pairs, placed));
        assertNull(QuickChecks.of(prefix, new int[] {0, 1}, new int[] {2, 4, RecordTimeChecks.SYSUPTIME},
                layout(new int[][] {{9, 1}, {29, 1}, {22, 4}, {96, v}, {21, 4}})));
        // strings: placed, or the only variable-length field; not after one, nor one of several
        assertNotNull(QuickChecks.of(text, new int[] {0}, pairs, layout(new int[][] {{82, 8}, {8, 4}, {22, 4}, {21, 4}})));
        assertNotNull(QuickChecks.of(text, new int[] {4}, pairs, layout(new int[][] {{8, 4}, {1, 4}, {22, 4}, {21, 4},
            {96, v}, {2, 4}})));
        assertNull(QuickChecks.of(text, new int[] {3}, new int[0], layout(new int[][] {{8, 4}, {96, v}, {1, 4}, {82, 8}})));
        assertNull(QuickChecks.of(text, new int[] {1}, new int[0], layout(new int[][] {{8, 4}, {82, v}, {83, v}})));
    }

    /** Strings of every kind the full check tells apart: ASCII (around 8 and 16 bytes), other UTF-8, not UTF-8. */
    private static final byte[][] TEXTS = {
        {}, "dns".getBytes(StandardCharsets.UTF_8), "https".getBytes(StandardCharsets.UTF_8),
        "exactly8".getBytes(StandardCharsets.UTF_8), "sixteen-letters!".getBytes(StandardCharsets.UTF_8),
        "seventeen letters".getBytes(StandardCharsets.UTF_8), "caf\u00e9".getBytes(StandardCharsets.UTF_8),
        "GigabitEthernet0/0/\u00e9".getBytes(StandardCharsets.UTF_8), {(byte) 0xff, (byte) 0xfe},
        {'a', 'b', 'c', 'd', 'e', 'f', 'g', (byte) 0x80}, {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', (byte) 0xc3},
        "x".repeat(300).getBytes(StandardCharsets.UTF_8), ("x".repeat(299) + "\u00e9").getBytes(StandardCharsets.UTF_8),
        ("x".repeat(299) + "\u0080").getBytes(StandardCharsets.ISO_8859_1)};

    @Test
    void stringsSameProblemsAsTheFullChecks() {
        int v = TemplateField.VARIABLE;
        // (element id, length): a v9 template with a fixed-length interfaceName; IPFIX templates with a variable-length
        // applicationName alone, after a placed interfaceName, and beside a second variable-length string
        int[][][] templates = {
            {{8, 4}, {82, 12}, {9, 1}, {22, 4}, {21, 4}},
            {{8, 4}, {9, 1}, {152, 8}, {153, 8}, {96, v}, {1, 4}},
            {{82, 8}, {13, 1}, {96, v}},
            {{8, 4}, {82, v}, {83, v}, {9, 1}}};
        Random rnd = new Random(13);
        int withProblems = 0;
        for (int n = 0; n < 2000; n++) {
            int t = n % templates.length;
            int[][] fields = templates[t];
            boolean v9 = t == 0;
            long uptime = 0x7000_0000L;
            long export = 1_700_000_000L;
            byte[] tpl = v9 ? v9Template(fields) : ipfixTemplate(fields);
            Bytes body = new Bytes();
            int records = 1 + rnd.nextInt(3);
            for (int r = 0; r < records; r++) {
                for (int[] f : fields) {
                    if (f[0] == 82 || f[0] == 83 || f[0] == 96) {
                        // most strings ASCII, as exporters send them
                        byte[] s = TEXTS[rnd.nextInt(3) > 0 ? rnd.nextInt(6) : rnd.nextInt(TEXTS.length)];
                        if (f[1] != v) {
                            body.raw(java.util.Arrays.copyOf(s, f[1]));
                        } else {
                            (s.length < 255 ? body.u8(s.length) : body.u8(255).u16(s.length)).raw(s);
                        }
                    } else {
                        value(body, clean(f, rnd, uptime, export), f[1]);
                    }
                }
            }
            byte[] data = v9 ? v9Packet(records, body, uptime, export) : ipfixPacket(body, export);
            withProblems += sameBothWays(() -> problems(tpl, data), n).isEmpty() ? 0 : 1;
        }
        assertTrue(withProblems > 200 && withProblems < 1800, withProblems + " packets with problems: the strings"
                + " should be valid and not");
    }

    @Test
    void asciiEightBytesAtATime() {
        byte[] d = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        for (int off = 0; off < d.length; off++) {
            for (int len = 0; off + len <= d.length; len++) {
                assertTrue(ValueDecoder.ascii(d, off, len));
                for (int at = 0; at < d.length; at++) { // bytes around the range do not count
                    if (at < off || at >= off + len) {
                        byte[] c = d.clone();
                        c[at] = (byte) 0x80;
                        assertTrue(ValueDecoder.ascii(c, off, len), off + "+" + len + " at " + at);
                    }
                }
                for (int at = off; at < off + len; at++) {
                    byte[] c = d.clone();
                    c[at] = (byte) 0x80;
                    assertEquals(false, ValueDecoder.ascii(c, off, len), off + "+" + len + " at " + at);
                    c[at] = (byte) 0xff;
                    assertEquals(false, ValueDecoder.ascii(c, off, len), off + "+" + len + " at " + at);
                }
            }
        }
    }

    /** The problems of packet n decoded with the quick pass and without it, which must be the same. */
    private static List<String> sameBothWays(java.util.function.Supplier<List<String>> decode, int n) {
        List<String> quick = decode.get();
        QuickChecks.enabled = false;
        List<String> full = decode.get();
        QuickChecks.enabled = true;
        assertEquals(full, quick, "packet " + n);
        return full;
    }

    /** The layout of these (element id, length) fields. */
    private static RecordLayout layout(int[][] fields) {
        dev.flowinspector.dictionary.InformationElementRegistry reg =
                dev.flowinspector.dictionary.InformationElementRegistry.standard();
        List<TemplateField> fs = new ArrayList<>();
        for (int[] f : fields) {
            fs.add(new TemplateField(reg.ipfix(0, f[0]), f[1], false));
        }
        return RecordLayout.of(fs);
    }

    private static List<String> problems(byte[] tpl, byte[] data) {
        ExportDecoder dec = new ExportDecoder(new TemplateCache());
        dec.decode(tpl, CTX);
        return problems(dec, data);
    }

    /** The problems of a packet that needs no template, from a new decoder. */
    private static List<String> problems(byte[] packet) {
        return problems(new ExportDecoder(new TemplateCache()), packet);
    }

    private static List<String> problems(ExportDecoder dec, byte[] data) {
        List<String> out = new ArrayList<>();
        for (Problem p : dec.decode(data, CTX).problems()) {
            out.add(p.type().code() + " " + p.offset() + "+" + p.length() + " " + p.message());
        }
        return out;
    }

    /** A value within every check's limit, a start before its end. */
    private static long clean(int[] f, Random rnd, long uptime, long export) {
        int id = f[0];
        boolean start = id == 22 || id == 150 || id == 152 || id == 156;
        long back = start ? 2000 + rnd.nextInt(100) : rnd.nextInt(1000);
        return switch (id) {
            case 9, 13 -> rnd.nextInt(33);
            case 29, 30 -> rnd.nextInt(129);
            case 21, 22 -> (f[1] == 2 ? 0x7ff0 : uptime) - back;
            case 150, 151 -> export - back / 1000;
            case 152, 153 -> export * 1000 - back;
            case 156, 157 -> (export + 2_208_988_800L - back / 1000) << 32;
            default -> rnd.nextInt(1 << 16);
        };
    }

    /** A value near {@code limit} (below, at, just over, far over) or anywhere in {@code bytes} bytes. */
    private static long pick(Random rnd, long limit, int bytes) {
        long max = bytes == 8 ? Long.MAX_VALUE : (1L << 8 * bytes) - 1;
        long v = switch (rnd.nextInt(6)) {
            case 0 -> limit - 1 - rnd.nextInt(3);
            case 1 -> limit;
            case 2 -> limit + 1 + rnd.nextInt(3);
            case 3 -> limit + rnd.nextInt(1 << 20);
            case 4 -> rnd.nextLong() & max;
            default -> limit - rnd.nextInt(1 << 20);
        };
        return Math.max(0, Math.min(max, v));
    }

    private static byte[] v9Template(int[][] fields) {
        Bytes b = new Bytes().u16(9).u16(1).u32(0).u32(0).u32(0).u32(0).u16(0).u16(8 + 4 * fields.length).u16(256)
                .u16(fields.length);
        for (int[] f : fields) {
            b.u16(f[0]).u16(f[1]);
        }
        return b.bytes();
    }

    private static byte[] ipfixTemplate(int[][] fields) {
        Bytes set = new Bytes().u16(256).u16(fields.length);
        for (int[] f : fields) {
            set.u16(f[0]).u16(f[1]);
        }
        return new Bytes().u16(10).u16(20 + set.size()).u32(0).u32(0).u32(0).u16(2).u16(4 + set.size())
                .raw(set.bytes()).bytes();
    }

    private static byte[] v9Data(int[][] fields, Random rnd, long uptime, long export) {
        Bytes body = new Bytes();
        int records = 1 + rnd.nextInt(3);
        for (int r = 0; r < records; r++) {
            record(body, fields, rnd, uptime, export);
        }
        return v9Packet(records, body, uptime, export);
    }

    /** A v9 packet of one data set of template 256 holding these records, padded to 4 bytes. */
    private static byte[] v9Packet(int records, Bytes body, long uptime, long export) {
        int pad = (4 - body.size() % 4) % 4;
        return new Bytes().u16(9).u16(records).u32(uptime).u32(export).u32(1).u32(0).u16(256)
                .u16(4 + body.size() + pad).raw(body.bytes()).zeros(pad).bytes();
    }

    private static byte[] ipfixData(int[][] fields, Random rnd, long export) {
        Bytes body = new Bytes();
        int records = 1 + rnd.nextInt(3);
        for (int r = 0; r < records; r++) {
            record(body, fields, rnd, 40_000, export);
        }
        return ipfixPacket(body, export);
    }

    /** An IPFIX message of one data set of template 256 holding these records. */
    private static byte[] ipfixPacket(Bytes body, long export) {
        return new Bytes().u16(10).u16(20 + body.size()).u32(export).u32(1).u32(0).u16(256).u16(4 + body.size())
                .raw(body.bytes()).bytes();
    }

    private static void record(Bytes b, int[][] fields, Random rnd, long uptime, long export) {
        // most values within every limit, as exporters send them; one field of most records near its limit, so
        // that a condition the quick pass missed shows alone
        int near = rnd.nextInt(fields.length + 2);
        for (int k = 0; k < fields.length; k++) {
            int[] f = fields[k];
            long v = k != near && rnd.nextInt(20) > 0 ? clean(f, rnd, uptime, export) : switch (f[0]) {
                case 9, 13 -> pick(rnd, 32, 1);
                case 29, 30 -> pick(rnd, 128, 1);
                case 21, 22 -> pick(rnd, f[1] == 2 ? 0x7ff0 : uptime, f[1]);
                case 150, 151 -> pick(rnd, export + 1, 4);
                case 152, 153 -> pick(rnd, export * 1000 + 1999, 8);
                case 156, 157 -> pick(rnd, (export + 2_208_988_800L + 1) << 32, 8);
                default -> rnd.nextInt(1 << 16);
            };
            value(b, v, f[1]);
        }
    }

    /** Writes the low {@code len} bytes of v, big-endian. */
    private static void value(Bytes b, long v, int len) {
        for (int i = len - 1; i >= 0; i--) {
            b.u8((int) (v >>> 8 * i) & 0xff);
        }
    }
}
