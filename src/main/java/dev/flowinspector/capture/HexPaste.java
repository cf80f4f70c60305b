package dev.flowinspector.capture;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.decode.ValueDecoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pasted hex to packets. Reads a plain hex stream (Wireshark "copy as hex stream"), spaced hex, {@code xxd},
 * {@code hexdump -C}, {@code od -x} and plain {@code hexdump} (little-endian 16-bit words), {@code tcpdump -X}
 * / {@code -xx} output (summary lines separate packets), Wireshark "copy as hex dump" with offsets, C arrays of
 * {@code 0x..} and Python {@code b'\x..'} literals. Several packets are separated by blank lines or by an offset
 * going back to 0. Then finds where the bytes start (Ethernet, IPv4, IPv6, UDP or the export header) and takes
 * out the export payload and addresses. All or nothing: a bad paste throws naming the line and column.
 */
public final class HexPaste {

    /** The text formats understood. */
    public enum Format {
        HEX_STREAM, SPACED_HEX, XXD, HEXDUMP_C, OD_X, TCPDUMP, WIRESHARK_HEX_DUMP, C_ARRAY, PYTHON_BYTES
    }

    /** Where the pasted bytes start. */
    public enum Layer { ETHERNET, IPV4, IPV6, UDP, EXPORT }

    /**
     * One pasted packet.
     *
     * @param format the text format it was read from
     * @param layer  where its bytes start
     * @param bytes  the bytes as pasted
     * @param frame  the export frame in it (payload, addresses), or null when it holds none (see note)
     * @param note   why there is no frame (e.g. an IP fragment waiting for the rest), or null
     */
    public record Packet(Format format, Layer layer, byte[] bytes, Frame frame, String note) {
    }

    private static final Pattern TCPDUMP = Pattern.compile("^\\s*0x([0-9a-fA-F]{4,8}):(.*)$");
    private static final Pattern XXD = Pattern.compile("^([0-9a-fA-F]{6,16}):(.*)$");
    private static final Pattern HEXDUMP_C = Pattern.compile("^([0-9a-fA-F]{8})(?:(\\s\\s.*)|\\s*)$");
    private static final Pattern OD = Pattern.compile("^([0-9a-fA-F]{7})(?:(\\s.*)|\\s*)$");
    private static final Pattern WIRESHARK = Pattern.compile("^([0-9a-fA-F]{4})(\\s{2,}.*)$");
    /** Bytes a hexdump '*' line may stand for (a packet is at most 64 KiB; this leaves room for any frame). */
    private static final int MAX_REPEAT = 1 << 20;
    private static final Pattern PY_START = Pattern.compile("^\\s*(\\w+\\s*=\\s*)?b['\"]");
    private static final Pattern C_BYTE = Pattern.compile("0[xX][0-9a-fA-F]{1,2}\\s*([,}]|/\\*)");

    private HexPaste() {
    }

    /** Reads every packet in the text, or throws for the first bad character. */
    public static List<Packet> parse(String text) throws HexPasteException {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        Format format = detect(lines);
        List<byte[]> raw;
        boolean dump = format != Format.HEX_STREAM && format != Format.SPACED_HEX;
        if (dump) { // offset-led lines first: their ASCII column may hold "b'" or "0x0," from the data
            raw = dump(lines, format);
        } else if (pythonFirst(lines) || !C_BYTE.matcher(text).find() && (text.contains("b'") || text.contains("b\""))) {
            format = Format.PYTHON_BYTES;
            raw = python(lines);
        } else if (C_BYTE.matcher(text).find()) {
            format = Format.C_ARRAY;
            raw = cArray(lines);
        } else {
            raw = plain(lines);
        }
        if (raw.isEmpty() && dump) { // a lone 8-digit line is a hex stream, not a hexdump's closing offset
            format = Format.HEX_STREAM;
            raw = plain(lines);
        }
        if (raw.isEmpty()) {
            throw new HexPasteException(1, 1, "no hex bytes found");
        }
        List<Packet> out = new ArrayList<>();
        PacketParser parser = new PacketParser(ExportPorts.everything());
        for (byte[] b : raw) {
            out.add(packet(format, b, out.size() + 1, parser));
        }
        return List.copyOf(out);
    }

    // ---- format detection -------------------------------------------------------------------------------

    /** The first non-blank line starts a Python bytes literal ({@code b'..'} or {@code name = b'..'}). */
    private static boolean pythonFirst(String[] lines) {
        for (String l : lines) {
            if (!l.isBlank()) {
                return PY_START.matcher(l).find();
            }
        }
        return false;
    }

