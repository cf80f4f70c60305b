package dev.flowinspector.capture;

import dev.flowinspector.decode.ValueDecoder;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * pcapng files (draft-ietf-opsawg-pcapng): sections in either byte order (SHB), several interfaces each with
 * its own link type, snap length, timestamp resolution (if_tsresol) and offset (if_tsoffset) (IDB), enhanced,
 * simple and obsolete packet blocks (EPB/SPB/OPB) with their comments, name resolution blocks (NRB). Other
 * blocks are skipped by their length. Streams block by block.
 */
final class PcapngReader extends AbstractCaptureReader {

    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int OPB = 2;
    static final int SPB = 3;
    static final int NRB = 4;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** Blocks larger than this are damage. */
    static final int MAX_BLOCK = 16 * 1024 * 1024;

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
        100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /** One interface of the current section. */
    private record Iface(int linkType, long snapLen, boolean binary, int exponent, long offsetSeconds, String name) {
    }

    private final PacketParser parser;
    private final List<Iface> interfaces = new ArrayList<>();
    private boolean swapped;
    private int section;
    private final byte[] head = new byte[12];
    /** Per section (by its offset): its header block and the interface blocks so far, to re-read a block alone. */
    private final java.util.TreeMap<Long, byte[]> sectionHeads = new java.util.TreeMap<>();
    private long sectionStart;

    PcapngReader(String name, CaptureInput in, long size, ExportPorts ports) {
        super(name, in, size);
        this.parser = new PacketParser(ports);
    }

