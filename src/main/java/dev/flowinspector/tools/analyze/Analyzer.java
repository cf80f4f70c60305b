package dev.flowinspector.tools.analyze;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowinspector.engine.flow.FlowNames;
import dev.flowinspector.engine.flow.FlowRecord;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Pairs flows into connections (a flow and the reverse flow with swapped addresses and ports, starting
 * within a window) and reports them one line each, plus top-N tables by bytes or packets.
 */
public final class Analyzer {

    /** Output formats. */
    public enum Format { text, csv, json }

    /** What --top tables rank by. */
    public enum By { flows, packets, bytes, bps, pps, bpp }

    /** Reverse flows starting further apart than this are separate connections. */
    public static final long PAIR_WINDOW_MS = 60_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final boolean resolve;
    private final long resolveTimeoutMs;
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private ExecutorService dns;

    public Analyzer(boolean resolve, long resolveTimeoutMs) {
        this.resolve = resolve;
        this.resolveTimeoutMs = resolveTimeoutMs;
    }

    private record Key(String a, String b, int pa, int pb, int proto) {
    }

    private static Key key(FlowRecord f, boolean reverse) {
        boolean icmp = f.protocol() == 1 || f.protocol() == 58;
        int sp = icmp ? 0 : f.srcPort();
        int dp = icmp ? 0 : f.dstPort();
        return reverse ? new Key(f.dst(), f.src(), dp, sp, f.protocol()) : new Key(f.src(), f.dst(), sp, dp, f.protocol());
    }

