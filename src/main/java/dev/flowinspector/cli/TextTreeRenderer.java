package dev.flowinspector.cli;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.DecodeNode;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.RecordContext;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateField;
import dev.flowinspector.decode.ValueDecoder;
import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElement;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text tree of an export packet (what {@code flowinspector decode} prints, like tshark -V), written straight
 * into bytes. The text is exactly the indented {@link PacketTree} of the packet: labels come from
 * {@link PacketTree} and values from {@link ValueDecoder}. Packets with problems (which attach to tree nodes)
 * and raw sets go through the tree itself; for the rest the records' values are formatted from their bytes
 * with per-template prepared line starts, so no tree, field values or strings are built per record. Field
 * types it does not format itself (floats, octet arrays, lists, invalid lengths, ...) are decoded as before.
 *
 * <p>Not thread-safe: one instance per thread (instances share nothing mutable).
 */
public final class TextTreeRenderer {

    private static final byte[] INDENT = "    ".repeat(64).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = "(empty)".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ABSOLUTE = ("                absolute: ").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPTIME_NOTE = (ValueDecoder.UPTIME_NOTE + "\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] ARROW = " → ".getBytes(StandardCharsets.UTF_8);
    /** Unsigned values below this have their labelled display (enumeration, flags) cached per field. */
    private static final int CACHED_VALUES = 1024;
    /** Record fields are at depth 4 of the tree (root 1, set 2, record 3). */
    private static final int FIELD_DEPTH = 4;

    private static final int UNSIGNED = 1;
    private static final int SIGNED = 2;
    private static final int IPV4 = 3;
    private static final int IPV6 = 4;
    private static final int MAC = 5;
    private static final int STRING = 6;
    private static final int SECONDS = 7;
    private static final int MILLIS = 8;
    private static final int NTP_MICROS = 9;
    private static final int NTP_NANOS = 10;
    private static final int OCTETS = 11;
    private static final int OTHER = 0;

    /** Prepared lines of one template's records, by field-list identity (templates are immutable). */
    private final Map<List<TemplateField>, Plan> plans = new IdentityHashMap<>();
    private List<TemplateField> lastFields;
    private Plan lastPlan;
    private final StringBuilder sb = new StringBuilder(256);
    /** "YYYY-MM-DD" of the day of the last time written. */
    private final byte[] dayText = new byte[10];
    private long cachedDay = -1;
    /** Where the record line's address and port texts are (source, its port, destination, its port). */
    private final int[] slotStart = new int[4];
    private final int[] slotEnd = new int[4];
    private String lastRecordStart;
    private byte[] lastRecordStartBytes;
    private Endpoint lastSource;
    private Endpoint lastDestination;
    private byte[] lastEndpoints;

    /** Appends the packet's text: the "Frame N: ..." line, its tree and a blank line. */
    public void render(ExportPacket p, ByteText out) {
        if (!p.problems().isEmpty()) {
            renderTree(p, out); // problems attach to the deepest node they point at: let the tree place them
            return;
        }
        for (FlowSet s : p.sets()) {
            if (s.kind() == SetKind.RAW) {
                renderTree(p, out);
                return;
            }
        }
        frameLine(p, out);
        out.put(PacketTree.rootLabel(p)).put('\n');
        List<FieldValue> header = p.header();
        if (!header.isEmpty()) {
            indent(out, 2);
            out.put(PacketTree.headerNodeLabel(p)).put('\n');
            for (FieldValue f : header) {
                value(out, f, PacketTree.headerLabel(f.name()), 3);
            }
        }
        String px = null;
        for (FlowSet s : p.sets()) {
            indent(out, 2);
            out.put(PacketTree.setLabel(p, s)).put('\n');
            if (PacketTree.hasSetHeader(p, s)) {
                indent(out, 3);
                out.put(PacketTree.setIdLabel(p, s)).put('\n');
                indent(out, 3);
                out.put(PacketTree.setLengthLabel(s)).put('\n');
            }
            for (Template t : s.templates()) {
                if (px == null) {
                    px = PacketTree.prefix(p.version());
                }
                node(out, PacketTree.templateNode(t, px), 3);
            }
            int i = 0;
            for (DataRecord r : s.records()) {
                record(out, p.data(), r, ++i);
            }
            if (s.paddingLength() > 0) {
                indent(out, 3);
                out.put(PacketTree.paddingLabel(s)).put('\n');
            }
        }
        out.put('\n');
    }

    /**
     * The same text by building the packet's {@link PacketTree} and walking it: the general way, for packets
     * with problems and unusual sets (and the reference the direct rendering is checked against).
     */
    void renderTree(ExportPacket p, ByteText out) {
        sb.setLength(0);
        sb.append("Frame ").append(p.frame());
        if (p.context().timeNanos() != 0) {
            sb.append(": ").append(PacketTree.isoTime(p.context().timeNanos()));
        }
        sb.append(", ").append(p.context().source()).append(" → ").append(p.context().destination())
                .append(" (").append(p.context().transport()).append("), ").append(p.data().length)
                .append(" bytes\n");
        out.put(sb);
        treeNode(out, PacketTree.build(p), 1);
        out.put('\n');
    }

    private void treeNode(ByteText out, DecodeNode n, int depth) {
        indent(out, depth);
        out.put(n.label()).put('\n');
        for (Problem pr : n.problems()) {
            indent(out, depth + 1);
            out.put('[').put(pr.severity().label()).put(' ').put(pr.code()).put("] ").put(pr.message()).put('\n');
        }
        for (DecodeNode c : n.children()) {
            treeNode(out, c, depth + 1);
        }
    }

    /** A subtree with no problems. */
    private void node(ByteText out, DecodeNode n, int depth) {
        indent(out, depth);
        out.put(n.label()).put('\n');
        for (DecodeNode c : n.children()) {
            node(out, c, depth + 1);
        }
    }

    private static void indent(ByteText out, int depth) {
        int n = 4 * (depth - 1);
        while (n > 0) {
            int k = Math.min(n, INDENT.length);
            out.put(INDENT, k);
            n -= k;
        }
    }

    /** As the tree's node of a decoded value (and its children): "label: display". */
    private static void value(ByteText out, FieldValue f, String label, int depth) {
        indent(out, depth);
        out.put(PacketTree.fieldLabel(f, label)).put('\n');
        for (FieldValue c : f.children()) {
            value(out, c, c.name(), depth + 1);
        }
    }

    // ------------------------------------------------------------------ frame line

    private void frameLine(ExportPacket p, ByteText out) {
        DecodeContext c = p.context();
        out.put(FRAME).putDecimal(p.frame());
        if (c.timeNanos() != 0) {
            out.put(':').put(' ');
            long nanos = c.timeNanos();
            if (!instant(out, Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L))) {
                out.put(PacketTree.isoTime(nanos));
            }
        }
        if (!c.source().equals(lastSource) || !c.destination().equals(lastDestination)) {
            lastSource = c.source();
            lastDestination = c.destination();
            lastEndpoints = (", " + c.source() + " → " + c.destination() + " (").getBytes(StandardCharsets.UTF_8);
        }
        out.put(lastEndpoints).put(c.transport().toString()).put(')').put(',').put(' ').putDecimal(p.data().length)
                .put(BYTES);
    }

