package dev.flowinspector.tools.analyze;

import dev.flowinspector.engine.flow.ExporterOptions;
import dev.flowinspector.engine.flow.FlowRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Streams flow records into what {@code analyze} reports: exact totals, {@code -s} tables, the {@code -A}
 * aggregation and the {@code -s record} top flows, after the selection ({@link #filter}, {@code -t} window,
 * {@code --min-packets}) and the sampling correction. Memory is bounded by the tables' key limits, not by the
 * number of records.
 */
public final class FlowStats {

    /** How counters are renormalised for sampling. */
    public enum SamplingMode { none, auto, fixed }

    /** One {@code -s KEY[/ORDER]} request; key null for {@code record}. */
    public record Spec(StatKey key, StatTable.Order order) {
        /** Parses "srcip" (ordered by flows, as nfdump), "dstport/packets", "record/bytes". */
        public static Spec parse(String s) {
            String k = s;
            StatTable.Order o = StatTable.Order.flows;
            int slash = s.lastIndexOf('/');
            if (slash > 0) {
                String tail = s.substring(slash + 1).trim();
                try {
                    o = StatTable.Order.valueOf(tail.toLowerCase(java.util.Locale.ROOT));
                    k = s.substring(0, slash);
                } catch (IllegalArgumentException e) {
                    if (!tail.chars().allMatch(Character::isDigit)) {
                        throw new IllegalArgumentException("'" + s + "': order must be one of flows, packets, bytes,"
                                + " bps, pps, bpp");
                    }
                }
            }
            return k.trim().equalsIgnoreCase("record") ? new Spec(null, o) : new Spec(StatKey.parse(k), o);
        }

        String label() {
            return (key == null ? "record" : key.name()) + "/" + order;
        }
    }

    /** A flow kept by {@code -s record} with its corrected counters. */
    public record Top(FlowRecord flow, long packets, long bytes, double metric) {
    }

    private final ExporterOptions options;
    private final int maxKeys;
    private Predicate<FlowRecord> filter = f -> true;
    private Instant from;
    private Instant to;
    private long minPackets;
    private SamplingMode sampling = SamplingMode.none;
    private double fixedRate = 1;

    private final Map<Spec, StatTable> tables = new LinkedHashMap<>();
    private final List<Spec> recordSpecs = new ArrayList<>();
    private final Map<Spec, PriorityQueue<Top>> records = new LinkedHashMap<>();
    private int topN = 10;
    private List<StatKey> aggregation;
    private StatTable aggregated;

    private long seen;
    private long flows;
    private long packets;
    private long bytes;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private final Map<String, Long> corrections = new LinkedHashMap<>();
    private long uncorrected;

    /**
     * @param options what options data announced (sampling, interface names)
     * @param maxKeys keys a table counts exactly before it becomes a heavy-hitter sketch
     */
    public FlowStats(ExporterOptions options, int maxKeys) {
        this.options = options;
        this.maxKeys = maxKeys;
    }

    /** The hook a display filter plugs into: only flows it accepts are counted. */
    public FlowStats filter(Predicate<FlowRecord> p) {
        this.filter = p;
        return this;
    }

    /** Counts only flows that start in [from, to) (either may be null). */
    public FlowStats window(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        return this;
    }

    /** Counts only flows with at least this many packets (after sampling correction). */
    public FlowStats minPackets(long n) {
        this.minPackets = n;
        return this;
    }

    /** Sampling correction: none, auto (options data and the records' own fields) or a fixed 1-in-N. */
    public FlowStats sampling(SamplingMode mode, double rate) {
        this.sampling = mode;
        this.fixedRate = rate;
        return this;
    }

    /** Rows per table and top flows kept. */
    public FlowStats top(int n) {
        this.topN = n;
        return this;
    }

    /** Adds a {@code -s} table. */
    public FlowStats stat(Spec s) {
        if (s.key() == null) {
            recordSpecs.add(s);
            records.put(s, new PriorityQueue<>(Comparator.comparingDouble(Top::metric)));
        } else {
            tables.put(s, new StatTable(s.order(), maxKeys));
        }
        return this;
    }

    /** Aggregates flows by these keys ({@code -A}), ranked by the order given. */
    public FlowStats aggregate(List<StatKey> keys, StatTable.Order order) {
        for (StatKey k : keys) {
            if (k.side() == 2) {
                throw new IllegalArgumentException("-A takes one-sided keys (src..., dst..., inif, outif, proto,"
                        + " exporter, service); '" + k.name() + "' counts both sides");
            }
        }
        this.aggregation = keys;
        this.aggregated = new StatTable(order, maxKeys);
        return this;
    }

    /** True when a flow passes the window, the filter and the packet threshold (nothing is counted). */
    public boolean selects(FlowRecord f) {
        if (!inWindow(f) || !filter.test(f)) {
            return false;
        }
        double rate = 1;
        if (sampling == SamplingMode.fixed) {
            rate = fixedRate;
        } else if (sampling == SamplingMode.auto) {
            ExporterOptions.Rate r = options.rateFor(f);
            rate = r != null && r.rate() > 1 ? r.rate() : 1;
        }
        return Math.round(f.packetCount() * rate) >= minPackets;
    }

    /**
     * Whether the flow is in the time window ({@code -t}) and passes the filter ({@code -Y}): the part of
     * {@link #selects} that does not wait for the whole input (a sampling rate may come from an options record
     * read later; {@code --min-packets} needs it).
     */
    public boolean inWindowAndFilter(FlowRecord f) {
        return inWindow(f) && filter.test(f);
    }

    private boolean inWindow(FlowRecord f) {
        return from == null && to == null || f.start() != null && (from == null || !f.start().isBefore(from))
                && (to == null || f.start().isBefore(to));
    }

    /** Counts one flow record. */
    public void accept(FlowRecord f) {
        seen++;
        if (!inWindow(f) || !filter.test(f)) {
            return;
        }
        double rate = 1;
        if (sampling == SamplingMode.fixed) {
            rate = fixedRate;
            corrections.merge("fixed factor " + rate(fixedRate), 1L, Long::sum);
        } else if (sampling == SamplingMode.auto) {
            ExporterOptions.Rate r = options.rateFor(f);
            if (r != null && r.rate() > 1) {
                rate = r.rate();
                corrections.merge(rate(r.rate()) + " from " + r.how(), 1L, Long::sum);
            } else {
                uncorrected++;
            }
        }
        long p = Math.round(f.packetCount() * rate);
        long b = Math.round(f.byteCount() * rate);
        if (p < minPackets) {
            return;
        }
        long n = Math.max(1, f.flows());
        flows += n;
        packets += p;
        bytes += b;
        long s = f.start() == null ? Long.MIN_VALUE : f.start().toEpochMilli();
        long e = f.end() == null ? s : f.end().toEpochMilli();
        if (s != Long.MIN_VALUE) {
            first = Math.min(first, s);
            last = Math.max(last, e);
        }
        for (Map.Entry<Spec, StatTable> t : tables.entrySet()) {
            StatTable table = t.getValue();
            t.getKey().key().values(f, options, (k, side) -> table.add(k, n, p, b, s, e));
        }
        if (aggregated != null) {
            StringBuilder k = new StringBuilder();
            for (StatKey key : aggregation) {
                String v = key.value(f, key.side(), options);
                k.append(v == null ? "-" : v).append('\t');
            }
            aggregated.add(k.substring(0, k.length() - 1), n, p, b, s, e);
        }
        for (Map.Entry<Spec, PriorityQueue<Top>> r : records.entrySet()) {
            long[] row = {n, p, b, s == Long.MIN_VALUE ? Long.MAX_VALUE : s, e};
            Top top = new Top(f, p, b, StatTable.metric(r.getKey().order(), row));
            PriorityQueue<Top> q = r.getValue();
            if (q.size() < topN) {
                q.add(top);
            } else if (q.peek().metric() < top.metric()) {
                q.poll();
                q.add(top);
            }
        }
    }

    private static String rate(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(java.util.Locale.ROOT, "%.3f", r);
    }

    /** Counts records read that are not passed to {@link #accept} (read, but not counted). */
    public void skipped(long n) {
        seen += n;
    }

    /** Records read (before any selection). */
    public long seen() {
        return seen;
    }

    /** Flows counted (after the selection). */
    public long flows() {
        return flows;
    }

    /** Packets counted, after sampling correction. */
    public long packets() {
        return packets;
    }

    /** Bytes counted, after sampling correction. */
    public long bytes() {
        return bytes;
    }

    /** First flow start in epoch ms, or Long.MAX_VALUE. */
    public long first() {
        return first;
    }

    /** Last flow end in epoch ms, or Long.MIN_VALUE. */
    public long last() {
        return last;
    }

    public SamplingMode samplingMode() {
        return sampling;
    }

    /** Records corrected per correction ("2000 from samplingInterval 2000 (...)"). */
    public Map<String, Long> corrections() {
        return corrections;
    }

    /** Records {@code --sampling auto} found no rate for. */
    public long uncorrected() {
        return uncorrected;
    }

    Map<Spec, StatTable> tables() {
        return tables;
    }

    int topN() {
        return topN;
    }

    List<StatKey> aggregation() {
        return aggregation;
    }

    StatTable aggregated() {
        return aggregated;
    }

    /** The top flows of a {@code -s record} request, best first. */
    List<Top> records(Spec s) {
        List<Top> out = new ArrayList<>(records.get(s));
        out.sort(Comparator.comparingDouble(Top::metric).reversed());
        return out;
    }

    List<Spec> recordSpecs() {
        return recordSpecs;
    }

    ExporterOptions options() {
        return options;
    }
}
