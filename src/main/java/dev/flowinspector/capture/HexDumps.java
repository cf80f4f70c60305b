package dev.flowinspector.capture;

import static dev.flowinspector.capture.HexScan.bad;
import static dev.flowinspector.capture.HexScan.flush;
import static dev.flowinspector.capture.HexScan.hex;

import dev.flowinspector.capture.HexPaste.Format;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises and reads the offset-led dump formats of {@link HexPaste}: {@code xxd}, {@code hexdump -C},
 * {@code od -x} and plain {@code hexdump}, {@code tcpdump -X}/{@code -xx} and Wireshark "copy as hex dump".
 */
final class HexDumps {

    private static final Pattern TCPDUMP = Pattern.compile("^\\s*0x([0-9a-fA-F]{4,8}):(.*)$");
    private static final Pattern XXD = Pattern.compile("^([0-9a-fA-F]{6,16}):(.*)$");
    private static final Pattern HEXDUMP_C = Pattern.compile("^([0-9a-fA-F]{8})(?:(\\s\\s.*)|\\s*)$");
    private static final Pattern OD = Pattern.compile("^([0-9a-fA-F]{7})(?:(\\s.*)|\\s*)$");
    private static final Pattern WIRESHARK = Pattern.compile("^([0-9a-fA-F]{4})(\\s{2,}.*)$");
    /** Bytes a hexdump '*' line may stand for (a packet is at most 64 KiB; this leaves room for any frame). */
    private static final int MAX_REPEAT = 1 << 20;

    private HexDumps() {
    }

