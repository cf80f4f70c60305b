package dev.flowinspector.tools.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One simulated exporter: its clocks, sequence counters, templates and traffic, and the encoders that turn
 * flows into NetFlow v5 (Cisco v5 format), v9 (RFC 3954) and IPFIX (RFC 7011) packets.
 */
final class Exporter {

    static final int V5_HEADER = 24;
    static final int V5_RECORD = 48;
    static final int V5_MAX = 30;
    private static final String[][] INTERFACES = {
        {"GigabitEthernet0/0/1", "access: office LAN"},
        {"GigabitEthernet0/0/2", "access: guest Wi-Fi"},
        {"TenGigabitEthernet0/1/0", "uplink to transit AS64511"},
        {"TenGigabitEthernet0/1/1", "uplink to peering exchange"},
    };

    final int index;
    final int version;
    final long domain;
    final long bootMs;
    private final GeneratorOptions o;
    private final Traffic traffic;
    private final Wire w = new Wire(4096);
    private final List<TemplateSpec> flowTemplates;
    private final List<TemplateSpec> optionTemplates;
    private final int firstTemplatePacket;

    long packets;
    /** v5 flow_sequence and IPFIX sequence number: data records sent before. */
    long records;
    /** v9 sequence number: packets sent before. */
    long v9Sequence;
    private Flow pending;
    private int lastRecords;
    /** Set while building a pooled packet ({@link PacketPool}): no templates, value positions noted. */
    private PacketPool.Marks marks;

    /** Data records (options data included) in the last packet built. */
    int lastRecordCount() {
        return lastRecords;
    }

    Exporter(int index, int version, GeneratorOptions o, SplittableRandom r, long startMs) {
        this.index = index;
        this.version = version;
        this.o = o;
        this.traffic = new Traffic(r, o.ipv6Share, index);
        this.domain = version == 5 ? index & 0xff : index + 1;
        this.bootMs = startMs - 3_600_000L - r.nextLong(20L * 86_400_000L);
        this.flowTemplates = new ArrayList<>(Templates.flowTemplates(version));
        this.optionTemplates = Templates.optionsTemplates(version);
        this.firstTemplatePacket = o.faults.contains(Fault.MISSING_TEMPLATE) ? o.faultAt : 0;
    }

    /** Builds the next packet at time nowMs with the given faults; records are added to recs when not null. */
    byte[] build(long nowMs, Set<Fault> faults, List<GeneratedRecord> recs) {
        w.reset();
        byte[] out = switch (version) {
            case 5 -> v5(nowMs, faults, recs);
            case 9 -> v9(nowMs, faults, recs);
            default -> ipfix(nowMs, faults, recs);
        };
        packets++;
        if (faults.contains(Fault.TRUNCATED)) {
            return java.util.Arrays.copyOf(out, 10);
        }
        return out;
    }

    /**
     * Builds a data packet for {@link PacketPool}: no templates or options data, the positions of the values to
     * re-stamp noted in m; the packet counter and sequence numbers are left as they were.
     */
    byte[] buildPooled(long nowMs, PacketPool.Marks m) {
        long p = packets;
        long s = v9Sequence;
        long r = records;
        marks = m;
        try {
            return build(nowMs, Set.of(), null);
        } finally {
            marks = null;
            forgetPending();
            packets = p;
            v9Sequence = s;
            records = r;
        }
    }

    /** Drops flows held over for the next packet (their times belong to the packet just built). */
    void forgetPending() {
        pending = null;
        traffic.forgetPending();
    }

    /** True when the next packet (without faults) carries the templates: it is then built, not pooled. */
    boolean templatesDueNext() {
        return version != 5 && templatesDue(Set.of());
    }

    // ------------------------------------------------------------------ NetFlow v5

    private byte[] v5(long now, Set<Fault> faults, List<GeneratedRecord> recs) {
        int n = Math.min(V5_MAX, Math.max(1, o.v5Records));
        if (faults.contains(Fault.SEQ_GAP)) {
            records += 5L * n;
        }
        w.u16(5);
        int count = faults.contains(Fault.BAD_COUNT) ? n + 1 : faults.contains(Fault.COUNT_ZERO) ? 0 : n;
        w.u16(count);
        w.u32(now - bootMs);
        w.u32(now / 1000);
        w.u32(faults.contains(Fault.BAD_NSECS) ? 1_500_000_000L : (now % 1000) * 1_000_000L);
        w.u32(records);
        w.u8(0); // engine type
        w.u8((int) domain);
        w.u16(o.samplingInterval > 1 ? (1 << 14) | Math.min(o.samplingInterval, 0x3fff) : 0);
        for (int i = 0; i < n; i++) {
            Flow f = nextFlow(now, false);
            if (i == 0 && faults.contains(Fault.BAD_PREFIX)) {
                f.srcMask = 40;
            }
            writeRecord(Templates.V5, f, recs);
        }
        records += n;
        if (faults.contains(Fault.BAD_PADDING)) {
            w.fill(4, 0xee);
        }
        return w.copy();
    }

