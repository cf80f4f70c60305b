package dev.flowinspector.tools.generate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-built data packets of one exporter, re-stamped and re-sent, so that a simulator can send 100 k packets/s
 * on a small machine: building a packet (random flows, encoders) costs several microseconds, re-stamping one
 * a fraction of that. Each packet is built once by the exporter itself (no templates in it), its bytes kept in
 * a direct buffer, and the places of the values that must move on noted: on every send the header gets the
 * exporter's current clock and sequence number (v5 flow_sequence and IPFIX sequence count records, v9 counts
 * packets: RFC 3954 §5.1, RFC 7011 §3.1), the flow times move by the time passed since the packet was built
 * (sysUptime-relative for v5/v9, absolute ms for IPFIX), and each record's packet and octet counters are scaled
 * by a random factor (0.5 to 2), so the stream stays plausible and its sequence numbers correct. Templates and
 * options data are not pooled: packets that carry them are built on the fly as before.
 */
final class PacketPool {

    /** Where the values to re-stamp sit in a packet being built; filled by {@link Exporter} while it writes. */
    static final class Marks {
        private final List<int[]> times = new ArrayList<>(); // {position, length}
        private final List<int[]> counters = new ArrayList<>(); // {packets pos, len, octets pos, len}
        private int[] current;

        void beginRecord() {
            current = new int[] {-1, 0, -1, 0};
            counters.add(current);
        }

        void field(FieldSpec f, int position) {
            switch (f.kind()) {
                case UPTIME, TIME_MS -> times.add(new int[] {position, f.length()});
                case NUM -> {
                    if (current != null && f.id() == 2 && (f.length() == 4 || f.length() == 8)) {
                        current[0] = position;
                        current[1] = f.length();
                    } else if (current != null && f.id() == 1 && (f.length() == 4 || f.length() == 8)) {
                        current[2] = position;
                        current[3] = f.length();
                    }
                }
                default -> {
                    // not re-stamped
                }
            }
        }
    }

    /** One pooled packet: its bytes (a slice of the pool's buffer) and how to re-stamp them. */
    private static final class Entry {
        final ByteBuffer bytes;
        final int records;
        final long builtMs;
        final int[] timePos;
        final boolean[] time64;
        final long[] timeValue;
        final int[] pktPos;
        final int[] octPos;
        final boolean[] wide;
        final long[] pktValue;
        final long[] octValue;

        Entry(ByteBuffer bytes, int records, long builtMs, Marks m) {
            this.bytes = bytes;
            this.records = records;
            this.builtMs = builtMs;
            int n = m.times.size();
            timePos = new int[n];
            time64 = new boolean[n];
            timeValue = new long[n];
            for (int i = 0; i < n; i++) {
                int[] t = m.times.get(i);
                timePos[i] = t[0];
                time64[i] = t[1] == 8;
                timeValue[i] = time64[i] ? bytes.getLong(t[0]) : bytes.getInt(t[0]) & 0xffffffffL;
            }
            List<int[]> cs = new ArrayList<>();
            for (int[] c : m.counters) {
                if (c[0] >= 0 && c[2] >= 0 && c[1] == c[3]) {
                    cs.add(c);
                }
            }
            pktPos = new int[cs.size()];
            octPos = new int[cs.size()];
            wide = new boolean[cs.size()];
            pktValue = new long[cs.size()];
            octValue = new long[cs.size()];
            for (int i = 0; i < cs.size(); i++) {
                int[] c = cs.get(i);
                pktPos[i] = c[0];
                octPos[i] = c[2];
                wide[i] = c[1] == 8;
                pktValue[i] = wide[i] ? bytes.getLong(c[0]) : bytes.getInt(c[0]) & 0xffffffffL;
                octValue[i] = wide[i] ? bytes.getLong(c[2]) : bytes.getInt(c[2]) & 0xffffffffL;
            }
        }
    }

    private final Exporter exporter;
    private final Entry[] entries;
    private long next;
    private long random;

