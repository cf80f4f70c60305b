package dev.flowinspector.capture;

import static dev.flowinspector.capture.HexScan.bad;
import static dev.flowinspector.capture.HexScan.flush;
import static dev.flowinspector.capture.HexScan.hex;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the formats of {@link HexPaste} without offsets: a plain or spaced hex stream, C arrays of {@code 0x..} and
 * Python {@code b'\x..'} literals.
 */
final class HexLiterals {

    private static final Pattern PY_START = Pattern.compile("^\\s*(\\w+\\s*=\\s*)?b['\"]");
    /** A C array byte: {@code 0x..} followed by a comma, the closing brace or a comment. */
    static final Pattern C_BYTE = Pattern.compile("0[xX][0-9a-fA-F]{1,2}\\s*([,}]|/\\*)");

    private HexLiterals() {
    }

    /** The first non-blank line starts a Python bytes literal ({@code b'..'} or {@code name = b'..'}). */
    static boolean pythonFirst(String[] lines) {
        for (String l : lines) {
            if (!l.isBlank()) {
                return PY_START.matcher(l).find();
            }
        }
        return false;
    }

    /** Reads a plain or spaced hex stream; blank lines separate packets. */
    static List<HexScan.Raw> plain(String[] lines) throws HexPasteException {
        List<HexScan.Raw> out = new ArrayList<>();
        HexScan.Bytes cur = new HexScan.Bytes();
        for (int i = 0; i < lines.length; i++) {
            cur.at(i);
            String l = lines[i];
            if (l.isBlank()) {
                flush(out, cur);
                continue;
            }
            int p = 0;
            while (p < l.length()) {
                char c = l.charAt(p);
                if (Character.isWhitespace(c) || c == ':' || c == '-' || c == ',') {
                    p++;
                    continue;
                }
                int s = p;
                if (c == '0' && p + 1 < l.length() && (l.charAt(p + 1) == 'x' || l.charAt(p + 1) == 'X')) {
                    s = p + 2;
                }
                int e = s;
                while (e < l.length() && hex(l.charAt(e)) >= 0) {
                    e++;
                }
                if (e < l.length() && !Character.isWhitespace(l.charAt(e)) && ":-,".indexOf(l.charAt(e)) < 0) {
                    throw bad(i, e, l);
                }
                if ((e - s) % 2 != 0 || e == s) {
                    throw new HexPasteException(i + 1, e == s ? s + 1 : e, "odd number of hex digits ("
                            + (e - s) + ") in '" + l.substring(p, e) + "'");
                }
                for (int k = s; k < e; k += 2) {
                    cur.write(hex(l.charAt(k)) << 4 | hex(l.charAt(k + 1)));
                }
                p = e;
            }
        }
        flush(out, cur);
        return out;
    }

    /** Reads C arrays of {@code 0x..} bytes; each array is a packet. */
    static List<HexScan.Raw> cArray(String[] lines) throws HexPasteException {
        List<HexScan.Raw> out = new ArrayList<>();
        HexScan.Bytes cur = new HexScan.Bytes();
        boolean braces = String.join("\n", lines).indexOf('{') >= 0;
        boolean inside = !braces;
        boolean comment = false;
        for (int i = 0; i < lines.length; i++) {
            cur.at(i);
            String l = lines[i];
            if (!braces && l.isBlank()) {
                flush(out, cur);
            }
            int p = 0;
            while (p < l.length()) {
                char c = l.charAt(p);
                if (comment) {
                    if (l.startsWith("*/", p)) {
                        comment = false;
                        p += 2;
                    } else {
                        p++;
                    }
                    continue;
                }
                if (l.startsWith("/*", p)) {
                    comment = true;
                    p += 2;
                    continue;
                }
                if (l.startsWith("//", p)) {
                    break;
                }
                if (!inside) {
                    if (c == '{') {
                        inside = true;
                    }
                    p++;
                    continue;
                }
                if (c == '}' && braces) {
                    inside = false;
                    flush(out, cur);
                    p++;
                    continue;
                }
                if (Character.isWhitespace(c) || c == ',') {
                    p++;
                    continue;
                }
                if (c == '0' && p + 2 < l.length() && (l.charAt(p + 1) == 'x' || l.charAt(p + 1) == 'X')
                        && hex(l.charAt(p + 2)) >= 0) {
                    int e = p + 2;
                    while (e < l.length() && hex(l.charAt(e)) >= 0) {
                        e++;
                    }
                    if (e - p - 2 > 2) {
                        throw new HexPasteException(i + 1, p + 1, "'" + l.substring(p, e) + "' is more than one byte");
                    }
                    cur.write(Integer.parseInt(l.substring(p + 2, e), 16));
                    p = e;
                    continue;
                }
                if (c == '0' && p + 1 < l.length() && (l.charAt(p + 1) == 'x' || l.charAt(p + 1) == 'X')) {
                    throw bad(i, p + 2 < l.length() ? p + 2 : p, l);
                }
                if (!braces && c == ';') {
                    p++;
                    continue;
                }
                throw bad(i, p, l);
            }
        }
        if (inside && braces) {
            throw new HexPasteException(lines.length, lines[lines.length - 1].length() + 1, "'{' without its '}'");
        }
        flush(out, cur);
        return out;
    }

