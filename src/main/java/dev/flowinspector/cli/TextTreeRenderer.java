package dev.flowinspector.cli;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.DecodeNode;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldPlan;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.RecordContext;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.ValueDecoder;
import dev.flowinspector.decode.ValueText;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
    private static final byte[] ABSOLUTE = ("                absolute: ").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPTIME_NOTE = (ValueDecoder.UPTIME_NOTE + "\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] ARROW = " → ".getBytes(StandardCharsets.UTF_8);
    /** Record fields are at depth 4 of the tree (root 1, set 2, record 3). */
    private static final int FIELD_DEPTH = 4;

    private final StringBuilder sb = new StringBuilder(256);
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
            if (s.kind() == SetKind.OPTIONS_DATA) {
                // rare (exporters send options data now and then): the general way, so that the first one seen after
                // the compiler has made record() for data records does not make it throw that code away
                for (DataRecord r : s.records()) {
                    generalRecord(out, r, ++i);
                }
            } else {
                for (DataRecord r : s.records()) {
                    record(out, p.data(), r, ++i);
                }
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
            if (!out.putInstant(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L))) {
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

    // ------------------------------------------------------------------ records

    /** A record of the packet whose bytes are d (records live in their packet's bytes): its plan writes the values. */
    private void record(ByteText out, byte[] d, DataRecord r, int number) {
        FieldPlan plan = r.plan();
        if (plan.hasList()) {
            generalRecord(out, r, number);
            return;
        }
        RecordContext ctx = r.context();
        indent(out, 3);
        String start = PacketTree.recordLabelStart(r);
        if (start != lastRecordStart) { // a constant: cache its bytes
            lastRecordStart = start;
            lastRecordStartBytes = start.getBytes(StandardCharsets.UTF_8);
        }
        out.put(lastRecordStartBytes).putDecimal(number);
        int src = plan.sourceAddress();
        int dst = plan.destinationAddress();
        boolean summary = src >= 0 && dst >= 0;
        int slotSrc = -1;
        int slotSrcPort = -1;
        int slotDst = -1;
        int slotDstPort = -1;
        if (summary) {
            out.put(':').put(' ');
            slotSrc = address(out, plan, r, src, plan.sourcePort(), 0);
            if (plan.sourcePort() >= 0) {
                out.put(':');
                slotSrcPort = plain(out, plan, r, plan.sourcePort(), 1);
            }
            out.put(ARROW);
            slotDst = address(out, plan, r, dst, plan.destinationPort(), 2);
            if (plan.destinationPort() >= 0) {
                out.put(':');
                slotDstPort = plain(out, plan, r, plan.destinationPort(), 3);
            }
        }
        out.put('\n');
        Lines lines = lines(plan);
        byte[][] heads = lines.head;
        byte[][] tails = lines.tail;
        int[] ops = lines.op;
        int[] slots = lines.slot;
        int n = heads.length;
        for (int i = 0; i < n; i++) {
            byte[] h = heads[i];
            byte[] t = tails[i];
            int mark = out.length();
            // room for the line start, its end and any value the fast paths write (an IPv6 address: 39)
            byte[] b = out.reserve(h.length + t.length + 40);
            int p = mark + h.length;
            System.arraycopy(h, 0, b, mark, h.length);
            int s = slots[i];
            s = s == 0 ? slotSrc : s == 1 ? slotSrcPort : s == 2 ? slotDst : s == 3 ? slotDstPort : -1;
            int len;
            if (s >= 0) {
                // the record line has this value's text already
                len = slotEnd[s] - slotStart[s];
                System.arraycopy(b, slotStart[s], b, p, len);
                p += len;
            } else {
                len = r.valueLength(i);
                int op = ops[i];
                int at = -1;
                if (op == Lines.DECIMAL && len > 0 && len <= 8) {
                    long v = ValueDecoder.readUnsigned(d, r.valueOffset(i), len);
                    if (v >= 0) {
                        at = ValueText.decimal(b, p, v);
                    }
                } else if (op == Lines.IPV4 && len == 4) {
                    at = ValueText.ipv4(b, p, d, r.valueOffset(i));
                }
                if (at >= 0) {
                    p = at;
                } else {
                    out.setLength(p);
                    if (!plan.display(i, d, r.valueOffset(i), len, out)) {
                        out.setLength(mark);
                        value(out, r.field(i), plan.label(i), FIELD_DEPTH);
                        continue;
                    }
                    p = out.length();
                    b = out.reserve(t.length);
                }
            }
            if (t == Lines.NL) {
                b[p] = '\n';
                out.setLength(p + 1);
            } else {
                System.arraycopy(t, 0, b, p, t.length);
                out.setLength(p + t.length);
            }
            if (len > 0 && lines.uptime[i] && ctx.sysUptimeMs() >= 0) {
                long abs = ctx.absoluteFromUptime(r.unsigned(i));
                out.put(ABSOLUTE);
                if (!out.putInstant(Math.floorDiv(abs, 1000L), (int) Math.floorMod(abs, 1000L) * 1_000_000)) {
                    out.put(ValueDecoder.instantText(java.time.Instant.ofEpochMilli(abs)));
                }
                out.put(UPTIME_NOTE);
            }
        }
    }

    /** A record as the tree's node of it: its line, then each field as {@link #value} writes it. */
    private void generalRecord(ByteText out, DataRecord r, int number) {
        indent(out, 3);
        out.put(PacketTree.recordLabelStart(r)).putDecimal(number).put(PacketTree.recordSummary(r)).put('\n');
        for (FieldValue f : r.fields()) {
            value(out, f, f.name(), FIELD_DEPTH);
        }
    }

    /** The prepared lines of the last plan seen (records of one template come in runs). */
    private FieldPlan linesPlan;
    private Lines linesOfPlan;

    private Lines lines(FieldPlan plan) {
        if (plan != linesPlan) {
            linesOfPlan = plan.derived(Lines.class, Lines::new);
            linesPlan = plan;
        }
        return linesOfPlan;
    }

    /**
     * How each field line of a plan's records is written, made once per plan: the bytes it starts with (indent and
     * "name: "), the bytes it ends with (the vendor suffix and the line end), and whether its display text is a
     * plain decimal or a dotted quad written here from the bytes (else the plan writes it). Immutable.
     */
    static final class Lines {
        static final int DISPLAY = 0;
        static final int DECIMAL = 1;
        static final int IPV4 = 2;
        private static final byte[] NL = {'\n'};

        final byte[][] head;
        final byte[][] tail;
        final int[] op;
        /** The record line's slot that holds field i's text (0 source, 1 its port, 2 destination, 3 its port), or -1. */
        final int[] slot;
        final boolean[] uptime;

        Lines(FieldPlan plan) {
            int n = plan.size();
            head = new byte[n][];
            tail = new byte[n][];
            op = new int[n];
            slot = new int[n];
            uptime = new boolean[n];
            int indent = 4 * (FIELD_DEPTH - 1);
            for (int i = 0; i < n; i++) {
                byte[] label = plan.labelBytes(i);
                byte[] h = new byte[indent + label.length];
                java.util.Arrays.fill(h, 0, indent, (byte) ' ');
                System.arraycopy(label, 0, h, indent, label.length);
                head[i] = h;
                byte[] pen = plan.penSuffix(i);
                if (pen == null) {
                    tail[i] = NL;
                } else {
                    tail[i] = java.util.Arrays.copyOf(pen, pen.length + 1);
                    tail[i][pen.length] = '\n';
                }
                // an unsigned integer without enumeration labels or flags shows its decimal digits (an uptime
                // value too: its absolute time is the next line)
                op[i] = plan.kind(i) == FieldPlan.Kind.IPV4 ? IPV4 : plan.kind(i) == FieldPlan.Kind.UNSIGNED
                        && !ValueDecoder.labelsIntegers(plan.element(i), plan.registry()) ? DECIMAL : DISPLAY;
                slot[i] = i == plan.sourceAddress() ? 0 : i == plan.sourcePort() ? 1 : i == plan.destinationAddress() ? 2
                        : i == plan.destinationPort() ? 3 : -1;
                uptime[i] = plan.uptime(i);
            }
        }
    }

    /**
     * The plain text of field i on the record line (as {@link ValueDecoder#appendValue}); returns the slot when that
     * text is the field's display too (written from the bytes: the field's line copies it), else -1.
     */
    /**
     * {@link #plain} of a record line's address, in brackets when it is an IPv6 address before a port (as
     * {@link PacketTree#recordSummary}); the brackets stay outside the slot, which the field's own line copies.
     */
    private int address(ByteText out, FieldPlan plan, DataRecord r, int i, int port, int slot) {
        boolean bracket = PacketTree.bracketed(plan, i, port);
        if (bracket) {
            out.put('[');
        }
        int s = plain(out, plan, r, i, slot);
        if (bracket) {
            out.put(']');
        }
        return s;
    }

    private int plain(ByteText out, FieldPlan plan, DataRecord r, int i, int slot) {
        int start = out.length();
        if (r.valueLength(i) > 0 && plan.displaysPlain(i) && plan.plainFast(r, i, out)) {
            slotStart[slot] = start;
            slotEnd[slot] = out.length();
            return slot;
        }
        plan.plain(r, i, out);
        return -1;
    }
}
