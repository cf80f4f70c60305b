package dev.flowinspector.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * IP fragment reassembly (RFC 791 §3.2 for IPv4, RFC 8200 §4.5 for IPv6), bounded: at most
 * {@link #MAX_PENDING} datagrams wait for their missing fragments (the oldest is given up first), and no
 * datagram grows beyond {@link #MAX_DATAGRAM} bytes.
 */
final class IpReassembly {

    static final int MAX_PENDING = 1024;
    static final int MAX_DATAGRAM = 65535;

    /** A reassembled upper-layer payload and the frames its fragments came in. */
    record Result(byte[] data, List<Long> frames) {
    }

    private static final class Pending {
        final TreeMap<Integer, byte[]> parts = new TreeMap<>();
        final List<Long> frames = new ArrayList<>();
        int total = -1;
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
            if (size() > MAX_PENDING) {
                given++;
                return true;
            }
            return false;
        }
    };
    private long given;

    /** Datagrams given up because too many were pending or they grew too large. */
    long givenUp() {
        return given;
    }

    /**
     * Adds one fragment; returns the whole payload once every fragment is there, else null.
     *
     * @param key    source, destination, protocol and identification
     * @param offset fragment offset in bytes
     * @param data   fragment data (after the IP header / fragment header)
     * @param last   no more fragments follow this one
     * @param frame  frame number it came in
     */
    Result add(String key, int offset, byte[] data, boolean last, long frame) {
        if (offset + data.length > MAX_DATAGRAM) {
            if (pending.remove(key) != null) {
                given++;
            }
            return null;
        }
        Pending p = pending.computeIfAbsent(key, k -> new Pending());
        p.parts.put(offset, data);
        p.frames.add(frame);
        if (last) {
            p.total = offset + data.length;
        }
        if (p.total < 0) {
            return null;
        }
        int covered = 0;
        for (Map.Entry<Integer, byte[]> e : p.parts.entrySet()) {
            if (e.getKey() > covered) {
                return null;
            }
            covered = Math.max(covered, e.getKey() + e.getValue().length);
        }
        if (covered < p.total) {
            return null;
        }
        byte[] out = new byte[p.total];
        for (Map.Entry<Integer, byte[]> e : p.parts.entrySet()) {
            int n = Math.min(e.getValue().length, p.total - e.getKey());
            if (n > 0) {
                System.arraycopy(e.getValue(), 0, out, e.getKey(), n);
            }
        }
        pending.remove(key);
        return new Result(out, List.copyOf(p.frames));
    }
}
