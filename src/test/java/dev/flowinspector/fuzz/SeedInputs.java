package dev.flowinspector.fuzz;

import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.testutil.Bytes;
import dev.flowinspector.testutil.PcapWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the seed inputs of the fuzz tests (small packets and files made here, byte by byte) into the Jazzer
 * inputs directories under src/test/resources. Run once after changing a script format:
 * {@code java -cp target/test-classes:target/classes dev.flowinspector.fuzz.SeedInputs src/test/resources}.
 */
public final class SeedInputs {

    private SeedInputs() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources").resolve("dev/flowinspector/fuzz");
        Path dec = root.resolve("DecoderFuzzTestInputs");
        write(dec.resolve("v1"), "seed-one-record", script(0, v1Body()));
        write(dec.resolve("v5"), "seed-two-records", script(0, v5Body(2)));
        write(dec.resolve("v5"), "seed-count-lies", script(0, new Bytes().u16(30).zeros(20).zeros(48).bytes()));
        write(dec.resolve("v7"), "seed-one-record", script(0, new Bytes().u16(1).zeros(20).zeros(52).bytes()));
        for (int scheme : new int[] {1, 6, 9, 14}) {
            write(dec.resolve("v8"), "seed-scheme-" + scheme, script(0, new Bytes().u16(1).u32(1000).u32(1)
                    .u32(0).u32(1).u8(0).u8(0).u8(scheme).u8(2).u32(0).zeros(64).bytes()));
        }
        write(dec.resolve("v9"), "seed-template-then-data", script(16, v9TemplateAndData(), v9Data()));
        write(dec.resolve("v9"), "seed-data-first", script(16, v9Data(), v9TemplateAndData()));
        write(dec.resolve("v9"), "seed-options", script(0, v9Options()));
        write(dec.resolve("ipfix"), "seed-template-then-data", script(8 | 16, ipfixTemplateAndData(), ipfixData()));
        write(dec.resolve("ipfix"), "seed-data-first-then-withdraw", script(8 | 16, ipfixData(),
                ipfixTemplateAndData(), ipfixWithdraw()));
        write(dec.resolve("ipfix"), "seed-options-rfc5610", script(8, ipfixTypeRecords()));
        write(dec.resolve("ipfix"), "seed-small-limits", new Bytes().u8(8 | 4).u8(1).u8(1).u8(2).u8(10)
                .raw(packet(0, ipfixTemplateAndData())).bytes());
        write(dec.resolve("anyVersion"), "seed-short", new byte[] {0});
        write(dec.resolve("anyVersion"), "seed-v11", new Bytes().u16(11).zeros(20).bytes());

        Path lists = root.resolve("ListsFuzzTestInputs").resolve("lists");
        write(lists, "seed-flat", new Bytes().u8(0).u16(16).ipv4("10.0.0.1").u8(6).ipv4("10.0.0.2").u8(17)
                .zeros(6).bytes());
        byte[] basic = new Bytes().u8(3).u16(8).u16(4).ipv4("10.0.0.1").ipv4("10.0.0.2").bytes();
        byte[] stl = new Bytes().u8(4).u16(256).ipv4("10.1.0.1").u8(6).bytes();
        byte[] stml = new Bytes().u8(2).u16(256).u16(9).ipv4("10.2.0.1").u8(1).bytes();
        Bytes rec = new Bytes().u8(basic.length).raw(basic).u8(stl.length).raw(stl).u8(stml.length).raw(stml);
        write(lists, "seed-three-lists", new Bytes().u8(1).u16(rec.size()).raw(rec.bytes()).bytes());
        byte[] inner = rec.bytes();
        byte[] nested = new Bytes().u8(3).u16(257).u8(inner.length).raw(inner).bytes();
        Bytes outer = new Bytes().u8(basic.length).raw(basic).u8(nested.length).raw(nested).u8(1).u8(0);
        write(lists, "seed-nested", new Bytes().u8(1).u16(outer.size()).raw(outer.bytes()).bytes());
        write(lists, "seed-fixed-lists", new Bytes().u8(2).u16(20).u8(3).u16(256).ipv4("10.0.0.1").u8(6)
                .ipv4("10.0.0.2").u8(6).u64(99).u8(1).u16(2).u16(2).u32(3).u8(2).hex("6162").bytes());

