package dev.flowinspector.capture;

import dev.flowinspector.decode.ExportDecoder;
import java.util.BitSet;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which UDP/TCP payloads are NetFlow/IPFIX: the usual ports, plus a check of the header on any port
 * (version and length/count consistency), so the user never needs a "Decode As". sFlow (6343) is never
 * taken.
 */
public final class ExportPorts {

    /** NetFlow/IPFIX ports recognised without looking at the payload. */
    public static final Set<Integer> DEFAULT_PORTS = Set.of(2055, 2056, 4739, 4740, 9555, 9995, 9996);
    /** sFlow: never NetFlow. */
    public static final int SFLOW_PORT = 6343;

    private final Set<Integer> ports;
    /** The same ports, for lookups without boxing. */
    private final BitSet known = new BitSet(65536);
    private final boolean heuristic;
    private final boolean everything;
    private final boolean checksums;

    public ExportPorts(Set<Integer> ports, boolean heuristic) {
        this(ports, heuristic, false, true);
    }

    private ExportPorts(Set<Integer> ports, boolean heuristic, boolean everything, boolean checksums) {
        for (int p : ports) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port out of range 0-65535: " + p);
            }
            known.set(p);
        }
        this.ports = new TreeSet<>(ports);
        this.heuristic = heuristic;
        this.everything = everything;
        this.checksums = checksums;
    }

    /**
     * The same choice of frames, without verifying UDP checksums (a wrong checksum is not noted on the frame; a
     * zero one still is): for readers that show data records only, where such a note would never be seen.
     */
    public ExportPorts withoutChecksums() {
        return new ExportPorts(ports, heuristic, everything, false);
    }

    /** Whether UDP checksums are verified (a wrong checksum becomes a note on the frame). */
    public boolean checksums() {
        return checksums;
    }

    /** Default ports with the heuristic on. */
    public static ExportPorts defaults() {
        return new ExportPorts(DEFAULT_PORTS, true);
    }

    /** Every UDP payload and every TCP stream starting with an IPFIX header (for pasted packets the user chose). */
    public static ExportPorts everything() {
        return new ExportPorts(DEFAULT_PORTS, true, true, true);
    }

    /** These ports plus more (e.g. a collector's non-standard port). */
    public ExportPorts withPorts(Set<Integer> more) {
        Set<Integer> all = new TreeSet<>(ports);
        all.addAll(more);
        return new ExportPorts(all, heuristic, everything, checksums);
    }

    public Set<Integer> ports() {
        return Collections.unmodifiableSet(ports);
    }

    public boolean heuristic() {
        return heuristic;
    }

    /** True when a UDP payload between these ports should be decoded as an export packet. */
    public boolean isExport(int srcPort, int dstPort, byte[] d, int off, int len) {
        if (everything) {
            return true;
        }
        if (srcPort == SFLOW_PORT || dstPort == SFLOW_PORT) {
            return false;
        }
        if (len >= 2 && (known(dstPort) || known(srcPort))) {
            int v = ((d[off] & 0xff) << 8) | (d[off + 1] & 0xff);
            return v == 1 || v == 5 || v == 7 || v == 8 || v == 9 || v == 10 || known(dstPort);
        }
        return heuristic && ExportDecoder.looksLikeExport(d, off, len);
    }

    /**
     * True when a TCP stream whose (in-order) bytes start with {@code d[off..off+len)} carries IPFIX (RFC 7011
     * §10.4): an IPFIX message header (version 10, length at least 16, a valid first set id) on a known port, or
     * on any port with the heuristic on.
     */
    public boolean isIpfixStream(int srcPort, int dstPort, byte[] d, int off, int len) {
        if (srcPort == SFLOW_PORT || dstPort == SFLOW_PORT) {
            return false;
        }
        boolean onPort = everything || known(dstPort) || known(srcPort);
        if (!onPort && !heuristic) {
            return false;
        }
        return looksLikeIpfixHeader(d, off, len);
    }

    private boolean known(int port) {
        return port >= 0 && port <= 65535 && known.get(port);
    }

    /** An IPFIX message header: version 10, length at least 16, and (when present) a plausible first set id. */
    static boolean looksLikeIpfixHeader(byte[] d, int off, int len) {
        if (len < 4 || d[off] != 0 || d[off + 1] != 10) {
            return false;
        }
        int mlen = ((d[off + 2] & 0xff) << 8) | (d[off + 3] & 0xff);
        if (mlen < 16) {
            return false;
        }
        if (len >= 20 && mlen >= 20) {
            int setId = ((d[off + 16] & 0xff) << 8) | (d[off + 17] & 0xff);
            int setLen = ((d[off + 18] & 0xff) << 8) | (d[off + 19] & 0xff);
            return (setId == 2 || setId == 3 || setId >= 256) && setLen >= 4 && setLen <= mlen - 16;
        }
        return true;
    }
}
