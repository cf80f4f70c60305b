package dev.flowinspector.capture;

import dev.flowinspector.decode.ExportDecoder;
import java.util.Set;
import java.util.TreeSet;

/** Which UDP/TCP payloads are NetFlow/IPFIX: the usual ports, plus a check of the header on any port. */
public final class ExportPorts {

    /** NetFlow/IPFIX ports recognised without looking at the payload. */
    public static final Set<Integer> DEFAULT_PORTS = Set.of(2055, 2056, 4739, 4740, 9555, 9995, 9996);
    /** sFlow: never NetFlow. */
    public static final int SFLOW_PORT = 6343;

    private final Set<Integer> ports;
    private final boolean heuristic;

    public ExportPorts(Set<Integer> ports, boolean heuristic) {
        this.ports = new TreeSet<>(ports);
        this.heuristic = heuristic;
    }

    /** Default ports with the heuristic on. */
    public static ExportPorts defaults() {
        return new ExportPorts(DEFAULT_PORTS, true);
    }

    public Set<Integer> ports() {
        return java.util.Collections.unmodifiableSet(ports);
    }

    /** True when a payload between these ports should be decoded as an export packet. */
    public boolean isExport(int srcPort, int dstPort, byte[] d, int off, int len) {
        if (srcPort == SFLOW_PORT || dstPort == SFLOW_PORT) {
            return false;
        }
        if (len >= 2 && (ports.contains(dstPort) || ports.contains(srcPort))) {
            int v = ((d[off] & 0xff) << 8) | (d[off + 1] & 0xff);
            return v == 1 || v == 5 || v == 7 || v == 8 || v == 9 || v == 10 || ports.contains(dstPort);
        }
        return heuristic && ExportDecoder.looksLikeExport(d, off, len);
    }
}