    // ------------------------------------------------------------------ NetFlow v9

    private boolean templatesDue(Set<Fault> faults) {
        if (marks != null || packets < firstTemplatePacket) {
            return false;
        }
        return (packets - firstTemplatePacket) % Math.max(1, o.templateRefresh) == 0
                || faults.contains(Fault.TEMPLATE_CHANGE) || faults.contains(Fault.WITHDRAWAL)
                || faults.contains(Fault.TEMPLATE_ID_LOW) || faults.contains(Fault.FIELD_LENGTH);
    }

    private byte[] v9(long now, Set<Fault> faults, List<GeneratedRecord> recs) {
        if (faults.contains(Fault.SEQ_GAP)) {
            v9Sequence += 5;
        }
        if (faults.contains(Fault.TEMPLATE_CHANGE)) {
            flowTemplates.set(0, flowTemplates.get(0).withoutLast());
        }
        w.fill(Exporter.V9_HEADER_PLACEHOLDER, 0);
        int count = 0;
        int optionRecords = 0;
        int lastSet = -1;
        if (templatesDue(faults)) {
            lastSet = w.p;
            int set = beginSet(0);
            List<TemplateSpec> defs = new ArrayList<>(flowTemplates);
            if (faults.contains(Fault.TEMPLATE_ID_LOW)) {
                defs.add(flowTemplates.get(0).withId(200));
            }
            if (faults.contains(Fault.FIELD_LENGTH)) {
                defs.add(badLengthTemplate());
            }
            for (TemplateSpec t : defs) {
                w.u16(t.id());
                w.u16(t.fields().size());
                for (FieldSpec f : t.fields()) {
                    w.u16(f.id());
                    w.u16(f.length());
                }
                count++;
            }
            endSet(set, true, false);
            lastSet = w.p;
            set = beginSet(1);
            for (TemplateSpec t : optionTemplates) {
                w.u16(t.id());
                w.u16(4 * t.scopeCount());
                w.u16(4 * (t.fields().size() - t.scopeCount()));
                for (FieldSpec f : t.fields()) {
                    w.u16(f.id());
                    w.u16(f.length());
                }
                count++;
            }
            endSet(set, true, false);
            lastSet = w.p;
            optionRecords = optionsData(now, recs, true);
            count += optionRecords;
        }
        // v9 carries whole seconds and a sysUptime derived from them: flows must end by then (RFC 3954 §5.1)
        List<Flow> flows = pickFlows(now / 1000 * 1000, faults);
        boolean badPad = faults.contains(Fault.BAD_PADDING);
        int dataCount = 0;
        for (TemplateSpec t : flowTemplates) {
            int set = -1;
            for (Flow f : flows) {
                if (templateFor(f) != t.id()) {
                    continue;
                }
                if (set < 0) {
                    lastSet = w.p;
                    set = beginSet(t.id());
                }
                writeRecord(t, f, recs);
                count++;
                dataCount++;
            }
            if (set >= 0) {
                endSet(set, true, badPad);
                badPad = false;
            }
        }
        if (faults.contains(Fault.RESERVED_SET_ID)) {
            lastSet = w.p;
            w.u16(128);
            w.u16(8);
            w.u32(0);
        }
        if (faults.contains(Fault.BAD_SET_LENGTH) && lastSet >= 0) {
            w.setU16(lastSet + 2, ((w.b[lastSet + 2] & 0xff) << 8 | (w.b[lastSet + 3] & 0xff)) + 16);
        }
        lastRecords = dataCount + optionRecords;
        int hc = faults.contains(Fault.BAD_COUNT) ? count + 5 : faults.contains(Fault.COUNT_ZERO) ? 0 : count;
        long secs = now / 1000;
        w.setU16(0, 9);
        w.setU16(2, hc);
        w.setU32(4, secs * 1000 - bootMs);
        w.setU32(8, secs);
        w.setU32(12, v9Sequence);
        w.setU32(16, domain);
        v9Sequence++;
        return w.copy();
    }

