package dev.flowinspector.capture;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Classic libpcap files, both byte orders, micro- and nanosecond timestamps. Streams; never loads the file. */
final class PcapReader implements CaptureReader {

    static final int MAGIC_US = 0xa1b2c3d4;
    static final int MAGIC_NS = 0xa1b23c4d;
    /** Records larger than this are damage, not packets. */
    static final int MAX_RECORD = 256 * 1024;

    private final String name;
    private final InputStream in;
    private final long size;
    private final PacketParser parser;
    private final boolean swapped;
    private final boolean nanos;
    private final int linkType;
    private long pos;
    private long frameNo;
    private String damage;
    private long skipped;

    PcapReader(String name, InputStream raw, long size, ExportPorts ports, byte[] first4) throws IOException {
        this.name = name;
        this.in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
        this.size = size;
        this.parser = new PacketParser(ports);
        int magicBe = be32(first4, 0);
        int magicLe = Integer.reverseBytes(magicBe);
        if (magicBe == MAGIC_US || magicBe == MAGIC_NS) {
            swapped = false;
            nanos = magicBe == MAGIC_NS;
        } else if (magicLe == MAGIC_US || magicLe == MAGIC_NS) {
            swapped = true;
            nanos = magicLe == MAGIC_NS;
        } else {
            throw new CaptureException(name + ": not a pcap file");
        }
        byte[] rest = new byte[20];
        if (!readFully(rest)) {
            throw new CaptureException(name + ": pcap file header cut short (" + (4 + pos) + " of 24 bytes)");
        }
        pos = 24;
        linkType = i32(rest, 16) & 0x0fffffff;
    }

    @Override
    public Frame next() throws IOException {
        byte[] h = new byte[16];
        while (true) {
            long recStart = pos;
            int got = readUpTo(h);
            if (got == 0) {
                return null;
            }
            if (got < 16) {
                damage = name + ": frame " + (frameNo + 1) + " record header cut short at byte offset " + recStart
                        + " (" + got + " of 16 bytes)";
                return null;
            }
            long sec = i32(h, 0) & 0xffffffffL;
            long frac = i32(h, 4) & 0xffffffffL;
            long incl = i32(h, 8) & 0xffffffffL;
            if (incl > MAX_RECORD) {
                damage = name + ": frame " + (frameNo + 1) + " at byte offset " + recStart + " claims " + incl
                        + " captured bytes; the file is damaged from here";
                return null;
            }
            byte[] data = new byte[(int) incl];
            int n = readUpTo(data);
            if (n < incl) {
                damage = name + ": frame " + (frameNo + 1) + " at byte offset " + recStart + " cut short (" + n + " of "
                        + incl + " bytes)";
                return null;
            }
            frameNo++;
            long t = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
            Frame f = parser.parse(frameNo, t, linkType, data, recStart, null);
            if (f != null) {
                return f;
            }
            skipped++;
        }
    }

    private int readUpTo(byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int r = in.read(b, off, b.length - off);
            if (r < 0) {
                break;
            }
            off += r;
        }
        pos += off;
        return off;
    }

    private boolean readFully(byte[] b) throws IOException {
        try {
            return readUpTo(b) == b.length;
        } catch (EOFException e) {
            return false;
        }
    }

    private int i32(byte[] b, int off) {
        int v = be32(b, off);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    static int be32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    @Override
    public long position() {
        return pos;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String damage() {
        return damage;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    static Path unused() {
        return null;
    }
}
