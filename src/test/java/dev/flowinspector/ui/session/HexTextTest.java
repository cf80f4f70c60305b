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
}
