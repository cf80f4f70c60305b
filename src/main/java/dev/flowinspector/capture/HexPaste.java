package dev.flowinspector.capture;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.decode.ValueDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pasted hex to packets. Reads a plain hex stream (Wireshark "copy as hex stream"), spaced hex, {@code xxd},
 * {@code hexdump -C}, {@code od -x} and plain {@code hexdump} (little-endian 16-bit words), {@code tcpdump -X}
 * / {@code -xx} output (summary lines separate packets), Wireshark "copy as hex dump" with offsets, C arrays of
 * {@code 0x..} and Python {@code b'\x..'} literals. Several packets are separated by blank lines or by an offset
 * going back to 0. Then finds where the bytes start (Ethernet, IPv4, IPv6, UDP or the export header) and takes
 * out the export payload and addresses. All or nothing: a bad paste throws naming the line and column.
 *
 * <p>The formats are recognised and read by {@link HexDumps} (offset-led dumps) and {@link HexLiterals} (hex
 * streams, C and Python literals); {@link HexWriter} writes them. This class assembles packets from the bytes.
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
     * @param line   the 1-based line of the text its first byte was read from
     */
    public record Packet(Format format, Layer layer, byte[] bytes, Frame frame, String note, int line) {

        /**
         * Why this packet is not NetFlow/IPFIX at all (its export bytes start with a version no exporter sends, or are
         * shorter than their version's header), e.g. "not a NetFlow/IPFIX packet: version 0xDEAD (57005) at byte 0 of
         * the packet starting on line 3" or "not a NetFlow/IPFIX packet: 8 bytes, too short for a NetFlow v5 header
         * (24 bytes), at byte 0 of the packet starting on line 1" (the byte is where the export header sits behind
         * pasted Ethernet/IP/UDP headers); empty when it may be, or when it has no export frame (see {@link #note}).
         * The GUI's paste dialog and {@code decode --hex} both say this.
         */
        public java.util.Optional<String> notExport() {
            if (frame == null) {
                return java.util.Optional.empty();
            }
            byte[] pay = frame.payload();
            int at = bytes.length - pay.length;
            if (at < 0 || !Arrays.equals(bytes, at, bytes.length, pay, 0, pay.length)) {
                at = -1; // reassembled or otherwise not a plain tail of the pasted bytes
            }
            String where = (at < 0 ? "in the packet starting" : "at byte " + at + " of the packet starting") + " on line "
                    + line;
            if (pay.length < 2) {
                return java.util.Optional.of("not a NetFlow/IPFIX packet: " + bytesText(pay.length)
                        + ", too short for a NetFlow/IPFIX header (16 bytes at least), " + where);
            }
            int version = ((pay[0] & 0xff) << 8) | (pay[1] & 0xff);
            int header = ExportDecoder.headerLength(version);
            if (header < 0) {
                return java.util.Optional.of(String.format("not a NetFlow/IPFIX packet: version 0x%04X (%d) %s",
                        version, version, where));
            }
            if (pay.length < header) { // RFC 3954 §5.1, RFC 7011 §3.1: no export packet is shorter than its header
                return java.util.Optional.of("not a NetFlow/IPFIX packet: " + bytesText(pay.length)
                        + ", too short for " + (version == 10 ? "an IPFIX" : "a NetFlow v" + version) + " header ("
                        + header + " bytes), " + where);
            }
            return java.util.Optional.empty();
        }

        private static String bytesText(int n) {
            return n + (n == 1 ? " byte" : " bytes");
        }
    }


    private HexPaste() {
    }

    /** Reads every packet in the text, or throws for the first bad character. */
    public static List<Packet> parse(String text) throws HexPasteException {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        Format format = HexDumps.detect(lines);
        List<HexScan.Raw> raw;
        boolean dump = format != Format.HEX_STREAM && format != Format.SPACED_HEX;
        if (dump) { // offset-led lines first: their ASCII column may hold "b'" or "0x0," from the data
            raw = HexDumps.dump(lines, format);
        } else if (HexLiterals.pythonFirst(lines) || !HexLiterals.C_BYTE.matcher(text).find() && (text.contains("b'") || text.contains("b\""))) {
            format = Format.PYTHON_BYTES;
            raw = HexLiterals.python(lines);
        } else if (HexLiterals.C_BYTE.matcher(text).find()) {
            format = Format.C_ARRAY;
            raw = HexLiterals.cArray(lines);
        } else {
            raw = HexLiterals.plain(lines);
        }
        if (raw.isEmpty() && dump) { // a lone 8-digit line is a hex stream, not a hexdump's closing offset
            format = Format.HEX_STREAM;
            raw = HexLiterals.plain(lines);
        }
        if (raw.isEmpty()) {
            throw new HexPasteException(1, 1, "no hex bytes found");
        }
        List<Packet> out = new ArrayList<>();
        PacketParser parser = new PacketParser(ExportPorts.everything());
        for (HexScan.Raw r : raw) {
            Packet p = packet(format, r.bytes(), out.size() + 1, parser);
            out.add(new Packet(p.format(), p.layer(), p.bytes(), p.frame(), p.note(), r.line()));
        }
        return List.copyOf(out);
    }

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
                        Transport.NONE, b, -1, null, -1, null, List.of()), null, 0);
            }
            case UDP -> {
                byte[] pay = Arrays.copyOfRange(b, 8, b.length);
                return new Packet(format, layer, b, new Frame(number, 0,
                        new Endpoint(Endpoint.UNKNOWN.address(), ValueDecoder.u16(b, 0)),
                        new Endpoint(Endpoint.UNKNOWN.address(), ValueDecoder.u16(b, 2)), Transport.UDP, pay, -1, null,
                        -1, null, List.of()), null, 0);
            }
            default -> {
                int link = layer == Layer.ETHERNET ? PacketParser.LINKTYPE_ETHERNET : PacketParser.LINKTYPE_RAW;
                List<Frame> frames = parser.parseAll(number, 0, link, b, -1, null);
                if (frames.isEmpty()) {
                    return new Packet(format, layer, b, null, "packet " + number + " (" + layer + ") holds no complete "
                            + "UDP datagram or IPFIX message (another protocol, or a fragment or segment without "
                            + "the rest)", 0);
                }
                return new Packet(format, layer, b, frames.get(frames.size() - 1), null, 0);
            }
        }
    }

    /** The bytes in a format, as the tool it is named after writes them (for "copy as" and round trips). */
    public static String format(byte[] b, Format f) {
        return HexWriter.format(b, f);
    }
}
