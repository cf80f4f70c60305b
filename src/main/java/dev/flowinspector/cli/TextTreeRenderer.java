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
        RecordContext ctx = r.context();
        indent(out, 3);
        String start = PacketTree.recordLabelStart(r);
        if (start != lastRecordStart) { // a constant: cache its bytes
            lastRecordStart = start;
            lastRecordStartBytes = start.getBytes(StandardCharsets.UTF_8);
        }
        out.put(lastRecordStartBytes).putDecimal(number);
        if (plan.hasList()) {
            out.put(PacketTree.recordSummary(r)).put('\n');
            for (FieldValue f : r.fields()) {
                value(out, f, f.name(), FIELD_DEPTH);
            }
            return;
        }
        int src = plan.sourceAddress();
        int dst = plan.destinationAddress();
        boolean summary = src >= 0 && dst >= 0;
        int slotSrc = -1;
        int slotSrcPort = -1;
        int slotDst = -1;
        int slotDstPort = -1;
        if (summary) {
            out.put(':').put(' ');
            slotSrc = plain(out, plan, r, src, 0);
            if (plan.sourcePort() >= 0) {
                out.put(':');
                slotSrcPort = plain(out, plan, r, plan.sourcePort(), 1);
            }
            out.put(ARROW);
            slotDst = plain(out, plan, r, dst, 2);
            if (plan.destinationPort() >= 0) {
                out.put(':');
                slotDstPort = plain(out, plan, r, plan.destinationPort(), 3);
            }
        }
        out.put('\n');
        int n = plan.size();
        for (int i = 0; i < n; i++) {
            int mark = out.length();
            indent(out, FIELD_DEPTH);
            out.put(plan.labelBytes(i));
            int slot = i == src ? slotSrc : i == dst ? slotDst : i == plan.sourcePort() ? slotSrcPort
                    : i == plan.destinationPort() ? slotDstPort : -1;
            if (slot >= 0) {
                // the record line has this value's text already
                int len = slotEnd[slot] - slotStart[slot];
                byte[] b = out.reserve(len);
                System.arraycopy(b, slotStart[slot], b, out.length(), len);
                out.setLength(out.length() + len);
                suffix(out, plan, i);
                continue;
            }
            int len = r.valueLength(i);
            if (!plan.display(i, d, r.valueOffset(i), len, out)) {
                out.setLength(mark);
                value(out, r.field(i), plan.label(i), FIELD_DEPTH);
                continue;
            }
            suffix(out, plan, i);
            if (len > 0 && plan.uptime(i) && ctx.sysUptimeMs() >= 0) {
                long abs = ctx.absoluteFromUptime(r.unsigned(i));
                out.put(ABSOLUTE);
                if (!out.putInstant(Math.floorDiv(abs, 1000L), (int) Math.floorMod(abs, 1000L) * 1_000_000)) {
                    out.put(ValueDecoder.instantText(java.time.Instant.ofEpochMilli(abs)));
                }
                out.put(UPTIME_NOTE);
            }
        }
    }

    private static void suffix(ByteText out, FieldPlan plan, int i) {
        byte[] pen = plan.penSuffix(i);
        if (pen != null) {
            out.put(pen);
        }
        out.put('\n');
    }

    /**
     * The plain text of field i on the record line (as {@link ValueDecoder#appendValue}); returns the slot when that
     * text is the field's display too (written from the bytes: the field's line copies it), else -1.
     */
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