    @Override
    protected boolean readRecord() throws IOException {
        long start = in.pos();
        int got = in.read(head, 0, 8);
        if (got == 0) {
            return false;
        }
        if (got < 8) {
            return damaged("block header cut short at " + at(start) + " (" + got + " of 8 bytes) after frame "
                    + frameNo);
        }
        int type = i32(head, 0);
        if (PcapReader.be32(head, 0) == SHB) {
            if (in.read(head, 8, 4) < 4) {
                return damaged("section header block cut short at " + at(start));
            }
            int bom = PcapReader.be32(head, 8);
            if (bom == BYTE_ORDER_MAGIC) {
                swapped = false;
            } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
                swapped = true;
            } else {
                return damaged("section header block at " + at(start) + " has byte-order magic "
                        + String.format("%08x", bom) + "; the file is damaged from here");
            }
            type = SHB;
        } else if (section == 0) {
            return damaged("does not start with a section header block");
        }
        long len = i32(head, 4) & 0xffffffffL;
        int already = type == SHB ? 12 : 8;
        if (len < 12 || len % 4 != 0 || len > MAX_BLOCK || (type == SHB && len < 28)) {
            return damaged("block at " + at(start) + " (type " + String.format("0x%08x", type) + ") has total length "
                    + len + "; the file is damaged from here (after frame " + frameNo + ")");
        }
        byte[] b = skimmer == null && !dropFrameBytes ? new byte[(int) len] : scratch((int) len);
        System.arraycopy(head, 0, b, 0, already);
        int n = in.read(b, already, (int) len - already);
        if (n < len - already) {
            return damaged("block at " + at(start) + " (type " + String.format("0x%08x", type) + ") cut short ("
                    + (already + n) + " of " + len + " bytes) after frame " + frameNo);
        }
        long trailer = i32(b, (int) len - 4) & 0xffffffffL;
        if (trailer != len) {
            return damaged("block at " + at(start) + " has total length " + len + " at its start but " + trailer
                    + " at its end; the file is damaged from here (after frame " + frameNo + ")");
        }
        if (skimmer != null && type == EPB && skimmedEpb(b, (int) len)) {
            return true;
        }
        if (b == scratch && type != EPB && type != SPB) {
            b = Arrays.copyOf(b, (int) len); // section headers are kept; the scratch is read again
        }
        int end = (int) len - 4;
        switch (type) {
            case SHB -> {
                section++;
                interfaces.clear();
                sectionStart = start;
                synchronized (sectionHeads) {
                    sectionHeads.put(start, b);
                }
                int major = u16(b, 12);
                if (major != 1) {
                    return damaged("section header block at " + at(start) + " has version " + major
                            + ".x; this tool reads version 1");
                }
                for (Option o : options(b, 24, end)) {
                    switch (o.code) {
                        case 1 -> fileComments.add(o.text());
                        case 2 -> fileComments.add("hardware: " + o.text());
                        case 3 -> fileComments.add("OS: " + o.text());
                        case 4 -> fileComments.add("application: " + o.text());
                        default -> {
                        }
                    }
                }
            }
            case IDB -> {
                if (end < 16) {
                    return damaged("interface description block at " + at(start) + " too short");
                }
                int linkType = u16(b, 8);
                long snap = i32(b, 12) & 0xffffffffL;
                boolean binary = false;
                int exponent = 6;
                long offsetSeconds = 0;
                String ifName = null;
                for (Option o : options(b, 16, end)) {
                    switch (o.code) {
                        case 1 -> fileComments.add("interface " + interfaces.size() + ": " + o.text());
                        case 2 -> ifName = o.text();
                        case 9 -> {
                            if (o.length >= 1) {
                                int v = b[o.offset] & 0xff;
                                binary = (v & 0x80) != 0;
                                exponent = v & 0x7f;
                            }
                        }
                        case 14 -> {
                            if (o.length >= 8) {
                                offsetSeconds = i64(b, o.offset);
                            }
                        }
                        default -> {
                        }
                    }
                }
                interfaces.add(new Iface(linkType, snap, binary, exponent, offsetSeconds, ifName));
                synchronized (sectionHeads) {
                    byte[] h = sectionHeads.get(sectionStart);
                    byte[] more = Arrays.copyOf(h, h.length + b.length);
                    System.arraycopy(b, 0, more, h.length, b.length);
                    sectionHeads.put(sectionStart, more);
                }
            }
            case EPB, OPB -> {
                if (end < 28) {
                    return damaged("packet block at " + at(start) + " too short (" + len + " bytes)");
                }
                int iface = type == EPB ? i32(b, 8) : u16(b, 8);
                long caplen = i32(b, 20) & 0xffffffffL;
                if (caplen > end - 28) {
                    return damaged("frame " + (frameNo + 1) + " at " + at(start) + " claims " + caplen
                            + " captured bytes in a block of " + len + "; the file is damaged from here");
                }
                Iface ifc = iface(iface, start);
                if (ifc == null) {
                    return false;
                }
                long units = ((i32(b, 12) & 0xffffffffL) << 32) | (i32(b, 16) & 0xffffffffL);
                String comment = null;
                for (Option o : options(b, 28 + pad4((int) caplen), end)) {
                    if (o.code == 1) {
                        comment = comment == null ? o.text() : comment + "\n" + o.text();
                    }
                }
                packet(ifc, time(ifc, units), b, 28, (int) caplen, start, comment);
            }
            case SPB -> {
                if (end < 12) {
                    return damaged("simple packet block at " + at(start) + " too short");
                }
                Iface ifc = iface(0, start);
                if (ifc == null) {
                    return false;
                }
                long orig = i32(b, 8) & 0xffffffffL;
                long caplen = Math.min(orig, end - 12);
                if (ifc.snapLen > 0) {
                    caplen = Math.min(caplen, ifc.snapLen);
                }
                packet(ifc, 0, b, 12, (int) caplen, start, null);
            }
            case NRB -> names(b, end);
            default -> {
                // ISB, DSB, custom and other blocks: nothing for us (skipped by length)
            }
        }
        return true;
    }

    /**
     * While skimming: an enhanced packet block {@code b[0..len)} taken by the skimmer in place, true; false when it
     * is to be read as ever (anything unusual, or a frame the skimmer wants whole).
     */
    private boolean skimmedEpb(byte[] b, int len) {
        int end = len - 4;
        if (end < 28) {
            return false;
        }
        int iface = i32(b, 8);
        long caplen = i32(b, 20) & 0xffffffffL;
        if (caplen > end - 28 || iface < 0 || iface >= interfaces.size()) {
            return false;
        }
        Iface ifc = interfaces.get(iface);
        if (!PacketParser.supported(ifc.linkType)) {
            return false;
        }
        long units = ((i32(b, 12) & 0xffffffffL) << 32) | (i32(b, 16) & 0xffffffffL);
        return skimmed(parser, ifc.linkType, b, 28, (int) caplen, time(ifc, units));
    }

    @Override
    public boolean skim(Skimmer s) {
        skimmer = s;
        return true;
    }

    /**
     * The section header and interface description blocks (as read so far) of the section holding the block at
     * an offset: put before that block alone, they make a pcapng file that reads as the block did here.
     */
    byte[] sectionHead(long offset) {
        synchronized (sectionHeads) {
            var e = sectionHeads.floorEntry(offset);
            return e == null ? null : e.getValue();
        }
    }

    private Iface iface(int id, long start) {
        if (id < 0 || id >= interfaces.size()) {
            damaged("frame " + (frameNo + 1) + " at " + at(start) + " refers to interface " + id + " but section "
                    + section + " describes " + interfaces.size() + "; the file is damaged from here");
            return null;
        }
        return interfaces.get(id);
    }

    /** The captured frame {@code b[off..off+len)} of a packet block. */
    private void packet(Iface ifc, long timeNanos, byte[] b, int off, int len, long start, String comment) {
        frameNo++;
        if (!PacketParser.supported(ifc.linkType)) {
            emit(List.of());
            return;
        }
        // kept frame bytes are the frame exactly; without them the block's array (maybe the scratch) is parsed in place
        boolean keep = !dropFrameBytes;
        byte[] f = keep ? Arrays.copyOfRange(b, off, off + len) : b;
        emit(parser.parseAll(frameNo, timeNanos, ifc.linkType, f, keep ? 0 : off, len, keep, start, comment));
    }

    /** Timestamp units of an interface to nanoseconds since the epoch (pcapng §4.2 if_tsresol, if_tsoffset). */
    static long toNanos(long units, boolean binary, int exponent) {
        if (!binary) {
            if (exponent <= 9) {
                return units * POW10[9 - exponent];
            }
            return exponent - 9 < POW10.length ? Long.divideUnsigned(units, POW10[exponent - 9]) : 0;
        }
        if (exponent == 0) {
            return units * 1_000_000_000L;
        }
        BigInteger u = new BigInteger(Long.toUnsignedString(units));
        return u.multiply(BigInteger.valueOf(1_000_000_000L)).shiftRight(exponent).longValue();
    }

    private static long time(Iface ifc, long units) {
        return toNanos(units, ifc.binary, ifc.exponent) + ifc.offsetSeconds * 1_000_000_000L;
    }

    private void names(byte[] b, int end) {
        int p = 8;
        while (p + 4 <= end) {
            int code = u16(b, p);
            int l = u16(b, p + 2);
            int v = p + 4;
            if (code == 0 || v + l > end) {
                return;
            }
            int addrLen = code == 1 ? 4 : code == 2 ? 16 : -1;
            if (addrLen > 0 && l > addrLen) {
                String addr = addrLen == 4 ? ValueDecoder.ipv4(b, v) : ValueDecoder.ipv6(b, v);
                int s = v + addrLen;
                int z = s;
                while (z < v + l && b[z] != 0) {
                    z++;
                }
                if (z > s) {
                    names.putIfAbsent(addr, new String(b, s, z - s, StandardCharsets.UTF_8));
                }
            }
            p = v + pad4(l);
        }
    }

    /** One option: code and the position of its value in the block. */
    private record Option(int code, byte[] block, int offset, int length) {
        String text() {
            int l = length;
            while (l > 0 && block[offset + l - 1] == 0) {
                l--;
            }
            return new String(block, offset, l, StandardCharsets.UTF_8);
        }
    }

    private List<Option> options(byte[] b, int p, int end) {
        List<Option> out = new ArrayList<>();
        while (p + 4 <= end) {
            int code = u16(b, p);
            int l = u16(b, p + 2);
            if (code == 0 || p + 4 + l > end) {
                break;
            }
            out.add(new Option(code, b, p + 4, l));
            p += 4 + pad4(l);
        }
        return out;
    }

    static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private int i32(byte[] b, int off) {
        int v = PcapReader.be32(b, off);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private int u16(byte[] b, int off) {
        int v = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
        return swapped ? Integer.reverseBytes(v) >>> 16 : v;
    }

    private long i64(byte[] b, int off) {
        long hi = PcapReader.be32(b, off) & 0xffffffffL;
        long lo = PcapReader.be32(b, off + 4) & 0xffffffffL;
        long v = (hi << 32) | lo;
        return swapped ? Long.reverseBytes(v) : v;
    }
}
