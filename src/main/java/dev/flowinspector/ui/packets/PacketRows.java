package dev.flowinspector.ui.packets;

import dev.flowinspector.ui.session.PacketSummary;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.collections.ObservableListBase;

/**
 * What the packet list shows, without an object per row: rows are numbered 0..total-1 in frame order and made from
 * the session when the list asks for one (it asks for the rows it draws). Filtering keeps the numbers of the rows
 * shown; sorting computes an order of the row numbers on a worker thread (with progress) and swaps it in on the FX
 * thread, so a sort of a million rows never holds the FX thread. Without a filter or a sort the list holds nothing
 * per row. Rows are identified by their index: {@link #indexOf} finds the position of a row with the same index.
 * Used on the FX thread.
 */
public final class PacketRows extends ObservableListBase<PacketSummary> {

    /** Up to this many rows are sorted on the FX thread at once (a few ms); more on a worker. */
    static final int SORT_ON_FX_THREAD = 20_000;

    /** How a sort compares rows: a number of the row, or a value with a comparator; descending or not. */
    public record SortKey(ToLongFunction<PacketSummary> number, java.util.function.Function<PacketSummary, ?> value,
                          Comparator<Object> comparator, boolean descending) {

        /** Sorts by a number of the row. */
        public static SortKey of(ToLongFunction<PacketSummary> number, boolean descending) {
            return new SortKey(number, null, null, descending);
        }

        /** Sorts by a value of the row, compared by the comparator. */
        @SuppressWarnings("unchecked")
        public static SortKey of(java.util.function.Function<PacketSummary, ?> value, Comparator<?> comparator,
                                 boolean descending) {
            return new SortKey(null, value, (Comparator<Object>) comparator, descending);
        }
    }

    private final IntFunction<PacketSummary> source;
    /** Rows handed to the list (0..total-1). */
    private int total;
    /** Row numbers in sort order (covering rows 0..sorted.length-1; later rows follow in frame order), or null. */
    private int[] sorted;
    private List<SortKey> sortKeys = List.of();
    /** Rows the filter shows, or null: every row. */
    private BitSet filter;
    /** Position → row number, or null: position = row number. */
    private int[] order;
    private int size;
    private long sortGeneration;
    private boolean sorting;
    private boolean sortAgain;
    private boolean sortScheduled;
    /** How long the last sort on a worker took. */
    private long lastSortMillis;
    private final ReadOnlyDoubleWrapper sortProgress = new ReadOnlyDoubleWrapper(this, "sortProgress", -1);
    /** The rows last made, by row number (the cells of one row ask for it once per column). */
    private final PacketSummary[] cache = new PacketSummary[64];

    /** Rows made by {@code source} (the session's row at an index; thread-safe, a sort calls it on a worker). */
    public PacketRows(IntFunction<PacketSummary> source) {
        this.source = source;
    }

    /** No rows (no capture open). */
    public static PacketRows empty() {
        return new PacketRows(i -> {
            throw new IndexOutOfBoundsException(i);
        });
    }

    @Override
    public PacketSummary get(int position) {
        java.util.Objects.checkIndex(position, size);
        int row = order == null ? position : order[position];
        int slot = row & (cache.length - 1);
        PacketSummary s = cache[slot];
        if (s == null || s.index() != row) {
            s = source.apply(row);
            cache[slot] = s;
        }
        return s;
    }

    @Override
    public int size() {
        return size;
    }

    /** The row with this index, made from the session (shown or not). */
    public PacketSummary getSource(int row) {
        return source.apply(row);
    }

    /** Rows handed to the list, shown or not. */
    public int total() {
        return total;
    }

    /** The row (index in the session) shown at a position. */
    public int rowAt(int position) {
        java.util.Objects.checkIndex(position, size);
        return order == null ? position : order[position];
    }

    /** A copy of the rows shown, position by position, or null when every row is shown in frame order. */
    public int[] shownRowsCopy() {
        return order == null ? null : Arrays.copyOf(order, size);
    }

    /** Where a row (by row index) is shown, or -1. */
    public int positionOf(int row) {
        if (row < 0 || row >= total) {
            return -1;
        }
        if (order == null) {
            return row;
        }
        if (sorted == null) { // filtered only: ascending
            int p = Arrays.binarySearch(order, 0, size, row);
            return p < 0 ? -1 : p;
        }
        for (int p = 0; p < size; p++) {
            if (order[p] == row) {
                return p;
            }
        }
        return -1;
    }