    private static final byte[] FRAME = "Frame ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYTES = " bytes\n".getBytes(StandardCharsets.US_ASCII);

    /** ISO-8601 text of an instant (as {@link ValueDecoder#instantText}); false when it is out of range. */
    private boolean instant(ByteText out, long sec, int nano) {
        if (!ValueDecoder.instantInRange(sec)) {
            return false;
        }
        long day = sec / 86_400;
        if (day != cachedDay) {
            ValueDecoder.dateText(day, dayText, 0);
            cachedDay = day;
        }
        out.put(dayText, dayText.length);
        byte[] b = out.reserve(ValueDecoder.INSTANT_MAX);
        out.setLength(ValueDecoder.timeText((int) (sec % 86_400), nano, b, out.length()));
        return true;
    }

    // ------------------------------------------------------------------ records

    /** A record of the packet whose bytes are d (records live in their packet's bytes). */
    private void record(ByteText out, byte[] d, DataRecord r, int number) {
        List<TemplateField> fields = r.template().fields();
        RecordContext ctx = r.context();
        Plan plan = lastPlan;
        if (fields != lastFields || plan.registry != ctx.registry()) {
            plan = plan(fields, ctx.registry());
        }
        indent(out, 3);
        String start = PacketTree.recordLabelStart(r);
        if (start != lastRecordStart) { // a constant: cache its bytes
            lastRecordStart = start;
            lastRecordStartBytes = start.getBytes(StandardCharsets.UTF_8);
        }
        out.put(lastRecordStartBytes).putDecimal(number);
        if (plan.generic) {
            out.put(PacketTree.recordSummary(r)).put('\n');
            for (FieldValue f : r.fields()) {
                value(out, f, f.name(), FIELD_DEPTH);
            }
            return;
        }
        boolean summary = plan.src >= 0 && plan.dst >= 0;
        if (summary) {
            out.put(':').put(' ');
            plain(out, plan, d, r, plan.src, 0);
            if (plan.srcPort >= 0) {
                out.put(':');
                plain(out, plan, d, r, plan.srcPort, 1);
            }
            out.put(ARROW);
            plain(out, plan, d, r, plan.dst, 2);
            if (plan.dstPort >= 0) {
                out.put(':');
                plain(out, plan, d, r, plan.dstPort, 3);
            }
        }
        out.put('\n');
        for (int i = 0; i < plan.kinds.length; i++) {
            int off = r.valueOffset(i);
            int len = r.valueLength(i);
            if (len == 0) {
                out.put(plan.prefixes[i]).put(EMPTY);
                suffix(out, plan, i);
                continue;
            }
            int slot = plan.slots[i];
            if (summary && slot >= 0 && slotEnd[slot] > slotStart[slot]) {
                // the record line has this value's text already
                out.put(plan.prefixes[i]);
                int n = slotEnd[slot] - slotStart[slot];
                byte[] b = out.reserve(n);
                System.arraycopy(b, slotStart[slot], b, out.length(), n);
                out.setLength(out.length() + n);
                suffix(out, plan, i);
                continue;
            }
            if (!fast(out, plan, i, d, off, len, ctx)) {
                value(out, r.field(i), fields.get(i).name(), FIELD_DEPTH);
            }
        }
    }

