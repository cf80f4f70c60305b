package dev.flowinspector.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.capture.HexPasteException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile pastes found by fuzzing: each ends quickly, with packets or an error naming line and column. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HexPasteHostileTest {

    @Test
    @DisplayName("xxd line with a vertical tab between groups: read as a gap, no endless loop")
    void verticalTab() throws HexPasteException {
        List<HexPaste.Packet> p = HexPaste.parse("00000000: 0a0b\u000b0c0d  ....\n");
        assertEquals(1, p.size());
        assertArrayEquals(new byte[] {0x0a, 0x0b, 0x0c, 0x0d}, p.get(0).bytes());
    }

    @Test
    @DisplayName("hexdump -C '*' followed by offset 7fffffff: an error at line 3, not 2 GB of repeats")
    void starHugeOffset() {
        String text = "00000000  0a 0b 0c 0d 0a 0b 0c 0d  0a 0b 0c 0d 0a 0b 0c 0d  |................|\n*\n7fffffff\n";
        HexPasteException e = assertThrows(HexPasteException.class, () -> HexPaste.parse(text));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("7fffffff"), e.getMessage());
    }

    @Test
    @DisplayName("hexdump -C '*' within the limit still repeats the line")
    void starRepeats() throws HexPasteException {
        String text = "00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|\n*\n"
                + "00000030  10 11  |..|\n00000032\n";
        List<HexPaste.Packet> p = HexPaste.parse(text);
        assertEquals(50, p.get(0).bytes().length);
        assertEquals(0x0f, p.get(0).bytes()[47]);
    }

    @Test
    @DisplayName("xxd offset of 16 hex digits above 2^63: an error naming it, not a NumberFormatException")
    void offsetOverflow() {
        HexPasteException e = assertThrows(HexPasteException.class,
                () -> HexPaste.parse("ffffffffffffffff: 0a0b 0c0d  ....\n"));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("ffffffffffffffff"), e.getMessage());
    }
}
