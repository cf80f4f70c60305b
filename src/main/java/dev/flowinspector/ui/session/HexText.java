package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.capture.HexPasteException;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pasted text to export frames for the GUI, with a one-line preview: the formats and layers are those of
 * {@link HexPaste} (hex stream, xxd, hexdump -C, tcpdump -X, Wireshark hex dump, C arrays, Python bytes; from
 * Ethernet, IP, UDP or the export header down).
 */
public final class HexText {

    /**
     * The pasted packets.
     *
     * @param format  the text format(s) recognised, e.g. "Wireshark hex dump"
     * @param frames  one export frame per packet (addresses from pasted IP/UDP headers, else unknown)
     */
    public record Parsed(String format, List<Frame> frames) {

        /** The export payloads. */
        public List<byte[]> packets() {
            List<byte[]> out = new ArrayList<>();
            for (Frame f : frames) {
                out.add(f.payload());
            }
            return out;
        }
    }

    private HexText() {
    }

    /** A readable name of a paste format. */
    public static String label(HexPaste.Format f) {
        return switch (f) {
            case HEX_STREAM -> "hex stream";
            case SPACED_HEX -> "spaced hex";
            case XXD -> "xxd";
            case HEXDUMP_C -> "hexdump -C";
            case OD_X -> "od -x";
            case TCPDUMP -> "tcpdump -X/-xx";
            case WIRESHARK_HEX_DUMP -> "Wireshark hex dump";
            case C_ARRAY -> "C array";
            case PYTHON_BYTES -> "Python bytes";
        };
    }

    /** Parses pasted text; throws IllegalArgumentException naming the line and column of bad input. */
    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("nothing pasted");
        }
        List<HexPaste.Packet> packets;
        try {
            packets = HexPaste.parse(text);
        } catch (HexPasteException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("no bytes found");
        }
        Set<String> formats = new LinkedHashSet<>();
        List<Frame> frames = new ArrayList<>();
        int n = 0;
        for (HexPaste.Packet p : packets) {
            n++;
            formats.add(label(p.format()));
            if (p.frame() == null) {
                throw new IllegalArgumentException("packet " + n + ": " + (p.note() != null ? p.note()
                        : "no NetFlow/IPFIX export in it"));
            }
            frames.add(p.frame());
        }
        return new Parsed(String.join(", ", formats), frames);
    }

    /** A one-line preview: format, packets, and what the first decodes to; or why the text cannot be used yet. */
    public static String describe(String t) {
        try {
            Parsed p = parse(t);
            StringBuilder sb = new StringBuilder("Detected: " + p.format() + "; " + p.frames().size()
                    + (p.frames().size() == 1 ? " packet" : " packets"));
            byte[] first = p.frames().get(0).payload();
            sb.append(", first ").append(first.length).append(" bytes");
            if (first.length > 0) {
                ExportPacket pk = new ExportDecoder().decode(first, DecodeContext.standalone(1));
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