        Path cap = root.resolve("CaptureFuzzTestInputs").resolve("captureFile");
        byte[] v5 = new Bytes().u16(5).raw(v5Body(1)).bytes();
        byte[] pcap = new PcapWriter().udp("192.0.2.1", 50000, "198.51.100.7", 2055, 1_700_000_000_000_000L, v5)
                .udp("192.0.2.1", 50001, "198.51.100.7", 4739, 1_700_000_000_000_100L, ipfix(ipfixTemplateAndData()))
                .bytes();
        write(cap, "seed-pcap", new Bytes().u8(0).raw(pcap).bytes());
        byte[] eth = java.util.Arrays.copyOfRange(pcap, 24 + 16, 24 + 16 + 14 + 20 + 8 + v5.length);
        write(cap, "seed-pcap-header-chosen", new Bytes().u8(1).raw(le32(1_700_000_000L)).raw(le32(0))
                .raw(le32(eth.length)).raw(le32(eth.length)).raw(eth).bytes());
        write(cap, "seed-pcapng-epb", new Bytes().u8(2).raw(epb(eth)).bytes());
        write(cap, "seed-ipfix-file", new Bytes().u8(3).raw(java.util.Arrays.copyOfRange(
                ipfix(ipfixTemplateAndData()), 2, 16 + ipfixTemplateAndData().length)).raw(ipfix(ipfixData())).bytes());
        write(cap, "seed-gzip-pcap", new Bytes().u8(4).raw(pcap).bytes());

