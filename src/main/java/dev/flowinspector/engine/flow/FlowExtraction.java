package dev.flowinspector.engine.flow;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldPlan;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The one place that knows which fields make a flow: builds {@link FlowRecord}s from decoded data records
 * (captures, the GUI) and from the collector's JSON objects, and reads the sampling an options record
 * announces. Element names are IPFIX's; v1/v5/v7/v8 records use the same names.
 */
public final class FlowExtraction {

    // Each group lists the element names that give one flow value, in order of preference.
    private static final String[][] GROUPS = {
        {"sourceIPv4Address", "sourceIPv6Address"},
        {"destinationIPv4Address", "destinationIPv6Address"},
        {"sourceTransportPort"},
        {"destinationTransportPort"},
        {"protocolIdentifier"},
        {"packetDeltaCount", "packetTotalCount", "postPacketDeltaCount"},
        {"octetDeltaCount", "octetTotalCount", "postOctetDeltaCount"},
        {"ingressInterface"},
        {"egressInterface"},
        {"bgpSourceAsNumber"},
        {"bgpDestinationAsNumber"},
        {"tcpControlBits"},
        {"samplerId", "selectorId"},
        {"interfaceName", "interfaceDescription"},
        {"ingressInterface", "egressInterface"},
        {"samplingInterval", "samplerRandomInterval"},
        // the collector's JSON has absolute "flowStart"/"flowEnd"; decoded records have the elements
        {"flowStart", "flowStartMilliseconds", "flowStartSeconds", "flowStartMicroseconds", "flowStartNanoseconds",
            "flowStartSysUpTime"},
        {"flowEnd", "flowEndMilliseconds", "flowEndSeconds", "flowEndMicroseconds", "flowEndNanoseconds",
            "flowEndSysUpTime"},
        {"samplingInterval"},
        {"samplerRandomInterval"},
        {"samplingPacketInterval"},
        {"samplingPacketSpace"},
        {"samplingSize"},
        {"samplingPopulation"},
        {"systemInitTimeMilliseconds"},
        {"flowStartSysUpTime"},
        {"flowEndSysUpTime"},
    };
    private static final int SRC = 0;
    private static final int DST = 1;
    private static final int SRC_PORT = 2;
    private static final int DST_PORT = 3;
    private static final int PROTO = 4;
    private static final int PACKETS = 5;
    private static final int BYTES = 6;
    private static final int IN_IF = 7;
    private static final int OUT_IF = 8;
    private static final int SRC_AS = 9;
    private static final int DST_AS = 10;
    private static final int FLAGS = 11;
    private static final int SAMPLER = 12;
    private static final int IF_NAME = 13;
    private static final int IF_INDEX = 14;
    private static final int OWN_SAMPLING = 15;
    private static final int START = 16;
    private static final int END = 17;
    private static final int INTERVAL = 18;
    private static final int RANDOM = 19;
    private static final int PACKET_INTERVAL = 20;
    private static final int PACKET_SPACE = 21;
    private static final int SIZE = 22;
    private static final int POPULATION = 23;
    private static final int SYS_INIT = 24;
    private static final int UPTIME_START = 25;
    private static final int UPTIME_END = 26;

    /** Every element name extraction reads (a JSON reader can skip the rest). */
    public static final java.util.Set<String> NAMES;

    static {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (String[] a : GROUPS) {
            s.addAll(List.of(a));
        }
        s.addAll(List.of("exporter", "domain", "options"));
        NAMES = java.util.Set.copyOf(s);
    }

    private FlowExtraction() {
    }

    /** The values of one record, by group ({@link #GROUPS}). */
    private interface Values {
        /** Unsigned value (up to 8 bytes), or -1 when absent. */
        long num(int group);

        /** Text of an address or string, or null. */
        String text(int group);

        /** An absolute time, or null. */
        Instant time(int group);
    }

    /**
     * The flow in a decoded data record, or null when the record carries no addresses (e.g. options data).
     *
     * @param p     the packet the record came in (exporter, domain, frame, v5 header sampling)
     * @param index 0-based packet row, or -1
     */
    public static FlowRecord of(ExportPacket p, DataRecord r, int index) {
        return of(p, r, index, null);
    }

