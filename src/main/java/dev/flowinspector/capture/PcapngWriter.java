package dev.flowinspector.capture;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Transport;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes frames to a pcapng file (draft-ietf-opsawg-pcapng): one section, one interface per link type with
 * nanosecond timestamps (if_tsresol 9), one enhanced packet block per frame with its comment. A frame kept as
 * captured is written as captured; a frame without its original bytes (IPFIX file, pasted payload, UDP
 * listener, reassembled fragments, IPFIX over TCP) is written as a raw IPv4/IPv6 packet (LINKTYPE_RAW) around
 * its payload, UDP or TCP as it travelled, with a comment saying so.
 */
public final class PcapngWriter implements Closeable {

    private final OutputStream out;
    private final Map<Integer, Integer> interfaces = new HashMap<>();
    private final Map<String, Long> tcpSeq = new HashMap<>();

    /** Starts a pcapng file on a stream; {@code comment} (or null) goes in the section header. */
    public PcapngWriter(OutputStream out, String comment) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        ByteBuffer b = body();
        b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        if (comment != null) {
            option(b, 1, comment.getBytes(StandardCharsets.UTF_8));
        }
        option(b, 4, "FlowInspector".getBytes(StandardCharsets.UTF_8));
        option(b, 0, new byte[0]);
        block(PcapngReader.SHB, b);
    }

    /** Writes the given frames to a new file. */
    public static void write(Path path, Iterable<Frame> frames, String comment) throws IOException {
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(path), comment)) {
            for (Frame f : frames) {
                w.write(f);
            }
        }
    }

    /** Appends one frame. */
    public void write(Frame f) throws IOException {
        if (f.frameBytes() != null && f.linkType() >= 0) {
            packet(f.linkType(), f.timeNanos(), f.frameBytes(), f.comment());
            return;
        }
        String why = switch (f.transport()) {
            case TCP -> "IPFIX message from a TCP stream";
            case NONE -> "export payload without transport";
            default -> f.notes().stream().anyMatch(n -> n.code().equals("transport.ip.fragmented"))
                    ? "reassembled from IP fragments" : "payload received by FlowInspector";
        };
        String comment = "FlowInspector: " + why + ", written as one raw IP packet"
                + (f.comment() == null ? "" : "\n" + f.comment());
        packet(PacketParser.LINKTYPE_RAW, f.timeNanos(), synthesize(f), comment);
    }

    /** Appends one captured frame of any link type. */
    public void packet(int linkType, long timeNanos, byte[] data, String comment) throws IOException {
        Integer id = interfaces.get(linkType);
        if (id == null) {
            id = interfaces.size();
            interfaces.put(linkType, id);
            ByteBuffer b = body();
            b.putShort((short) linkType).putShort((short) 0).putInt(0);
            option(b, 9, new byte[] {9});
            option(b, 0, new byte[0]);
            block(PcapngReader.IDB, b);
        }
        ByteBuffer b = ByteBuffer.allocate(32 + data.length + 8 + (comment == null ? 0 : comment.length() * 4 + 8))
                .order(ByteOrder.BIG_ENDIAN);
        b.putInt(id).putInt((int) (timeNanos >>> 32)).putInt((int) timeNanos).putInt(data.length).putInt(data.length);
        b.put(data);
        pad(b, data.length);
        if (comment != null) {
            option(b, 1, comment.getBytes(StandardCharsets.UTF_8));
            option(b, 0, new byte[0]);
        }
        block(PcapngReader.EPB, b);
    }

    private byte[] synthesize(Frame f) {
        byte[] src = address(f.source());
        byte[] dst = address(f.destination());
        if (src.length != dst.length) {
            src = src.length == 4 ? mapped(src) : src;
            dst = dst.length == 4 ? mapped(dst) : dst;
        }
        boolean tcp = f.transport() == Transport.TCP;
        byte[] pay = f.payload();
        int l4len = (tcp ? 20 : 8) + pay.length;
        ByteBuffer l4 = ByteBuffer.allocate(l4len);
        l4.putShort((short) f.source().port()).putShort((short) f.destination().port());
        if (tcp) {
            String key = f.source() + ">" + f.destination();
            long seq = tcpSeq.getOrDefault(key, 1L);
            tcpSeq.put(key, seq + pay.length);
            l4.putInt((int) seq).putInt(0).put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putInt(0);
        } else {
            l4.putShort((short) Math.min(l4len, 65535)).putShort((short) 0);
        }
        l4.put(pay);
        byte[] seg = l4.array();
        int proto = tcp ? PacketParser.PROTO_TCP : PacketParser.PROTO_UDP;
        long sum = PacketParser.words(src, 0, src.length) + PacketParser.words(dst, 0, dst.length) + proto + seg.length
                + PacketParser.words(seg, 0, seg.length);
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int c = (int) (~sum & 0xffff);
        c = c == 0 && !tcp ? 0xffff : c;
        seg[tcp ? 16 : 6] = (byte) (c >> 8);
        seg[tcp ? 17 : 7] = (byte) c;
        ByteBuffer ip;
        if (src.length == 4) {
            ip = ByteBuffer.allocate(20 + seg.length);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) Math.min(20 + seg.length, 65535)).putInt(0)
                    .put((byte) 64).put((byte) proto).putShort((short) 0).put(src).put(dst);
            byte[] h = ip.array();
            long hs = PacketParser.words(h, 0, 20);
            while ((hs >> 16) != 0) {
                hs = (hs & 0xffff) + (hs >> 16);
            }
            ip.putShort(10, (short) ~hs);
        } else {
            ip = ByteBuffer.allocate(40 + seg.length);
            ip.putInt(0x60000000).putShort((short) seg.length).put((byte) proto).put((byte) 64).put(src).put(dst);
        }
        ip.put(seg);
        return ip.array();
    }

    private static byte[] mapped(byte[] v4) {
        byte[] m = new byte[16];
        m[10] = (byte) 0xff;
        m[11] = (byte) 0xff;
        System.arraycopy(v4, 0, m, 12, 4);
        return m;
    }

    private static byte[] address(Endpoint e) {
        try {
            return InetAddress.getByName(e.address()).getAddress(); // a literal: no name lookup
        } catch (UnknownHostException ex) {
            return new byte[4];
        }
    }

    private static ByteBuffer body() {
        return ByteBuffer.allocate(1024).order(ByteOrder.BIG_ENDIAN);
    }

    private static void option(ByteBuffer b, int code, byte[] value) {
        b.putShort((short) code).putShort((short) value.length).put(value);
        pad(b, value.length);
    }

    private static void pad(ByteBuffer b, int n) {
        for (int i = n; i % 4 != 0; i++) {
            b.put((byte) 0);
        }
    }

    private void block(int type, ByteBuffer body) throws IOException {
        int len = 12 + body.position();
        ByteBuffer h = ByteBuffer.allocate(8).putInt(type).putInt(len);
        out.write(h.array());
        out.write(body.array(), 0, body.position());
        out.write(ByteBuffer.allocate(4).putInt(len).array());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
