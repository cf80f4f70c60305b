package dev.flowinspector.session;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads export packet bytes pasted as text, in three formats: plain hex ("0005 0001 ..."), a hex dump with
 * offsets (Wireshark "Copy as Hex Dump", {@code xxd}, {@code tcpdump -xx}), and escaped bytes ("\x00\x05" or
 * "0x00, 0x05"). Blank-line-separated blocks are separate packets.
 */
public final class HexText {

    /** The bytes of each pasted packet and the format recognised. */
    public record Parsed(String format, List<byte[]> packets) {
    }

    private static final Pattern DUMP_LINE = Pattern.compile("^\\s*(?:0x)?([0-9a-fA-F]{4,8})[:\\s]\\s*(.*)$");
    private static final Pattern ESCAPED = Pattern.compile("(?:\\\\x|0x)([0-9a-fA-F]{1,2})");

    private HexText() {
    }

    /** Parses pasted text; throws IllegalArgumentException naming the line and column of bad input. */
    public static Parsed parse(String text) {
        String t = text == null ? "" : text.replace("\r", "");
        if (t.isBlank()) {
            throw new IllegalArgumentException("nothing pasted");
        }
        List<String> blocks = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : t.split("\n", -1)) {
            if (line.isBlank()) {
                if (cur.length() > 0) {
                    blocks.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(line).append('\n');
            }
        }
        if (cur.length() > 0) {
            blocks.add(cur.toString());
        }
        String format = null;
        List<byte[]> out = new ArrayList<>();
        int lineBase = 1;
        for (String b : blocks) {
            String f = detect(b);
            format = format == null ? f : format.equals(f) ? format : "mixed";
            out.add(switch (f) {
                case "escaped bytes" -> escaped(b, lineBase);
                case "hex dump with offsets" -> dump(b, lineBase);
                default -> plain(b, lineBase);
            });
            lineBase += (int) b.chars().filter(c -> c == '\n').count() + 1;
        }
        return new Parsed(format, out);
    }

    static String detect(String block) {
        if (block.contains("\\x") || block.matches("(?s).*0x[0-9a-fA-F]{2}\\s*,.*")) {
            return "escaped bytes";
        }
        String[] lines = block.split("\n");
        int dump = 0;
        for (String l : lines) {
            Matcher m = DUMP_LINE.matcher(l);
            if (m.matches() && (l.contains(":") || l.matches("^\\s*[0-9a-fA-F]{4,8}\\s{2,}.*") || lines.length > 1
                    && l.strip().split("\\s+")[0].length() >= 4 && l.strip().split("\\s+").length > 2
                    && l.strip().split("\\s+")[1].length() == 2)) {
                dump++;
            }
        }
        return dump == lines.length && lines.length > 0 && looksLikeOffsets(lines) ? "hex dump with offsets" : "plain hex";
    }

    private static boolean looksLikeOffsets(String[] lines) {
        long prev = -1;
        for (String l : lines) {
            Matcher m = DUMP_LINE.matcher(l);
            if (!m.matches()) {
                return false;
            }
            long off = Long.parseLong(m.group(1), 16);
            if (off <= prev) {
                return false;
            }
            prev = off;
        }
        return lines.length == 1 ? Long.parseLong(DUMP_LINE.matcher(lines[0]).replaceAll("$1"), 16) == 0 : true;
    }

    private static byte[] plain(String block, int lineBase) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] lines = block.split("\n");
        int pending = -1;
        for (int li = 0; li < lines.length; li++) {
            String l = lines[li];
            for (int c = 0; c < l.length(); c++) {
                char ch = l.charAt(c);
                if (Character.isWhitespace(ch) || ch == ':' || ch == '-' || ch == ',') {
                    continue;
                }
                int d = Character.digit(ch, 16);
                if (d < 0) {
                    throw new IllegalArgumentException("line " + (lineBase + li) + ", column " + (c + 1) + ": '" + ch
                            + "' is not a hex digit");
                }
                if (pending < 0) {
                    pending = d;
                } else {
                    out.write((pending << 4) | d);
                    pending = -1;
                }
            }
        }
        if (pending >= 0) {
            throw new IllegalArgumentException("odd number of hex digits: the last byte has only one digit");
        }
        return out.toByteArray();
    }

    private static byte[] dump(String block, int lineBase) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] lines = block.split("\n");
        for (int li = 0; li < lines.length; li++) {
            Matcher m = DUMP_LINE.matcher(lines[li]);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + (lineBase + li) + ": no offset at the start");
            }
            long off = Long.parseLong(m.group(1), 16);
            if (off != out.size()) {
                throw new IllegalArgumentException("line " + (lineBase + li) + ": offset " + m.group(1) + " but "
                        + out.size() + " bytes read so far");
            }
            String rest = m.group(2).replaceAll("\\|.*\\|\\s*$", "");
            long limit = 16;
            if (li + 1 < lines.length) {
                Matcher next = DUMP_LINE.matcher(lines[li + 1]);
                if (next.matches()) {
                    limit = Long.parseLong(next.group(1), 16) - off;
                }
            }
            long start = out.size();
            for (String tok : rest.strip().split("\\s+")) {
                if (!tok.matches("([0-9a-fA-F]{2})+") || out.size() - start >= limit) {
                    break;
                }
                for (int i = 0; i < tok.length() && out.size() - start < limit; i += 2) {
                    out.write(Integer.parseInt(tok.substring(i, i + 2), 16));
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] escaped(String block, int lineBase) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher m = ESCAPED.matcher(block);
        while (m.find()) {
            out.write(Integer.parseInt(m.group(1), 16));
        }
        if (out.size() == 0) {
            throw new IllegalArgumentException("line " + lineBase + ": no \\xNN or 0xNN bytes found");
        }
        return out.toByteArray();
    }

    /** A one-line preview: format, bytes, and what the first packet decodes to; or why the text is bad. */
    public static String describe(String t) {
        try {
            HexText.Parsed p = HexText.parse(t);
            StringBuilder sb = new StringBuilder("Detected: " + p.format() + "; " + p.packets().size()
                    + (p.packets().size() == 1 ? " packet" : " packets"));
            byte[] first = p.packets().get(0);
            sb.append(", first ").append(first.length).append(" bytes");
            if (first.length > 0) {
                dev.flowinspector.decode.ExportPacket pk = new dev.flowinspector.decode.ExportDecoder().decode(first, dev.flowinspector.decode.DecodeContext.standalone(1));
                sb.append(": ").append(pk.info());
                if (!pk.problems().isEmpty()) {
                    sb.append(" (").append(pk.problems().size()).append(" problems, e.g. ")
                            .append(pk.problems().get(0).message()).append(")");
                }
            }
            return sb.toString();
        } catch (IllegalArgumentException e) {
            return "Not yet: " + e.getMessage();
        }
    }
}