    static final int V9_HEADER_PLACEHOLDER = 20;
    static final int IPFIX_HEADER = 16;

    private int beginSet(int id) {
        int at = w.p;
        w.u16(id);
        w.u16(0);
        return at;
    }

    /** Closes a set: v9 pads to 4 bytes (RFC 3954 §5.3); a bad padding fault pads with non-zero bytes. */
    private void endSet(int at, boolean align, boolean badPadding) {
        if (badPadding) {
            int pad = (w.p - at) % 4 == 0 ? 4 : 4 - (w.p - at) % 4;
            w.fill(pad, 0xee);
        } else if (align && (w.p - at) % 4 != 0) {
            w.fill(4 - (w.p - at) % 4, 0);
        }
        w.setU16(at + 2, w.p - at);
    }

    private TemplateSpec badLengthTemplate() {
        List<FieldSpec> fs = List.of(
                new FieldSpec("sourceIPv4Address", 8, 5, FieldSpec.Kind.NUM, f -> 0, null),
                new FieldSpec("destinationIPv4Address", 12, 4, FieldSpec.Kind.NUM, f -> 0, null));
        return new TemplateSpec(300, fs, 0, false);
    }

    /** Options data records (sampling; IPFIX also interface names). Returns the number of records. */
    private int optionsData(long now, List<GeneratedRecord> recs, boolean align) {
        int n = 0;
        for (TemplateSpec t : optionTemplates) {
            int set = beginSet(t.id());
            if (t.id() == Templates.IPFIX_INTERFACES.id()) {
                for (int i = 0; i < INTERFACES.length; i++) {
                    Flow f = new Flow();
                    f.ifIndex = i + 1;
                    f.ifName = INTERFACES[i][0];
                    f.ifDescription = INTERFACES[i][1];
                    writeRecord(t, f, recs);
                    n++;
                }
            } else {
                Flow f = new Flow();
                f.systemScope = domain;
                f.samplerId = 1;
                f.samplingAlgorithm = version == 9 ? (o.samplingInterval > 1 ? 1 : 0) : 1;
                f.samplingInterval = Math.max(1, o.samplingInterval);
                f.samplingSpace = Math.max(0, o.samplingInterval - 1);
                writeRecord(t, f, recs);
                n++;
            }
            endSet(set, align, false);
        }
        return n;
    }

    private int templateFor(Flow f) {
        if (f.ipv6()) {
            return 257;
        }
        return version == 10 && f.tos == -1 ? 258 : 256;
    }

    /** Flows for one v9/IPFIX packet: a target count, within the payload size limit. */
    private List<Flow> pickFlows(long now, Set<Fault> faults) {
        int target = traffic.between(Math.max(1, o.recordsMin), Math.max(o.recordsMin, o.recordsMax));
        int size = w.p + 3 * 8 + 16;
        List<Flow> out = new ArrayList<>(target);
        boolean needApp = faults.contains(Fault.BAD_UTF8);
        while (out.size() < target) {
            Flow f = nextFlow(now, true);
            if (version == 10 && !f.ipv6() && (traffic.chance(30) || needApp)) {
                f.tos = -1; // marks "use the application template" (tos is not in that template)
                if (needApp) {
                    f.applicationRaw = new byte[] {(byte) 0xc3, 0x28, 'x'};
                    needApp = false;
                }
            }
            int rs = recordSize(f);
            if (size + rs > o.maxPayload && !out.isEmpty()) {
                pending = f;
                break;
            }
            size += rs;
            out.add(f);
        }
        if (faults.contains(Fault.BAD_PREFIX)) {
            for (Flow f : out) {
                if (!f.ipv6() && f.tos != -1) {
                    f.srcMask = 40;
                    break;
                }
            }
        }
        return out;
    }

    private int recordSize(Flow f) {
        if (f.ipv6()) {
            return flowTemplates.get(1).fixedLength();
        }
        if (version == 10 && f.tos == -1) {
            int n = f.applicationRaw != null ? f.applicationRaw.length : f.application.length();
            return Templates.IPFIX_APP.fixedLengthWithout() + 1 + n;
        }
        return flowTemplates.get(0).fixedLength();
    }

    private Flow nextFlow(long now, boolean allowV6) {
        if (pending != null) {
            Flow f = pending;
            pending = null;
            return f;
        }
        return traffic.next(now, allowV6);
    }

