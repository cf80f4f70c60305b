package dev.flowinspector.tools.generate;

import dev.flowinspector.decode.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes UDP datagrams as Ethernet/IPv4-or-IPv6/UDP frames (with correct IP and UDP checksums) to a
 * classic pcap file, or to pcapng (section header, one interface, enhanced packet blocks) when the name
 * ends in {@code .pcapng}. Both little-endian, microsecond timestamps. Thread-safe.
 */
public final class CaptureFileWriter implements PacketSink {

    private static final int LINKTYPE_ETHERNET = 1;
    private static final int SNAPLEN = 262144;

    private final FileChannel ch;
    private final boolean pcapng;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] frame = new byte[70_000];
    private long frames;
    private int ipId;

    public CaptureFileWriter(Path path) throws IOException {
        this(path, path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pcapng"));
    }

    public CaptureFileWriter(Path path, boolean pcapng) throws IOException {
        this.pcapng = pcapng;
        this.ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        if (pcapng) {
            // Section Header Block (pcapng §4.1)
            buf.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                    .putLong(-1L).putInt(28);
            // Interface Description Block (§4.2), no options: microsecond resolution
            buf.putInt(1).putInt(20).putShort((short) LINKTYPE_ETHERNET).putShort((short) 0).putInt(SNAPLEN).putInt(20);
        } else {
            buf.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
                    .putInt(LINKTYPE_ETHERNET);
        }
    }

    /** True when writing pcapng. */
    public boolean pcapng() {
        return pcapng;
    }

    public synchronized long frames() {
        return frames;
    }

    @Override
    public void packet(GeneratedPacket p) throws IOException {
        write(p.timeMillis() * 1000, p.source(), p.destination(), p.payload(), 0, p.payload().length);
    }

    /** Writes one datagram from src to dst captured at timeMicros (µs since the epoch). */
    public synchronized void write(long timeMicros, Endpoint src, Endpoint dst, byte[] payload, int off, int len)
            throws IOException {
        int n = buildFrame(src, dst, payload, off, len);
        int pad = pcapng ? (4 - n % 4) % 4 : 0;
        int need = (pcapng ? 32 : 16) + n + pad;
        if (buf.remaining() < need) {
            flush();
        }
        if (pcapng) {
            buf.putInt(6).putInt(need).putInt(0).putInt((int) (timeMicros >>> 32)).putInt((int) timeMicros)
                    .putInt(n).putInt(n);
            buf.put(frame, 0, n);
            for (int i = 0; i < pad; i++) {
                buf.put((byte) 0);
            }
            buf.putInt(need);
        } else {
            buf.putInt((int) (timeMicros / 1_000_000)).putInt((int) (timeMicros % 1_000_000)).putInt(n).putInt(n);
            buf.put(frame, 0, n);
        }
        frames++;
    }

    private int buildFrame(Endpoint src, Endpoint dst, byte[] payload, int off, int len) throws IOException {
        byte[] sa = address(src.address());
        byte[] da = address(dst.address());
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
            be16(f, ip + 10, ~sum(f, ip, 20, 0) & 0xffff);
            udp = ip + 20;
        }
        be16(f, udp, src.port());
        be16(f, udp + 2, dst.port());
        be16(f, udp + 4, udpLen);
        be16(f, udp + 6, 0);
        System.arraycopy(payload, off, f, udp + 8, len);
        // UDP checksum over the pseudo-header (RFC 768, RFC 8200 §8.1)
        long s = sum(sa, 0, sa.length, 0);
        s = sum(da, 0, da.length, s);
        s += 17 + udpLen;
        s = sum(f, udp, udpLen, s);
        int c = ~fold(s) & 0xffff;
        be16(f, udp + 6, c == 0 ? 0xffff : c);
        return udp + udpLen;
    }

    private static byte[] address(String a) throws IOException {
        return InetAddress.getByName(a).getAddress(); // a literal: no lookup
    }

    private static long sum(byte[] b, int off, int len, long s) {
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            s += (b[i] & 0xff) << 8;
        }
        return s;
    }

    private static int sum(byte[] b, int off, int len, int s) {
        return fold(sum(b, off, len, (long) s));
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

    /** Writes buffered frames to the file. */
    public synchronized void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        ch.close();
    }
}