        Path paste = root.resolve("HexPasteFuzzTestInputs").resolve("paste");
        Path trip = root.resolve("HexPasteFuzzTestInputs").resolve("roundTrip");
        byte[] ipfixMsg = ipfix(ipfixTemplateAndData());
        for (HexPaste.Format f : HexPaste.Format.values()) {
            String name = f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            write(paste, "seed-" + name + "-ipfix", HexPaste.format(ipfixMsg, f).getBytes(StandardCharsets.UTF_8));
            write(paste, "seed-" + name + "-ethernet", HexPaste.format(eth, f).getBytes(StandardCharsets.UTF_8));
            write(trip, "seed-" + name, new Bytes().u8(f.ordinal()).raw(eth).bytes());
        }
        write(paste, "seed-two-packets", (HexPaste.format(v5, HexPaste.Format.HEX_STREAM) + "\n"
                + HexPaste.format(ipfixMsg, HexPaste.Format.HEX_STREAM)).getBytes(StandardCharsets.UTF_8));
        write(paste, "seed-bad-character", "0a0b0c0g\n".getBytes(StandardCharsets.UTF_8));
    }

    /** A decoder script: flags, then each packet body (after its version number) as an exporter-0 UDP chunk. */
    static byte[] script(int flags, byte[]... bodies) {
        Bytes b = new Bytes().u8(flags);
        for (byte[] body : bodies) {
            b.raw(packet(0, body));
        }
        return b.bytes();
    }

    static byte[] packet(int ctl, byte[] body) {
        return new Bytes().u8(ctl).u16(body.length).raw(body).bytes();
    }

    static byte[] v1Body() {
        return new Bytes().u16(1).u32(5000).u32(1_700_000_000L).u32(0).ipv4("10.0.0.1").ipv4("10.0.0.2")
                .ipv4("0.0.0.0").u16(1).u16(2).u32(10).u32(1000).u32(4000).u32(4900).u16(1234).u16(80).u16(0)
                .u8(6).u8(0).u8(0x18).zeros(7).bytes();
    }

    static byte[] v5Body(int n) {
        Bytes b = new Bytes().u16(n).u32(5000).u32(1_700_000_000L).u32(0).u32(42).u8(0).u8(1).u16(0);
        for (int i = 0; i < n; i++) {
            b.ipv4("10.0.0." + (i + 1)).ipv4("10.0.1.1").ipv4("0.0.0.0").u16(1).u16(2).u32(10).u32(1500)
                    .u32(4000).u32(4900).u16(1234).u16(443).u8(0).u8(0x12).u8(6).u8(0).u16(65000).u16(65001)
                    .u8(24).u8(16).u16(0);
        }
        return b.bytes();
    }

    /** v9 header after the version: count, uptime, secs, sequence, source id. */
    static Bytes v9Header(int count, int seq) {
        return new Bytes().u16(count).u32(5000).u32(1_700_000_000L).u32(seq).u32(7);
    }

    static byte[] v9TemplateAndData() {
        return v9Header(2, 1).u16(0).u16(4 + 4 + 4 * 5).u16(260).u16(5).u16(8).u16(4).u16(12).u16(4).u16(4).u16(1)
                .u16(1).u16(4).u16(21).u16(4)
                .u16(260).u16(4 + 17 + 3).ipv4("10.0.0.1").ipv4("10.0.0.2").u8(6).u32(100).u32(4900).zeros(3)
                .bytes();
    }

    static byte[] v9Data() {
        return v9Header(1, 2).u16(260).u16(4 + 17 * 2).ipv4("10.0.0.3").ipv4("10.0.0.4").u8(17).u32(7).u32(4000)
                .ipv4("10.0.0.5").ipv4("10.0.0.6").u8(1).u32(1).u32(4001).bytes();
    }

    static byte[] v9Options() {
        return v9Header(2, 3).u16(1).u16(6 + 4 + 8).u16(300).u16(4).u16(8).u16(1).u16(4).u16(34).u16(4)
                .u16(300).u16(4 + 8).u16(0).u16(1).u32(1000).bytes();
    }

    /** IPFIX message after the version: length, export time, sequence, domain; then the sets. */
    static byte[] ipfix(byte[] sets) {
        return new Bytes().u16(10).u16(16 + sets.length).u32(1_700_000_000L).u32(1).u32(5).raw(sets).bytes();
    }

    private static byte[] ipfixBody(byte[] sets) {
        return java.util.Arrays.copyOfRange(ipfix(sets), 2, 16 + sets.length);
    }

    static byte[] ipfixTemplateAndData() {
        byte[] tmpl = new Bytes().u16(2).u16(4 + 4 + 5 * 4 + 8).u16(256).u16(6).u16(8).u16(4).u16(12).u16(4)
                .u16(4).u16(1).u16(152).u16(8).u16(82).u16(0xffff).u16(0x8000 | 1).u16(4).u32(9).bytes();
        byte[] data = new Bytes().u16(256).u16(4 + 4 + 4 + 1 + 8 + 1 + 3 + 4).ipv4("10.0.0.1").ipv4("10.0.0.2")
                .u8(6).u64(1_700_000_000_000L).u8(3).hex("657468").u32(12).bytes();
        return ipfixBody(new Bytes().raw(tmpl).raw(data).bytes());
    }

    static byte[] ipfixData() {
        return ipfixBody(new Bytes().u16(256).u16(4 + 2 * 21 + 2).ipv4("10.0.0.3").ipv4("10.0.0.4").u8(17)
                .u64(1_700_000_000_001L).u8(0).u32(1).ipv4("10.0.0.5").ipv4("10.0.0.6").u8(1)
                .u64(1_700_000_000_002L).u8(255).u16(2).hex("6869").u32(1).bytes());
    }

    static byte[] ipfixWithdraw() {
        return ipfixBody(new Bytes().u16(2).u16(12).u16(256).u16(0).u16(2).u16(0).bytes());
    }

    /** RFC 5610 type records: an options template and one record teaching enterprise element 9/1. */
    static byte[] ipfixTypeRecords() {
        byte[] tmpl = new Bytes().u16(3).u16(4 + 6 + 4 * 4).u16(400).u16(4).u16(2).u16(346).u16(4).u16(303).u16(2)
                .u16(339).u16(1).u16(341).u16(0xffff).bytes();
        byte[] data = new Bytes().u16(400).u16(4 + 4 + 2 + 1 + 1 + 4).u32(9).u16(1).u8(4).u8(4).hex("6d696365")
                .bytes();
        return ipfixBody(new Bytes().raw(tmpl).raw(data).bytes());
    }

    /** A pcapng enhanced packet block (little-endian) on interface 0. */
    static byte[] epb(byte[] frame) {
        int pad = (4 - frame.length % 4) % 4;
        int len = 32 + frame.length + pad;
        return new Bytes().raw(le32(6)).raw(le32(len)).raw(le32(0)).raw(le32(0x60000)).raw(le32(0))
                .raw(le32(frame.length)).raw(le32(frame.length)).raw(frame).zeros(pad).raw(le32(len)).bytes();
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
