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
import java.util.function.Function;

/**
 * The Flows pane's figures over every data record of a capture, aggregated while the capture is read again (off the
 * FX thread, with progress): bytes per source, destination, protocol, destination port, AS, input interface and
 * exporter (top talkers), bytes per second of flow start (the chart), and the first {@code tableLimit} records as
 * table rows. Nothing is capped silently: {@link #records()} counts every record, {@link #shown()} says how many the
 * table holds.
 */
public final class FlowSummary {

    /** What top talkers are counted by. */
    public enum By {
        SOURCES("sources", FlowRecord::src),
        DESTINATIONS("destinations", FlowRecord::dst),
        PROTOCOLS("protocols", r -> r.protocol() < 0 ? null : r.protocolLabel()),
        DESTINATION_PORTS("destination ports", r -> r.dstPort() < 0 ? null : r.protocolLabel() + " port " + r.dstPort()),
        SOURCE_AS("source AS", r -> r.srcAs() < 0 ? null : "AS" + r.srcAs()),
        DESTINATION_AS("destination AS", r -> r.dstAs() < 0 ? null : "AS" + r.dstAs()),
        INPUT_INTERFACES("input interfaces", r -> r.inIf() < 0 ? null : r.exporterAddress() + " if " + r.inIf()),
        OUTPUT_INTERFACES("output interfaces", r -> r.outIf() < 0 ? null : r.exporterAddress() + " if " + r.outIf()),
        SOURCE_AS_INPUT_INTERFACE("source AS × input interface", r -> r.srcAs() < 0 || r.inIf() < 0 ? null
                : "AS" + r.srcAs() + " × " + r.exporterAddress() + " if " + r.inIf()),
        EXPORTERS("exporters", FlowRecord::exporter);

        private final String label;
        private final Function<FlowRecord, String> key;

        By(String label, Function<FlowRecord, String> key) {
            this.label = label;
            this.key = key;
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

    /** Every record of a session (read again in order); stops early when cancelled ({@link #complete()} false). */
    public static FlowSummary of(Session s, int tableLimit, BooleanSupplier cancelled, DoubleConsumer progress)
            throws IOException {
        FlowSummary f = new FlowSummary(tableLimit);
        s.scan((i, frame, p) -> FlowExtraction.flows(p, i, f::add), cancelled, progress);
        f.complete = !cancelled.getAsBoolean();
        return f;
    }

    /** The figures of some flow rows (all of them in the table). */
    public static FlowSummary of(List<FlowRecord> rows) {
        FlowSummary f = new FlowSummary(Integer.MAX_VALUE);
        rows.forEach(f::add);
        f.complete = true;
        return f;
    }

    private void add(FlowRecord r) {
        records++;
        if (table.size() < tableLimit) {
            table.add(r);
        }
        if (r.bytes() <= 0) {
            return;
        }
        By[] kinds = By.values();
        for (int k = 0; k < kinds.length; k++) {
            String key = kinds[k].key.apply(r);
            if (key != null && !key.isEmpty()) {
                bytesBy.get(k).computeIfAbsent(key, x -> new long[1])[0] += r.bytes();
            }
        }
        if (r.start() != null) {
            bytesPerSecond.computeIfAbsent(Math.floorDiv(r.start().toEpochMilli(), 1000), x -> new long[1])[0]
                    += r.bytes();
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
