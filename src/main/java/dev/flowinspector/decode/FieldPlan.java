package dev.flowinspector.decode;

import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElement;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the records of one template (or one fixed NetFlow v1/v5/v7/v8 layout) are read and written, compiled once
 * and shared by all its records: per field its {@link Kind}, position rule ({@link RecordLayout}), label, element
 * (IE id, enterprise, unit, description) and the value writers every output uses: the typed value
 * ({@link DataRecord#field}), the display text of the tree, the plain text of {@code -F fields} and record
 * summaries, and the JSON form. This is the one place that tells value types apart; outputs ask the plan.
 * Immutable apart from a cache of labelled displays that is safe to fill from any thread.
 */
public final class FieldPlan {

    /** How a field's value is read and written: one per family of abstract data types (RFC 7011 §6.1). */
    public enum Kind {
        UNSIGNED, UNSIGNED256, SIGNED, FLOAT, BOOLEAN, MAC, IPV4, IPV6, STRING, SECONDS, MILLIS, MICROS, NANOS,
        OCTETS, LIST;

        /** The kind of a data type: the only place that tells data types apart for values. */
        public static Kind of(DataType t) {
            return switch (t) {
                case UNSIGNED8, UNSIGNED16, UNSIGNED32, UNSIGNED64 -> UNSIGNED;
                case UNSIGNED256 -> UNSIGNED256;
                case SIGNED8, SIGNED16, SIGNED32, SIGNED64 -> SIGNED;
                case FLOAT32, FLOAT64 -> FLOAT;
                case BOOLEAN -> BOOLEAN;
                case MAC_ADDRESS -> MAC;
                case IPV4_ADDRESS -> IPV4;
                case IPV6_ADDRESS -> IPV6;
                case STRING -> STRING;
                case DATE_TIME_SECONDS -> SECONDS;
                case DATE_TIME_MILLISECONDS -> MILLIS;
                case DATE_TIME_MICROSECONDS -> MICROS;
                case DATE_TIME_NANOSECONDS -> NANOS;
                case OCTET_ARRAY -> OCTETS;
                case BASIC_LIST, SUB_TEMPLATE_LIST, SUB_TEMPLATE_MULTI_LIST -> LIST;
            };
        }

        /**
         * Whether a value of len bytes (len above 0) is a valid value of this kind, as {@link ValueDecoder#decode}
         * reads it (integers up to 8 bytes, reduced-size encoding included; 4 or 8 for floats and milliseconds);
         * anything else is shown as octets.
         */
        public boolean fits(int len) {
            return switch (this) {
                case UNSIGNED, SIGNED -> len <= 8;
                case UNSIGNED256 -> len <= 32;
                case FLOAT, MILLIS -> len == 4 || len == 8;
                case BOOLEAN -> len == 1;
                case MAC -> len == 6;
                case IPV4, SECONDS -> len == 4;
                case IPV6 -> len == 16;
                case MICROS, NANOS -> len == 8;
                case STRING, OCTETS, LIST -> true;
            };
        }
    }

    /** JSON form: the typed value ({@link DataRecord#field}) written as it is. */
    public static final int JSON_VALUE = 0;
    /** JSON form: a number, {@link DataRecord#unsigned}. */
    public static final int JSON_NUMBER = 1;
    /** JSON form: a string, the plain text ({@link #plain}). */
    public static final int JSON_TEXT = 2;
    /** {@link #millis}: no absolute time. */
    public static final long NO_TIME = Long.MIN_VALUE;
    /** {@link #millis}: a time finer than milliseconds: ask {@link #instant}. */
    public static final long FINER = Long.MIN_VALUE + 1;


    final RecordLayout layout;
    private final List<TemplateField> fields;
    private final InformationElementRegistry registry;
    private final InformationElement[] ies;
    private final Kind[] kinds;
    private final byte[][] labels;
    private final byte[][] pens;
    private final boolean[] uptime;
    private final byte[][][] caches;
    private final String[] jsonNames;
    private final int[] starts;
    private final int[] ends;
    private final int src;
    private final int dst;
    private final int srcPort;
    private final int dstPort;
    private final boolean hasList;
    /** What other layers compute once per plan ({@link #derived}); few entries, made on first use. */
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> derived =
            new java.util.concurrent.ConcurrentHashMap<>(4);

    private FieldPlan(List<TemplateField> fields, InformationElementRegistry registry) {
        this.fields = fields;
        this.registry = registry;
        this.layout = RecordLayout.of(fields);
        int n = fields.size();
        ies = new InformationElement[n];
        kinds = new Kind[n];
        labels = new byte[n][];
        pens = new byte[n][];
        uptime = new boolean[n];
        caches = new byte[n][][];
        jsonNames = jsonNames(fields, Set.of());
        int[] st = new int[n];
        int[] en = new int[n];
        int ns = 0;
        int ne = 0;
        boolean list = false;
        for (int i = 0; i < n; i++) {
            InformationElement ie = fields.get(i).ie();
            String name = ie.name();
            ies[i] = ie;
            kinds[i] = Kind.of(ie.type());
            labels[i] = (name + ": ").getBytes(StandardCharsets.UTF_8);
            String pen = PacketTree.penSuffix(ie);
            pens[i] = pen.isEmpty() ? null : pen.getBytes(StandardCharsets.UTF_8);
            if (kinds[i] == Kind.UNSIGNED) {
                uptime[i] = ValueDecoder.isUptimeRelative(ie);
                if (ValueDecoder.labelsIntegers(ie, registry)) {
                    caches[i] = new byte[FieldDisplay.CACHED_VALUES][];
                }
            }
            list |= kinds[i] == Kind.LIST;
            if (name.startsWith("flowStart")) {
                st[ns++] = i;
            } else if (name.startsWith("flowEnd")) {
                en[ne++] = i;
            }
        }
        starts = java.util.Arrays.copyOf(st, ns);
        ends = java.util.Arrays.copyOf(en, ne);
        hasList = list;
        src = first("sourceIPv4Address", "sourceIPv6Address");
        dst = first("destinationIPv4Address", "destinationIPv6Address");
        srcPort = first("sourceTransportPort", null);
        dstPort = first("destinationTransportPort", null);
    }

    /**
     * Names in record JSON: the element name, "#2", "#3" for repeats (the smallest free), null for padding. A name in
     * {@code taken} (members the object has before the fields) counts as seen: its field is a repeat.
     */
    private static String[] jsonNames(List<TemplateField> fields, Set<String> taken) {
        String[] names = new String[fields.size()];
        Set<String> seen = new HashSet<>(taken);
        java.util.Map<String, Integer> next = new java.util.HashMap<>(); // 16 000 repeats stay linear
        for (int i = 0; i < names.length; i++) {
            String name = fields.get(i).name();
            if (name.startsWith("padding")) {
                continue;
            }
            String unique = name;
            if (!seen.add(unique)) {
                int k = next.getOrDefault(name, 2);
                while (!seen.add(name + "#" + k)) {
                    k++;
                }
                next.put(name, k + 1);
                unique = name + "#" + k;
            }
            names[i] = unique;
        }
        return names;
    }

    /** The plan of records made of these fields, with enumerations from the registry. */
    public static FieldPlan of(List<TemplateField> fields, InformationElementRegistry registry) {
        return new FieldPlan(fields, registry);
    }

    private int first(String name, String otherwise) {
        int i = index(name);
        return i >= 0 || otherwise == null ? i : index(otherwise);
    }

    /**
     * A value made once per plan by a layer above (e.g. which fields make a flow), keyed by its class: lets
     * those layers index a template's fields once instead of per record, without the plan knowing them.
     */
    public <T> T derived(Class<T> key, java.util.function.Function<FieldPlan, T> make) {
        Object v = derived.get(key);
        if (v == null) {
            v = derived.computeIfAbsent(key, k -> make.apply(this));
        }
        return key.cast(v);
    }

    // ------------------------------------------------------------------ what each field is

    /** The fields planned (the template's field list). */
    public List<TemplateField> fields() {
        return fields;
    }

    /** The registry enumeration labels come from. */
    public InformationElementRegistry registry() {
        return registry;
    }

    public int size() {
        return kinds.length;
    }

    public Kind kind(int i) {
        return kinds[i];
    }

    /** Field i's element (IE id, enterprise number, type, unit, description). */
    public InformationElement element(int i) {
        return ies[i];
    }

    /** Field i's label: its element name. */
    public String label(int i) {
        return ies[i].name();
    }

    /** "name: ", UTF-8: how field i's line starts after its indent. */
    public byte[] labelBytes(int i) {
        return labels[i];
    }

    /** "  [PEN n]" after a vendor element's value, UTF-8, or null. */
    public byte[] penSuffix(int i) {
        return pens[i];
    }

    public String unit(int i) {
        return ies[i].units();
    }

    public String description(int i) {
        return ies[i].description();
    }

    /** True when field i is a flowStartSysUpTime/flowEndSysUpTime integer: it also shows an absolute time. */
    public boolean uptime(int i) {
        return uptime[i];
    }

    /** True when field i's display is its plain text (no label, flags, quotes or absolute-time line). */
    public boolean displaysPlain(int i) {
        Kind k = kinds[i];
        return k == Kind.UNSIGNED && caches[i] == null && !uptime[i] || k == Kind.IPV4 || k == Kind.IPV6;
    }

    /** True when some field is an RFC 6313 list (such records are decoded at once, with their templates). */
    public boolean hasList() {
        return hasList;
    }

    /** Index of the first field with this element name, or -1. */
    public int index(String name) {
        for (int i = 0; i < ies.length; i++) {
            if (ies[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The record line's fields: source and destination address (IPv4, else IPv6) and ports, -1 where absent. */
    public int sourceAddress() {
        return src;
    }

    public int destinationAddress() {
        return dst;
    }

    public int sourcePort() {
        return srcPort;
    }

    public int destinationPort() {
        return dstPort;
    }

    /** Field i's name in record JSON: the element name, "#2", "#3" for repeats, null for padding. */
    public String jsonName(int i) {
        return jsonNames[i];
    }

    /**
     * The fields' names in a JSON object that has the members {@code taken} before them: as {@link #jsonName}, a
     * field named like one of those being a repeat ({@code templateId#2} after a {@code templateId} member).
     */
    public String[] jsonNames(Set<String> taken) {
        return taken.isEmpty() ? jsonNames.clone() : jsonNames(fields, taken);
    }

    /** Indexes of the fields named flowStart* (flowEnd* for {@link #flowEnds}), in order. Shared: do not change. */
    public int[] flowStarts() {
        return starts;
    }

    public int[] flowEnds() {
        return ends;
    }

    // ------------------------------------------------------------------ typed values

    /** Field i of r, decoded: the typed value, its display and children ({@link FieldValue}). */
    public FieldValue value(DataRecord r, int i) {
        return r.field(i);
    }

    /** The dotted field names ({@code prefix.name}) of one record prefix, made once per plan and prefix. */
    private record Dotted(String prefix, String[] names) {
    }

    /** The dotted names of the prefix last asked for: a plan's records normally share one. */
    private volatile Dotted dotted;

    /** Field i's value at d[off..off+len) decoded as {@link ValueDecoder#decode} does, with this plan's name and kind. */
    FieldValue decode(int i, byte[] d, int off, int len, RecordContext ctx) {
        String prefix = ctx.prefix();
        Dotted names = dotted;
        if (names == null || !names.prefix.equals(prefix)) {
            String[] n = new String[ies.length];
            for (int k = 0; k < n.length; k++) {
                n[k] = prefix + "." + ies[k].name();
            }
            names = new Dotted(prefix, n);
            dotted = names;
        }
        // the commonest value longer than 8 bytes, made here as ValueDecoder.decode would, without the call into that
        // method's switch over every kind
        if (kinds[i] == Kind.IPV6 && len == 16) {
            return ValueDecoder.ipv6Value(ies[i], names.names[i], d, off);
        }
        return ValueDecoder.decode(ies[i], names.names[i], kinds[i], d, off, len, ctx, 0, null);
    }

    /**
     * Field i as a number: integers (unsigned up to 8 bytes, signed), times as ms since the epoch (uptime-relative
     * ones as they are), booleans 1/0; missing when empty or of another kind.
     */
    public long number(DataRecord r, int i, long missing) {
        int len = r.valueLength(i);
        if (len == 0) {
            return missing;
        }
        switch (kinds[i]) {
            case UNSIGNED, UNSIGNED256 -> {
                return len <= 8 ? r.unsigned(i) : missing;
            }
            case SIGNED -> {
                if (len > 8) {
                    return missing;
                }
                int shift = 64 - 8 * len;
                return (r.unsigned(i) << shift) >> shift;
            }
            case BOOLEAN -> {
                long b = r.unsigned(i);
                return len == 1 && (b == 1 || b == 2) ? 2 - b : missing;
            }
            case SECONDS, MILLIS, MICROS, NANOS -> {
                Instant t = instant(r, i);
                return t == null ? missing : t.toEpochMilli();
            }
            default -> {
                return missing;
            }
        }
    }

    /**
     * Field i as address text (IPv4, IPv6, MAC), or null when it is none (or has a length that does not fit). An IP
     * address seen lately gives the same String ({@link RecentTexts}): flows held in memory share their texts.
     */
    public String address(DataRecord r, int i) {
        int len = r.valueLength(i);
        switch (kinds[i]) {
            case IPV4 -> {
                return len == 4 ? ValueDecoder.ipv4(r.data(), r.valueOffset(i)) : null;
            }
            case IPV6 -> {
                return len == 16 ? ValueDecoder.ipv6(r.data(), r.valueOffset(i)) : null;
            }
            case MAC -> {
                return len == 6 ? ValueDecoder.mac(r.data(), r.valueOffset(i)) : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** Field i's plain text, as {@code -F fields} writes it ("" when empty). */
    public String text(DataRecord r, int i) {
        ByteSink s = new ByteSink();
        plain(r, i, s);
        return s.toString();
    }

    /**
     * Field i's absolute time in ms since the epoch: dateTimeSeconds/Milliseconds values and uptime-relative
     * ones (export time − (sysUptime − value), RFC 3954 §8); {@link #FINER} for micro/nanosecond times (see
     * {@link #instant}); {@link #NO_TIME} when it has none.
     */
    public long millis(DataRecord r, int i) {
        int len = r.valueLength(i);
        if (uptime[i]) {
            RecordContext ctx = r.context();
            return len == 0 || len > 8 || ctx.sysUptimeMs() < 0 ? NO_TIME : ctx.absoluteFromUptime(r.unsigned(i));
        }
        return switch (kinds[i]) {
            case MILLIS -> len == 8 || len == 4 ? r.unsigned(i) : NO_TIME;
            case SECONDS -> len == 4 ? r.unsigned(i) * 1000 : NO_TIME;
            case MICROS, NANOS -> len == 8 ? FINER : NO_TIME;
            default -> NO_TIME;
        };
    }

    /** Field i's absolute time (a date-time value, or the absolute time of an uptime-relative one), or null. */
    public Instant instant(DataRecord r, int i) {
        FieldValue f = r.field(i);
        if (f.value() instanceof Instant t) {
            return t;
        }
        FieldValue a = f.child("absolute");
        return a != null && a.value() instanceof Instant t ? t : null;
    }

    /** Field i as an IPv4 address, 0..2^32-1, read from the bytes; -1 when it is no 4-byte IPv4 address. */
    public long ipv4(DataRecord r, int i) {
        return kinds[i] == Kind.IPV4 && r.valueLength(i) == 4 ? r.unsigned(i) : -1;
    }

    /**
     * Copies field i's address bytes (IPv4: 4, IPv6: 16, MAC: 6) into dst from 0 and returns their count; 0 (nothing
     * copied) when it is no address or has a length its kind does not have, or dst is too short.
     */
    public int address(DataRecord r, int i, byte[] dst) {
        int len = r.valueLength(i);
        Kind k = kinds[i];
        boolean fits = (k == Kind.IPV4 || k == Kind.IPV6 || k == Kind.MAC) && k.fits(len);
        if (!fits || len > dst.length) {
            return 0;
        }
        System.arraycopy(r.data(), r.valueOffset(i), dst, 0, len);
        return len;
    }

    /** How field i of r goes into JSON: {@link #JSON_NUMBER}, {@link #JSON_TEXT} or {@link #JSON_VALUE}. */
    public int jsonForm(DataRecord r, int i) {
        int len = r.valueLength(i);
        return switch (kinds[i]) {
            case UNSIGNED, UNSIGNED256 -> len > 0 && len <= 8 && r.unsigned(i) >= 0 ? JSON_NUMBER : JSON_VALUE;
            case IPV4 -> len == 4 ? JSON_TEXT : JSON_VALUE;
            case IPV6 -> len == 16 ? JSON_TEXT : JSON_VALUE;
            case MAC -> len == 6 ? JSON_TEXT : JSON_VALUE;
            default -> JSON_VALUE;
        };
    }

    // ------------------------------------------------------------------ text writers

    /**
     * Writes field i's plain value (no enumeration labels, quotes or units): decimal integers, dotted or RFC 5952
     * addresses, MACs, strings, hex octets; nothing when empty.
     */
    public void plain(DataRecord r, int i, TextSink out) {
        if (r.valueLength(i) == 0 || plainFast(r, i, out)) {
            return;
        }
        FieldValue f = r.field(i);
        Object v = f.value();
        if (v instanceof byte[] b) {
            byte[] o = out.reserve(2 * b.length);
            out.setLength(ValueDecoder.hex(b, 0, b.length, o, out.length()));
        } else if (v instanceof List<?>) {
            ValueText.text(out, f.display());
        } else {
            ValueText.text(out, String.valueOf(v));
        }
    }

    /** Room {@link #plainAt} needs after its position: an IPv6 address (39), 20 digits, a MAC (17). */
    public static final int PLAIN_ROOM = 39;

    /** {@link #plain} of integers and addresses, from the bytes; false (nothing written) for other values. */
    public boolean plainFast(DataRecord r, int i, TextSink out) {
        byte[] b = out.reserve(PLAIN_ROOM);
        int end = plainAt(r, i, b, out.length());
        if (end >= 0) {
            out.setLength(end);
            return true;
        }
        Kind k = kinds[i];
        int len = r.valueLength(i);
        if ((k == Kind.UNSIGNED || k == Kind.UNSIGNED256) && len > 0 && len <= 8) {
            ValueText.unsigned(out, r.unsigned(i)); // 2^63 and above
            return true;
        }
        return false;
    }

    /**
     * {@link #plain} of an integer below 2^63 or an address, written at b[pos] (with {@link #PLAIN_ROOM} bytes of
     * room): returns the position after it, or -1 with nothing written for any other value. For writers that
     * reserve room for a whole line at once.
     */
    public int plainAt(DataRecord r, int i, byte[] b, int pos) {
        int len = r.valueLength(i);
        switch (kinds[i]) {
            case UNSIGNED, UNSIGNED256 -> {
                if (len > 8 || len == 0) {
                    return -1;
                }
                long v = r.unsigned(i);
                return v >= 0 ? ValueText.decimal(b, pos, v) : -1;
            }
            case IPV4 -> {
                return len == 4 ? ValueText.ipv4(b, pos, r.data(), r.valueOffset(i)) : -1;
            }
            case IPV6 -> {
                return len == 16 ? ValueDecoder.ipv6(r.data(), r.valueOffset(i), b, pos) : -1;
            }
            case MAC -> {
                return len == 6 ? ValueDecoder.mac(r.data(), r.valueOffset(i), b, pos) : -1;
            }
            default -> {
                return -1;
            }
        }
    }

    /**
     * Writes field i's display text (what the tree shows after "name: ", as {@link FieldValue#display}) from the
     * bytes d[off..off+len). False, with nothing written, for what only the full decode shows (floats, booleans,
     * lists, values whose length does not fit their type, non-ASCII strings, times outside 1970-9999).
     */
    public boolean display(int i, byte[] d, int off, int len, TextSink out) {
        return FieldDisplay.display(kinds[i], ies[i], caches[i], registry, d, off, len, out);
    }
}
