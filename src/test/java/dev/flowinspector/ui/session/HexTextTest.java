package dev.flowinspector.ui.session;

import dev.flowinspector.testutil.TestPackets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HexTextTest {

    static final byte[] V5 = TestPackets.v5(1, "10.0.0.1", "10.0.0.2", 1000, 53, 17, 1, 60);

    /** Wireshark "Copy as Hex Dump" layout: offset, three spaces, 16 bytes, three spaces, ASCII. */
    static String wiresharkDump(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i += 16) {
            sb.append(String.format("%04x  ", i));
            StringBuilder asc = new StringBuilder();
            for (int j = i; j < Math.min(b.length, i + 16); j++) {
                sb.append(String.format(" %02x", b[j] & 0xff));
                asc.append(b[j] >= 0x20 && b[j] < 0x7f ? (char) b[j] : '.');
            }
            sb.append("   ").append(asc).append('\n');
        }
        return sb.toString();
    }

    @Test
    @DisplayName("a hex stream, a Wireshark hex dump and Python bytes give the same bytes")
    void threeFormats() {
        String plain = HexFormat.of().formatHex(V5);
        StringBuilder esc = new StringBuilder("b'");
        for (byte x : V5) {
            esc.append(String.format("\\x%02x", x & 0xff));
        }
        esc.append("'");
        HexText.Parsed a = HexText.parse(plain);
        HexText.Parsed b = HexText.parse(wiresharkDump(V5));
        HexText.Parsed c = HexText.parse(esc.toString());
        assertEquals("hex stream", a.format());
        assertEquals("Wireshark hex dump", b.format());
        assertEquals("Python bytes", c.format());
        assertArrayEquals(V5, a.packets().get(0));
        assertArrayEquals(V5, b.packets().get(0));
        assertArrayEquals(V5, c.packets().get(0));
    }

    @Test
    @DisplayName("a blank line separates packets")
    void twoPackets() {
        String hex = HexFormat.of().formatHex(V5);
        HexText.Parsed p = HexText.parse(hex + "\n\n" + hex);
        assertEquals(2, p.packets().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00 05 zz", "000", ""})
    @DisplayName("bad text is refused with a message")
    void bad(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HexText.parse(s));
        assertTrue(!e.getMessage().isBlank());
    }

    @Test
    @DisplayName("the preview names the format and what the bytes decode to")
    void preview() {
        String d = HexText.describe(HexFormat.of().formatHex(V5));
        assertTrue(d.startsWith("Detected: hex stream; 1 packet, first 72 bytes: NetFlow v5 seq 1, 1 record"), d);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hex stream", "xxd", "C array"})
    @DisplayName("bytes that are not NetFlow/IPFIX say so: the version, where it is, and the line the packet starts on")
    void notNetFlow(String format) {
        byte[] junk = HexFormat.of().parseHex("deadbeef000102030405060708090a0b0c0d0e0f");
        String text = switch (format) {
            case "xxd" -> dev.flowinspector.capture.HexPaste.format(V5, dev.flowinspector.capture.HexPaste.Format.XXD)
                    + "\n" + dev.flowinspector.capture.HexPaste.format(junk, dev.flowinspector.capture.HexPaste.Format.XXD);
            case "C array" -> "unsigned char a[] = {0x00, 0x05" + ", 0x00".repeat(22) // a v5 header alone
                    + "};\n\nunsigned char b[] = {\n  0xde, 0xad, 0xbe, 0xef,\n"
                    + "  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b };";
            default -> HexFormat.of().formatHex(V5) + "\n\n\n" + HexFormat.of().formatHex(junk);
        };
        int line = switch (format) {
            case "xxd" -> 7; // 72 bytes of v5 are five xxd lines, and xxd ends with a line break: a blank line
            case "C array" -> 4; // the line of the first byte, not of the declaration
            default -> 4;
        };
        HexText.NotExport e = assertThrows(HexText.NotExport.class, () -> HexText.parse(text));
        assertEquals("Not a NetFlow/IPFIX packet: version 0xDEAD (57005) at byte 0 of the packet starting on line "
                + line, e.getMessage());
        assertEquals(e.getMessage(), HexText.describe(text), "the preview says it as it is, not 'Not yet'");
    }

    @Test
    @DisplayName("bytes shorter than their version's header are refused, naming their length and the header's")
    void shorterThanItsHeader() {
        HexText.NotExport e = assertThrows(HexText.NotExport.class, () -> HexText.parse("0005000100000000"));
        assertEquals("Not a NetFlow/IPFIX packet: 8 bytes, too short for a NetFlow v5 header (24 bytes), at byte 0 of "
                + "the packet starting on line 1", e.getMessage());
        assertEquals(e.getMessage(), HexText.describe("0005000100000000"), "the preview says it, not 'Detected: …'");
    }

    @Test
    @DisplayName("behind Ethernet/IP/UDP headers the wrong version is named at its byte in the packet")
    void notNetFlowBehindHeaders() {
        byte[] pay = HexFormat.of().parseHex("deadbeef000102030405060708090a0b0c0d0e0f");
        byte[] frame = new byte[42 + pay.length];
        byte[] head = HexFormat.of().parseHex("0200000000010200000000020800"
                + "4500" + String.format("%04x", 28 + pay.length) + "00004000401100007f0000017f370001"
                + "9e6807d7" + String.format("%04x", 8 + pay.length) + "0000");
        System.arraycopy(head, 0, frame, 0, 42);
        System.arraycopy(pay, 0, frame, 42, pay.length);
        HexText.NotExport e = assertThrows(HexText.NotExport.class,
                () -> HexText.parse(HexFormat.of().formatHex(frame)));
        assertEquals("Not a NetFlow/IPFIX packet: version 0xDEAD (57005) at byte 42 of the packet starting on line 1",
                e.getMessage());
    }

    @Test
    @DisplayName("an exporter typed by the user: IPv4 and IPv6 as the capture reader writes them; bad ones named")
    void exporter() {
        assertEquals(new dev.flowinspector.decode.Endpoint("10.0.0.1", 2055), HexText.exporter(" 10.0.0.1 ", "2055"));
        assertEquals(HexText.exporter("2001:db8::1", "9995").address(),
                dev.flowinspector.decode.ValueDecoder.ipv6(HexFormat.of().parseHex("20010db8000000000000000000000001"), 0));
        assertEquals("exporter address '10.0.0.300' is not an IPv4 or IPv6 address",
                assertThrows(IllegalArgumentException.class, () -> HexText.exporter("10.0.0.300", "1")).getMessage());
        assertEquals("exporter address 'router1' is not an IPv4 or IPv6 address",
                assertThrows(IllegalArgumentException.class, () -> HexText.exporter("router1", "1")).getMessage());
        assertEquals("exporter port '70000' is not a number from 0 to 65535",
                assertThrows(IllegalArgumentException.class, () -> HexText.exporter("10.0.0.1", "70000")).getMessage());
    }

    @Test
    @DisplayName("an observation domain typed by the user: empty is the header's; not a number or out of range named")
    void domain() {
        assertEquals(-1, HexText.domain(""));
        assertEquals(-1, HexText.domain("  "));
        assertEquals(0, HexText.domain("0"));
        assertEquals(4294967295L, HexText.domain(" 4294967295 "));
        for (String bad : new String[] {"4294967296", "-1", "five", "99999999999", "1.5"}) {
            assertEquals("observation domain '" + bad + "' is not a number from 0 to 4294967295 (empty: the one in "
                    + "the export header)", assertThrows(IllegalArgumentException.class, () -> HexText.domain(bad))
                    .getMessage());
        }
    }

    @Test
    @DisplayName("the exporter goes to raw payloads (address and port) and UDP datagrams (address); IP packets keep theirs")
    void withExporter() {
        dev.flowinspector.decode.Endpoint ex = new dev.flowinspector.decode.Endpoint("192.0.2.7", 4739);
        byte[] udp = new byte[8 + V5.length];
        System.arraycopy(HexFormat.of().parseHex("9e6807d7" + String.format("%04x", udp.length) + "0000"), 0, udp, 0, 8);
        System.arraycopy(V5, 0, udp, 8, V5.length);
        HexText.Parsed p = HexText.parse(HexFormat.of().formatHex(V5) + "\n\n" + HexFormat.of().formatHex(udp))
                .withExporter(ex);
        assertEquals(ex, p.frames().get(0).source());
        assertEquals(new dev.flowinspector.decode.Endpoint("192.0.2.7", 0x9e68), p.frames().get(1).source());
    }
}
