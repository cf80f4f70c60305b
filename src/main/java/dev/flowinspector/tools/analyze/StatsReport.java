package dev.flowinspector.tools.analyze;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowinspector.engine.flow.FlowNames;
import dev.flowinspector.engine.flow.FlowRecord;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Writes what {@link FlowStats} counted as text (nfdump-like tables), CSV or one JSON object. */
final class StatsReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final FlowStats st;
    private final UnaryOperator<String> names;

    /** @param names reverse DNS name of an address, or null (only with --resolve) */
    StatsReport(FlowStats st, UnaryOperator<String> names) {
        this.st = st;
        this.names = names;
    }

    void write(Analyzer.Format format, Writer w) throws IOException {
        switch (format) {
            case csv -> csv(w);
            case json -> json(w);
            default -> text(w);
        }
    }

    private String name(StatKey k, String value) {
        return names == null || k == null || !k.isAddress() ? null : names.apply(value);
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "0.0" : String.format(Locale.ROOT, "%.1f", 100.0 * part / whole);
    }

    private static String num(double d) {
        return Long.toString((long) d); // truncated, as nfdump prints rates
    }

    private String exactness(StatTable t) {
        return t.exact() ? "" : " (heavy-hitter sketch: " + t.size() + " keys kept; a key's " + t.order()
                + " may be low by up to " + t.errorBound() + ")";
    }

    private void text(Writer w) throws IOException {
        for (Map.Entry<FlowStats.Spec, StatTable> e : st.tables().entrySet()) {
            StatKey k = e.getKey().key();
            StatTable t = e.getValue();
            w.write(String.format(Locale.ROOT, "Top %d %s ordered by %s%s:%n", st.topN(), k.title(), t.order(),
                    exactness(t)));
            w.write(String.format(Locale.ROOT, "%-40s %16s %18s %20s %10s %12s %6s%n", k.title(), "Flows(%)",
                    "Packets(%)", "Bytes(%)", "pps", "bps", "bpp"));
            for (Map.Entry<String, long[]> r : t.top(st.topN())) {
                String key = r.getKey();
                String n = name(k, key);
                long[] v = r.getValue();
                w.write(String.format(Locale.ROOT, "%-40s %16s %18s %20s %10s %12s %6s%n",
                        n == null ? key : key + " (" + n + ")",
                        v[StatTable.FLOWS] + "(" + pct(v[StatTable.FLOWS], st.flows()) + ")",
                        v[StatTable.PACKETS] + "(" + pct(v[StatTable.PACKETS], st.packets()) + ")",
                        v[StatTable.BYTES] + "(" + pct(v[StatTable.BYTES], st.bytes()) + ")",
                        num(StatTable.pps(v)), num(StatTable.bps(v)), num(StatTable.bpp(v))));
            }
            w.write('\n');
        }
        for (FlowStats.Spec s : st.recordSpecs()) {
            w.write(String.format(Locale.ROOT, "Top %d flows ordered by %s:%n", st.topN(), s.order()));
            w.write(String.format(Locale.ROOT, "%-23s %9s %-9s %-45s %-45s %10s %12s%n", "Date first seen", "Duration",
                    "Proto", "Src IP Addr:Port", "Dst IP Addr:Port", "Packets", "Bytes"));
            for (FlowStats.Top t : st.records(s)) {
                FlowRecord f = t.flow();
                w.write(String.format(Locale.ROOT, "%-23s %9s %-9s %-45s %-45s %10d %12d%n",
                        f.start() == null ? "-" : TIME.format(f.start()), Analyzer.duration(Math.max(0, f.durationMillis())),
                        FlowNames.protocol(f.protocol()), endpoint(f.src(), f.srcPort()), endpoint(f.dst(), f.dstPort()),
                        t.packets(), t.bytes()));
            }
            w.write('\n');
        }
        if (st.aggregated() != null) {
            StatTable t = st.aggregated();
            List<StatKey> keys = st.aggregation();
            w.write("Aggregated by " + String.join(",", keys.stream().map(StatKey::name).toList()) + ", ordered by "
                    + t.order() + exactness(t) + ":\n");
            StringBuilder h = new StringBuilder();
            for (StatKey k : keys) {
                h.append(String.format(Locale.ROOT, "%-24s ", k.title()));
            }
            w.write(h + String.format(Locale.ROOT, "%10s %12s %16s %10s %12s %6s%n", "Flows", "Packets", "Bytes", "pps",
                    "bps", "bpp"));
            for (Map.Entry<String, long[]> r : t.top(aggregationLimit())) {
                StringBuilder line = new StringBuilder();
                String[] parts = r.getKey().split("\t", -1);
                for (int i = 0; i < parts.length; i++) {
                    String n = name(keys.get(i), parts[i]);
                    line.append(String.format(Locale.ROOT, "%-24s ", n == null ? parts[i] : parts[i] + " (" + n + ")"));
                }
                long[] v = r.getValue();
                w.write(line + String.format(Locale.ROOT, "%10d %12d %16d %10s %12s %6s%n", v[StatTable.FLOWS],
                        v[StatTable.PACKETS], v[StatTable.BYTES], num(StatTable.pps(v)), num(StatTable.bps(v)),
                        num(StatTable.bpp(v))));
            }
            w.write('\n');
        }
        w.write(summary() + "\n");
    }

    private int aggregationLimit() {
        return st.topN();
    }

    private static String endpoint(String addr, int port) {
        String a = addr == null ? "-" : addr.indexOf(':') >= 0 ? "[" + addr + "]" : addr;
        return port < 0 ? a : a + ":" + port;
    }

    /** "Summary: flows 12, packets 34, bytes 56; sampling: ..." */
    String summary() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Summary: total flows: %d, total packets: %d,"
                + " total bytes: %d", st.flows(), st.packets(), st.bytes()));
        if (st.first() != Long.MAX_VALUE) {
            s.append(", time window: ").append(TIME.format(Instant.ofEpochMilli(st.first()))).append(" - ")
                    .append(TIME.format(Instant.ofEpochMilli(st.last()))).append(" UTC");
        }
        s.append(String.format(Locale.ROOT, "%nRecords read: %d, counted: %d", st.seen(), st.flows()));
        s.append('\n').append(samplingLine());
        return s.toString();
    }

    String samplingLine() {
        if (st.samplingMode() == FlowStats.SamplingMode.none) {
            return "Sampling: no correction (counters as exported; --sampling auto or N renormalises)";
        }
        StringBuilder s = new StringBuilder("Sampling (" + st.samplingMode() + "):");
        for (Map.Entry<String, Long> c : st.corrections().entrySet()) {
            s.append(" ").append(c.getValue()).append(" records × ").append(c.getKey()).append(";");
        }
        if (st.samplingMode() == FlowStats.SamplingMode.auto) {
            s.append(" ").append(st.uncorrected()).append(" records without a known rate, not corrected");
        }
        return s.toString();
    }

    private void csv(Writer w) throws IOException {
        w.write("table,order,rank,key,name,flows,packets,bytes,pps,bps,bpp\n");
        for (Map.Entry<FlowStats.Spec, StatTable> e : st.tables().entrySet()) {
            StatKey k = e.getKey().key();
            int rank = 1;
            for (Map.Entry<String, long[]> r : e.getValue().top(st.topN())) {
                long[] v = r.getValue();
                String n = name(k, r.getKey());
                w.write(String.join(",", k.name(), e.getValue().order().name(), Integer.toString(rank++), csvText(r.getKey()),
                        n == null ? "" : csvText(n), Long.toString(v[StatTable.FLOWS]), Long.toString(v[StatTable.PACKETS]),
                        Long.toString(v[StatTable.BYTES]), num(StatTable.pps(v)), num(StatTable.bps(v)),
                        num(StatTable.bpp(v))) + "\n");
            }
        }
        for (FlowStats.Spec s : st.recordSpecs()) {
            int rank = 1;
            for (FlowStats.Top t : st.records(s)) {
                FlowRecord f = t.flow();
                String key = endpoint(f.src(), f.srcPort()) + " > " + endpoint(f.dst(), f.dstPort()) + " "
                        + FlowNames.protocol(f.protocol());
                w.write(String.join(",", "record", s.order().name(), Integer.toString(rank++), csvText(key), "",
                        Long.toString(Math.max(1, f.flows())), Long.toString(t.packets()), Long.toString(t.bytes()), "",
                        "", "") + "\n");
            }
        }
        if (st.aggregated() != null) {
            int rank = 1;
            for (Map.Entry<String, long[]> r : st.aggregated().top(aggregationLimit())) {
                long[] v = r.getValue();
                w.write(String.join(",", "aggregate:" + String.join("+", st.aggregation().stream().map(StatKey::name)
                                .toList()), st.aggregated().order().name(), Integer.toString(rank++),
                        csvText(r.getKey().replace('\t', ' ')), "", Long.toString(v[StatTable.FLOWS]),
                        Long.toString(v[StatTable.PACKETS]), Long.toString(v[StatTable.BYTES]), num(StatTable.pps(v)),
                        num(StatTable.bps(v)), num(StatTable.bpp(v))) + "\n");
            }
        }
        w.write(String.join(",", "totals", "", "", "", "", Long.toString(st.flows()), Long.toString(st.packets()),
                Long.toString(st.bytes()), "", "", "") + "\n");
    }

    private static String csvText(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private void json(Writer w) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(w);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeObjectFieldStart("totals");
        g.writeNumberField("flows", st.flows());
        g.writeNumberField("packets", st.packets());
        g.writeNumberField("bytes", st.bytes());
        g.writeEndObject();
        g.writeNumberField("recordsRead", st.seen());
        g.writeObjectFieldStart("sampling");
        g.writeStringField("mode", st.samplingMode().name());
        g.writeArrayFieldStart("corrections");
        for (Map.Entry<String, Long> c : st.corrections().entrySet()) {
            g.writeStartObject();
            g.writeStringField("correction", c.getKey());
            g.writeNumberField("records", c.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (st.samplingMode() == FlowStats.SamplingMode.auto) {
            g.writeNumberField("uncorrectedRecords", st.uncorrected());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("stats");
        for (Map.Entry<FlowStats.Spec, StatTable> e : st.tables().entrySet()) {
            StatKey k = e.getKey().key();
            StatTable t = e.getValue();
            g.writeStartObject();
            g.writeStringField("key", k.name());
            g.writeStringField("order", t.order().name());
            g.writeBooleanField("exact", t.exact());
            if (!t.exact()) {
                g.writeNumberField("errorBound", t.errorBound());
            }
            g.writeArrayFieldStart("rows");
            for (Map.Entry<String, long[]> r : t.top(st.topN())) {
                row(g, r.getKey(), name(k, r.getKey()), r.getValue());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!st.recordSpecs().isEmpty()) {
            g.writeArrayFieldStart("records");
            for (FlowStats.Spec s : st.recordSpecs()) {
                for (FlowStats.Top t : st.records(s)) {
                    FlowRecord f = t.flow();
                    g.writeStartObject();
                    g.writeStringField("order", s.order().name());
                    if (f.start() != null) {
                        g.writeStringField("start", f.start().toString());
                    }
                    g.writeStringField("src", f.src());
                    g.writeNumberField("srcPort", f.srcPort());
                    g.writeStringField("dst", f.dst());
                    g.writeNumberField("dstPort", f.dstPort());
                    g.writeStringField("protocol", FlowNames.protocol(f.protocol()));
                    g.writeNumberField("packets", t.packets());
                    g.writeNumberField("bytes", t.bytes());
                    g.writeStringField("exporter", f.exporter());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        }
        if (st.aggregated() != null) {
            g.writeObjectFieldStart("aggregate");
            g.writeArrayFieldStart("keys");
            for (StatKey k : st.aggregation()) {
                g.writeString(k.name());
            }
            g.writeEndArray();
            g.writeBooleanField("exact", st.aggregated().exact());
            g.writeArrayFieldStart("rows");
            for (Map.Entry<String, long[]> r : st.aggregated().top(aggregationLimit())) {
                String[] parts = r.getKey().split("\t", -1);
                long[] v = r.getValue();
                g.writeStartObject();
                for (int i = 0; i < parts.length; i++) {
                    g.writeStringField(st.aggregation().get(i).name(), parts[i]);
                }
                counters(g, v);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
        g.flush();
        w.write('\n');
    }

    private static void row(JsonGenerator g, String key, String name, long[] v) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        if (name != null) {
            g.writeStringField("name", name);
        }
        counters(g, v);
        g.writeEndObject();
    }

    private static void counters(JsonGenerator g, long[] v) throws IOException {
        g.writeNumberField("flows", v[StatTable.FLOWS]);
        g.writeNumberField("packets", v[StatTable.PACKETS]);
        g.writeNumberField("bytes", v[StatTable.BYTES]);
        g.writeNumberField("pps", (long) StatTable.pps(v));
        g.writeNumberField("bps", (long) StatTable.bps(v));
        g.writeNumberField("bpp", (long) StatTable.bpp(v));
    }
}
