package dev.flowinspector.capture;

import dev.flowinspector.capture.HexPaste.Format;

/** Writes bytes in the formats {@link HexPaste} reads, as the tools they are named after write them. */
final class HexWriter {

    private HexWriter() {
    }

    /** The bytes in a format, as the tool it is named after writes them (for "copy as" and round trips). */
    static String format(byte[] b, Format f) {
        StringBuilder sb = new StringBuilder();
        switch (f) {
            case HEX_STREAM -> sb.append(hexString(b, 0, b.length, "")).append('\n');
            case SPACED_HEX -> {
                for (int i = 0; i < b.length; i += 16) {
                    sb.append(hexString(b, i, Math.min(16, b.length - i), " ")).append('\n');
                }
            }
            case XXD, TCPDUMP -> {
                for (int i = 0; i < b.length; i += 16) {
                    int n = Math.min(16, b.length - i);
                    StringBuilder words = new StringBuilder();
                    for (int k = 0; k < n; k += 2) {
                        if (k > 0) {
                            words.append(' ');
                        }
                        words.append(hexString(b, i + k, Math.min(2, n - k), ""));
                    }
                    if (f == Format.XXD) {
                        sb.append(String.format("%08x: %-39s  %s%n", i, words, ascii(b, i, n)));
                    } else {
                        sb.append(String.format("\t0x%04x:  %-39s  %s%n", i, words, ascii(b, i, n)));
                    }
                }
            }
            case HEXDUMP_C -> {
                for (int i = 0; i < b.length; i += 16) {
                    int n = Math.min(16, b.length - i);
                    String left = hexString(b, i, Math.min(8, n), " ");
                    String right = n > 8 ? " " + hexString(b, i + 8, n - 8, " ") : "";
                    sb.append(String.format("%08x  %-48s |%s|%n", i, left + " " + right, ascii(b, i, n)));
                }
                sb.append(String.format("%08x%n", b.length));
            }
            case OD_X -> {
                for (int i = 0; i < b.length; i += 16) {
                    sb.append(String.format("%07o", i));
                    for (int k = i; k < Math.min(i + 16, b.length); k += 2) {
                        int lo = b[k] & 0xff;
                        int hi = k + 1 < b.length ? b[k + 1] & 0xff : 0;
                        sb.append(String.format(" %02x%02x", hi, lo));
                    }
                    sb.append('\n');
                }
                sb.append(String.format("%07o%n", b.length));
            }
            case WIRESHARK_HEX_DUMP -> {
                for (int i = 0; i < b.length; i += 16) {
                    int n = Math.min(16, b.length - i);
                    sb.append(String.format("%04x   %-47s   %s%n", i, hexString(b, i, n, " "), ascii(b, i, n)));
                }
            }
            case C_ARRAY -> {
                sb.append("static const unsigned char pkt[").append(b.length).append("] = {\n");
                for (int i = 0; i < b.length; i += 8) {
                    for (int k = i; k < Math.min(i + 8, b.length); k++) {
                        sb.append(String.format("0x%02x", b[k] & 0xff)).append(k + 1 < b.length ? ", " : "");
                    }
                    sb.append(" /* ").append(ascii(b, i, Math.min(8, b.length - i))).append(" */\n");
                }
                sb.append("};\n");
            }
            case PYTHON_BYTES -> {
                sb.append("b'");
                for (byte x : b) {
                    int v = x & 0xff;
                    if (v == '\\' || v == '\'') {
                        sb.append('\\').append((char) v);
                    } else if (v >= 0x20 && v < 0x7f) {
                        sb.append((char) v);
                    } else if (v == 10) {
                        sb.append("\\n");
                    } else {
                        sb.append(String.format("\\x%02x", v));
                    }
                }
                sb.append("'\n");
            }
            default -> throw new IllegalArgumentException(f.toString());
        }
        return sb.toString();
    }

    private static String hexString(byte[] b, int off, int len, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(String.format("%02x", b[off + i] & 0xff));
        }
        return sb.toString();
    }

    private static String ascii(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < off + len; i++) {
            int v = b[i] & 0xff;
            sb.append(v >= 0x20 && v < 0x7f && v != '*' && v != '/' ? (char) v : '.');
        }
        return sb.toString();
    }
}
