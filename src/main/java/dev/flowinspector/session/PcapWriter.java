package dev.flowinspector.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes frames as a classic pcap file (microsecond timestamps). Frames read from a capture are written as
 * captured; frames without original bytes (pasted) are wrapped in IPv4/IPv6 + UDP headers with link type RAW.
 */
public final class PcapWriter {

    static final int LINKTYPE_RAW = 101;

    private PcapWriter() {
    }

    /** Writes the frames; returns how many were written. */
    public static int write(Path out, List<Frame> frames) throws IOException {
        return write(out, (Iterable<Frame>) frames);
    }

    /**
     * Writes the frames, going over them twice (link type first, then the records), so a large capture is
     * streamed rather than held; an {@link java.io.UncheckedIOException} from the iterable is unwrapped.
     */
    public static int write(Path out, Iterable<Frame> frames) throws IOException {
        try {
            return writeFrames(out, frames);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static int writeFrames(Path out, Iterable<Frame> frames) throws IOException {
        int link = -2;
        boolean raw = false;
        for (Frame f : frames) {
            if (f.frameBytes() == null || f.linkType() < 0) {
                raw = true;
            } else if (link == -2) {
                link = f.linkType();
            } else if (link != f.linkType()) {
                raw = true;
            }
        }
        if (raw || link == -2) {
            link = LINKTYPE_RAW;
        }
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(link);
            os.write(h.array());
            int n = 0;
            for (Frame f : frames) {
                n++;
                byte[] b = raw ? wrap(f) : f.frameBytes();
                ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                long t = f.timeNanos();
                r.putInt((int) (t / 1_000_000_000L)).putInt((int) ((t % 1_000_000_000L) / 1000)).putInt(b.length)
                        .putInt(b.length);
                os.write(r.array());
                os.write(b);
            }
            return n;
        }
    }

    /** The payload in an IP + UDP packet between the frame's endpoints. */
    static byte[] wrap(Frame f) throws IOException {
        byte[] src = addr(f.source());
        byte[] dst = addr(f.destination());
        if (src.length != dst.length) {
            src = new byte[4];
            dst = new byte[4];
        }
        byte[] p = f.payload();
        int udpLen = 8 + p.length;
        int sport = f.source().port() == 0 ? 2055 : f.source().port();
        int dport = f.destination().port() == 0 ? 2055 : f.destination().port();
        ByteBuffer b;
        if (src.length == 4) {
            b = ByteBuffer.allocate(20 + udpLen);
            b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLen)).putShort((short) 0).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) 17).putShort((short) 0).put(src).put(dst);
            int sum = 0;
            byte[] a = b.array();
            for (int i = 0; i < 20; i += 2) {
                sum += ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
            }
            sum = (sum & 0xffff) + (sum >> 16);
            sum = (sum & 0xffff) + (sum >> 16);
            b.putShort(10, (short) ~sum);
        } else {
            b = ByteBuffer.allocate(40 + udpLen);
            b.putInt(0x60000000).putShort((short) udpLen).put((byte) 17).put((byte) 64).put(src).put(dst);
        }
        b.putShort((short) sport).putShort((short) dport).putShort((short) udpLen).putShort((short) 0).put(p);
        return b.array();
    }

    private static byte[] addr(Endpoint e) throws IOException {
        String a = e.address();
        if (a.chars().allMatch(c -> Character.isDigit(c) || c == '.') || a.indexOf(':') >= 0) {
            return InetAddress.getByName(a).getAddress();
        }
        return new byte[4];
    }
}
