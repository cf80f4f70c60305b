package dev.flowinspector.capture;

import java.io.IOException;

/**
 * Classic libpcap files (draft-ietf-opsawg-pcap §4-5): both byte orders, micro- and nanosecond timestamps.
 * Streams record by record; never loads the file.
 */
final class PcapReader extends AbstractCaptureReader {

    static final int MAGIC_US = 0xa1b2c3d4;
    static final int MAGIC_NS = 0xa1b23c4d;
    /** Records larger than this are damage, not packets. */
    static final int MAX_RECORD = 256 * 1024;

    private final PacketParser parser;
    private final boolean swapped;
    private final boolean nanos;
    private final int linkType;
    private final byte[] header = new byte[16];

    PcapReader(String name, CaptureInput in, long size, ExportPorts ports) throws IOException {
        super(name, in, size);
        this.parser = new PacketParser(ports);
        byte[] h = new byte[24];
        int got = in.read(h, 0, 24);
        int magicBe = be32(h, 0);
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
        if (got < 24) {
            throw new CaptureException(name + ": pcap file header cut short (" + got + " of 24 bytes)");
        }
        linkType = i32(h, 20) & 0x0fffffff; // upper bits: FCS length (pcap §5)
        if (!PacketParser.supported(linkType)) {
            throw new CaptureException(name + ": link type " + linkType + " is not one this tool reads "
                    + "(Ethernet, Linux cooked SLL/SLL2, raw IP, BSD loopback)");
        }
    }

    /** The file's link type. */
    int linkType() {
        return linkType;
    }

    @Override
    protected boolean readRecord() throws IOException {
        long recStart = in.pos();
        int got = in.read(header, 0, 16);
        if (got == 0) {
            return false;
        }
        if (got < 16) {
            return damaged("frame " + (frameNo + 1) + " record header cut short at " + at(recStart) + " (" + got
                    + " of 16 bytes)");
        }
        long sec = i32(header, 0) & 0xffffffffL;
        long frac = i32(header, 4) & 0xffffffffL;
        long incl = i32(header, 8) & 0xffffffffL;
        if (incl > MAX_RECORD) {
            return damaged("frame " + (frameNo + 1) + " at " + at(recStart) + " claims " + incl
                    + " captured bytes; the file is damaged from here");
        }
        if (frac >= (nanos ? 1_000_000_000L : 1_000_000L)) {
            return damaged("frame " + (frameNo + 1) + " at " + at(recStart) + " has a timestamp fraction of " + frac
                    + (nanos ? " ns" : " us") + "; the file is damaged from here");
        }
        byte[] data = skimmer == null && !dropFrameBytes ? new byte[(int) incl] : scratch((int) incl);
        int n = in.read(data, 0, (int) incl);
        if (n < incl) {
            return damaged("frame " + (frameNo + 1) + " at " + at(recStart) + " cut short (" + n + " of " + incl
                    + " bytes)");
        }
        long t = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        if (skimmer != null) {
            if (skimmed(parser, linkType, data, 0, (int) incl, t)) {
                return true;
            }
            if (!dropFrameBytes) {
                data = java.util.Arrays.copyOf(data, (int) incl);
            }
        }
        frameNo++;
        // data is the record exactly unless it is the scratch, which only frames without frame bytes may use
        emit(parser.parseAll(frameNo, t, linkType, data, 0, (int) incl, !dropFrameBytes, recStart, null));
        return true;
    }

    @Override
    public boolean skim(Skimmer s) {
        skimmer = s;
        return true;
    }

    private int i32(byte[] b, int off) {
        int v = be32(b, off);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    static int be32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