    private void writeRecord(TemplateSpec t, Flow f, List<GeneratedRecord> recs) {
        if (marks != null) {
            marks.beginRecord();
            for (FieldSpec fs : t.fields()) {
                marks.field(fs, w.p);
                fs.write(w, f, bootMs);
            }
        } else {
            for (FieldSpec fs : t.fields()) {
                fs.write(w, f, bootMs);
            }
        }
        if (recs != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (FieldSpec fs : t.fields()) {
                Object v = fs.expected(f, bootMs);
                if (v != null) {
                    m.put(fs.name(), v);
                }
            }
            recs.add(new GeneratedRecord(t.id(), t.options(), m));
        }
    }

    // ------------------------------------------------------------------ IPFIX

    private byte[] ipfix(long now, Set<Fault> faults, List<GeneratedRecord> recs) {
        if (faults.contains(Fault.SEQ_GAP)) {
            records += 100;
        }
        if (faults.contains(Fault.TEMPLATE_CHANGE)) {
            flowTemplates.set(0, flowTemplates.get(0).withoutLast());
        }
        w.fill(IPFIX_HEADER, 0);
        long before = records;
        int lastSet = -1;
        int dataRecords = 0;
        if (templatesDue(faults)) {
            lastSet = w.p;
            int set = beginSet(2);
            if (faults.contains(Fault.WITHDRAWAL) && packets > firstTemplatePacket) {
                w.u16(258);
                w.u16(0);
            }
            List<TemplateSpec> defs = new ArrayList<>(flowTemplates);
            if (faults.contains(Fault.TEMPLATE_ID_LOW)) {
                defs.add(flowTemplates.get(0).withId(200));
            }
            if (faults.contains(Fault.FIELD_LENGTH)) {
                defs.add(badLengthTemplate());
            }
            for (TemplateSpec t : defs) {
                w.u16(t.id());
                w.u16(t.fields().size());
                for (FieldSpec f : t.fields()) {
                    w.u16(f.id());
                    w.u16(f.length());
                }
            }
            endSet(set, false, false);
            lastSet = w.p;
            set = beginSet(3);
            for (TemplateSpec t : optionTemplates) {
                w.u16(t.id());
                w.u16(t.fields().size());
                w.u16(t.scopeCount());
                for (FieldSpec f : t.fields()) {
                    w.u16(f.id());
                    w.u16(f.length());
                }
            }
            endSet(set, false, false);
            lastSet = w.p;
            dataRecords += optionsData(now, recs, false);
        }
        List<Flow> flows = pickFlows(now, faults);
        boolean badPad = faults.contains(Fault.BAD_PADDING);
        List<TemplateSpec> all = new ArrayList<>(flowTemplates);
        for (TemplateSpec t : all) {
            int set = -1;
            for (Flow f : flows) {
                if (templateFor(f) != t.id()) {
                    continue;
                }
                if (set < 0) {
                    lastSet = w.p;
                    set = beginSet(t.id());
                }
                writeRecord(t, f, recs);
                dataRecords++;
            }
            if (set >= 0) {
                endSet(set, false, badPad && t.fixedLength() > 0);
                if (t.fixedLength() > 0) {
                    badPad = false;
                }
            }
        }
        if (faults.contains(Fault.VARLEN_OVERRUN)) {
            lastSet = w.p;
            int set = beginSet(258);
            Flow f = traffic.next(now, false);
            for (FieldSpec fs : Templates.IPFIX_APP.fields()) {
                if (fs.variable()) {
                    w.u8(200);
                    w.bytes("abc".getBytes(StandardCharsets.US_ASCII));
                } else {
                    fs.write(w, f, bootMs);
                }
            }
            w.setU16(set + 2, w.p - set);
        }
        if (faults.contains(Fault.RESERVED_SET_ID)) {
            lastSet = w.p;
            w.u16(5);
            w.u16(8);
            w.u32(0);
        }
        if (faults.contains(Fault.BAD_SET_LENGTH) && lastSet >= 0) {
            w.setU16(lastSet + 2, ((w.b[lastSet + 2] & 0xff) << 8 | (w.b[lastSet + 3] & 0xff)) + 16);
        }
        records += dataRecords;
        lastRecords = dataRecords;
        w.setU16(0, 10);
        w.setU16(2, faults.contains(Fault.BAD_COUNT) ? w.p + 8 : w.p);
        w.setU32(4, now / 1000);
        w.setU32(8, before);
        w.setU32(12, domain);
        return w.copy();
    }
}
