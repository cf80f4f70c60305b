package dev.flowinspector.decode;

import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElement;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) share: templates in a cache, data sets decoded by them. */
abstract class TemplateBasedDecoder {

    /** IANA ids used by RFC 5610 type records. */
    static final int IE_INFORMATION_ELEMENT_ID = 303;
    static final int IE_PRIVATE_ENTERPRISE_NUMBER = 346;
    static final int IE_DATA_TYPE = 339;
    static final int IE_SEMANTICS = 344;
    static final int IE_UNITS = 345;
    static final int IE_NAME = 341;

    final InformationElementRegistry registry;
    final TemplateCache cache;
    final DecodeOptions options;
    /** Whether data records' values are checked ({@link ExportDecoder#valueChecks}). */
    boolean valueChecks = true;
    private final RecentTemplates recent;

    TemplateBasedDecoder(InformationElementRegistry registry, TemplateCache cache, DecodeOptions options) {
        this.registry = registry;
        this.cache = cache;
        this.options = options;
        recent = new RecentTemplates(cache);
    }

    abstract String prefix();

    /** Checks one field specifier of a template being defined; raises template problems. */
    void checkField(PacketBuilder pb, TemplateField f, int off, int specLen, Set<Long> seen) {
        InformationElement ie = f.ie();
        DataType t = ie.type();
        int len = f.length();
        if (len == 0) {
            pb.problem(Problems.TEMPLATE_FIELD_ZERO, off, specLen, ie.name() + " has length 0: it carries no value");
        } else if (pb.version == 9 && t.isInteger() && len > t.naturalLength() && len <= 8) {
            pb.problem(Problems.V9_FIELD_WIDE, off, specLen, ie.name() + " is " + t.ianaName() + " but the template gives it "
                    + len + " bytes; decoded as a " + (8 * len) + "-bit integer");
        } else if (!f.isVariable() && ie.known() && !lengthFits(t, len)) {
            pb.problem(Problems.TEMPLATE_FIELD_LENGTH, off, specLen, ie.name() + " is " + t.ianaName()
                    + " but the template gives it " + len + " byte" + (len == 1 ? "" : "s")
                    + (t.naturalLength() > 0 ? " (expected " + t.naturalLength() + ")" : ""));
        }
        if (ie.isDeprecated() && pb.version == 10) { // v9 field types are Cisco's, not IANA's
            pb.problem(Problems.TEMPLATE_FIELD_DEPRECATED, off, specLen, ie.name() + " is " + ie.status()
                    + " in the IANA registry");
        }
        long k = (ie.pen() << 16) | ie.id();
        if (!seen.add(k) && !f.scope() && !(ie.pen() == 0 && ie.id() == 210)) { // paddingOctets may repeat
            pb.problem(Problems.TEMPLATE_FIELD_DUPLICATE, off, specLen, ie.name() + " appears more than once");
        }
    }

    /** Whether a fixed length is legal for a type, reduced-size encoding included (RFC 7011 §6.2). */
    static boolean lengthFits(DataType t, int len) {
        if (t.isInteger()) {
            return len >= 1 && len <= t.naturalLength();
        }
        return switch (t) {
            case FLOAT64 -> len == 8 || len == 4;
            case FLOAT32, BOOLEAN, MAC_ADDRESS, IPV4_ADDRESS, IPV6_ADDRESS, DATE_TIME_SECONDS,
                 DATE_TIME_MILLISECONDS, DATE_TIME_MICROSECONDS, DATE_TIME_NANOSECONDS -> len == t.naturalLength();
            default -> true;
        };
    }

    /** Registers a template definition and records the event (and a problem when it changed). */
    void define(PacketBuilder pb, Template t) {
        if (cache.full(t.key())) {
            pb.problem(Problems.TEMPLATE_LIMIT, t.originOffset(), t.originLength(), "template " + t.id()
                    + " not kept: exporter " + t.key().exporter() + " already has " + cache.maxTemplatesPerExporter()
                    + " live templates (the limit)");
            return;
        }
        TemplateEvent e = cache.put(t, pb.ctx.frame(), pb.ctx.timeNanos());
        pb.events.add(e);
        if (e.kind() == TemplateEvent.Kind.CHANGED) {
            pb.problem(Problems.TEMPLATE_CHANGED, t.originOffset(), t.originLength(), "template " + t.id()
                    + " redefined; it was defined in frame " + e.previous().originFrame() + " as "
                    + describe(e.previous()) + ", now " + describe(t));
        }
        int size = t.originLength() + (pb.version == 10 ? 16 + 4 : 20 + 4) + 28;
        if (size > options.pathMtu()) {
            pb.problem(Problems.TEMPLATE_TOO_LARGE, t.originOffset(), t.originLength(), "template " + t.id()
                    + " needs " + size + " bytes with IP/UDP/export headers, above a path MTU of "
                    + options.pathMtu());
        }
    }