    private static Format detect(String[] lines) {
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
            if (HEXDUMP_C.matcher(l).matches() && (l.contains("|") || l.length() <= 10 || l.matches("^\\S{8}\\s\\s\\S\\S\\s.*"))) {
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

    // ---- plain hex ------------------------------------------------------------------------------------------

    private static List<byte[]> plain(String[] lines) throws HexPasteException {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        for (int i = 0; i < lines.length; i++) {
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

    // ---- dumps with offsets ---------------------------------------------------------------------------------

    private static List<byte[]> dump(String[] lines, Format f) throws HexPasteException {
        Pattern pat = switch (f) {
            case TCPDUMP -> TCPDUMP;
            case XXD -> XXD;
            case HEXDUMP_C -> HEXDUMP_C;
            case OD_X -> OD;
            default -> WIRESHARK;
        };
        int base = f == Format.OD_X ? odBase(lines) : 16;
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        byte[] last = null;
        boolean star = false;
        for (int i = 0; i < lines.length; i++) {
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

    // ---- C arrays -------------------------------------------------------------------------------------------

    private static List<byte[]> cArray(String[] lines) throws HexPasteException {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        boolean braces = String.join("\n", lines).indexOf('{') >= 0;
        boolean inside = !braces;
        boolean comment = false;
        for (int i = 0; i < lines.length; i++) {
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

    // ---- Python bytes literals ------------------------------------------------------------------------------

    private static List<byte[]> python(String[] lines) throws HexPasteException {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        for (int i = 0; i < lines.length; i++) {
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

    // ---- layers ---------------------------------------------------------------------------------------------

    /** Where bytes start: the export header itself, IPv4, IPv6, Ethernet, or a UDP header. */
    public static Layer detectLayer(byte[] b) {
        int n = b.length;
        if (ExportDecoder.looksLikeExport(b, 0, n)) {
            return Layer.EXPORT;
        }
        if (n >= 20 && (b[0] & 0xf0) == 0x40 && (b[0] & 0xf) >= 5 && ValueDecoder.u16(b, 2) <= n
                && ValueDecoder.u16(b, 2) >= 20) {
            return Layer.IPV4;
        }
        if (n >= 40 && (b[0] & 0xf0) == 0x60 && 40 + ValueDecoder.u16(b, 4) <= n) {
            return Layer.IPV6;
        }
        if (n >= 14) {
            int et = ValueDecoder.u16(b, 12);
            if (et == 0x0800 || et == 0x86dd || et == 0x8100 || et == 0x88a8 || et == 0x9100) {
                return Layer.ETHERNET;
            }
        }
        if (n > 8 && ValueDecoder.u16(b, 4) == n) {
            return Layer.UDP;
        }
        return Layer.EXPORT;
    }

    private static Packet packet(Format format, byte[] b, int number, PacketParser parser) {
        Layer layer = detectLayer(b);
        switch (layer) {
            case EXPORT -> {
                return new Packet(format, layer, b, new Frame(number, 0, Endpoint.UNKNOWN, Endpoint.UNKNOWN,
                        Transport.NONE, b, -1, null, -1, null, List.of()), null);
            }
            case UDP -> {
                byte[] pay = Arrays.copyOfRange(b, 8, b.length);
                return new Packet(format, layer, b, new Frame(number, 0,
                        new Endpoint(Endpoint.UNKNOWN.address(), ValueDecoder.u16(b, 0)),
                        new Endpoint(Endpoint.UNKNOWN.address(), ValueDecoder.u16(b, 2)), Transport.UDP, pay, -1, null,
                        -1, null, List.of()), null);
            }
            default -> {
                int link = layer == Layer.ETHERNET ? PacketParser.LINKTYPE_ETHERNET : PacketParser.LINKTYPE_RAW;
                List<Frame> frames = parser.parseAll(number, 0, link, b, -1, null);
                if (frames.isEmpty()) {
                    return new Packet(format, layer, b, null, "packet " + number + " (" + layer + ") holds no complete "
                            + "UDP datagram or IPFIX message (another protocol, or a fragment or segment without "
                            + "the rest)");
                }
                return new Packet(format, layer, b, frames.get(frames.size() - 1), null);
            }
        }
    }

    // ---- writing --------------------------------------------------------------------------------------------

    /** The bytes in a format, as the tool it is named after writes them (for "copy as" and round trips). */
    public static String format(byte[] b, Format f) {
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

    private static HexPasteException bad(int line, int col, String l) {
        char c = l.charAt(col);
        return new HexPasteException(line + 1, col + 1, "'" + c + "' is not a hex digit");
    }

    private static void flush(List<byte[]> out, ByteArrayOutputStream cur) {
        if (cur.size() > 0) {
            out.add(cur.toByteArray());
            cur.reset();
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }
}
