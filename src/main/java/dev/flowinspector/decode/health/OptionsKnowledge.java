package dev.flowinspector.decode.health;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.TemplateField;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What options data (RFC 7011 §3.4.2.2, RFC 3954 §6.2) told us about each exporter: sampling rates
 * (samplingInterval 34, samplerRandomInterval 50, samplingPacketInterval/Space 305/306,
 * samplingSize/Population 309/310, per samplerId 48 / selectorId 302 or exporter-wide; RFC 7012 §5.12, RFC 5477)
 * and names of interfaces (interfaceName 82, interfaceDescription 83), VRFs (VRFname 236) and applications
 * (applicationName 96); also the v5 header's sampling field. {@link #annotate} applies them to a data record:
 * renormalised counters next to the raw ones and names next to ids, each saying which record supplied it.
 */
public final class OptionsKnowledge {

    /** Where a learned value came from: "options record 2 of set 257 in frame 5". */
    public record Source(long frame, int setId, int record, int offset) {
        public String describe() {
            return setId < 0 ? "v5 header of frame " + frame
                    : "options record " + record + " of set " + setId + " in frame " + frame;
        }
    }

    /** A sampling rate: 1 packet in {@code rate} sampled. */
    public record Sampling(double rate, String how, Source source) {
    }

    /** A name learned for an id. */
    public record Name(String name, Source source) {
    }

    private static final Set<Integer> PACKET_COUNTERS = Set.of(2, 24, 86, 87);
    private static final Set<Integer> OCTET_COUNTERS = Set.of(1, 23, 85, 171);
    private static final long ANY = -1;

    private final Map<StreamKey, Map<Long, Sampling>> sampling = new HashMap<>();
    private final Map<StreamKey, Map<Long, Name>> interfaces = new HashMap<>();
    private final Map<StreamKey, Map<Long, Name>> vrfs = new HashMap<>();
    private final Map<StreamKey, Map<String, Name>> applications = new HashMap<>();

    /** Learns from the options data records of a packet (in capture order). */
    public void accept(ExportPacket p) {
        if (p.version() != 9 && p.version() != 10) {
            return;
        }
        StreamKey key = StreamKey.of(p);
        for (FlowSet s : p.sets()) {
            if (s.kind() != SetKind.OPTIONS_DATA || s.template() == null) {
                continue;
            }
            for (int i = 0; i < s.records().size(); i++) {
                learn(key, p.version(), s.records().get(i), new Source(p.frame(), s.id(), i + 1,
                        s.records().get(i).offset()));
            }
        }
    }

    private void learn(StreamKey key, int version, DataRecord r, Source src) {
        Map<Integer, Integer> idx = index(r, version);
        long sampler = ANY;
        if (idx.containsKey(48)) {
            sampler = r.unsigned(idx.get(48));
        } else if (idx.containsKey(302)) {
            sampler = r.unsigned(idx.get(302));
        }
        Sampling smp = null;
        if (idx.containsKey(305)) {
            long interval = r.unsigned(idx.get(305));
            long space = idx.containsKey(306) ? r.unsigned(idx.get(306)) : 0;
            if (interval > 0) {
                smp = new Sampling((double) (interval + space) / interval, "samplingPacketInterval " + interval
                        + (space > 0 ? ", samplingPacketSpace " + space : ""), src);
            }
        } else if (idx.containsKey(309) && idx.containsKey(310)) {
            long size = r.unsigned(idx.get(309));
            long pop = r.unsigned(idx.get(310));
            if (size > 0 && pop >= size) {
                smp = new Sampling((double) pop / size, "samplingSize " + size + " of samplingPopulation " + pop, src);
            }
        } else {
            for (int id : new int[] {34, 50}) {
                if (idx.containsKey(id)) {
                    long v = r.unsigned(idx.get(id));
                    if (v > 0) {
                        smp = new Sampling(v, (id == 34 ? "samplingInterval " : "samplerRandomInterval ") + v, src);
                    }
                    break;
                }
            }
        }
        if (smp != null) {
            sampling.computeIfAbsent(key, k -> new HashMap<>()).put(sampler, smp);
        }
        Integer nameIdx = idx.containsKey(82) ? idx.get(82) : idx.get(83);
        Integer ifIdx = idx.containsKey(10) ? idx.get(10) : idx.containsKey(14) ? idx.get(14) : idx.get(-2);
        if (nameIdx != null && ifIdx != null) {
            interfaces.computeIfAbsent(key, k -> new HashMap<>()).put(r.unsigned(ifIdx),
                    new Name(text(r, nameIdx), src));
        }
        Integer vrfIdx = idx.containsKey(234) ? idx.get(234) : idx.get(235);
        if (idx.containsKey(236) && vrfIdx != null) {
            vrfs.computeIfAbsent(key, k -> new HashMap<>()).put(r.unsigned(vrfIdx), new Name(text(r, idx.get(236)), src));
        }
        if (idx.containsKey(95) && idx.containsKey(96)) {
            applications.computeIfAbsent(key, k -> new HashMap<>()).put(hex(r, idx.get(95)),
                    new Name(text(r, idx.get(96)), src));
        }
    }