    /** Pairs flows into connections, in start-time order. */
    public static List<Connection> pair(List<FlowRecord> flows) {
        List<FlowRecord> sorted = new ArrayList<>(flows);
        sorted.sort(Comparator.comparing(FlowRecord::start, Comparator.nullsFirst(Comparator.naturalOrder())));
        Map<Key, ArrayDeque<Integer>> open = new HashMap<>();
        FlowRecord[] reverse = new FlowRecord[sorted.size()];
        boolean[] used = new boolean[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            FlowRecord f = sorted.get(i);
            Key back = key(f, true);
            ArrayDeque<Integer> q = open.get(back);
            Integer match = null;
            while (q != null && !q.isEmpty()) {
                int j = q.peekFirst();
                FlowRecord g = sorted.get(j);
                if (f.start() != null && g.start() != null
                        && f.start().toEpochMilli() - g.start().toEpochMilli() > PAIR_WINDOW_MS) {
                    q.pollFirst(); // too old to be the request of this reply
                    continue;
                }
                match = q.pollFirst();
                break;
            }
            if (q != null && q.isEmpty()) {
                open.remove(back); // held memory: a key stays only while a flow waits for its reply
            }
            if (match != null) {
                reverse[match] = f;
                used[i] = true;
            } else {
                open.computeIfAbsent(key(f, false), k -> new ArrayDeque<>(1)).add(i); // most keys hold one flow
            }
        }
        List<Connection> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (used[i]) {
                continue;
            }
            FlowRecord f = sorted.get(i);
            FlowRecord r = reverse[i];
            // the initiator talks to the well-known port
            if (r != null && FlowNames.port(f.protocol(), f.dstPort()) == null
                    && FlowNames.port(r.protocol(), r.dstPort()) != null) {
                out.add(new Connection(r, f));
            } else {
                out.add(new Connection(f, r));
            }
        }
        return out;
    }

    /** Writes one line (or CSV row, or JSON object) per connection. */
    public void connections(List<Connection> cs, Format format, Writer w) throws IOException {
        switch (format) {
            case csv -> {
                w.write("start,service,protocol,bytes,packets,duration_ms,src,src_port,dst,dst_port,reply_bytes,exporter"
                        + (resolve ? ",src_name,dst_name" : "") + "\n");
                for (Connection c : cs) {
                    FlowRecord f = c.forward();
                    w.write(String.join(",", c.start() == null ? "" : c.start().toString(), c.service(),
                            FlowNames.protocol(f.protocol()), Long.toString(c.bytes()), Long.toString(c.packets()),
                            Long.toString(c.durationMs()), f.src(), Integer.toString(f.srcPort()), f.dst(),
                            Integer.toString(f.dstPort()), c.reverse() == null ? "" : Long.toString(c.reverse().byteCount()),
                            f.exporter()));
                    if (resolve) {
                        w.write("," + name(f.src()) + "," + name(f.dst()));
                    }
                    w.write('\n');
                }
            }
            case json -> {
                JsonGenerator g = new JsonFactory().createGenerator(w);
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.setRootValueSeparator(null);
                for (Connection c : cs) {
                    FlowRecord f = c.forward();
                    g.writeStartObject();
                    if (c.start() != null) {
                        g.writeStringField("start", c.start().toString());
                    }
                    g.writeStringField("service", c.service());
                    g.writeStringField("protocol", FlowNames.protocol(f.protocol()));
                    g.writeNumberField("bytes", c.bytes());
                    g.writeNumberField("packets", c.packets());
                    g.writeNumberField("durationMs", c.durationMs());
                    g.writeStringField("src", f.src());
                    if (resolve) {
                        g.writeStringField("srcName", name(f.src()));
                    }
                    g.writeNumberField("srcPort", f.srcPort());
                    g.writeStringField("dst", f.dst());
                    if (resolve) {
                        g.writeStringField("dstName", name(f.dst()));
                    }
                    g.writeNumberField("dstPort", f.dstPort());
                    g.writeBooleanField("paired", c.reverse() != null);
                    if (c.reverse() != null) {
                        g.writeNumberField("replyBytes", c.reverse().byteCount());
                    }
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
                g.flush();
            }
            default -> {
                for (Connection c : cs) {
                    FlowRecord f = c.forward();
                    String when = c.start() == null ? "(no time)              " : TIME.format(c.start());
                    w.write(String.format(Locale.ROOT, "%s  %-14s %10s %9s  %s → %s%s%n", when, c.service(),
                            FlowNames.bytes(c.bytes()), duration(c.durationMs()), endpoint(f.src(), f.srcPort(), f.protocol()),
                            endpoint(f.dst(), f.dstPort(), f.protocol()), c.reverse() == null ? "  (one way)" : ""));
                }
            }
        }
    }

    private String endpoint(String addr, int port, int proto) {
        String h = host(addr);
        if (proto == 1 || proto == 58) {
            return h;
        }
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port;
    }

    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }

    /** The address, with its reverse DNS name in parentheses under --resolve when it has one. */
    String host(String addr) {
        String n = resolve ? name(addr) : "";
        return n.isEmpty() ? String.valueOf(addr) : addr + " (" + n + ")";
    }

    /**
     * The reverse DNS name of an address ("" when it has none or the lookup failed or timed out); cached.
     */
    public String name(String addr) {
        if (addr == null || !addr.matches("[0-9A-Fa-f:.]+")) {
            return "";
        }
        return names.computeIfAbsent(addr, a -> {
            if (dns == null) {
                dns = Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "flowinspector-dns");
                    t.setDaemon(true);
                    return t;
                });
            }
            Future<String> f = dns.submit(() -> InetAddress.getByName(a).getCanonicalHostName());
            try {
                String n = f.get(resolveTimeoutMs, TimeUnit.MILLISECONDS);
                return n == null || n.equals(a) ? "" : n;
            } catch (Exception e) {
                f.cancel(true);
                return "";
            }
        });
    }

    /** Summary line: flows, connections, paired share, time span. */
    public static String summary(List<FlowRecord> flows, List<Connection> cs) {
        long paired = cs.stream().filter(c -> c.reverse() != null).count();
        Instant first = null;
        Instant last = null;
        long bytes = 0;
        for (FlowRecord f : flows) {
            bytes += f.byteCount();
            if (f.start() != null && (first == null || f.start().isBefore(first))) {
                first = f.start();
            }
            if (f.end() != null && (last == null || f.end().isAfter(last))) {
                last = f.end();
            }
        }
        return String.format(Locale.ROOT, "%d flows, %d connections (%d with both directions), %s%s", flows.size(),
                cs.size(), paired, FlowNames.bytes(bytes),
                first == null ? "" : ", " + TIME.format(first) + " to " + (last == null ? "?" : TIME.format(last)) + " UTC");
    }
}
