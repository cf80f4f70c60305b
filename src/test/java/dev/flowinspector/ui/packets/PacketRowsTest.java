package dev.flowinspector.ui.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.ui.session.PacketSummary;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The packet list's rows: made on demand, filtered by row index, sorted stably (small sorts on this thread). */
class PacketRowsTest {

    private static final Endpoint EXPORTER = new Endpoint("192.0.2.1", 2055);

    private static PacketSummary row(int i, int length) {
        return new PacketSummary(i, i + 1, 1_000L * i, EXPORTER, 9, 0, i, 1, 0, 1, length, null, 0, null, null);
    }

    private static List<PacketSummary> rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<PacketSummary> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(row(i, 40 + r.nextInt(10)));
        }
        return out;
    }

    @Test
    @DisplayName("appended rows show in frame order; a filter shows the rows whose index is set")
    void appendAndFilter() {
        List<PacketSummary> all = rows(100, 1);
        PacketRows p = new PacketRows(all::get);
        int[] added = {0};
        p.addListener((ListChangeListener<PacketSummary>) c -> {
            while (c.next()) {
                added[0] += c.getAddedSize();
            }
        });
        p.append(all.subList(0, 60));
        p.append(all.subList(60, 100));
        assertEquals(100, p.size());
        assertEquals(100, added[0]);
        assertEquals(all.get(77), p.get(77));
        BitSet even = new BitSet();
        for (int i = 0; i < 100; i += 2) {
            even.set(i);
        }
        p.setFilter(even);
        assertEquals(50, p.size());
        assertEquals(100, p.total());
        assertEquals(42, p.get(21).index());
        assertEquals(21, p.indexOf(all.get(42)));
        assertEquals(-1, p.indexOf(all.get(43)));
        p.setFilter(null);
        assertEquals(100, p.size());
    }

    @Test
    @DisplayName("a sort orders by the key, ties in frame order, and keeps the filter; no keys: frame order again")
    void sortStable() {
        List<PacketSummary> all = rows(500, 2);
        PacketRows p = new PacketRows(all::get);
        p.append(all);
        boolean[] permuted = {false};
        p.addListener((ListChangeListener<PacketSummary>) c -> {
            while (c.next()) {
                permuted[0] |= c.wasPermutated();
            }
        });
        p.sort(List.of(PacketRows.SortKey.of(PacketSummary::length, true)));
        assertTrue(permuted[0]);
        for (int i = 1; i < p.size(); i++) {
            PacketSummary a = p.get(i - 1);
            PacketSummary b = p.get(i);
            assertTrue(a.length() > b.length() || (a.length() == b.length() && a.index() < b.index()), "at " + i);
        }
        BitSet some = new BitSet();
        some.set(10, 200);
        p.setFilter(some);
        assertEquals(190, p.size());
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i - 1).length() >= p.get(i).length());
        }
        p.sort(List.of());
        for (int i = 0; i < p.size(); i++) {
            assertEquals(10 + i, p.get(i).index());
        }
    }

    @Test
    @DisplayName("rows appended to a sorted list take their place in the order")
    void appendWhileSorted() {
        List<PacketSummary> all = rows(300, 3);
        PacketRows p = new PacketRows(all::get);
        p.sort(List.of(PacketRows.SortKey.of(PacketSummary::length, false)));
        p.append(all.subList(0, 100));
        p.append(all.subList(100, 300));
        assertEquals(300, p.size());
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i - 1).length() <= p.get(i).length(), "at " + i);
        }
    }

    @Test
    @DisplayName("a sort of a million rows by a value: ordered, stable (the worker's algorithm)")
    void sortMillion() {
        int n = 1_000_000;
        SplittableRandom r = new SplittableRandom(4);
        int[] len = new int[n];
        for (int i = 0; i < n; i++) {
            len[i] = r.nextInt(1000);
        }
        double[] last = {-1};
        int[] order = PacketRows.sortedOrder(i -> row(i, len[i]), n,
                List.of(PacketRows.SortKey.of(s -> "x" + (1000 + s.length()), java.util.Comparator.naturalOrder(),
                        false)), x -> last[0] = x, () -> false);
        assertNotNull(order);
        assertEquals(0.7, last[0], 1e-9);
        for (int i = 1; i < n; i++) {
            int a = order[i - 1];
            int b = order[i];
            assertTrue(len[a] < len[b] || (len[a] == len[b] && a < b), "at " + i);
        }
    }
}
