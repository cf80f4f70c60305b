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
        byte[] raw = rebuild(f);
        return record(PacketParser.LINKTYPE_RAW, f.timeNanos(), raw, 0, raw.length, rebuiltComment(f));
    }

    /** The comment a frame written without its original bytes gets. */
    static String rebuiltComment(Frame f) {
        String why = switch (f.transport()) {
            case TCP -> "IPFIX message from a TCP stream";
            case NONE -> "export payload without transport";
            default -> f.notes().stream().anyMatch(n -> n.code().equals("transport.ip.fragmented"))
                    ? "reassembled from IP fragments" : "payload received by FlowInspector";
        };
        return REBUILT + why + ", written as one raw IP packet" + (f.comment() == null ? "" : "\n" + f.comment());
    }

    /** The length of the IP and transport headers {@link #write} puts before a rebuilt frame's payload. */
    static int rebuiltHeader(Frame f) {
        boolean v4 = address(f.source()).length == 4 && address(f.destination()).length == 4;
        return (v4 ? 20 : 40) + (f.transport() == Transport.TCP ? 20 : 8);
    }

    private long record(int linkType, long timeNanos, byte[] data, int off, int n, String comment) throws IOException {
        byte[] c = comment == null ? null : comment.getBytes(StandardCharsets.UTF_8);
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

    /** A raw IPv4/IPv6 packet around a frame's payload, UDP or TCP (consecutive sequence numbers per stream). */
    private byte[] rebuild(Frame f) {
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
        int c = ~fold(PacketParser.words(src, 0, src.length) + PacketParser.words(dst, 0, dst.length) + proto
                + seg.length + PacketParser.words32(seg, 0, seg.length)) & 0xffff;
        c = c == 0 && !tcp ? 0xffff : c;
        seg[tcp ? 16 : 6] = (byte) (c >> 8);
        seg[tcp ? 17 : 7] = (byte) c;
        ByteBuffer ip;
        if (src.length == 4) {
            ip = ByteBuffer.allocate(20 + seg.length);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) Math.min(20 + seg.length, 65535)).putInt(0)
                    .put((byte) 64).put((byte) proto).putShort((short) 0).put(src).put(dst);
            ip.putShort(10, (short) ~fold(PacketParser.words(ip.array(), 0, 20)));
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
        } catch (UnknownHostException | RuntimeException ex) {
            return new byte[4];
        }
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