    /** Field index by IANA element id; v9 scope fields by scope type as negative ids (-2: interface). */
    private static Map<Integer, Integer> index(DataRecord r, int version) {
        Map<Integer, Integer> idx = new HashMap<>();
        List<TemplateField> fs = r.template().fields();
        for (int i = 0; i < fs.size(); i++) {
            TemplateField f = fs.get(i);
            if (f.length() == 0) {
                continue;
            }
            if (version == 9 && f.scope()) {
                idx.putIfAbsent(-f.id(), i);
            } else if (f.pen() == 0) {
                idx.putIfAbsent(f.id(), i);
            }
        }
        return idx;
    }

    private static String text(DataRecord r, int i) {
        Object v = r.field(i).value();
        return v instanceof String s ? s.strip() : String.valueOf(r.field(i).display());
    }

    private static String hex(DataRecord r, int i) {
        Object v = r.field(i).value();
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return String.valueOf(v);
    }

    /** The sampling that applies to a data record of a stream (its sampler's, else exporter-wide), or null. */
    public Sampling samplingFor(StreamKey key, DataRecord r) {
        Map<Long, Sampling> m = sampling.get(key);
        if (m == null || m.isEmpty()) {
            return null;
        }
        Map<Integer, Integer> idx = index(r, key.version());
        Integer si = idx.containsKey(48) ? idx.get(48) : idx.get(302);
        if (si != null && m.containsKey(r.unsigned(si))) {
            return m.get(r.unsigned(si));
        }
        if (m.containsKey(ANY)) {
            return m.get(ANY);
        }
        return m.size() == 1 && si == null ? m.values().iterator().next() : null;
    }

    /** The name of an interface index, or null. */
    public Name interfaceName(StreamKey key, long ifIndex) {
        Map<Long, Name> m = interfaces.get(key);
        return m == null ? null : m.get(ifIndex);
    }

    /** Interface names learned for a stream. */
    public Map<Long, Name> interfaceNames(StreamKey key) {
        return Map.copyOf(interfaces.getOrDefault(key, Map.of()));
    }

    /** The name of a VRF id, or null. */
    public Name vrfName(StreamKey key, long vrf) {
        Map<Long, Name> m = vrfs.get(key);
        return m == null ? null : m.get(vrf);
    }

    /** Every stream with anything learned. */
    public Set<StreamKey> streams() {
        Set<StreamKey> out = new HashSet<>(sampling.keySet());
        out.addAll(interfaces.keySet());
        out.addAll(vrfs.keySet());
        out.addAll(applications.keySet());
        return out;
    }