    /** The format of the text: one of the dumps, or spaced hex or a hex stream when no line is offset-led. */
    static Format detect(String[] lines) {
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            if (TCPDUMP.matcher(l).matches()) {
                return Format.TCPDUMP;
            }
        }
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            if (XXD.matcher(l).matches()) {
                return Format.XXD;
            }
            if (HEXDUMP_C.matcher(l).matches() && (l.contains("|") || l.matches("^\\S{8}\\s\\s\\S\\S\\s.*"))) {
                return Format.HEXDUMP_C;
            }
            Matcher w = WIRESHARK.matcher(l);
            if (w.matches() && w.group(1).equals("0000") && l.matches("^\\S{4}\\s{2,}\\S\\S(\\s.*)?$")) {
                return Format.WIRESHARK_HEX_DUMP;
            }
            if (OD.matcher(l).matches() && l.matches("^[0-9a-fA-F]{7}(\\s[0-9a-fA-F]{4})*\\s*$")) {
                return Format.OD_X;
            }
            break;
        }
        for (String l : lines) {
            if (l.trim().indexOf(' ') > 0 || l.trim().indexOf(':') > 0) {
                return Format.SPACED_HEX;
            }
        }
        return Format.HEX_STREAM;
    }

    /** Reads the packets of a dump: blank lines, summary lines or an offset going back to 0 separate them. */
    static List<HexScan.Raw> dump(String[] lines, Format f) throws HexPasteException {
        Pattern pat = switch (f) {
            case TCPDUMP -> TCPDUMP;
            case XXD -> XXD;
            case HEXDUMP_C -> HEXDUMP_C;
            case OD_X -> OD;
            default -> WIRESHARK;
        };
        int base = f == Format.OD_X ? odBase(lines) : 16;
        List<HexScan.Raw> out = new ArrayList<>();
        HexScan.Bytes cur = new HexScan.Bytes();
        byte[] last = null;
        boolean star = false;
        for (int i = 0; i < lines.length; i++) {
            cur.at(i);
            String l = lines[i];
            if (l.isBlank()) {
                flush(out, cur);
                continue;
            }
            if (l.trim().equals("*") && (f == Format.HEXDUMP_C || f == Format.OD_X)) {
                star = true;
                continue;
            }
            Matcher m = pat.matcher(l);
            if (!m.matches()) {
                if (f == Format.TCPDUMP) {
                    flush(out, cur); // a packet summary line
                    continue;
                }
                int c = 0;
                while (c < l.length() && Character.isWhitespace(l.charAt(c))) {
                    c++;
                }
                throw new HexPasteException(i + 1, c + 1, "expected a line starting with an offset as in the lines "
                        + "before (" + describe(f) + ")");
            }
            long offset;
            try {
                offset = Long.parseLong(m.group(1), base);
            } catch (NumberFormatException e) { // 16 hex digits above 2^63
                throw new HexPasteException(i + 1, m.start(1) + 1, "offset " + m.group(1) + " is too large");
            }
            String rest = m.group(2) == null ? "" : m.group(2);
            int restCol = m.start(2) < 0 ? l.length() : m.start(2);
            if (offset == 0 && cur.size() > 0) {
                flush(out, cur);
                last = null;
            }
            if (star && last != null) {
                if (offset - cur.size() > MAX_REPEAT) {
                    throw new HexPasteException(i + 1, m.start(1) + 1, "offset " + m.group(1) + " would repeat the "
                            + "line before '*' for " + (offset - cur.size()) + " bytes (at most " + MAX_REPEAT + ")");
                }
                while (cur.size() + last.length <= offset) {
                    cur.write(last, 0, last.length);
                }
            }
            star = false;
            if (offset < cur.size()) {
                byte[] keep = Arrays.copyOf(cur.toByteArray(), (int) offset); // extra bytes read from an ASCII column
                cur.reset();
                cur.write(keep, 0, keep.length);
            } else if (offset > cur.size()) {
                throw new HexPasteException(i + 1, m.start(1) + 1, "offset " + m.group(1) + " (" + offset
                        + ") does not follow the " + cur.size() + " bytes before it");
            }
            byte[] data = lineBytes(rest, restCol, i, f, l);
            if (data.length > 0) {
                last = data;
            }
            cur.write(data, 0, data.length);
        }
        flush(out, cur);
        return out;
    }

    private static byte[] lineBytes(String rest, int col0, int line, Format f, String whole) throws HexPasteException {
        String s = rest;
        if (f == Format.HEXDUMP_C) {
            int bar = s.indexOf('|');
            if (bar >= 0) {
                s = s.substring(0, bar);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = 0;
        boolean first = true;
        while (p < s.length()) {
            int gap = 0;
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) { // not only ' ' and tab: no endless loop
                gap += s.charAt(p) == '\t' ? 2 : 1;
                p++;
            }
            if (p >= s.length()) {
                break;
            }
            if (!first && gap >= 2 && f != Format.HEXDUMP_C) {
                break; // the ASCII column
            }
            int e = p;
            while (e < s.length() && !Character.isWhitespace(s.charAt(e))) {
                e++;
            }
            for (int k = p; k < e; k++) {
                if (hex(s.charAt(k)) < 0) {
                    throw bad(line, col0 + k, whole);
                }
            }
            int n = e - p;
            if (n % 2 != 0) {
                throw new HexPasteException(line + 1, col0 + e, "odd number of hex digits in '" + s.substring(p, e) + "'");
            }
            byte[] g = new byte[n / 2];
            for (int k = 0; k < g.length; k++) {
                g[k] = (byte) (hex(s.charAt(p + 2 * k)) << 4 | hex(s.charAt(p + 2 * k + 1)));
            }
            if (f == Format.OD_X && g.length == 2) {
                byte t = g[0];
                g[0] = g[1];
                g[1] = t; // od -x prints little-endian 16-bit words
            }
            out.write(g, 0, g.length);
            first = false;
            p = e;
        }
        return out.toByteArray();
    }

    private static int odBase(String[] lines) {
        List<String> offsets = new ArrayList<>();
        int firstCount = -1;
        for (String l : lines) {
            Matcher m = OD.matcher(l);
            if (m.matches()) {
                offsets.add(m.group(1));
                if (firstCount < 0 && m.group(2) != null) {
                    firstCount = m.group(2).trim().split("\\s+").length * 2;
                }
            }
        }
        for (String o : offsets) {
            if (!o.matches("[0-7]+")) {
                return 16;
            }
        }
        if (offsets.size() >= 2 && !offsets.get(1).equals("0000000")) {
            long second = Long.parseLong(offsets.get(1), 8);
            return second == firstCount || second == firstCount - 1 ? 8 : 16; // an odd last byte fills half a word
        }
        return 8;
    }

    private static String describe(Format f) {
        return switch (f) {
            case TCPDUMP -> "tcpdump -X";
            case XXD -> "xxd";
            case HEXDUMP_C -> "hexdump -C";
            case OD_X -> "od -x";
            case WIRESHARK_HEX_DUMP -> "Wireshark hex dump";
            default -> f.toString();
        };
    }
}
