package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowinspector.testutil.Bytes;
import dev.flowinspector.testutil.PcapWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Result of one CLI run. */
    record Run(int status, String out, String err) {
        List<JsonNode> lines() throws IOException {
            List<JsonNode> l = new ArrayList<>();
            for (String s : out.split("\n")) {
                if (!s.isBlank()) {
                    l.add(JSON.readTree(s));
                }
            }
            return l;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(rc, out.toString(), err.toString());
    }

    /** v9 header, source id 7. */
    static Bytes v9Header(int count, long seq) {
        return new Bytes().u16(9).u16(count).u32(360_000).u32(1_700_000_000L).u32(seq).u32(7);
    }

    static byte[] v9Template() {
        return v9Header(1, 2).u16(0).u16(4 + 4 + 16).u16(256).u16(4)
                .u16(8).u16(4).u16(12).u16(4).u16(4).u16(1).u16(1).u16(4).bytes();
    }

    static byte[] v9Data(long seq) {
        return v9Header(2, seq).u16(256).u16(32)
                .ipv4("10.1.0.1").ipv4("192.0.2.9").u8(6).u32(1500)
                .ipv4("10.1.0.2").ipv4("192.0.2.9").u8(17).u32(76)
                .zeros(2).bytes();
    }

    Path twoFrameCapture() throws IOException {
        return new PcapWriter()
                .udp("127.0.55.2", 40000, "127.0.55.1", 2055, 1_700_000_000_000_000L, v9Data(1))
                .udp("127.0.55.2", 40000, "127.0.55.1", 2055, 1_700_000_000_500_000L, v9Template())
                .write(dir.resolve("two.pcap"));
    }

    @Test
    @DisplayName("jsonl: data before its template is decoded in the second pass and marked late")
    void jsonTwoPass() throws IOException {
        Run r = run("decode", "-F", "jsonl", twoFrameCapture().toString());
        assertEquals(0, r.status(), r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(2, lines.size());
        JsonNode p1 = lines.get(0);
        assertEquals(1, p1.get("frame").asInt());
        assertEquals("2023-11-14T22:13:20Z", p1.get("time").asText());
        assertEquals("127.0.55.2:40000", p1.get("src").asText());
        assertEquals("127.0.55.1:2055", p1.get("dst").asText());
        assertEquals(9, p1.get("version").asInt());
        assertEquals(7, p1.get("header").get("sourceId").asInt());
        // the export time is a number of seconds, as in v1-v8 headers (it was ISO text for v9 and IPFIX only)
        assertTrue(p1.get("header").get("unixSecs").isNumber(), p1.get("header").toString());
        assertEquals(1_700_000_000L, p1.get("header").get("unixSecs").asLong());
        JsonNode set = p1.get("sets").get(0);
        assertEquals("data", set.get("kind").asText());
        assertEquals(256, set.get("id").asInt());
        assertEquals(2, set.get("templateFrame").asInt());
        assertTrue(set.get("lateTemplate").asBoolean());
        JsonNode rec = set.get("records").get(0);
        assertEquals("sourceIPv4Address", rec.get(0).get("name").asText());
        assertEquals("10.1.0.1", rec.get(0).get("value").asText());
        assertEquals(8, rec.get(0).get("id").asInt());
        assertEquals(24, rec.get(0).get("offset").asInt());
        assertEquals(6, rec.get(2).get("value").asInt());
        assertEquals(1500, rec.get(3).get("value").asLong());
        assertEquals("data.template.later", p1.get("problems").get(0).get("code").asText());

        JsonNode tpl = lines.get(1).get("sets").get(0);
        assertEquals("template", tpl.get("kind").asText());
        JsonNode fields = tpl.get("templates").get(0).get("fields");
        assertEquals(4, fields.size());
        assertEquals("octetDeltaCount", fields.get(3).get("name").asText());
        assertEquals(0, fields.get(3).get("pen").asInt());
    }

    @Test
    @DisplayName("--one-pass behaves like tshark: data before its template stays undecoded, with the cause")
    void onePass() throws IOException {
        Run r = run("decode", "--one-pass", "-F", "jsonl", twoFrameCapture().toString());
        assertEquals(0, r.status());
        JsonNode p1 = r.lines().get(0);
        assertEquals(0, p1.get("sets").get(0).get("records").size());
        JsonNode prob = p1.get("problems").get(0);
        assertEquals("data.template.missing", prob.get("code").asText());
        assertEquals("warning", prob.get("severity").asText());
        assertEquals(20, prob.get("offset").asInt());
    }

    @Test
    @DisplayName("-c N reads only the first N frames, as tshark -c: both passes stop there, so a later template is not used")
    void count() throws IOException {
        String file = twoFrameCapture().toString();
        Run all = run("decode", "-F", "jsonl", file);
        assertEquals(2, all.lines().size());
        assertEquals(2, all.lines().get(0).get("sets").get(0).get("records").size(), "decoded with frame 2's template");
        Run one = run("decode", "-c", "1", "-F", "jsonl", file);
        assertEquals(0, one.status(), one.err());
        assertEquals(1, one.lines().size());
        JsonNode p1 = one.lines().get(0);
        assertEquals(0, p1.get("sets").get(0).get("records").size());
        assertEquals("data.template.missing", p1.get("problems").get(0).get("code").asText());
        Run zero = run("decode", "-c", "0", file);
        assertEquals(2, zero.status());
        assertTrue(zero.err().contains("-c 0: give a number of frames, 1 or more"), zero.err());
        String h = java.util.HexFormat.of().formatHex(v9Template());
        Run pasted = run("decode", "-c", "1", "-F", "jsonl", "--hex", h + "\n\n" + h);
        assertEquals(0, pasted.status(), pasted.err());
        assertEquals(1, pasted.lines().size(), "the first pasted packet only");
    }

    @Test
    @DisplayName("text output matches the golden tree")
    void goldenText() throws IOException {
        Run r = run("decode", twoFrameCapture().toString());
        assertEquals(0, r.status());
        Golden.check("v9-two-frames.txt", r.out());
    }

    @Test
    @DisplayName("--problems lists each problem on one line")
    void problemsOnly() throws IOException {
        Run r = run("decode", "--problems", "--one-pass", twoFrameCapture().toString());
        assertEquals("frame 1 offset 20+32 warning data.template.missing: data set 256 (28 bytes) has no template: "
                + "no template 256 seen before this packet\n", r.out());
    }

    @Test
    @DisplayName("--hex decodes one payload")
    void hex() throws IOException {
        String h = java.util.HexFormat.of().formatHex(v9Template());
        Run r = run("decode", "-F", "jsonl", "--hex", h);
        assertEquals(0, r.status(), r.err());
        assertEquals(256, r.lines().get(0).get("sets").get(0).get("templates").get(0).get("id").asInt());
    }

    @Test
    @DisplayName("--hex of bytes that are not NetFlow/IPFIX: exit 2 naming the version, byte and line, as the GUI does")
    void hexNotNetFlow() {
        String v9 = java.util.HexFormat.of().formatHex(v9Template());
        Run r = run("decode", "--hex", v9 + "\n\ndeadbeef000102030405060708090a0b0c0d0e0f");
        assertEquals(2, r.status(), r.out());
        assertEquals("flowinspector decode: --hex: not a NetFlow/IPFIX packet: version 0xDEAD (57005) at byte 0 of "
                + "the packet starting on line 3\n", r.err().replace("\r\n", "\n"));
        assertEquals("", r.out(), "nothing decoded: the paste is refused as a whole");

        // behind Ethernet/IPv4/UDP headers: the byte is where the export header sits
        byte[] payload = java.util.HexFormat.of().parseHex("abcd000102030405060708090a0b0c0d0e0f1011");
        byte[] udp = new Bytes().u16(40000).u16(2055).u16(8 + payload.length).u16(0).bytes();
        byte[] ip = new Bytes().u8(0x45).u8(0).u16(20 + udp.length + payload.length).u16(1).u16(0).u8(64).u8(17)
                .u16(0).ipv4("127.0.55.2").ipv4("127.0.55.1").bytes();
        byte[] eth = java.util.HexFormat.of().parseHex("0000000000020000000000010800");
        String frame = java.util.HexFormat.of().formatHex(eth) + java.util.HexFormat.of().formatHex(ip)
                + java.util.HexFormat.of().formatHex(udp) + java.util.HexFormat.of().formatHex(payload);
        Run behind = run("decode", "--hex", frame);
        assertEquals(2, behind.status(), behind.out());
        assertEquals("flowinspector decode: --hex: not a NetFlow/IPFIX packet: version 0xABCD (43981) at byte 42 of "
                + "the packet starting on line 1", behind.err().strip());
        assertFalse(behind.err().contains("Exception"), behind.err());

        Run ok = run("decode", "--hex", v9);
        assertEquals(0, ok.status(), ok.err());
    }

    @Test
    @DisplayName("--hex of bytes shorter than their version's header: exit 2 naming their length and the header's")
    void hexTooShort() {
        Run r = run("decode", "--hex", "0005000100000000");
        assertEquals(2, r.status(), r.out());
        assertEquals("flowinspector decode: --hex: not a NetFlow/IPFIX packet: 8 bytes, too short for a NetFlow v5 "
                + "header (24 bytes), at byte 0 of the packet starting on line 1\n", r.err().replace("\r\n", "\n"));
        assertEquals("", r.out(), "nothing decoded");
    }

    @Test
    @DisplayName("unreadable input: exit 2 and a one-line reason, no stack trace")
    void unreadable() throws IOException {
        Run missing = run("decode", dir.resolve("nope.pcap").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("nope.pcap: no such file"), missing.err());

        Path junk = Files.writeString(dir.resolve("junk.pcap"), "hello, this is text", StandardCharsets.UTF_8);
        Run notCapture = run("decode", junk.toString());
        assertEquals(2, notCapture.status());
        assertTrue(notCapture.err().contains("junk.pcap: not a capture file"), notCapture.err());
        assertFalse(notCapture.err().contains("Exception"), notCapture.err());
        assertEquals(1, notCapture.err().strip().split("\n").length);

        Run badHex = run("decode", "--hex", "00 09 zz");
        assertEquals(2, badHex.status());
        assertTrue(badHex.err().contains("'z'"), badHex.err());
    }

    @Test
    @DisplayName("a capture cut short: what was read is printed, the damage is named, exit 0; cut in its first frame, exit 2")
    void truncatedFile() throws IOException {
        byte[] full = Files.readAllBytes(twoFrameCapture());
        Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(full, full.length - 10));
        Run r = run("decode", "-F", "jsonl", cut.toString());
        assertEquals(0, r.status());
        assertEquals(1, r.lines().size());
        assertTrue(r.err().contains("cut.pcap: frame 2"), r.err());
        assertTrue(r.err().contains("cut short"), r.err());

        // cut inside its first frame: nothing could be read, exit 2, and no "no NetFlow/IPFIX packets found" besides
        Path first = Files.write(dir.resolve("cut1.pcap"), java.util.Arrays.copyOf(full, 24 + 16 + 10));
        for (String cmd : new String[] {"decode", "templates", "exporters"}) {
            Run none = run(cmd, first.toString());
            assertEquals(2, none.status(), cmd + ": " + none.err());
            assertTrue(none.err().contains("cut1.pcap: frame 1") && none.err().contains("cut short"), none.err());
            assertFalse(none.err().contains("no NetFlow/IPFIX packets found"), none.err());
        }
    }

    @Test
    @DisplayName("--templates-from: a capture with data only decodes with another capture's templates, or their JSON export")
    void templatesFrom() throws IOException {
        Path templates = new PcapWriter()
                .udp("127.0.55.2", 40000, "127.0.55.1", 2055, 1_700_000_000_000_000L, v9Template())
                .write(dir.resolve("templates.pcap"));
        Path data = new PcapWriter()
                .udp("127.0.55.3", 41000, "127.0.55.1", 2055, 1_700_000_100_000_000L, v9Data(5))
                .write(dir.resolve("data.pcap"));
        Run without = run("decode", "-F", "jsonl", data.toString());
        assertEquals(0, without.lines().get(0).get("sets").get(0).get("records").size());

        Run with = run("decode", "-F", "jsonl", "--templates-from", templates.toString(), data.toString());
        assertEquals(0, with.status(), with.err());
        JsonNode set = with.lines().get(0).get("sets").get(0);
        assertEquals(2, set.get("records").size());
        assertEquals("10.1.0.2", set.get("records").get(1).get(0).get("value").asText());

        Path json = dir.resolve("t.json");
        Run export = run("templates", "--export", json.toString(), templates.toString());
        assertEquals(0, export.status(), export.err());
        Run fromJson = run("decode", "-F", "jsonl", "--templates-from", json.toString(), data.toString());
        assertEquals(2, fromJson.lines().get(0).get("sets").get(0).get("records").size());

        Run missing = run("decode", "--templates-from", dir.resolve("none.json").toString(), data.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("none.json"), missing.err());
    }

    @Test
    @DisplayName("-F fields prints one tab-separated line per record")
    void fields() throws IOException {
        Run r = run("decode", "-F", "fields", "-e", "frame", "-e", "sourceIPv4Address", "-e", "protocolIdentifier",
                "-e", "octetDeltaCount", "-e", "destinationTransportPort", twoFrameCapture().toString());
        assertEquals(0, r.status(), r.err());
        // destinationTransportPort is an element this template lacks: an empty column
        assertEquals("1\t10.1.0.1\t6\t1500\t\n1\t10.1.0.2\t17\t76\t\n", r.out());
        assertEquals(2, run("decode", "-F", "fields", twoFrameCapture().toString()).status());
    }

    @Test
    @DisplayName("text: a record's line puts an IPv6 address before its port in brackets, its field line does not")
    void ipv6EndpointsBracketed() {
        Path file = dir.resolve("v6.pcap");
        assertEquals(0, run("generate", "-q", "-w", file.toString(), "-v", "9", "--count", "20", "--seed", "1").status());
        Run r = run("decode", file.toString());
        assertEquals(0, r.status(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "Record \\d+: \\[([0-9a-f:]+)\\]:\\d+ → \\[[0-9a-f:]+\\]:\\d+\n").matcher(r.out());
        assertTrue(m.find(), "an IPv6 record line with bracketed endpoints");
        assertTrue(r.out().contains("sourceIPv6Address: " + m.group(1) + "\n"), "the field line, without brackets");
        assertTrue(r.out().matches("(?s).*Record \\d+: [0-9.]+:\\d+ → [0-9.]+:\\d+\n.*"), "IPv4 as before");
    }

    @Test
    @DisplayName("-F fields: Wireshark's cflow.* names are columns too; an unknown name exits 2 and names it")
    void fieldNames() throws IOException {
        String file = twoFrameCapture().toString();
        Run r = run("decode", "-F", "fields", "-e", "cflow.srcaddr", "-e", "cflow.octets", file);
        assertEquals(0, r.status(), r.err());
        assertEquals("10.1.0.1\t1500\n10.1.0.2\t76\n", r.out());

        Run unknown = run("decode", "-F", "fields", "-e", "frame", "-e", "sourceIPv4Adress", file);
        assertEquals(2, unknown.status());
        assertEquals("", unknown.out());
        assertTrue(unknown.err().contains("-e: unknown field 'sourceIPv4Adress'; did you mean 'sourceIPv4Address'?"),
                unknown.err());

        Run header = run("decode", "-F", "fields", "-e", "sysUptime", file);
        assertEquals(2, header.status());
        assertTrue(header.err().contains("'sysUptime' is not a record field"), header.err());

        Run notFields = run("decode", "-e", "frame", file);
        assertEquals(2, notFields.status());
        assertTrue(notFields.err().contains("-e NAME is for -F fields"), notFields.err());
    }
}
