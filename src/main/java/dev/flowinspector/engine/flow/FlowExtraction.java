package dev.flowinspector.engine.flow;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateField;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that knows which fields make a flow: builds {@link FlowRecord}s from decoded data records
 * (captures, the GUI) and from the collector's JSON objects, and reads the sampling an options record
 * announces. Element names are IPFIX's; v1/v5/v7/v8 records use the same names.
 */
public final class FlowExtraction {

    private static final String[] SRC = {"sourceIPv4Address", "sourceIPv6Address"};
    private static final String[] DST = {"destinationIPv4Address", "destinationIPv6Address"};
    private static final String[] SRC_PORT = {"sourceTransportPort"};
    private static final String[] DST_PORT = {"destinationTransportPort"};
    private static final String[] PROTO = {"protocolIdentifier"};
    private static final String[] PACKETS = {"packetDeltaCount", "packetTotalCount", "postPacketDeltaCount"};
    private static final String[] BYTES = {"octetDeltaCount", "octetTotalCount", "postOctetDeltaCount"};
    private static final String[] IN_IF = {"ingressInterface"};
    private static final String[] OUT_IF = {"egressInterface"};
    private static final String[] SRC_AS = {"bgpSourceAsNumber"};
    private static final String[] DST_AS = {"bgpDestinationAsNumber"};
    private static final String[] FLAGS = {"tcpControlBits"};
    private static final String[] SAMPLER = {"samplerId", "selectorId"};
    private static final String[] IF_NAME = {"interfaceName", "interfaceDescription"};
    private static final String[] IF_INDEX = {"ingressInterface", "egressInterface"};
    private static final String[] OWN_SAMPLING = {"samplingInterval", "samplerRandomInterval"};
    /** The collector's JSON has absolute "flowStart"/"flowEnd"; decoded records have the elements. */
    private static final String[] START = {"flowStart", "flowStartMilliseconds", "flowStartSeconds",
        "flowStartMicroseconds", "flowStartNanoseconds", "flowStartSysUpTime"};
    private static final String[] END = {"flowEnd", "flowEndMilliseconds", "flowEndSeconds", "flowEndMicroseconds",
        "flowEndNanoseconds", "flowEndSysUpTime"};

    /** Every element name extraction reads (a JSON reader can skip the rest). */
    public static final java.util.Set<String> NAMES;

    static {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (String[] a : new String[][] {SRC, DST, SRC_PORT, DST_PORT, PROTO, PACKETS, BYTES, IN_IF, OUT_IF, SRC_AS,
            DST_AS, FLAGS, SAMPLER, OWN_SAMPLING, START, END, IF_NAME, IF_INDEX}) {
            s.addAll(List.of(a));
        }
        s.addAll(List.of("samplingPacketInterval", "samplingPacketSpace", "samplingSize", "samplingPopulation",
                "exporter", "domain", "options"));
        NAMES = java.util.Set.copyOf(s);
    }

    private FlowExtraction() {
    }

    /** Named values of one record. */
    private interface Values {
        /** Unsigned value (up to 8 bytes), or -1 when absent. */
        long num(String[] names);

        /** Text of an address or string, or null. */
        String text(String[] names);

        /** An absolute time, or null. */
        Instant time(String[] names);
    }

    /**
     * The flow in a decoded data record, or null when the record carries no addresses (e.g. options data).
     *
     * @param p     the packet the record came in (exporter, domain, frame, v5 header sampling)
     * @param index 0-based packet row, or -1
     */
    public static FlowRecord of(ExportPacket p, DataRecord r, int index) {
        long own = -1;
        if (p.version() == 5) {
            FieldValue s = p.headerField("sampling");
            long interval = s == null ? 0 : s.asLong(0) & 0x3fff;
            own = interval > 1 ? interval : -1;
        }
        return flow(new RecordValues(r), p.context().source().toString(), p.domain(), p.frame(), index, own);
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
        if (Boolean.TRUE.equals(o.apply("options"))) {
            return null;
        }
        Object e = o.apply("exporter");
        Object d = o.apply("domain");
        return flow(new JsonValues(o), e instanceof String s ? s : null, d instanceof Long l ? l : -1, -1, -1, -1);
    }