    static String describe(Template t) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < t.fields().size(); i++) {
            TemplateField f = t.fields().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(f.name()).append('/').append(f.isVariable() ? "var" : Integer.toString(f.length()));
        }
        return sb.append(']').toString();
    }

    /**
     * The record context for data with RFC 6313 lists, decoded at once: sub-templates are looked up in the
     * cache as it stands now.
     */
    RecordContext recordContext(PacketBuilder pb, TemplateKey anyKey) {
        return new RecordContext(registry, prefix(), pb.sysUptimeMs, pb.exportMillis,
                tid -> cache.get(new TemplateKey(anyKey.exporter(), anyKey.version(), anyKey.domain(), tid)));
    }

    /**
     * The record context for records decoded when read, one per packet: the packet's clocks and the
     * (immutable) registry, and no link to the cache, which keeps changing after the packet is decoded.
     * Values without lists never look templates up.
     */
    RecordContext lazyContext(PacketBuilder pb) {
        RecordContext rc = pb.lazyContext;
        if (rc == null) {
            rc = new RecordContext(registry, prefix(), pb.sysUptimeMs, pb.exportMillis, null);
            pb.lazyContext = rc;
        }
        return rc;
    }

    /** The cache key of a data set's template (as {@link TemplateCache#key}), reusing the last one made for it. */
    TemplateKey dataKey(Endpoint source, int version, long domain, int id) {
        return recent.key(source, version, domain, id);
    }

    /** Why a data set's template is missing, as far as the cache knows now. */
    String missingCause(TemplateKey key) {
        List<TemplateEvent> h = cache.history();
        for (int i = h.size() - 1; i >= 0; i--) {
            TemplateEvent e = h.get(i);
            if (e.key().equals(key)) {
                if (e.kind() == TemplateEvent.Kind.WITHDRAWN) {
                    return "it was withdrawn in frame " + e.frame();
                }
                if (e.kind() == TemplateEvent.Kind.EXPIRED) {
                    return "it expired in frame " + e.frame();
                }
                break;
            }
        }
        List<Template> other = cache.elsewhere(key);
        if (!other.isEmpty()) {
            Template o = other.get(0);
            return "not defined for " + key.exporter() + " domain " + key.domain() + "; template " + key.templateId()
                    + " exists for " + o.key().exporter() + " domain " + o.key().domain() + " (frame "
                    + o.originFrame() + ")";
        }
        return "no template " + key.templateId() + " seen before this packet";
    }

    /** Decodes one data set (header at off) and adds it to the packet. */
    void dataSet(PacketBuilder pb, int setId, int off, int len, TemplateKey key, LateTemplates late, boolean ipfix) {
        dataSet(pb, setId, off, len, key, late, ipfix, false);
    }

    /**
     * Decodes one data set.
     *
     * @param cut true when the set was cut short by the end of the packet (bytes left over are then a
     *            truncated record, not padding)
     */
    void dataSet(PacketBuilder pb, int setId, int off, int len, TemplateKey key, LateTemplates late, boolean ipfix,
                 boolean cut) {
        byte[] d = pb.data;
        Template t = recent.template(key);
        boolean isLate = false;
        if (t == null) {
            Template lt = late.find(key);
            if (lt != null) {
                t = lt;
                isLate = true;
                pb.problem(Problems.DATA_LATE_TEMPLATE, off, 4, "set " + setId + " decoded with template " + setId
                        + " from frame " + lt.originFrame() + " (later)");
            }
        }
        if (t == null) {
            int later = TemplateLookahead.laterInPacket(d, off + len, setId, ipfix);
            pb.problem(Problems.DATA_NO_TEMPLATE, off, len, "data set " + setId + " (" + (len - 4)
                    + " bytes) has no template: " + (later < 0 ? missingCause(key) : "template " + setId
                    + " comes later in this packet (byte " + later + "); a template must come before the data that"
                    + " uses it, so collectors that read in order drop this set"));
            pb.sets.add(new FlowSet(setId, SetKind.DATA, off, len, null, null, false, null, off + 4, 0));
            return;
        }
        int end = off + len;
        int p = off + 4;
        Plan plan = plan(t);
        int fixed = plan.fixed;
        // no object per record (RecordList makes them when asked): where the first starts when all have one fixed
        // length, else two ints a record, and what else a record needs for several variable-length fields or lists
        boolean flat = !plan.hasList && plan.layout.varCount() == 0;
        DataRecord.Shared shared = null;
        int[] places = null;
        Object[] extras = null;
        int n = 0;
        RecordContext rc = plan.hasList ? recordContext(pb, key) : lazyContext(pb);
        int[] checked = plan.checked;
        int[] times = plan.times;
        boolean overrun = false;
        int max = options.maxRecordsPerSet();
        int min = plan.min;
        if (fixed == 0) {
            pb.problem(Problems.DATA_RECORD_TRUNCATED, off, len, "template " + t.id()
                    + " has only zero-length fields: its records cannot be delimited");
        } else if (flat) {
            shared = new DataRecord.Shared(d, t, plan.fieldPlan, rc);
            n = Math.min(max, (end - p) / fixed);
            if (valueChecks && (checked.length > 0 || times.length > 0)) {
                checkFixedRecords(pb, shared, plan, p, n, !ipfix);
            }
            p += n * fixed;
        } else {
            RecordLayout lay = plan.layout;
            int vars = lay.varCount();
            places = new int[2 * Math.max(1, Math.min(1024, (len - 4) / Math.max(1, min)))];
            shared = new DataRecord.Shared(d, t, plan.fieldPlan, rc);
            while (end - p >= min && n < max) {
                int var0 = -1;
                int[] varAt = null;
                if (vars == 1) {
                    var0 = lay.prefixOfOnlyVar(d, p, end);
                } else if (vars > 1) {
                    varAt = lay.prefixes(d, p, end);
                }
                if (vars > 0 && var0 < 0 && varAt == null) {
                    pb.problem(Problems.DATA_VARLEN_OVERRUN, p, end - p, "record " + (n + 1)
                            + " of set " + setId + ": a variable-length field runs past the end of the set");
                    overrun = true;
                    break;
                }
                int recEnd = vars == 0 ? p + fixed : lay.recordEnd(d, varAt == null ? var0 : varAt[vars - 1]);
                List<FieldValue> eager = null;
                if (plan.hasList) {
                    DataRecord laid = new DataRecord(shared, p, var0, varAt, null);
                    List<FieldValue> values = new ArrayList<>(lay.lengths.length);
                    for (int i = 0; i < lay.lengths.length; i++) {
                        values.add(ValueDecoder.decode(t.fields().get(i).ie(), d, laid.valueOffset(i),
                                laid.valueLength(i), rc, 0, pb.problems));
                    }
                    eager = List.copyOf(values);
                }
                Object extra = DataRecord.extra(varAt, eager);
                if (valueChecks) { // the record itself only for the checks: RecordList makes it again when asked
                    DataRecord r = new DataRecord(shared, p, var0, extra);
                    boolean full = plan.quick == null || !plan.quick.clean(d, p, var0, pb.exportMillis, pb.sysUptimeMs, !ipfix);
                    if (full && checked.length > 0) {
                        checkValues(pb, p, r, plan);
                    }
                    if (plan.sized.length > 0) {
                        checkLengths(pb, r, plan.sized);
                    }
                    if (full && times.length > 0) {
                        RecordTimeChecks.check(pb, shared, p, r, times, plan.timesAt, lay.lengths, !ipfix);
                    }
                }
                if (2 * n == places.length) {
                    places = java.util.Arrays.copyOf(places, 2 * Math.min(max, 2 * n));
                }
                places[2 * n] = p;
                places[2 * n + 1] = var0;
                if (extra != null) {
                    if (extras == null || extras.length <= n) {
                        extras = extras == null ? new Object[places.length / 2] : java.util.Arrays.copyOf(extras,
                                places.length / 2);
                    }
                    extras[n] = extra;
                }
                n++;
                p = recEnd;
            }
        }
        if (n >= max && end - p >= min) {
            pb.problem(Problems.LIMIT_REACHED, p, end - p, "more than " + max
                    + " records in set " + setId + "; the rest is not decoded");
        }
        List<DataRecord> records = flat ? RecordList.fixed(shared, off + 4, fixed, n)
                : RecordList.placed(shared, places, extras, n);
        if (ipfix && fixed > 0 && valueChecks) {
            RecordTimeChecks.zeroRecordsAtEnd(pb, setId, records, fixed);
        }
        int padLen = end - p;
        if (padLen > 0 && fixed != 0 && !overrun) { // an overrun's bytes are already reported
            if (cut && !V9Decoder.allZero(pb.data, p, end)) {
                pb.problem(Problems.DATA_RECORD_TRUNCATED, p, padLen, "record " + (records.size() + 1) + " of set "
                        + setId + " is cut short by the end of the packet (" + padLen + " of "
                        + t.minimumLength() + "+ bytes)");
            } else {
                checkPadding(pb, setId, p, padLen, t, ipfix);
            }
        }
        if (records.isEmpty() && fixed != 0 && !overrun) { // an overrun's first record was there, and is reported
            pb.problem(Problems.SET_EMPTY, off, len, "data set " + setId + " carries no record (template " + t.id()
                    + " needs at least " + t.minimumLength() + " bytes, the set has " + (len - 4) + ")");
        }
        SetKind kind = t.options() ? SetKind.OPTIONS_DATA : SetKind.DATA;
        pb.sets.add(new FlowSet(setId, kind, off, len, null, t, isLate, records, padLen > 0 ? p : -1, padLen));
        if (t.options()) {
            learnTypes(pb, records);
        }
    }

    /** What decoding data with one template needs, worked out once per template rather than per set. */
    private static final class Plan {
        /** The fields it was made for: everything below follows from them. */
        final List<TemplateField> fields;
        final int fixed;
        final int min;
        final FieldPlan fieldPlan;
        final RecordLayout layout;
        final int[] checked;
        /** Per checked field: its offset in the record when known without looking at the record, else -1. */
        final int[] checkedAt;
        /** What to check in each checked field (CHECK_*) and its element. */
        final int[] checks;
        final InformationElement[] checkedIes;
        /** Variable-length fields of types with fixed sizes: their lengths are checked per record. */
        final int[] sized;
        final int[] times;
        /** {@link RecordTimeChecks#fixedOffsets} of the time fields. */
        final int[] timesAt;
        /** The checks above as one quick pass, when it covers them all; else null. */
        final QuickChecks quick;
        final boolean hasList;

        Plan(Template t, InformationElementRegistry registry) {
            fields = t.fields();
            fixed = t.fixedLength();
            min = t.minimumLength();
            fieldPlan = FieldPlan.of(t.fields(), registry);
            layout = fieldPlan.layout;
            checked = ValueChecks.checkedFields(t);
            checks = new int[checked.length];
            checkedAt = new int[checked.length];
            checkedIes = new InformationElement[checked.length];
            for (int k = 0; k < checked.length; k++) {
                InformationElement ie = t.fields().get(checked[k]).ie();
                checkedIes[k] = ie;
                checkedAt[k] = layout.fixedOffset(checked[k]);
                checks[k] = ValueChecks.kind(ie);
            }
            times = RecordTimeChecks.pairs(t);
            timesAt = RecordTimeChecks.fixedOffsets(times, layout);
            quick = QuickChecks.enabled ? QuickChecks.of(checks, checked, times, layout) : null;
            int[] sz = new int[fields.size()];
            int ns = 0;
            for (int i = 0; i < fields.size(); i++) {
                FieldPlan.Kind k = fieldPlan.kind(i);
                if (fields.get(i).isVariable() && k != FieldPlan.Kind.STRING && k != FieldPlan.Kind.OCTETS
                        && k != FieldPlan.Kind.LIST) {
                    sz[ns++] = i;
                }
            }
            sized = java.util.Arrays.copyOf(sz, ns);
            hasList = fieldPlan.hasList();
        }
    }

    /** Plans by template identity (templates are immutable; a redefinition is a new object). */
    private final java.util.Map<Template, Plan> plans = new java.util.IdentityHashMap<>();
    /** The last plan made for each key: a refreshed template (same fields, new object) reuses it. */
    private final java.util.Map<TemplateKey, Plan> plansByKey = new java.util.HashMap<>();
    private Template lastTemplate;
    private Plan lastPlan;

    private Plan plan(Template t) {
        if (t == lastTemplate) {
            return lastPlan;
        }
        Plan p = plans.get(t);
        if (p == null) {
            if (plans.size() >= 4096) { // bounded: many templates just cost a re-plan
                plans.clear();
            }
            if (plansByKey.size() >= 4096) {
                plansByKey.clear();
            }
            p = plansByKey.get(t.key());
            if (p == null || !p.fields.equals(t.fields())) {
                p = new Plan(t, registry);
                plansByKey.put(t.key(), p);
            }
            plans.put(t, p);
        }
        lastTemplate = t;
        lastPlan = p;
        return p;
    }

    void checkPadding(PacketBuilder pb, int setId, int p, int padLen, Template t, boolean ipfix) {
        boolean zero = true;
        for (int i = p; i < p + padLen; i++) {
            zero &= pb.data[i] == 0;
        }
        if (!zero) {
            pb.problem(ipfix ? Problems.IPFIX_PADDING_NONZERO : Problems.V9_PADDING_NONZERO, p, padLen,
                    padLen + " byte(s) left at the end of " + (ipfix ? "set " : "FlowSet ") + setId
                            + " are not zero padding");
        }
    }

    /**
     * The value and time checks of n records of fixed-length fields only, the first at {@code first}: nothing in them
     * needs a record made ({@link #checkValues} and the time checks read every field where the layout places it).
     */
    private void checkFixedRecords(PacketBuilder pb, DataRecord.Shared sh, Plan plan, int first, int n, boolean v9) {
        int[] lengths = plan.layout.lengths;
        QuickChecks quick = plan.quick;
        byte[] d = pb.data;
        for (int k = 0, p = first; k < n; k++, p += plan.fixed) {
            if (quick != null && quick.clean(d, p, -1, pb.exportMillis, pb.sysUptimeMs, v9)) {
                continue;
            }
            if (plan.checked.length > 0) {
                checkValues(pb, p, null, plan);
            }
            if (plan.times.length > 0) {
                RecordTimeChecks.check(pb, sh, p, null, plan.times, plan.timesAt, lengths, v9);
            }
        }
    }

    /** Allocation-free value checks (booleans, UTF-8, prefix and MPLS lengths) of the record at p; r: it, or null. */
    private void checkValues(PacketBuilder pb, int p, DataRecord r, Plan plan) {
        int[] checked = plan.checked;
        int[] checks = plan.checks;
        byte[] d = pb.data;
        int[] at = plan.checkedAt;
        int[] lengths = plan.layout.lengths;
        for (int k = 0; k < checked.length; k++) {
            int i = checked[k];
            int fixedAt = at[k];
            int vl = fixedAt >= 0 ? lengths[i] : r.valueLength(i);
            if (vl == 0) {
                continue;
            }
            int vo = fixedAt >= 0 ? p + fixedAt : r.valueOffset(i);
            switch (checks[k]) {
                case ValueChecks.CHECK_BOOLEAN -> {
                    int b = d[vo] & 0xff;
                    if (vl == 1 && b != 1 && b != 2) {
                        pb.problem(Problems.VALUE_BOOLEAN, vo, 1, plan.checkedIes[k].name() + " = " + b
                                + ": a boolean is 1 (true) or 2 (false)");
                    }
                }
                case ValueChecks.CHECK_UTF8 -> {
                    if (!ValueDecoder.validUtf8(d, vo, vl)) {
                        pb.problem(Problems.VALUE_UTF8, vo, vl, plan.checkedIes[k].name() + " is not valid UTF-8");
                    }
                }
                case ValueChecks.CHECK_PREFIX4, ValueChecks.CHECK_PREFIX6 -> {
                    if (vl <= 8) {
                        long v = ValueDecoder.readUnsigned(d, vo, vl);
                        boolean v4 = checks[k] == ValueChecks.CHECK_PREFIX4;
                        if (v > (v4 ? 32 : 128)) {
                            pb.problem(Problems.VALUE_PREFIX_LENGTH, vo, vl, plan.checkedIes[k].name() + " = " + v
                                    + (v4 ? " (IPv4 maximum is 32)" : " (IPv6 maximum is 128)"));
                        }
                    }
                }
                case ValueChecks.CHECK_MPLS -> {
                    if (vl != 3) {
                        pb.problem(Problems.VALUE_MPLS_LENGTH, vo, vl, plan.checkedIes[k].name() + " is " + vl
                                + " bytes; a label stack entry is 3");
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * Variable-length values of fixed-size types (integers, addresses, times, ...) whose length does not fit the type
     * (RFC 7011 §6.1): the template cannot say so, the record does. Such a value is shown as octets.
     */
    private static void checkLengths(PacketBuilder pb, DataRecord r, int[] sized) {
        FieldPlan plan = r.plan();
        for (int i : sized) {
            int vl = r.valueLength(i);
            if (vl > 0 && !plan.kind(i).fits(vl)) {
                pb.problem(Problems.VALUE_LENGTH, r.valueOffset(i), vl, plan.label(i) + " is " + vl + " byte"
                        + (vl == 1 ? "" : "s") + ": not a valid " + plan.element(i).type().ianaName());
            }
        }
    }

    /** RFC 5610: options records with informationElementId + informationElementDataType teach types. */
    void learnTypes(PacketBuilder pb, List<DataRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        DataRecord first = records.get(0);
        int idIdx = -1;
        int penIdx = -1;
        int typeIdx = -1;
        int nameIdx = -1;
        int semIdx = -1;
        int unitsIdx = -1;
        List<TemplateField> fs = first.template().fields();
        for (int i = 0; i < fs.size(); i++) {
            InformationElement ie = fs.get(i).ie();
            if (ie.pen() != 0) {
                continue;
            }
            switch (ie.id()) {
                case IE_INFORMATION_ELEMENT_ID -> idIdx = i;
                case IE_PRIVATE_ENTERPRISE_NUMBER -> penIdx = i;
                case IE_DATA_TYPE -> typeIdx = i;
                case IE_NAME -> nameIdx = i;
                case IE_SEMANTICS -> semIdx = i;
                case IE_UNITS -> unitsIdx = i;
                default -> {
                }
            }
        }
        if (idIdx < 0 || typeIdx < 0) {
            return;
        }
        for (DataRecord r : records) {
            int id = (int) (r.unsigned(idIdx) & 0x7fff);
            long pen = penIdx >= 0 ? r.unsigned(penIdx) : 0;
            DataType dt = DataType.fromRfc5610Code((int) r.unsigned(typeIdx));
            if (dt == null) {
                pb.problem(Problems.IPFIX_TYPE_RECORD_BAD, r.valueOffset(typeIdx), r.valueLength(typeIdx),
                        "type record for element " + pen + "/" + id + " names unknown data type "
                                + r.unsigned(typeIdx));
                continue;
            }
            if (pen == 0) {
                continue; // IANA elements are defined by the registry, not by exporters
            }
            InformationElement base = registry.ipfix(pen, id);
            String name = nameIdx >= 0 ? String.valueOf(r.field(nameIdx).value()) : base.name();
            String sem = semIdx >= 0 ? semanticsName((int) r.unsigned(semIdx)) : base.semantics();
            String units = unitsIdx >= 0 ? Long.toString(r.unsigned(unitsIdx)) : base.units();
            cache.learnType(base.withType(name, dt, sem, units));
        }
    }

    static String semanticsName(int code) {
        return switch (code) {
            case 0 -> "default";
            case 1 -> "quantity";
            case 2 -> "totalCounter";
            case 3 -> "deltaCounter";
            case 4 -> "identifier";
            case 5 -> "flags";
            case 6 -> "list";
            case 7 -> "snmpCounter";
            case 8 -> "snmpGauge";
            default -> "";
        };
    }

    static Set<Long> newSeen() {
        return new HashSet<>();
    }
}