    /**
     * As {@link #of(ExportPacket, DataRecord, int)}; IPFIX times given as flowStart/EndSysUpTime count from the
     * systemInitTimeMilliseconds in the record, else the one its exporter announced in {@code options} (may be null).
     */
    public static FlowRecord of(ExportPacket p, DataRecord r, int index, ExporterOptions options) {
        long own = -1;
        if (p.version() == 5) {
            FieldValue s = p.headerField("sampling");
            long interval = s == null ? 0 : s.asLong(0) & 0x3fff;
            own = interval > 1 ? interval : -1;
        }
        return flow(new RecordValues(r), exporterText(p.context().source()), p.domain(), p.frame(), index, own, options);
    }

    /** The exporter's text last made, with its endpoint: the records of a packet, and of its exporter, share one. */
    private record ExporterText(Endpoint endpoint, String text) { }

    /** Read and replaced without locking: an entry is immutable, and a lost update only makes the text again. */
    private static ExporterText lastExporter;

    private static String exporterText(Endpoint e) {
        ExporterText t = lastExporter;
        if (t != null && t.endpoint().equals(e)) {
            return t.text();
        }
        String text = e.toString();
        lastExporter = new ExporterText(e, text);
        return text;
    }

    /** Every flow of a decoded packet, in record order (data sets only). */
    public static void flows(ExportPacket p, int index, java.util.function.Consumer<FlowRecord> sink) {
        for (FlowSet s : p.sets()) {
            if (s.kind() != SetKind.DATA || s.template() == null) {
                continue;
            }
            for (DataRecord r : s.records()) {
                FlowRecord f = of(p, r, index);
                if (f != null) {
                    sink.accept(f);
                }
            }
        }
    }

    /**
     * The flow in one of the collector's JSON objects (a lookup of field name to Long, String or Boolean), or
     * null when it is options data or carries no addresses.
     */
    public static FlowRecord ofJson(java.util.function.Function<String, Object> o) {
        return ofJson(o, null);
    }

    /** As {@link #ofJson(java.util.function.Function)}, with IPFIX uptime-relative times as in {@link #of(ExportPacket, DataRecord, int, ExporterOptions)}. */
    public static FlowRecord ofJson(java.util.function.Function<String, Object> o, ExporterOptions options) {
        if (Boolean.TRUE.equals(o.apply("options"))) {
            return null;
        }
        Object e = o.apply("exporter");
        Object d = o.apply("domain");
        return flow(new JsonValues(o), e instanceof String s ? s : null, d instanceof Long l ? l : -1, -1, -1, -1, options);
    }

    private static FlowRecord flow(Values v, String exporter, long domain, long frame, int index, long ownSampling,
                                   ExporterOptions options) {
        String src = v.text(SRC);
        String dst = v.text(DST);
        if (src == null && dst == null) {
            return null;
        }
        long own = v.num(OWN_SAMPLING);
        Instant start = v.time(START);
        Instant end = v.time(END);
        if (start == null || end == null) {
            // IPFIX has no header uptime: flowStart/EndSysUpTime count from the metering process's start
            long init = v.num(SYS_INIT);
            if (init <= 0 && options != null) {
                init = options.initTime(exporter, domain);
            }
            if (init > 0) {
                start = start != null ? start : sinceInit(init, v.num(UPTIME_START));
                end = end != null ? end : sinceInit(init, v.num(UPTIME_END));
            }
        }
        return new FlowRecord(exporter, domain, frame, index, start, end, src, dst,
                (int) v.num(SRC_PORT), (int) v.num(DST_PORT), (int) v.num(PROTO), v.num(PACKETS), v.num(BYTES), 1,
                v.num(IN_IF), v.num(OUT_IF), v.num(SRC_AS), v.num(DST_AS), (int) v.num(FLAGS), v.num(SAMPLER),
                own > 1 ? own : ownSampling);
    }

    private static Instant sinceInit(long init, long uptime) {
        return uptime < 0 ? null : Instant.ofEpochMilli(init + uptime);
    }

    /** Learns the sampling and interface names an options record of a decoded packet announces. */
    public static void learnOptions(ExportPacket p, DataRecord r, ExporterOptions t, String where) {
        learn(new RecordValues(r), exporterText(p.context().source()), p.domain(), t, where);
    }

    /** Learns the sampling and interface names an options object of the collector's JSON announces (other objects are ignored). */
    public static void learnOptionsJson(java.util.function.Function<String, Object> o, ExporterOptions t, String where) {
        if (!Boolean.TRUE.equals(o.apply("options"))) {
            return;
        }
        Object e = o.apply("exporter");
        Object d = o.apply("domain");
        learn(new JsonValues(o), e instanceof String s ? s : null, d instanceof Long l ? l : -1, t, where);
    }