    private static FlowRecord flow(Values v, String exporter, long domain, long frame, int index, long ownSampling) {
        String src = v.text(SRC);
        String dst = v.text(DST);
        if (src == null && dst == null) {
            return null;
        }
        long own = v.num(OWN_SAMPLING);
        return new FlowRecord(exporter, domain, frame, index, v.time(START), v.time(END), src, dst,
                (int) v.num(SRC_PORT), (int) v.num(DST_PORT), (int) v.num(PROTO), v.num(PACKETS), v.num(BYTES), 1,
                v.num(IN_IF), v.num(OUT_IF), v.num(SRC_AS), v.num(DST_AS), (int) v.num(FLAGS), v.num(SAMPLER),
                own > 1 ? own : ownSampling);
    }

    /** Learns the sampling and interface names an options record of a decoded packet announces. */
    public static void learnOptions(ExportPacket p, DataRecord r, ExporterOptions t, String where) {
        learn(new RecordValues(r), p.context().source().toString(), p.domain(), t, where);
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
        long sampler = v.num(SAMPLER);
        long interval = v.num(new String[] {"samplingInterval"});
        long random = v.num(new String[] {"samplerRandomInterval"});
        long pi = v.num(new String[] {"samplingPacketInterval"});
        long ps = v.num(new String[] {"samplingPacketSpace"});
        long size = v.num(new String[] {"samplingSize"});
        long pop = v.num(new String[] {"samplingPopulation"});
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

    /** Values of a decoded record; indices of the names are kept per template. */
    private static final class RecordValues implements Values {
        private static final ThreadLocal<Map<Template, Map<String, Integer>>> INDEX =
                ThreadLocal.withInitial(java.util.IdentityHashMap::new);
        private final DataRecord r;
        private final Map<String, Integer> index;

        RecordValues(DataRecord r) {
            this.r = r;
            Map<Template, Map<String, Integer>> cache = INDEX.get();
            Map<String, Integer> m = cache.get(r.template());
            if (m == null) {
                m = new HashMap<>();
                List<TemplateField> fs = r.template().fields();
                for (int i = 0; i < fs.size(); i++) {
                    m.putIfAbsent(fs.get(i).name(), i);
                }
                if (cache.size() > 4096) {
                    cache.clear(); // templates are few; this bounds a hostile stream of them
                }
                cache.put(r.template(), m);
            }
            this.index = m;
        }

        private int at(String[] names) {
            for (String n : names) {
                Integer i = index.get(n);
                if (i != null) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public long num(String[] names) {
            int i = at(names);
            int len = i < 0 ? 0 : r.valueLength(i);
            return len > 0 && len <= 8 ? r.unsigned(i) : -1;
        }

        @Override
        public String text(String[] names) {
            int i = at(names);
            if (i < 0) {
                return null;
            }
            Object v = r.field(i).value();
            return v == null ? null : v.toString();
        }

        @Override
        public Instant time(String[] names) {
            int i = at(names);
            if (i < 0) {
                return null;
            }
            FieldValue f = r.field(i);
            if (f.value() instanceof Instant t) {
                return t;
            }
            FieldValue abs = f.child("absolute");
            return abs != null && abs.value() instanceof Instant t ? t : null;
        }
    }

    /** Values of a JSON object (field name to Long, String, Boolean). */
    private record JsonValues(java.util.function.Function<String, Object> o) implements Values {
        @Override
        public long num(String[] names) {
            for (String n : names) {
                if (o.apply(n) instanceof Long l) {
                    return l;
                }
            }
            return -1;
        }

        @Override
        public String text(String[] names) {
            for (String n : names) {
                if (o.apply(n) instanceof String s) {
                    return s;
                }
            }
            return null;
        }

        @Override
        public Instant time(String[] names) {
            String s = text(names);
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