    /** Sampling rates of a stream by sampler id (-1: exporter-wide). */
    public Map<Long, Sampling> samplings(StreamKey key) {
        return Map.copyOf(sampling.getOrDefault(key, Map.of()));
    }

    /**
     * Values options data (or the v5 header) adds to a data record: renormalised packet and octet counters
     * (raw × sampling rate) and names of interfaces, VRFs and applications. Each points at the raw field's
     * bytes and names its source. Empty when nothing applies.
     */
    public List<FieldValue> annotate(ExportPacket p, DataRecord r) {
        List<FieldValue> out = new ArrayList<>();
        StreamKey key = StreamKey.of(p);
        Sampling smp = p.version() == 5 ? v5Sampling(p) : samplingFor(key, r);
        String prefix = p.version() == 10 ? "ipfix" : "nf" + p.version();
        List<TemplateField> fs = r.template().fields();
        for (int i = 0; i < fs.size(); i++) {
            TemplateField f = fs.get(i);
            if (f.pen() != 0 || (p.version() == 9 && f.scope()) || r.valueLength(i) == 0 || r.valueLength(i) > 8) {
                continue;
            }
            int id = f.id();
            boolean counter = PACKET_COUNTERS.contains(id) || OCTET_COUNTERS.contains(id)
                    || (p.version() <= 8 && (f.name().equals("packetDeltaCount") || f.name().equals("octetDeltaCount")));
            if (counter && smp != null && smp.rate() > 1) {
                long raw = r.unsigned(i);
                BigInteger est = new java.math.BigDecimal(Long.toUnsignedString(raw))
                        .multiply(java.math.BigDecimal.valueOf(smp.rate())).setScale(0, java.math.RoundingMode.HALF_UP)
                        .toBigInteger();
                Object value = est.bitLength() < 64 ? (Object) est.longValue() : est;
                out.add(new FieldValue(f.name() + " (renormalised)", prefix + ".renormalised." + f.name(), null,
                        r.valueOffset(i), r.valueLength(i), value, est + " (raw " + Long.toUnsignedString(raw) + " × "
                        + rate(smp.rate()) + ", " + smp.how() + " from " + smp.source().describe() + ")", null));
            } else if ((id == 10 || id == 14) && p.version() >= 9) {
                Name n = interfaceName(key, r.unsigned(i));
                if (n != null) {
                    out.add(named(prefix, f.name(), r, i, n));
                }
            } else if ((id == 234 || id == 235) && p.version() >= 9) {
                Name n = vrfName(key, r.unsigned(i));
                if (n != null) {
                    out.add(named(prefix, f.name(), r, i, n));
                }
            }
        }
        if (p.version() >= 9) {
            for (int i = 0; i < fs.size(); i++) {
                TemplateField f = fs.get(i);
                if (f.pen() == 0 && f.id() == 95 && !f.scope() && applications.containsKey(key)) {
                    Name n = applications.get(key).get(hex(r, i));
                    if (n != null) {
                        out.add(named(prefix, f.name(), r, i, n));
                    }
                }
            }
        }
        return out;
    }

    private static FieldValue named(String prefix, String field, DataRecord r, int i, Name n) {
        return new FieldValue(field + " name", prefix + ".name." + field, null, r.valueOffset(i), r.valueLength(i),
                n.name(), n.name() + " (from " + n.source().describe() + ")", null);
    }

    private static Sampling v5Sampling(ExportPacket p) {
        FieldValue s = p.headerField("sampling");
        if (s == null) {
            return null;
        }
        long raw = s.asLong(0);
        long mode = raw >>> 14;
        long interval = raw & 0x3fff;
        if (mode == 0 && interval == 0 || interval <= 1) {
            return null;
        }
        return new Sampling(interval, "v5 header sampling interval " + interval + " (mode " + mode + ")",
                new Source(p.frame(), -1, 0, 22));
    }

    private static String rate(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(java.util.Locale.ROOT, "%.3f", r);
    }
}