    /** The position of the row with the same index as {@code o}, or -1. */
    @Override
    public int indexOf(Object o) {
        return o instanceof PacketSummary s ? positionOf(s.index()) : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    /** Rows read, received or pasted: they follow the rows before (rows a filter was applied without are hidden). */
    public void append(List<PacketSummary> added) {
        if (added.isEmpty()) {
            return;
        }
        if (added.get(0).index() != total) {
            throw new IllegalArgumentException("row " + added.get(0).index() + " after " + total + " rows");
        }
        int from = total;
        total += added.size();
        int before = size;
        if (order == null) {
            size = total;
        } else {
            for (int r = from; r < total; r++) {
                if (filter == null || filter.get(r)) {
                    if (size == order.length) {
                        order = Arrays.copyOf(order, Math.max(16, size * 2));
                    }
                    order[size++] = r;
                }
            }
        }
        if (size > before) {
            beginChange();
            nextAdd(before, size);
            endChange();
        }
        if (sorted != null) {
            sortLater();
        }
    }

    /** The rows changed in the session (reading ended and settled some): made again, and sorted again if sorted. */
    public void rowsChanged() {
        Arrays.fill(cache, null);
        if (sorted != null) {
            sortLater();
        }
    }

    /** Shows only the rows whose index is set (null: every row). */
    public void setFilter(BitSet rows) {
        filter = rows;
        replaceOrder();
    }

    /** The rows shown, filtered, by their index (null: no filter). */
    public BitSet filter() {
        return filter;
    }

    /** Sort progress 0..1 while a sort runs on a worker, else -1. */
    public ReadOnlyDoubleProperty sortProgressProperty() {
        return sortProgress.getReadOnlyProperty();
    }

    /** Whether a sort is running on a worker. */
    public boolean sorting() {
        return sorting;
    }

    /**
     * Sorts by the keys (first key first; ties keep frame order); no keys: frame order. Up to
     * {@value #SORT_ON_FX_THREAD} rows right away, more on a worker (the list keeps its order until it is done).
     */
    public void sort(List<SortKey> keys) {
        sortKeys = List.copyOf(keys);
        sortGeneration++;
        if (sortKeys.isEmpty()) {
            sorting = false;
            sortAgain = false;
            sortProgress.set(-1);
            if (sorted != null) {
                permuteTo(null);
            }
            return;
        }
        startSort();
    }

    /**
     * Rows came or changed in a sorted list: sorted again, at once when few, else on a worker when the running sort
     * ends and at most about once a second (while a capture is read, rows come many times a second).
     */
    private void sortLater() {
        if (sorting) {
            sortAgain = true;
        } else if (total <= SORT_ON_FX_THREAD) {
            startSort();
        } else if (!sortScheduled) {
            sortScheduled = true;
            javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(
                    javafx.util.Duration.millis(Math.max(1000, 2 * lastSortMillis)));
            wait.setOnFinished(e -> {
                sortScheduled = false;
                if (sorted != null && !sortKeys.isEmpty()) {
                    if (sorting) {
                        sortAgain = true;
                    } else {
                        startSort();
                    }
                }
            });
            wait.play();
        }
    }

    private void startSort() {
        long gen = sortGeneration;
        int n = total;
        List<SortKey> keys = sortKeys;
        if (n <= SORT_ON_FX_THREAD) {
            permuteTo(sortedOrder(source, n, keys, null, () -> false));
            return;
        }
        sorting = true;
        sortAgain = false;
        sortProgress.set(0);
        long t0 = System.nanoTime();
        Thread t = new Thread(() -> {
            int[] perm;
            try {
                perm = sortedOrder(source, n, keys, p -> Platform.runLater(() -> {
                    if (gen == sortGeneration && sorting) {
                        sortProgress.set(p);
                    }
                }), () -> gen != sortGeneration);
            } catch (RuntimeException e) {
                perm = null; // the session was closed under it
            }
            int[] done = perm;
            Platform.runLater(() -> {
                if (gen != sortGeneration) {
                    return;
                }
                sorting = false;
                sortProgress.set(-1);
                lastSortMillis = (System.nanoTime() - t0) / 1_000_000;
                if (done != null) {
                    permuteTo(done);
                }
                if (sortAgain) {
                    sortAgain = false;
                    sortLater();
                }
            });
        }, "flowinspector-sort");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The row numbers 0..n-1 in the keys' order: the keys of every row first (progress 0..0.7), then a stable
     * merge sort of the row numbers. Null when cancelled.
     */
    static int[] sortedOrder(IntFunction<PacketSummary> source, int n, List<SortKey> keys,
                             java.util.function.DoubleConsumer progress, java.util.function.BooleanSupplier cancelled) {
        long[][] numbers = new long[keys.size()][];
        Object[][] values = new Object[keys.size()][];
        for (int k = 0; k < keys.size(); k++) {
            if (keys.get(k).number() != null) {
                numbers[k] = new long[n];
            } else {
                values[k] = new Object[n];
            }
        }
        for (int i = 0; i < n; i++) {
            if ((i & 8191) == 0) {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                if (progress != null) {
                    progress.accept(0.7 * i / n);
                }
            }
            PacketSummary s = source.apply(i);
            for (int k = 0; k < keys.size(); k++) {
                SortKey key = keys.get(k);
                if (numbers[k] != null) {
                    numbers[k][i] = key.number().applyAsLong(s);
                } else {
                    values[k][i] = key.value().apply(s);
                }
            }
        }
        if (progress != null) {
            progress.accept(0.7);
        }
        IntComparator cmp = (a, b) -> {
            for (int k = 0; k < numbers.length; k++) {
                SortKey key = keys.get(k);
                int c = numbers[k] != null ? Long.compare(numbers[k][a], numbers[k][b])
                        : key.comparator().compare(values[k][a], values[k][b]);
                if (c != 0) {
                    return key.descending() ? -c : c;
                }
            }
            return Integer.compare(a, b);
        };
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        mergeSort(a, new int[n], 0, n, cmp);
        return a;
    }

    /** Compares two row numbers. */
    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    /** Stable merge sort of a[from, to) with tmp as scratch space. */
    private static void mergeSort(int[] a, int[] tmp, int from, int to, IntComparator cmp) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, cmp);
        mergeSort(a, tmp, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && cmp.compare(tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** The order of the shown rows for the current sort and filter. */
    private int[] computeOrder() {
        if (sorted == null && filter == null) {
            return null;
        }
        int n = filter == null ? total : Math.min(total, filter.cardinality());
        int[] o = new int[Math.max(16, n)];
        int k = 0;
        if (sorted != null) {
            for (int r : sorted) {
                if (filter == null || filter.get(r)) {
                    o[k++] = r;
                }
            }
        }
        for (int r = sorted == null ? 0 : sorted.length; r < total; r++) {
            if (filter == null || filter.get(r)) {
                o[k++] = r;
            }
        }
        size = k;
        return o;
    }

    /** Another sort order of the same rows: a permutation of the list (the selection follows its row). */
    private void permuteTo(int[] newSorted) {
        int[] oldOrder = order;
        int oldSize = size;
        sorted = newSorted;
        order = computeOrder();
        if (order == null) {
            size = total;
        }
        if (oldSize != size) { // cannot happen (same rows): show it as a replacement
            fireReplaced(oldOrder, oldSize);
            return;
        }
        int[] pos = new int[total];
        for (int p = 0; p < size; p++) {
            pos[order == null ? p : order[p]] = p;
        }
        int[] perm = new int[size];
        for (int p = 0; p < oldSize; p++) {
            perm[p] = pos[oldOrder == null ? p : oldOrder[p]];
        }
        Arrays.fill(cache, null);
        beginChange();
        nextPermutation(0, size, perm);
        endChange();
    }

    /** Other rows shown (the filter changed): every position is replaced. */
    private void replaceOrder() {
        int[] oldOrder = order;
        int oldSize = size;
        order = computeOrder();
        if (order == null) {
            size = total;
        }
        fireReplaced(oldOrder, oldSize);
    }

    private void fireReplaced(int[] oldOrder, int oldSize) {
        List<PacketSummary> removed = new AbstractList<>() {
            @Override
            public PacketSummary get(int p) {
                java.util.Objects.checkIndex(p, oldSize);
                return source.apply(oldOrder == null ? p : oldOrder[p]);
            }

            @Override
            public int size() {
                return oldSize;
            }
        };
        Arrays.fill(cache, null);
        beginChange();
        if (oldSize > 0) {
            nextRemove(0, removed);
        }
        if (size > 0) {
            nextAdd(0, size);
        }
        endChange();
    }
}
