package dev.flowinspector.capture;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The one capture file writer: classic pcap (draft-ietf-opsawg-pcap §4-5) or pcapng (draft-ietf-opsawg-pcapng:
 * one section, one interface per link type, enhanced packet blocks with their comments), little-endian, micro- or
 * nanosecond timestamps. Frames kept as captured are written as captured; a frame without its original bytes
 * (IPFIX file, pasted payload, UDP listener, reassembled fragments, IPFIX over TCP) as a raw IPv4/IPv6 packet
 * around its payload, UDP or TCP as it travelled, with a comment saying so; bare datagrams ({@link #udp}) as
 * Ethernet/IP/UDP frames with correct checksums. Buffered (1 MiB); every write returns the offset of its record,
 * so a file written here can be re-read frame by frame while it grows ({@link #flush()} first). Thread-safe.
 */
public final class CaptureWriter implements Closeable {

    /** The two file formats. */
    public enum Format { PCAP, PCAPNG }

    private static final int SNAPLEN = 262144;
    private static final String REBUILT = "FlowInspector: ";

    private final WritableByteChannel ch;
    private final boolean pcapng;
    private final boolean nanos;
    private final int pcapLinkType;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] frame = new byte[70_000];
    private final Map<Integer, Integer> interfaces = new HashMap<>();
    private final Map<String, Long> tcpSeq = new HashMap<>();
    private long position;
    private long frames;
    private int ipId;

    private CaptureWriter(WritableByteChannel ch, Format format, boolean nanos, int pcapLinkType, String comment)
            throws IOException {
        this.ch = ch;
        this.pcapng = format == Format.PCAPNG;
        this.nanos = nanos;
        this.pcapLinkType = pcapLinkType;
        if (pcapng) {
            byte[] c = comment == null ? null : comment.getBytes(StandardCharsets.UTF_8);
            byte[] app = comment == null ? null : "FlowInspector".getBytes(StandardCharsets.UTF_8);
            int opts = c == null ? 0 : 4 + pad4(c.length) + 4 + pad4(app.length) + 4;
            int len = 28 + opts;
            buf.putInt(PcapngReader.SHB).putInt(len).putInt(PcapngReader.BYTE_ORDER_MAGIC).putShort((short) 1)
                    .putShort((short) 0).putLong(-1L);
            if (c != null) {
                option(1, c);
                option(4, app);
                buf.putInt(0);
            }
            buf.putInt(len);
        } else {
            buf.putInt(nanos ? PcapReader.MAGIC_NS : PcapReader.MAGIC_US).putShort((short) 2).putShort((short) 4)
                    .putInt(0).putInt(0).putInt(SNAPLEN).putInt(pcapLinkType);
        }
        position = buf.position();
    }

    /** A new file (replaced if it exists). {@code comment} (pcapng only, or null) goes in the section header. */
    public static CaptureWriter create(Path path, Format format, boolean nanos, String comment) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new CaptureWriter(ch, format, nanos, PacketParser.LINKTYPE_ETHERNET, comment);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A file of the format its name asks for: pcapng when it ends in {@code .pcapng}, else pcap (microseconds). */
    public static CaptureWriter create(Path path) throws IOException {
        boolean ng = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pcapng");
        return create(path, ng ? Format.PCAPNG : Format.PCAP, false, null);
    }

    /** A capture written to a stream (closed with this writer); a pcap holds Ethernet frames. */
    public static CaptureWriter on(OutputStream out, Format format, boolean nanos, String comment) throws IOException {
        return new CaptureWriter(Channels.newChannel(out), format, nanos, PacketParser.LINKTYPE_ETHERNET, comment);
    }

    /** True when writing pcapng. */
    public boolean pcapng() {
        return pcapng;
    }

    /** Frames written so far. */
    public synchronized long frames() {
        return frames;
    }

    /** Bytes written so far (buffered ones included): the offset the next record will have. */
    public synchronized long position() {
        return position;
    }

    /** A UDP datagram from src to dst, written as an Ethernet/IPv4-or-IPv6/UDP frame; returns its record offset. */
    public synchronized long udp(long timeNanos, Endpoint src, Endpoint dst, byte[] payload, int off, int len)
            throws IOException {
        int n = ethernetUdp(src, dst, payload, off, len);
        return record(PacketParser.LINKTYPE_ETHERNET, timeNanos, frame, 0, n, null);
    }

    /** One captured frame of a link type; returns its record offset. */
    public synchronized long packet(int linkType, long timeNanos, byte[] data, String comment) throws IOException {
        return record(linkType, timeNanos, data, 0, data.length, comment);
    }

    /** One frame: as captured when it kept its bytes, else rebuilt as one raw IP packet; returns its record offset. */
    public synchronized long write(Frame f) throws IOException {
        if (f.frameBytes() != null && f.linkType() >= 0) {
            return record(f.linkType(), f.timeNanos(), f.frameBytes(), 0, f.frameBytes().length, f.comment());
        }
        byte[] b = frame;
        int n = rebuild(f, b);
        if (n < 0) { // longer than the frame buffer: an IP packet of its own
            b = new byte[-n];
            n = rebuild(f, b);
        }
        return record(PacketParser.LINKTYPE_RAW, f.timeNanos(), b, 0, n, rebuiltComment(f));
    }

    private static final String REBUILT_AS = ", written as one raw IP packet";
    private static final String FROM_TCP = REBUILT + "IPFIX message from a TCP stream" + REBUILT_AS;
    private static final String NO_TRANSPORT = REBUILT + "export payload without transport" + REBUILT_AS;
    private static final String FRAGMENTS = REBUILT + "reassembled from IP fragments" + REBUILT_AS;
    private static final String RECEIVED = REBUILT + "payload received by FlowInspector" + REBUILT_AS;

    /** The comment a frame written without its original bytes gets (one of four constants when it has none of its own). */
    static String rebuiltComment(Frame f) {
        String why = switch (f.transport()) {
            case TCP -> FROM_TCP;
            case NONE -> NO_TRANSPORT;
            default -> fragmented(f) ? FRAGMENTS : RECEIVED;
        };
        return f.comment() == null ? why : why + "\n" + f.comment();
    }

    private static boolean fragmented(Frame f) {
        for (dev.flowinspector.decode.Problem n : f.notes()) {
            if (n.code().equals("transport.ip.fragmented")) {
                return true;
            }
        }
        return false;
    }

    /** The length of the IP and transport headers {@link #write} puts before a rebuilt frame's payload. */
    static int rebuiltHeader(Frame f) {
        boolean v4 = address(f.source()).length == 4 && address(f.destination()).length == 4;
        return (v4 ? 20 : 40) + (f.transport() == Transport.TCP ? 20 : 8);
    }

    /** The last comment written and its UTF-8 bytes: rebuilt frames mostly share one constant. */
    private String lastComment;
    private byte[] lastCommentBytes;

    private long record(int linkType, long timeNanos, byte[] data, int off, int n, String comment) throws IOException {
        byte[] c = null;
        if (comment != null) {
            if (comment != lastComment) {
                lastCommentBytes = comment.getBytes(StandardCharsets.UTF_8);
                lastComment = comment;
            }
            c = lastCommentBytes;
        }
        long at = position;
        long units = nanos ? timeNanos : timeNanos / 1000;
        if (pcapng) {
            Integer id = interfaces.get(linkType);
            if (id == null) {
                id = interfaces.size();
                interfaces.put(linkType, id);
                int len = nanos ? 32 : 20;
                ensure(len);
                buf.putInt(PcapngReader.IDB).putInt(len).putShort((short) linkType).putShort((short) 0).putInt(SNAPLEN);
                if (nanos) {
                    buf.putShort((short) 9).putShort((short) 1).putInt(9).putInt(0); // if_tsresol 9, end of options
                }
                buf.putInt(len);
                position += len;
                at = position;
            }
            int need = 32 + pad4(n) + (c == null ? 0 : 4 + pad4(c.length) + 4);
            ensure(need);
            buf.putInt(PcapngReader.EPB).putInt(need).putInt(id).putInt((int) (units >>> 32)).putInt((int) units)
                    .putInt(n).putInt(n);
            put(data, off, n);
            for (int i = n; i % 4 != 0; i++) {
                buf.put((byte) 0);
            }
            if (c != null) {
                option(1, c);
                buf.putInt(0);
            }
            buf.putInt(need);
            position += need;
        } else {
            if (linkType != pcapLinkType) {
                throw new IOException("a pcap file holds frames of one link type (" + pcapLinkType + "), not "
                        + linkType + "; write pcapng");
            }
            long div = nanos ? 1_000_000_000L : 1_000_000L;
            ensure(16 + n);
            buf.putInt((int) (units / div)).putInt((int) (units % div)).putInt(n).putInt(n);
            put(data, off, n);
            position += 16 + n;
        }
        frames++;
        return at;
    }

    private void put(byte[] data, int off, int n) throws IOException {
        if (n > buf.capacity() - 64) {
            flush();
            writeAll(ByteBuffer.wrap(data, off, n));
            return;
        }
        buf.put(data, off, n);
    }

    private void ensure(int n) throws IOException {
        if (buf.remaining() < Math.min(n, buf.capacity() - 64)) {
            flush();
        }
    }

    private void option(int code, byte[] value) {
        buf.putShort((short) code).putShort((short) value.length).put(value);
        for (int i = value.length; i % 4 != 0; i++) {
            buf.put((byte) 0);
        }
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private int ethernetUdp(Endpoint src, Endpoint dst, byte[] payload, int off, int len) {
        byte[] sa = address(src);
        byte[] da = address(dst);
        if (sa.length != da.length) {
            sa = sa.length == 4 ? mapped(sa) : sa;
            da = da.length == 4 ? mapped(da) : da;
        }
        boolean v6 = sa.length == 16;
        byte[] f = frame;
        // Ethernet: locally administered MACs
        f[0] = 0x02; f[1] = 0; f[2] = 0; f[3] = 0; f[4] = 0; f[5] = 0x01;
        f[6] = 0x02; f[7] = 0; f[8] = 0; f[9] = 0; f[10] = 0; f[11] = (byte) (0x10 + (sa[sa.length - 1] & 0x0f));
        int udpLen = 8 + len;
        int ip = 14;
        int udp;
        if (v6) {
            f[12] = (byte) 0x86; f[13] = (byte) 0xdd;
            f[ip] = 0x60; f[ip + 1] = 0; f[ip + 2] = 0; f[ip + 3] = 0;
            be16(f, ip + 4, udpLen);
            f[ip + 6] = 17;
            f[ip + 7] = 64;
            System.arraycopy(sa, 0, f, ip + 8, 16);
            System.arraycopy(da, 0, f, ip + 24, 16);
            udp = ip + 40;
        } else {
            f[12] = 0x08; f[13] = 0x00;
            f[ip] = 0x45; f[ip + 1] = 0;
            be16(f, ip + 2, 20 + udpLen);
            be16(f, ip + 4, ipId++ & 0xffff);
            be16(f, ip + 6, 0x4000); // don't fragment
            f[ip + 8] = 64;
            f[ip + 9] = 17;
            be16(f, ip + 10, 0);
            System.arraycopy(sa, 0, f, ip + 12, 4);
            System.arraycopy(da, 0, f, ip + 16, 4);
            be16(f, ip + 10, ~fold(PacketParser.words(f, ip, 20)) & 0xffff);
            udp = ip + 20;
        }
        be16(f, udp, src.port());
        be16(f, udp + 2, dst.port());
        be16(f, udp + 4, udpLen);
        be16(f, udp + 6, 0);
        System.arraycopy(payload, off, f, udp + 8, len);
        // UDP checksum over the pseudo-header (RFC 768, RFC 8200 §8.1)
        long s = PacketParser.words(sa, 0, sa.length) + PacketParser.words(da, 0, da.length) + 17 + udpLen
                + PacketParser.words32(f, udp, udpLen);
        int c = ~fold(s) & 0xffff;
        be16(f, udp + 6, c == 0 ? 0xffff : c);
        return udp + udpLen;
    }

    /**
     * Writes a raw IPv4/IPv6 packet around a frame's payload, UDP or TCP (consecutive sequence numbers per stream), into
     * b from 0 and returns its length; returns minus the length, writing nothing, when b is too short.
     */
    /**
     * The destination port a rebuilt frame is written with: its own, or for an export payload that came without one
     * (pasted as a bare payload, read from an IPFIX file) the usual collector port of its version, 4739 for IPFIX and
     * 2055 for NetFlow (RFC 7011 §10.3; Wireshark's defaults), so that Wireshark dissects the saved frame too.
     */
    static int destinationPort(Frame f) {
        int port = f.destination().port();
        if (port != 0 || f.transport() == Transport.TCP) {
            return port;
        }
        byte[] p = f.payload();
        return p.length >= 2 && p[0] == 0 && p[1] == 10 ? 4739 : 2055;
    }

    private int rebuild(Frame f, byte[] b) {
        byte[] src = address(f.source());
        byte[] dst = address(f.destination());
        if (src.length != dst.length) {
            src = src.length == 4 ? mapped(src) : src;
            dst = dst.length == 4 ? mapped(dst) : dst;
        }
        boolean tcp = f.transport() == Transport.TCP;
        byte[] pay = f.payload();
        int l4len = (tcp ? 20 : 8) + pay.length;
        int s = src.length == 4 ? 20 : 40; // where the transport header starts
        if (s + l4len > b.length) {
            return -(s + l4len);
        }
        be16(b, s, f.source().port());
        be16(b, s + 2, destinationPort(f));
        if (tcp) {
            String key = f.source() + ">" + f.destination();
            long seq = tcpSeq.getOrDefault(key, 1L);
            tcpSeq.put(key, seq + pay.length);
            be32(b, s + 4, (int) seq);
            be32(b, s + 8, 0);
            b[s + 12] = 0x50;
            b[s + 13] = 0x18;
            be16(b, s + 14, 65535);
            be32(b, s + 16, 0); // checksum (below) and urgent pointer
        } else {
            be16(b, s + 4, Math.min(l4len, 65535));
            be16(b, s + 6, 0);
        }
        System.arraycopy(pay, 0, b, s + (tcp ? 20 : 8), pay.length);
        int proto = tcp ? PacketParser.PROTO_TCP : PacketParser.PROTO_UDP;
        int c = ~fold(PacketParser.words(src, 0, src.length) + PacketParser.words(dst, 0, dst.length) + proto
                + l4len + PacketParser.words32(b, s, l4len)) & 0xffff;
        c = c == 0 && !tcp ? 0xffff : c;
        be16(b, s + (tcp ? 16 : 6), c);
        if (src.length == 4) {
            b[0] = 0x45;
            b[1] = 0;
            be16(b, 2, Math.min(20 + l4len, 65535));
            be32(b, 4, 0);
            b[8] = 64;
            b[9] = (byte) proto;
            be16(b, 10, 0);
            System.arraycopy(src, 0, b, 12, 4);
            System.arraycopy(dst, 0, b, 16, 4);
            be16(b, 10, ~fold(PacketParser.words(b, 0, 20)));
        } else {
            be32(b, 0, 0x60000000);
            be16(b, 4, l4len);
            b[6] = (byte) proto;
            b[7] = 64;
            System.arraycopy(src, 0, b, 8, 16);
            System.arraycopy(dst, 0, b, 24, 16);
        }
        return s + l4len;
    }

    private static byte[] mapped(byte[] v4) {
        byte[] m = new byte[16];
        m[10] = (byte) 0xff;
        m[11] = (byte) 0xff;
        System.arraycopy(v4, 0, m, 12, 4);
        return m;
    }

    /** Address texts already parsed (a capture has few endpoints; emptied when it has many). */
    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> ADDRESSES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** An endpoint's address bytes (4 or 16), shared: never change them. */
    private static byte[] address(Endpoint e) {
        byte[] a = ADDRESSES.get(e.address());
        if (a == null) {
            try {
                a = InetAddress.getByName(e.address()).getAddress(); // a literal: no name lookup
            } catch (UnknownHostException | RuntimeException ex) {
                a = new byte[4];
            }
            if (ADDRESSES.size() >= 4096) {
                ADDRESSES.clear();
            }
            ADDRESSES.put(e.address(), a);
        }
        return a;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    private static void be16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void be32(byte[] b, int off, int v) {
        be16(b, off, v >>> 16);
        be16(b, off + 2, v);
    }

    /** Writes what is buffered to the file. */
    public synchronized void flush() throws IOException {
        buf.flip();
        writeAll(buf);
        buf.clear();
    }

    private void writeAll(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            flush();
        } finally {
            ch.close();
        }
    }
}