    /** Sampling from samplingInterval/samplerRandomInterval, packet interval and space, or size and population. */
    private static void learn(Values v, String exporter, long domain, ExporterOptions t, String where) {
        String ifName = v.text(IF_NAME);
        if (ifName != null) {
            t.learnInterface(exporter, domain, v.num(IF_INDEX), ifName);
        }
        t.learnInit(exporter, domain, v.num(SYS_INIT));
        long sampler = v.num(SAMPLER);
        long interval = v.num(INTERVAL);
        long random = v.num(RANDOM);
        long pi = v.num(PACKET_INTERVAL);
        long ps = v.num(PACKET_SPACE);
        long size = v.num(SIZE);
        long pop = v.num(POPULATION);
        if (interval > 0) {
            t.learn(exporter, domain, sampler, interval, "samplingInterval " + interval + " (" + where + ")");
        } else if (random > 0) {
            t.learn(exporter, domain, sampler, random, "samplerRandomInterval " + random + " (" + where + ")");
        } else if (pi > 0 && ps >= 0) {
            t.learn(exporter, domain, sampler, (pi + ps) / (double) pi,
                    "samplingPacketInterval " + pi + " / samplingPacketSpace " + ps + " (" + where + ")");
        } else if (size > 0 && pop > 0) {
            t.learn(exporter, domain, sampler, pop / (double) size,
                    "samplingSize " + size + " of samplingPopulation " + pop + " (" + where + ")");
        }
    }

    /** Which field of a template gives each group: found once per field plan. */
    private static final class Fields {
        final int[] at = new int[GROUPS.length];

        Fields(FieldPlan plan) {
            for (int g = 0; g < GROUPS.length; g++) {
                int i = -1;
                for (String n : GROUPS[g]) {
                    i = plan.index(n);
                    if (i >= 0) {
                        break;
                    }
                }
                at[g] = i;
            }
        }
    }

    /** Values of a decoded record, read through its template's field plan. */
    private static final class RecordValues implements Values {
        private final DataRecord r;
        private final FieldPlan plan;
        private final int[] at;

        RecordValues(DataRecord r) {
            this.r = r;
            this.plan = r.plan();
            this.at = plan.derived(Fields.class, Fields::new).at;
        }

        @Override
        public long num(int group) {
            int i = at[group];
            return i < 0 ? -1 : plan.number(r, i, -1);
        }

        @Override
        public String text(int group) {
            int i = at[group];
            if (i < 0 || r.valueLength(i) == 0) {
                return null;
            }
            return switch (plan.kind(i)) {
                case IPV4, IPV6, MAC -> plan.address(r, i);
                default -> plan.text(r, i);
            };
        }

        @Override
        public Instant time(int group) {
            int i = at[group];
            if (i < 0) {
                return null;
            }
            long ms = plan.millis(r, i);
            return ms == FieldPlan.NO_TIME ? null : ms == FieldPlan.FINER ? plan.instant(r, i) : Instant.ofEpochMilli(ms);
        }
    }

    /** Values of a JSON object (field name to Long, String, Boolean). */
    private record JsonValues(java.util.function.Function<String, Object> o) implements Values {
        @Override
        public long num(int group) {
            for (String n : GROUPS[group]) {
                if (o.apply(n) instanceof Long l) {
                    return l;
                }
            }
            return -1;
        }

        @Override
        public String text(int group) {
            for (String n : GROUPS[group]) {
                if (o.apply(n) instanceof String s) {
                    return s;
                }
            }
            return null;
        }

        @Override
        public Instant time(int group) {
            String s = text(group);
            if (s == null) {
                return null;
            }
            Instant fast = utc(s);
            if (fast != null) {
                return fast;
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * The collector's time text "2024-05-01T12:00:00.123Z" (0-9 fraction digits) read without the general
     * parser; null for any other shape (then Instant.parse decides).
     */
    static Instant utc(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int y = digits(s, 0, 4);
        int mo = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        int h = digits(s, 11, 2);
        int mi = digits(s, 14, 2);
        int sec = digits(s, 17, 2);
        long nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
                return null;
            }
            int f = digits(s, 20, n - 21);
            if (f < 0) {
                return null;
            }
            nanos = f * (long) Math.pow(10, 9 - (n - 21));
        }
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
            return null;
        }
        try {
            long day = java.time.LocalDate.of(y, mo, d).toEpochDay();
            return Instant.ofEpochSecond(day * 86_400 + h * 3600L + mi * 60L + sec, nanos);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int at, int len) {
        int v = 0;
        for (int i = at; i < at + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
