package dev.flowinspector.capture;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** What the hex readers of {@link HexPaste} share: a hex digit's value, the error for a bad one, ending a packet. */
final class HexScan {

    private HexScan() {
    }

    static HexPasteException bad(int line, int col, String l) {
        char c = l.charAt(col);
        return new HexPasteException(line + 1, col + 1, "'" + c + "' is not a hex digit");
    }

    static void flush(List<byte[]> out, ByteArrayOutputStream cur) {
        if (cur.size() > 0) {
            out.add(cur.toByteArray());
            cur.reset();
        }
    }

    static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }
}
