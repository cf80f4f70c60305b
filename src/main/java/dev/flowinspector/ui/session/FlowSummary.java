package dev.flowinspector.ui.session;

import dev.flowinspector.engine.flow.FlowExtraction;
import dev.flowinspector.engine.flow.FlowRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * The Flows pane's figures over every data record of a capture, aggregated while the capture is read again (off the
 * FX thread, with progress): bytes per source, destination, protocol, destination port, AS, input interface and
 * exporter (top talkers), bytes per second of flow start (the chart), and the first {@code tableLimit} records as
 * table rows. Nothing is capped silently: {@link #records()} counts every record, {@link #shown()} says how many the
 * table holds.
 */
public final class FlowSummary {

    /** What top talkers are counted by (the labels are made in {@link Talkers#addTo}). */
    public enum By {
        SOURCES("sources"),
        DESTINATIONS("destinations"),
        PROTOCOLS("protocols"),
        DESTINATION_PORTS("destination ports"),
        SOURCE_AS("source AS"),
        DESTINATION_AS("destination AS"),
        INPUT_INTERFACES("input interfaces"),
        OUTPUT_INTERFACES("output interfaces"),
        SOURCE_AS_INPUT_INTERFACE("source AS × input interface"),
        EXPORTERS("exporters");

        private final String label;

        By(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The kind with this label (sources when none). */
        public static By of(String label) {
            for (By b : values()) {
                if (b.label.equals(label)) {
                    return b;
                }
            }
            return SOURCES;
        }
    }

    private final int tableLimit;
    private final List<FlowRecord> table = new ArrayList<>();
    private final List<Map<String, long[]>> bytesBy = new ArrayList<>();
    private final TreeMap<Long, long[]> bytesPerSecond = new TreeMap<>();
    private long records;
    private boolean complete;

    private FlowSummary(int tableLimit) {
        this.tableLimit = tableLimit;
        for (int i = 0; i < By.values().length; i++) {
            bytesBy.add(new HashMap<>());
        }
    }

    /**
     * Every record of a session (read again in order; a finished file's packets decoded and counted on one thread
     * per core, each with sums of its own, added up at the end); stops early when cancelled ({@link #complete()}
     * false).
     */
    public static FlowSummary of(Session s, int tableLimit, BooleanSupplier cancelled, DoubleConsumer progress)
            throws IOException {
        FlowSummary f = new FlowSummary(tableLimit);
        FirstRows first = new FirstRows(f.table, tableLimit);
        List<Talkers> parts = new ArrayList<>();
        ParallelScan.each(s, s.replayable(), () -> {
            Talkers t = new Talkers();
            synchronized (parts) {
                parts.add(t);
            }
            return new ParallelScan.Worker() {
                private List<FlowRecord> batch = new ArrayList<>();

                @Override
                public void packet(int index, dev.flowinspector.decode.ExportPacket p) {
                    FlowExtraction.flows(p, index, r -> {
                        t.add(r);
                        if (!first.full) {
                            batch.add(r);
                        }
                    });
                }

                @Override
                public void batchDone(int firstIndex, int count) {
                    first.offer(firstIndex, count, batch);
                    batch = first.full ? List.of() : new ArrayList<>();
                }
            };
        }, cancelled, progress);
        for (Talkers t : parts) {
            t.addTo(f);
        }
        f.complete = !cancelled.getAsBoolean();
        return f;
    }

    /** The figures of some flow rows (all of them in the table). */
    public static FlowSummary of(List<FlowRecord> rows) {
        FlowSummary f = new FlowSummary(Integer.MAX_VALUE);
        Talkers t = new Talkers();
        rows.forEach(t::add);
        f.table.addAll(rows);
        t.addTo(f);
        f.complete = true;
        return f;
    }

    /**
     * The table's rows: the first records in capture order, from batches counted in any order (a batch waits until
     * the batches before it are in; once the table is full, nothing more is kept).
     */
    private static final class FirstRows {
        private final List<FlowRecord> table;
        private final int limit;
        private final TreeMap<Integer, List<FlowRecord>> waiting = new TreeMap<>();
        private final Map<Integer, Integer> counts = new HashMap<>();
        private int next;
        volatile boolean full;

        FirstRows(List<FlowRecord> table, int limit) {
            this.table = table;
            this.limit = limit;
            this.full = limit <= 0;
        }

        synchronized void offer(int first, int count, List<FlowRecord> rows) {
            if (full) {
                return;
            }
            waiting.put(first, rows);
            counts.put(first, count);
            List<FlowRecord> r;
            while ((r = waiting.remove(next)) != null) {
                next += counts.remove(next);
                for (FlowRecord x : r) {
                    if (table.size() >= limit) {
                        full = true;
                        waiting.clear();
                        counts.clear();
                        return;
                    }
                    table.add(x);
                }
            }
        }
    }

    /**
     * Bytes per top-talker key of one worker, keyed without text where the key is a number (protocol, port, AS,
     * interface): the labels are made once per key when the sums are added up, not once per record.
     */
    private static final class Talkers {
        private final Map<String, long[]> sources = new HashMap<>();
        private final Map<String, long[]> destinations = new HashMap<>();
        private final Map<String, long[]> exporters = new HashMap<>();
        private final LongSums protocols = new LongSums();
        private final LongSums ports = new LongSums();
        private final LongSums srcAs = new LongSums();
        private final LongSums dstAs = new LongSums();
        private final LongSums inIfs = new LongSums();
        private final LongSums outIfs = new LongSums();
        private final LongSums asInIf = new LongSums();
        /** (exporter address id, interface) → interface id, for the AS × interface key. */
        private final LongSums interfaces = new LongSums();
        private final LongSums perSecond = new LongSums();
        /** Exporter (address:port) → id of its address; the addresses by id. */
        private final Map<String, Integer> exporterIds = new HashMap<>();
        private final List<String> addresses = new ArrayList<>();
        private final Map<String, Integer> addressIds = new HashMap<>();
        private String lastExporter;
        private int lastExporterId;
        private long records;

        void add(FlowRecord r) {
            records++;
            long b = r.bytes();
            if (b <= 0) {
                return;
            }
            sum(sources, r.src(), b);
            sum(destinations, r.dst(), b);
            sum(exporters, r.exporter(), b);
            if (r.protocol() >= 0) {
                protocols.add(r.protocol(), b);
            }
            if (r.dstPort() >= 0) {
                ports.add(((long) r.protocol() << 32) | r.dstPort(), b);
            }
            if (r.srcAs() >= 0) {
                srcAs.add(r.srcAs(), b);
            }
            if (r.dstAs() >= 0) {
                dstAs.add(r.dstAs(), b);
            }
            if (r.inIf() >= 0 || r.outIf() >= 0) {
                long ex = exporterId(r);
                if (r.inIf() >= 0) {
                    long key = (ex << 32) | (r.inIf() & 0xFFFF_FFFFL);
                    inIfs.add(key, b);
                    if (r.srcAs() >= 0) {
                        asInIf.add((r.srcAs() << 32) | interfaces.id(key), b);
                    }
                }
                if (r.outIf() >= 0) {
                    outIfs.add((ex << 32) | (r.outIf() & 0xFFFF_FFFFL), b);
                }
            }
            if (r.start() != null) {
                perSecond.add(Math.floorDiv(r.start().toEpochMilli(), 1000), b);
            }
        }

        private static void sum(Map<String, long[]> m, String key, long b) {
            if (key != null && !key.isEmpty()) {
                m.computeIfAbsent(key, x -> new long[1])[0] += b;
            }
        }

        /** The id of the record's exporter address (exporters differing in port only share one). */
        private int exporterId(FlowRecord r) {
            String exporter = r.exporter();
            if (exporter != null && exporter.equals(lastExporter)) {
                return lastExporterId;
            }
            Integer id = exporterIds.get(exporter);
            if (id == null) {
                id = addressIds.computeIfAbsent(String.valueOf(r.exporterAddress()), x -> {
                    addresses.add(x);
                    return addresses.size() - 1;
                });
                exporterIds.put(exporter, id);
            }
            lastExporter = exporter;
            lastExporterId = id;
            return id;
        }

        private String iface(long key) {
            return addresses.get((int) (key >>> 32)) + " if " + (key & 0xFFFF_FFFFL);
        }

        /** Adds these sums to the summary's, by label. */
        void addTo(FlowSummary f) {
            f.records += records;
            merge(f, By.SOURCES, sources);
            merge(f, By.DESTINATIONS, destinations);
            merge(f, By.EXPORTERS, exporters);
            protocols.forEach((k, b) -> label(f, By.PROTOCOLS, dev.flowinspector.engine.flow.FlowNames.protocolLabel(
                    (int) k), b));
            ports.forEach((k, b) -> label(f, By.DESTINATION_PORTS, dev.flowinspector.engine.flow.FlowNames
                    .protocolLabel((int) (k >> 32)) + " port " + (int) k, b));
            srcAs.forEach((k, b) -> label(f, By.SOURCE_AS, "AS" + k, b));
            dstAs.forEach((k, b) -> label(f, By.DESTINATION_AS, "AS" + k, b));
            inIfs.forEach((k, b) -> label(f, By.INPUT_INTERFACES, iface(k), b));
            outIfs.forEach((k, b) -> label(f, By.OUTPUT_INTERFACES, iface(k), b));
            long[] byId = new long[interfaces.size()];
            interfaces.forEach((k, id) -> byId[(int) id] = k);
            asInIf.forEach((k, b) -> label(f, By.SOURCE_AS_INPUT_INTERFACE, "AS" + (k >>> 32) + " × "
                    + iface(byId[(int) (k & 0xFFFF_FFFFL)]), b));
            perSecond.forEach((sec, b) -> f.bytesPerSecond.computeIfAbsent(sec, x -> new long[1])[0] += b);
        }

        private static void merge(FlowSummary f, By by, Map<String, long[]> m) {
            Map<String, long[]> to = f.bytesBy.get(by.ordinal());
            m.forEach((k, v) -> to.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
        }

        private static void label(FlowSummary f, By by, String label, long b) {
            if (!label.isEmpty()) {
                f.bytesBy.get(by.ordinal()).computeIfAbsent(label, x -> new long[1])[0] += b;
            }
        }
    }

    /** Records counted (every data record with addresses). */
    public long records() {
        return records;
    }

    /** Records the table holds (the first ones). */
    public int shown() {
        return table.size();
    }

    /** False when reading was stopped before the end. */
    public boolean complete() {
        return complete;
    }

    /** The table's rows. */
    public List<FlowRecord> table() {
        return Collections.unmodifiableList(table);
    }

    /** The n largest by bytes, largest first. */
    public List<Map.Entry<String, Long>> top(By by, int n) {
        return bytesBy.get(by.ordinal()).entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue()[0]))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n).toList();
    }

    /** Bytes per bucket of flow start time: {seconds after the first flow start, bytes}, about 60 buckets. */
    public List<long[]> overTime() {
        List<long[]> out = new ArrayList<>();
        if (bytesPerSecond.isEmpty()) {
            return out;
        }
        long first = bytesPerSecond.firstKey();
        long span = Math.max(1, bytesPerSecond.lastKey() - first);
        long bucket = Math.max(1, span / 60);
        long[] sums = new long[(int) (span / bucket) + 1];
        bytesPerSecond.forEach((sec, b) -> sums[(int) ((sec - first) / bucket)] += b[0]);
        for (int i = 0; i < sums.length; i++) {
            out.add(new long[] {i * bucket, sums[i]});
        }
        return out;
    }

    /** What the table and charts cover, in words ("1 234 flow records", or the table's share when limited). */
    public String describe() {
        String all = records + " flow records" + (complete ? "" : " (stopped before the end)");
        if (shown() >= records) {
            return all;
        }
        return all + "; top talkers and the chart count every one, the table shows the first " + shown() + " ("
                + String.format(java.util.Locale.ROOT, "%.1f", 100.0 * shown() / records) + " %)";
    }
}
