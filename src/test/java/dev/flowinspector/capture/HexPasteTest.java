package dev.flowinspector.capture;

import static dev.flowinspector.capture.CaptureFilesTest.open;
import static dev.flowinspector.capture.CaptureFilesTest.readAll;
import static dev.flowinspector.capture.CaptureFilesTest.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.HexPaste.Format;
import dev.flowinspector.capture.HexPaste.Layer;
import dev.flowinspector.capture.HexPaste.Packet;
import dev.flowinspector.decode.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Pasted hex")
class HexPasteTest {

    static String text(String name) throws IOException {
        return new String(resource("hex/" + name), StandardCharsets.UTF_8);
    }

    static byte[] frame1() throws IOException {
        return readAll(open("udp_lo.pcap")).get(0).frameBytes();
    }

    static byte[] ipfix() throws IOException {
        return readAll(open("udp_lo.pcap")).get(2).payload();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "frame1.xxd, XXD", "frame1.xxd-p, SPACED_HEX", "frame1.hexdump-C, HEXDUMP_C", "frame1.od-x, OD_X",
        "frame1.hexdump, OD_X", "frame1.tshark-x, WIRESHARK_HEX_DUMP"})
    @DisplayName("an Ethernet frame dumped by real tools: format, layer, payload and addresses")
    void realToolsFrame(String file, Format format) throws IOException, HexPasteException {
        List<Packet> ps = HexPaste.parse(text(file));
        assertEquals(1, ps.size());
        Packet p = ps.get(0);
        assertEquals(format == Format.SPACED_HEX ? Format.HEX_STREAM : format, p.format() == Format.SPACED_HEX
                ? Format.HEX_STREAM : p.format());
        assertArrayEquals(frame1(), p.bytes());
        assertEquals(Layer.ETHERNET, p.layer());
        assertEquals(new Endpoint("127.0.55.201", 2055), p.frame().destination());
        assertEquals(24 + 2 * 48, p.frame().payload().length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ipfix.xxd, XXD", "ipfix.od-x, OD_X", "ipfix.xxd-i, C_ARRAY", "ipfix.py, PYTHON_BYTES",
        "ipfix.hexstream, HEX_STREAM"})
    @DisplayName("an IPFIX message dumped by real tools is the export payload itself")
    void realToolsPayload(String file, Format format) throws IOException, HexPasteException {
        List<Packet> ps = HexPaste.parse(text(file));
        assertEquals(1, ps.size());
        assertEquals(format, ps.get(0).format());
        assertEquals(Layer.EXPORT, ps.get(0).layer());
        assertArrayEquals(ipfix(), ps.get(0).frame().payload());
        assertEquals(Endpoint.UNKNOWN, ps.get(0).frame().source());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"udp3.tcpdump-X", "udp3.tcpdump-xx"})
    @DisplayName("tcpdump -X / -xx: summary lines separate packets; -X starts at IP, -xx at Ethernet")
    void tcpdump(String file) throws IOException, HexPasteException {
        List<Packet> ps = HexPaste.parse(text(file));
        assertEquals(3, ps.size());
        List<Frame> cap = readAll(open("udp_lo.pcap"));
        for (int i = 0; i < 3; i++) {
            assertEquals(Format.TCPDUMP, ps.get(i).format());
            assertEquals(file.endsWith("X") ? Layer.IPV4 : Layer.ETHERNET, ps.get(i).layer());
            assertArrayEquals(cap.get(i).payload(), ps.get(i).frame().payload());
            assertEquals(cap.get(i).source(), ps.get(i).frame().source());
        }
    }

    static Stream<Arguments> roundTrips() throws IOException {
        Random r = new Random(7);
        byte[] odd = new byte[37];
        r.nextBytes(odd);
        byte[] text = "0123456789abcdef \\'\"*/ ok".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = frame1();
        byte[] ipfix = ipfix();
        return Arrays.stream(Format.values()).flatMap(f -> Stream.of(
                Arguments.of(f, "frame", frame), Arguments.of(f, "ipfix", ipfix),
                Arguments.of(f, "odd length random", odd), Arguments.of(f, "printable", text)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("roundTrips")
    @DisplayName("every format round-trips, alone and as two packets")
    void roundTrip(Format f, String what, byte[] bytes) throws HexPasteException {
        String one = HexPaste.format(bytes, f);
        List<Packet> ps = HexPaste.parse(one);
        assertEquals(1, ps.size(), one);
        assertArrayEquals(bytes, ps.get(0).bytes(), one);
        assertEquals(f, ps.get(0).format(), one);
        String sep = f == Format.PYTHON_BYTES ? "\n" : "\n";
        List<Packet> two = HexPaste.parse(one + sep + HexPaste.format(Arrays.copyOf(bytes, 20), f));
        assertEquals(2, two.size());
        assertArrayEquals(bytes, two.get(0).bytes());
        assertArrayEquals(Arrays.copyOf(bytes, 20), two.get(1).bytes());
    }

    @Test
    @DisplayName("a hex stream wrapped every 8 digits (xxd -p -c4) is a hex stream, not a dump of offset-only lines")
    void streamWrappedAtEightDigits() throws IOException, HexPasteException {
        String hex = HexPaste.format(ipfix(), Format.HEX_STREAM).replaceAll("\\s", "");
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 8) {
            wrapped.append(hex, i, Math.min(hex.length(), i + 8)).append('\n');
        }
        List<Packet> ps = HexPaste.parse(wrapped.toString());
        assertEquals(1, ps.size(), wrapped.toString());
        assertArrayEquals(ipfix(), ps.get(0).bytes());
        assertEquals(Format.HEX_STREAM, ps.get(0).format());
        assertArrayEquals(new byte[] {0, 5, 0, 1}, HexPaste.parse("00050001").get(0).bytes(), "8 digits alone: 4 bytes");
    }

    @Test
    @DisplayName("offsets going back to 0 start a new packet; '*' repeats lines")
    void offsetResetAndRepeat() throws HexPasteException {
        String t = "00000000  00 0a 00 10 00 00 00 00  00 00 00 00 00 00 00 01  |................|\n"
                + "00000000  00 05 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
                + "*\n"
                + "00000030\n";
        List<Packet> ps = HexPaste.parse(t);
        assertEquals(2, ps.size());
        assertEquals(16, ps.get(0).bytes().length);
        assertEquals(48, ps.get(1).bytes().length);
        assertEquals(Format.HEXDUMP_C, ps.get(0).format());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0005 00zz 0000|1|8|'z' is not a hex digit",
        "00 05\\n00 0g|2|5|'g' is not a hex digit",
        "000a0010f|1|9|odd number of hex digits",
        "00000000: 000a 0010  ....\\nhello|2|1|expected a line starting with an offset",
        "00000000: 000a 0010  ....\\n00000010: 0000 0000  ....|2|1|does not follow the 4 bytes",
        "x = b'\\x00\\x0'|1|14|\\x needs two hex digits",
        "{ 0x00, 0x0a, 0xZZ }|1|17|'Z' is not a hex digit",
        "{ 0x00, 0x0a, 0x100 }|1|15|more than one byte"})
    @DisplayName("a bad paste names the line and column of the first bad character")
    void badPaste(String text, int line, int col, String message) {
        HexPasteException e = assertThrows(HexPasteException.class, () -> HexPaste.parse(text.replace("\\n", "\n")));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(col, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    @DisplayName("pasted fragments are reassembled; the first alone has no frame and says why")
    void fragments() throws IOException, HexPasteException {
        List<Frame> cap = readAll(open("udp_lo.pcap"));
        String ipv4 = HexPaste.format(Arrays.copyOfRange(frame1(), 14, frame1().length), Format.HEX_STREAM);
        List<Packet> ps = HexPaste.parse(ipv4);
        assertEquals(Layer.IPV4, ps.get(0).layer());
        assertArrayEquals(cap.get(0).payload(), ps.get(0).frame().payload());
        byte[] udp = Arrays.copyOfRange(frame1(), 34, frame1().length);
        Packet u = HexPaste.parse(HexPaste.format(udp, Format.SPACED_HEX)).get(0);
        assertEquals(Layer.UDP, u.layer());
        assertEquals(2055, u.frame().destination().port());
        assertArrayEquals(cap.get(0).payload(), u.frame().payload());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0005000100000000|8 bytes, too short for a NetFlow v5 header (24 bytes), at byte 0",
        "000100010000000000000000000000|15 bytes, too short for a NetFlow v1 header (16 bytes), at byte 0",
        "0007000100000000000000000000000000000000000000|23 bytes, too short for a NetFlow v7 header (24 bytes), at byte 0",
        "000800010000000000000000000000000000000000000000000001|27 bytes, too short for a NetFlow v8 header (28 bytes), at byte 0",
        "00090001000000000000000000000000000000|19 bytes, too short for a NetFlow v9 header (20 bytes), at byte 0",
        "000a000f0000000000000000000000|15 bytes, too short for an IPFIX header (16 bytes), at byte 0",
        "05|1 byte, too short for a NetFlow/IPFIX header (16 bytes at least), at byte 0",
        "9e6807d7001000000005000100000000|8 bytes, too short for a NetFlow v5 header (24 bytes), at byte 8"})
    @DisplayName("bytes shorter than their version's header are not that version's export packet")
    void shorterThanItsHeader(String hex, String why) throws HexPasteException {
        Packet p = HexPaste.parse(hex).get(0);
        assertEquals("not a NetFlow/IPFIX packet: " + why + " of the packet starting on line 1",
                p.notExport().orElse("accepted"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "000500000000000000000000000000000000000000000000", "0009000000000000000000000000000000000000",
        "000a0010000000000000000000000000"})
    @DisplayName("a header alone, and real packets, are not refused as too short")
    void headerLongEnough(String hex) throws IOException, HexPasteException {
        assertEquals("accepted", HexPaste.parse(hex).get(0).notExport().orElse("accepted"));
        assertEquals("accepted", HexPaste.parse(HexPaste.format(frame1(), Format.XXD)).get(0).notExport()
                .orElse("accepted"));
        assertEquals("accepted", HexPaste.parse(HexPaste.format(ipfix(), Format.HEX_STREAM)).get(0).notExport()
                .orElse("accepted"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    @DisplayName("detection of the layer does not depend on the format")
    void layers(Format f) throws IOException, HexPasteException {
        assertEquals(Layer.ETHERNET, HexPaste.parse(HexPaste.format(frame1(), f)).get(0).layer());
        assertEquals(Layer.EXPORT, HexPaste.parse(HexPaste.format(ipfix(), f)).get(0).layer());
    }
}