    private static void suffix(ByteText out, Plan plan, int i) {
        if (plan.pens[i] != null) {
            out.put(plan.pens[i]);
        }
        out.put('\n');
    }

    /** Field i's line (and its absolute-time line) from its bytes; false (nothing written) for other cases. */
    private boolean fast(ByteText out, Plan plan, int i, byte[] d, int off, int len, RecordContext ctx) {
        int mark = out.length();
        switch (plan.kinds[i]) {
            case UNSIGNED -> {
                if (len > 8) {
                    return false;
                }
                long v = ValueDecoder.readUnsigned(d, off, len);
                out.put(plan.prefixes[i]);
                if (plan.caches[i] == null) {
                    out.putUnsigned(v);
                } else if (v >= 0 && v < CACHED_VALUES) {
                    byte[][] cache = plan.caches[i];
                    byte[] b = cache[(int) v];
                    if (b == null) {
                        b = ValueDecoder.integerDisplay(plan.ies[i], v, plan.registry).getBytes(StandardCharsets.UTF_8);
                        cache[(int) v] = b;
                    }
                    out.put(b);
                } else {
                    out.put(ValueDecoder.integerDisplay(plan.ies[i], v, plan.registry));
                }
                suffix(out, plan, i);
                if (plan.uptime[i] && ctx.sysUptimeMs() >= 0) {
                    long abs = ctx.absoluteFromUptime(v);
                    out.put(ABSOLUTE);
                    if (!instant(out, Math.floorDiv(abs, 1000L), (int) Math.floorMod(abs, 1000L) * 1_000_000)) {
                        out.put(ValueDecoder.instantText(java.time.Instant.ofEpochMilli(abs)));
                    }
                    out.put(UPTIME_NOTE);
                }
                return true;
            }
            case SIGNED -> {
                if (len > 8) {
                    return false;
                }
                long v = ValueDecoder.readUnsigned(d, off, len);
                int shift = 64 - 8 * len;
                out.put(plan.prefixes[i]).putSigned((v << shift) >> shift);
            }
            case IPV4 -> {
                if (len != 4) {
                    return false;
                }
                out.put(plan.prefixes[i]).putIpv4(ValueDecoder.u32(d, off));
            }
            case IPV6 -> {
                if (len != 16) {
                    return false;
                }
                out.put(plan.prefixes[i]);
                byte[] b = out.reserve(39);
                out.setLength(ValueDecoder.ipv6(d, off, b, out.length()));
            }
            case MAC -> {
                if (len != 6) {
                    return false;
                }
                out.put(plan.prefixes[i]);
                byte[] b = out.reserve(17);
                out.setLength(ValueDecoder.mac(d, off, b, out.length()));
            }
            case STRING -> {
                // ASCII is its own UTF-8; NULs are dropped from shown strings
                for (int k = off; k < off + len; k++) {
                    if (d[k] < 0) {
                        return false;
                    }
                }
                out.put(plan.prefixes[i]).put('"');
                byte[] b = out.reserve(len + 1);
                int n = out.length();
                for (int k = off; k < off + len; k++) {
                    if (d[k] != 0) {
                        b[n++] = d[k];
                    }
                }
                out.setLength(n);
                out.put('"');
            }
            case OCTETS -> {
                out.put(plan.prefixes[i]);
                byte[] b = out.reserve(2 * len);
                out.setLength(ValueDecoder.hex(d, off, len, b, out.length()));
                if (ValueDecoder.showsNumber(plan.ies[i], len)) {
                    out.put(' ').put('(').putUnsigned(ValueDecoder.readUnsigned(d, off, len)).put(')');
                }
            }
            case SECONDS, MILLIS, NTP_MICROS, NTP_NANOS -> {
                long sec;
                int nano;
                int kind = plan.kinds[i];
                if (kind == SECONDS && len == 4) {
                    sec = ValueDecoder.u32(d, off);
                    nano = 0;
                } else if (kind == MILLIS && (len == 8 || len == 4)) {
                    long ms = ValueDecoder.readUnsigned(d, off, len);
                    sec = Math.floorDiv(ms, 1000L);
                    nano = (int) Math.floorMod(ms, 1000L) * 1_000_000;
                } else if ((kind == NTP_MICROS || kind == NTP_NANOS) && len == 8) {
                    java.time.Instant t = ValueDecoder.ntp(ValueDecoder.u32(d, off), ValueDecoder.u32(d, off + 4),
                            kind == NTP_MICROS);
                    sec = t.getEpochSecond();
                    nano = t.getNano();
                } else {
                    return false;
                }
                out.put(plan.prefixes[i]);
                if (!instant(out, sec, nano)) {
                    out.setLength(mark);
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        suffix(out, plan, i);
        return true;
    }

    /**
     * As {@link ValueDecoder#appendValue} (the record line's addresses and ports); where the text lands is kept
     * in the slot when it is the field's display too (an empty range when not).
     */
    private void plain(ByteText out, Plan plan, byte[] d, DataRecord r, int i, int slot) {
        int start = out.length();
        slotStart[slot] = start;
        slotEnd[slot] = start;
        int len = r.valueLength(i);
        if (len == 0) {
            return;
        }
        DataType t = plan.ies[i].type();
        int off = r.valueOffset(i);
        if (t.isUnsigned() && len <= 8) {
            out.putUnsigned(ValueDecoder.readUnsigned(d, off, len));
        } else if (t == DataType.IPV4_ADDRESS && len == 4) {
            out.putIpv4(ValueDecoder.u32(d, off));
        } else if (t == DataType.IPV6_ADDRESS && len == 16) {
            byte[] b = out.reserve(39);
            out.setLength(ValueDecoder.ipv6(d, off, b, out.length()));
        } else {
            sb.setLength(0);
            ValueDecoder.appendValue(sb, r, i);
            out.put(sb);
            return;
        }
        slotEnd[slot] = out.length();
    }

    private Plan plan(List<TemplateField> fields, InformationElementRegistry registry) {
        Plan p = plans.get(fields);
        if (p == null || p.registry != registry) {
            if (plans.size() > 4096) {
                plans.clear();
            }
            p = new Plan(fields, registry);
            plans.put(fields, p);
        }
        lastFields = fields;
        lastPlan = p;
        return p;
    }

    /** How to write the records of one template. */
    private static final class Plan {
        final InformationElementRegistry registry;
        final InformationElement[] ies;
        /** Indent and "name: " of each field's line. */
        final byte[][] prefixes;
        /** "  [PEN n]" or null. */
        final byte[][] pens;
        final int[] kinds;
        final boolean[] uptime;
        /** Display of small values, for fields whose integers show labels; else null. */
        final byte[][][] caches;
        /** Some field is a list (records decoded eagerly): write the decoded values. */
        final boolean generic;
        final int src;
        final int dst;
        final int srcPort;
        final int dstPort;
        /** The record line's slot whose text is also this field's display, or -1. */
        final int[] slots;

        Plan(List<TemplateField> fields, InformationElementRegistry registry) {
            this.registry = registry;
            int n = fields.size();
            ies = new InformationElement[n];
            prefixes = new byte[n][];
            pens = new byte[n][];
            kinds = new int[n];
            uptime = new boolean[n];
            caches = new byte[n][][];
            boolean list = false;
            String pad = "    ".repeat(FIELD_DEPTH - 1);
            for (int i = 0; i < n; i++) {
                InformationElement ie = fields.get(i).ie();
                ies[i] = ie;
                prefixes[i] = (pad + ie.name() + ": ").getBytes(StandardCharsets.UTF_8);
                String pen = PacketTree.penSuffix(ie);
                pens[i] = pen.isEmpty() ? null : pen.getBytes(StandardCharsets.UTF_8);
                kinds[i] = switch (ie.type()) {
                    case UNSIGNED8, UNSIGNED16, UNSIGNED32, UNSIGNED64 -> UNSIGNED;
                    case SIGNED8, SIGNED16, SIGNED32, SIGNED64 -> SIGNED;
                    case IPV4_ADDRESS -> IPV4;
                    case IPV6_ADDRESS -> IPV6;
                    case MAC_ADDRESS -> MAC;
                    case STRING -> STRING;
                    case DATE_TIME_SECONDS -> SECONDS;
                    case DATE_TIME_MILLISECONDS -> MILLIS;
                    case DATE_TIME_MICROSECONDS -> NTP_MICROS;
                    case DATE_TIME_NANOSECONDS -> NTP_NANOS;
                    case OCTET_ARRAY -> OCTETS;
                    default -> OTHER;
                };
                if (kinds[i] == UNSIGNED) {
                    uptime[i] = ValueDecoder.isUptimeRelative(ie);
                    if (ValueDecoder.labelsIntegers(ie, registry)) {
                        caches[i] = new byte[CACHED_VALUES][];
                    }
                }
                list |= ie.type().isList();
            }
            generic = list;
            src = first(fields, "sourceIPv4Address", "sourceIPv6Address");
            dst = first(fields, "destinationIPv4Address", "destinationIPv6Address");
            srcPort = first(fields, "sourceTransportPort", null);
            dstPort = first(fields, "destinationTransportPort", null);
            slots = new int[n];
            java.util.Arrays.fill(slots, -1);
            int[] summary = {src, srcPort, dst, dstPort};
            for (int k = 0; k < 4; k++) {
                int i = summary[k];
                // these kinds display the plain value (within the lengths plain() and fast() both check)
                if (i >= 0 && (kinds[i] == UNSIGNED && caches[i] == null && !uptime[i] || kinds[i] == IPV4
                        || kinds[i] == IPV6)) {
                    slots[i] = k;
                }
            }
        }

        private static int first(List<TemplateField> fields, String name, String otherwise) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equals(name)) {
                    return i;
                }
            }
            return otherwise == null ? -1 : first(fields, otherwise, null);
        }
    }
}
