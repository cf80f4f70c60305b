package dev.flowinspector.ui.session;

/**
 * Sums by a {@code long} key without an object per key or per addition (open addressing, linear probing): what the
 * Flows pane's top talkers add up per record. Not thread-safe: one per worker, merged at the end.
 */
final class LongSums {

    private long[] keys = new long[64];
    private long[] sums = new long[64];
    private boolean[] used = new boolean[64];
    private int size;

    /** Adds {@code v} to the sum of {@code key}. */
    void add(long key, long v) {
        int i = slot(key);
        if (!used[i]) {
            used[i] = true;
            keys[i] = key;
            if (++size * 2 > keys.length) {
                grow();
                i = slot(key);
            }
        }
        sums[i] += v;
    }

    /** The id of a key: 0, 1, 2 … in order of first use (the sum holds the id). */
    int id(long key) {
        int i = slot(key);
        if (used[i]) {
            return (int) sums[i];
        }
        int id = size;
        add(key, id);
        return id;
    }

    int size() {
        return size;
    }

    /** Visits every key with its sum. */
    void forEach(Visitor v) {
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                v.visit(keys[i], sums[i]);
            }
        }
    }

    /** Receives a key and its sum. */
    @FunctionalInterface
    interface Visitor {
        void visit(long key, long sum);
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (used[i] && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] k = keys;
        long[] s = sums;
        boolean[] u = used;
        keys = new long[k.length * 2];
        sums = new long[k.length * 2];
        used = new boolean[k.length * 2];
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                int j = slot(k[i]);
                used[j] = true;
                keys[j] = k[i];
                sums[j] = s[i];
            }
        }
    }
}
