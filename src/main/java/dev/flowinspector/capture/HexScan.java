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

    /** One packet's bytes as read, and the 1-based line its first byte came from. */
    record Raw(byte[] bytes, int line) {
    }

    /** The bytes of the packet being read, remembering the line of its first byte ({@link #at} the line read). */
    static final class Bytes extends ByteArrayOutputStream {
        private int line;
        private int start = -1;

        /** The 0-based line being read now. */
        void at(int i) {
            line = i;
        }

        @Override
        public void write(int b) {
            if (start < 0) {
                start = line;
            }
            super.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (start < 0 && len > 0) {
                start = line;
            }
            super.write(b, off, len);
        }
    }

    static void flush(List<Raw> out, Bytes cur) {
        if (cur.size() > 0) {
            out.add(new Raw(cur.toByteArray(), cur.start + 1));
            cur.reset();
        }
        cur.start = -1;
    }

    static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }
}
