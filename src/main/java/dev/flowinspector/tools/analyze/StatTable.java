package dev.flowinspector.tools.analyze;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Flows, packets and bytes per key, exact until a table holds more than {@code maxKeys} keys; then a
 * heavy-hitter sketch (Misra-Gries with batch decrements over the ranking counter, k = maxKeys / 2): at most
 * maxKeys keys are kept, and a key's ranking counter is low by at most {@link #errorBound()}, which is at most
 * total / (k + 1).
 */
final class StatTable {

    /** What a table is ranked by. */
    enum Order { flows, packets, bytes, bps, pps, bpp }

    static final int FLOWS = 0;
    static final int PACKETS = 1;
    static final int BYTES = 2;
    static final int FIRST = 3;
    static final int LAST = 4;
    private static final int WEIGHT = 5;

    private final Order order;
    private final int maxKeys;
    private final HashMap<String, long[]> rows = new HashMap<>();
    private long delta;
    private int prunes;

    StatTable(Order order, int maxKeys) {
        this.order = order;
        this.maxKeys = Math.max(1, maxKeys / 2); // Misra-Gries k: pruned when the table passes 2k keys
    }

    Order order() {
        return order;
    }

    /** Counts a flow for a key; times are epoch ms or Long.MIN_VALUE when unknown. */
    void add(String key, long flows, long packets, long bytes, long first, long last) {
        long[] r = rows.get(key);
        if (r == null) {
            r = new long[] {0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0};
            rows.put(key, r);
        }
        r[FLOWS] += flows;
        r[PACKETS] += packets;
        r[BYTES] += bytes;
        if (first != Long.MIN_VALUE) {
            r[FIRST] = Math.min(r[FIRST], first);
        }
        if (last != Long.MIN_VALUE) {
            r[LAST] = Math.max(r[LAST], last);
        }
        r[WEIGHT] += order == Order.flows ? flows : order == Order.packets ? packets : bytes;
        if (rows.size() > 2 * maxKeys) {
            prune();
        }
    }

    /** Subtracts the (maxKeys+1)-th largest weight from every key and drops those left at 0 or below. */
    private void prune() {
        long[] w = new long[rows.size()];
        int i = 0;
        for (long[] r : rows.values()) {
            w[i++] = r[WEIGHT];
        }
        Arrays.sort(w);
        long t = w[w.length - 1 - maxKeys];
        for (Iterator<long[]> it = rows.values().iterator(); it.hasNext(); ) {
            long[] r = it.next();
            r[WEIGHT] -= t;
            if (r[WEIGHT] <= 0) {
                it.remove();
            }
        }
        delta += t;
        prunes++;
    }

    /** True while every key is counted exactly. */
    boolean exact() {
        return prunes == 0;
    }

    /** How much a key's ranking counter may be low by (0 when exact). */
    long errorBound() {
        return delta;
    }

    /** Keys held now. */
    int size() {
        return rows.size();
    }

    /** The top n rows by this table's order, ties by key. */
    List<Map.Entry<String, long[]>> top(int n) {
        List<Map.Entry<String, long[]>> all = new ArrayList<>(rows.entrySet());
        all.sort((a, b) -> {
            int c = Double.compare(metric(b.getValue()), metric(a.getValue()));
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
        return n < 0 || n >= all.size() ? all : all.subList(0, n);
    }

    double metric(long[] r) {
        return metric(order, r);
    }

    /** The value a row is ranked by. */
    static double metric(Order order, long[] r) {
        return switch (order) {
            case flows -> r[FLOWS];
            case packets -> r[PACKETS];
            case bytes -> r[BYTES];
            case bps -> bps(r);
            case pps -> pps(r);
            case bpp -> bpp(r);
        };
    }

    /** Duration from the first flow start to the last flow end in ms (0 when unknown). */
    static long durationMs(long[] r) {
        return r[FIRST] == Long.MAX_VALUE || r[LAST] == Long.MIN_VALUE ? 0 : Math.max(0, r[LAST] - r[FIRST]);
    }

    /** Bits per second over the duration, 0 when the duration is 0 (as nfdump; reports truncate, as nfdump). */
    static double bps(long[] r) {
        long d = durationMs(r);
        return d == 0 ? 0 : r[BYTES] * 8000.0 / d;
    }

    static double pps(long[] r) {
        long d = durationMs(r);
        return d == 0 ? 0 : r[PACKETS] * 1000.0 / d;
    }

    static double bpp(long[] r) {
        return r[PACKETS] == 0 ? 0 : (double) r[BYTES] / r[PACKETS];
    }
}