    /**
     * Builds {@code size} data packets with the exporter, as if sent at {@code nowMs}; the exporter's counters
     * (packets, sequence numbers) are left as they were.
     */
    PacketPool(Exporter exporter, int size, long nowMs, long seed) {
        this.exporter = exporter;
        this.random = seed | 1;
        List<byte[]> payloads = new ArrayList<>(size);
        List<Marks> marks = new ArrayList<>(size);
        List<Integer> counts = new ArrayList<>(size);
        int total = 0;
        for (int i = 0; i < size; i++) {
            Marks m = new Marks();
            byte[] b = exporter.buildPooled(nowMs, m);
            payloads.add(b);
            marks.add(m);
            counts.add(exporter.version == 5 ? (b.length - Exporter.V5_HEADER) / Exporter.V5_RECORD
                    : exporter.lastRecordCount());
            total += b.length;
        }
        ByteBuffer all = ByteBuffer.allocateDirect(Math.max(1, total)).order(ByteOrder.BIG_ENDIAN);
        entries = new Entry[size];
        int at = 0;
        for (int i = 0; i < size; i++) {
            byte[] b = payloads.get(i);
            all.put(at, b);
            ByteBuffer slice = all.slice(at, b.length).order(ByteOrder.BIG_ENDIAN);
            entries[i] = new Entry(slice, counts.get(i), nowMs, marks.get(i));
            at += b.length;
        }
    }

    /** Records in the packet {@link #next(long)} returned last. */
    private int lastRecords;

    int lastRecords() {
        return lastRecords;
    }

    /**
     * The exporter's next packet at time nowMs (ms since the epoch): built when it carries the templates (flows
     * held over from it are dropped: they would be stale by the next one built), else the next pooled packet
     * re-stamped with the exporter's next sequence number (its counters move on as if it had built it). The
     * buffer is ready to send and valid until the next call.
     */
    ByteBuffer next(long nowMs) {
        if (exporter.templatesDueNext()) {
            byte[] p = exporter.build(nowMs, java.util.Set.of(), null);
            exporter.forgetPending();
            lastRecords = exporter.lastRecordCount();
            return ByteBuffer.wrap(p);
        }
        Entry e = entries[(int) (next++ % entries.length)];
        ByteBuffer b = e.bytes;
        Exporter x = exporter;
        long delta;
        switch (x.version) {
            case 5 -> {
                b.putInt(4, (int) (nowMs - x.bootMs));
                b.putInt(8, (int) (nowMs / 1000));
                b.putInt(12, (int) (nowMs % 1000 * 1_000_000L));
                b.putInt(16, (int) x.records);
                x.records += e.records;
                delta = nowMs - e.builtMs;
            }
            case 9 -> {
                long secs = nowMs / 1000;
                b.putInt(4, (int) (secs * 1000 - x.bootMs));
                b.putInt(8, (int) secs);
                b.putInt(12, (int) x.v9Sequence);
                x.v9Sequence++;
                delta = (secs - e.builtMs / 1000) * 1000; // v9 flows were placed within whole seconds
            }
            default -> {
                b.putInt(4, (int) (nowMs / 1000));
                b.putInt(8, (int) x.records);
                x.records += e.records;
                delta = nowMs - e.builtMs;
            }
        }
        x.packets++;
        for (int i = 0; i < e.timePos.length; i++) {
            if (e.time64[i]) {
                b.putLong(e.timePos[i], e.timeValue[i] + delta);
            } else {
                b.putInt(e.timePos[i], (int) (e.timeValue[i] + delta));
            }
        }
        for (int i = 0; i < e.pktPos.length; i++) {
            long r = random;
            r ^= r << 13;
            r ^= r >>> 7;
            r ^= r << 17;
            random = r;
            double f = 0.5 + 1.5 * ((r >>> 11) * 0x1.0p-53);
            long pk = Math.max(1, (long) (e.pktValue[i] * f));
            long oc = Math.max(pk * 40, (long) (e.octValue[i] * f));
            if (e.wide[i]) {
                b.putLong(e.pktPos[i], pk);
                b.putLong(e.octPos[i], oc);
            } else {
                b.putInt(e.pktPos[i], (int) Math.min(pk, 0xffffffffL));
                b.putInt(e.octPos[i], (int) Math.min(oc, 0xffffffffL));
            }
        }
        lastRecords = e.records;
        b.clear();
        return b;
    }
}
