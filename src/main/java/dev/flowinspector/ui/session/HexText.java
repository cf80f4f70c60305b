package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.capture.HexPasteException;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.decode.ValueDecoder;
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

        /**
         * The same packets with an exporter for those pasted without IP headers: a raw export payload takes its
         * address and port, a UDP datagram its address (it keeps the port in its header).
         */
        public Parsed withExporter(Endpoint exporter) {
            List<Frame> out = new ArrayList<>(frames.size());
            for (Frame f : frames) {
                Endpoint src = f.source();
                if (src.address().equals(Endpoint.UNKNOWN.address())) {
                    src = f.transport() == Transport.UDP ? new Endpoint(exporter.address(), src.port()) : exporter;
                }
                out.add(src == f.source() ? f : new Frame(f.number(), f.timeNanos(), src, f.destination(),
                        f.transport(), f.payload(), f.linkType(), f.frameBytes(), f.fileOffset(), f.comment(),
                        f.notes()));
            }
            return new Parsed(format, List.copyOf(out));
        }

        /** The export payloads. */
        public List<byte[]> packets() {
            List<byte[]> out = new ArrayList<>();
            for (Frame f : frames) {
                out.add(f.payload());
            }
            return out;
        }
    }

    /** Pasted bytes that are not a NetFlow/IPFIX packet at all (not an incomplete paste). */
    public static final class NotExport extends IllegalArgumentException {
        NotExport(String message) {
            super(message);
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
            p.notExport().ifPresent(why -> {
                throw new NotExport(Character.toUpperCase(why.charAt(0)) + why.substring(1));
            });
            frames.add(p.frame());
        }
        return new Parsed(String.join(", ", formats), frames);
    }

    /**
     * An exporter typed by the user: an IPv4 or IPv6 address (written as the capture reader writes it) and a port;
     * throws IllegalArgumentException naming what is wrong.
     */
    public static Endpoint exporter(String address, String port) {
        String a = address == null ? "" : address.trim();
        String p = port == null ? "" : port.trim();
        int n;
        try {
            n = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > 65535) {
            throw new IllegalArgumentException("exporter port '" + p + "' is not a number from 0 to 65535");
        }
        byte[] b = null;
        if (a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            b = new byte[4];
            String[] q = a.split("\\.");
            for (int i = 0; i < 4 && b != null; i++) {
                int v = Integer.parseInt(q[i]);
                if (v > 255) {
                    b = null;
                } else {
                    b[i] = (byte) v;
                }
            }
        } else if (a.contains(":") && a.matches("[0-9A-Fa-f:.]+")) {
            try {
                b = java.net.InetAddress.getByName(a).getAddress(); // a literal: no name lookup
            } catch (java.net.UnknownHostException e) {
                b = null;
            }
        }
        if (b == null) {
            throw new IllegalArgumentException("exporter address '" + a + "' is not an IPv4 or IPv6 address");
        }
        return new Endpoint(b.length == 4 ? ValueDecoder.ipv4(b, 0) : ValueDecoder.ipv6(b, 0), n);
    }

    /**
     * An observation domain typed by the user: empty for the one in the export header (-1), else a number from 0 to
     * 4294967295; throws IllegalArgumentException naming the field.
     */
    public static long domain(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return -1;
        }
        long n = -1;
        if (t.matches("\\d{1,10}")) {
            n = Long.parseLong(t);
        }
        if (n < 0 || n > 0xffffffffL) {
            throw new IllegalArgumentException("observation domain '" + t + "' is not a number from 0 to 4294967295"
                    + " (empty: the one in the export header)");
        }
        return n;
    }

    /** A one-line preview: format, packets, and what the first decodes to; or why the text cannot be used yet. */
    public static String describe(String t) {
        try {
            Parsed p = parse(t);
            byte[] first = p.frames().get(0).payload();
            return describe(p, first.length == 0 ? null
                    : new ExportDecoder().decode(first, DecodeContext.standalone(1)));
        } catch (NotExport e) {
            return e.getMessage();
        } catch (IllegalArgumentException e) {
            return "Not yet: " + e.getMessage();
        }
    }

    /** A one-line preview of parsed text whose first packet decoded to {@code first} (null: no bytes). */
    public static String describe(Parsed p, ExportPacket first) {
        StringBuilder sb = new StringBuilder("Detected: " + p.format() + "; " + p.frames().size()
                + (p.frames().size() == 1 ? " packet" : " packets"));
        sb.append(", first ").append(p.frames().get(0).payload().length).append(" bytes");
        if (first != null) {
            sb.append(": ").append(first.info());
            if (!first.problems().isEmpty()) {
                sb.append(" (").append(PacketTree.count(first.problems().size(), "problem")).append(", e.g. ")
                        .append(first.problems().get(0).message()).append(")");
            }
        }
        return sb.toString();
    }
}