    /** Reads Python bytes literals; each literal (or list item) is a packet. */
    static List<HexScan.Raw> python(String[] lines) throws HexPasteException {
        List<HexScan.Raw> out = new ArrayList<>();
        HexScan.Bytes cur = new HexScan.Bytes();
        for (int i = 0; i < lines.length; i++) {
            cur.at(i);
            String l = lines[i];
            if (l.isBlank()) {
                flush(out, cur);
                continue;
            }
            int p = 0;
            while (p < l.length()) {
                char c = l.charAt(p);
                if ((c == 'b' || c == 'B') && p + 1 < l.length() && (l.charAt(p + 1) == '\'' || l.charAt(p + 1) == '"')) {
                    char q = l.charAt(p + 1);
                    p += 2;
                    while (true) {
                        if (p >= l.length()) {
                            throw new HexPasteException(i + 1, p + 1, "bytes literal not closed (missing " + q + ")");
                        }
                        char d = l.charAt(p);
                        if (d == q) {
                            p++;
                            break;
                        }
                        if (d == '\\') {
                            if (p + 1 >= l.length()) {
                                throw new HexPasteException(i + 1, p + 1, "backslash at the end of the line");
                            }
                            char e = l.charAt(p + 1);
                            int v = switch (e) {
                                case 'n' -> 10;
                                case 'r' -> 13;
                                case 't' -> 9;
                                case '0' -> 0;
                                case 'a' -> 7;
                                case 'b' -> 8;
                                case 'f' -> 12;
                                case 'v' -> 11;
                                case '\\', '\'', '"' -> e;
                                case 'x' -> -2;
                                default -> -1;
                            };
                            if (v == -1) {
                                throw new HexPasteException(i + 1, p + 2, "unknown escape \\" + e);
                            }
                            if (v == -2) {
                                if (p + 3 >= l.length() || hex(l.charAt(p + 2)) < 0 || hex(l.charAt(p + 3)) < 0) {
                                    int at = p + 2 < l.length() && hex(l.charAt(p + 2)) >= 0 ? p + 4 : p + 3;
                                    throw new HexPasteException(i + 1, at, "\\x needs two hex digits");
                                }
                                cur.write(hex(l.charAt(p + 2)) << 4 | hex(l.charAt(p + 3)));
                                p += 4;
                            } else {
                                cur.write(v);
                                p += 2;
                            }
                            continue;
                        }
                        if (d < 0x20 || d > 0x7e) {
                            throw new HexPasteException(i + 1, p + 1, "character U+" + String.format("%04X", (int) d)
                                    + " cannot be in a bytes literal");
                        }
                        cur.write(d);
                        p++;
                    }
                    continue;
                }
                if (c == ',') {
                    flush(out, cur); // [b'..', b'..']: a list of packets
                    p++;
                    continue;
                }
                if (Character.isWhitespace(c) || "()[]+\\=".indexOf(c) >= 0) {
                    p++;
                    continue;
                }
                if (Character.isJavaIdentifierStart(c)) {
                    while (p < l.length() && Character.isJavaIdentifierPart(l.charAt(p))
                            && !((l.charAt(p) == 'b' || l.charAt(p) == 'B') && p + 1 < l.length()
                            && (l.charAt(p + 1) == '\'' || l.charAt(p + 1) == '"'))) {
                        p++;
                    }
                    continue;
                }
                throw bad(i, p, l);
            }
        }
        flush(out, cur);
        return out;
    }
}
