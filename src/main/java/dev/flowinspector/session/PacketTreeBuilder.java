package dev.flowinspector.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.TemplateField;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the details tree of one export packet: frame and transport, header, each set with its templates
 * (field specifiers with element names and types) or records (fields with decoded values), and each problem
 * shown under the deepest node whose bytes it points at (like Wireshark's expert items).
 */
public final class PacketTreeBuilder {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS")
            .withZone(ZoneId.systemDefault());

    private PacketTreeBuilder() {
    }

    /** The top-level nodes for a packet; frame may be null (a pasted packet without capture data). */
    public static List<TreeNode> build(Frame frame, ExportPacket p) {
        List<TreeNode> roots = new ArrayList<>();
        if (frame != null) {
            roots.add(frameNode(frame, p));
        }
        String px = p.version() == 10 ? "ipfix" : "nf" + p.version();
        TreeNode header = new TreeNode(p.protocolName() + " header", px + ".header", 0, headerLength(p), null, null);
        for (FieldValue f : p.header()) {
            field(header, f);
        }
        roots.add(header);
        int i = 0;
        for (FlowSet s : p.sets()) {
            roots.add(set(px, s, ++i));
        }
        for (TemplateEvent e : p.templateEvents()) {
            if (e.kind() == TemplateEvent.Kind.EXPIRED) {
                header.add(new TreeNode("Template " + e.key().templateId() + " expired before this packet",
                        "template.expired", -1, 0, e.key().templateId(), null));
            }
        }
        for (Problem pr : p.problems()) {
            // transport notes (offset 0, length 0) are about the whole frame, not its first byte
            TreeNode at = pr.length() == 0 && pr.offset() == 0 ? roots.get(0) : deepest(roots, pr.offset(), pr.length());
            TreeNode n = new TreeNode("[" + pr.severity().label() + "] " + pr.message() + "  (" + pr.code()
                    + (pr.type().reference() == null || pr.type().reference().isEmpty() ? "" : ", "
                    + pr.type().reference()) + ")", "problem." + pr.code(), pr.offset(), pr.length(), null, pr);
            if (at == null) {
                roots.add(n);
            } else {
                at.add(n);
            }
            n.raise(pr.severity());
        }
        return roots;
    }

    private static int headerLength(ExportPacket p) {
        int end = 0;
        for (FieldValue f : p.header()) {
            end = Math.max(end, f.offset() + f.length());
        }
        return end;
    }

    private static TreeNode frameNode(Frame f, ExportPacket p) {
        String when = f.timeNanos() == 0 ? "" : ", captured " + TIME.format(Instant.ofEpochSecond(0, f.timeNanos()));
        TreeNode n = new TreeNode("Frame " + f.number() + ": " + p.data().length + " bytes of export data" + when,
                "frame", -1, 0, f.number(), null);
        n.add(new TreeNode("Frame number: " + f.number(), "frame.number", -1, 0, f.number(), null));
        if (f.timeNanos() != 0) {
            n.add(new TreeNode("Arrival time: " + TIME.format(Instant.ofEpochSecond(0, f.timeNanos())),
                    "frame.time", -1, 0, Instant.ofEpochSecond(0, f.timeNanos()), null));
        }
        if (f.frameBytes() != null) {
            n.add(new TreeNode("Frame length: " + f.frameBytes().length + " bytes", "frame.len", -1, 0,
                    (long) f.frameBytes().length, null));
        }
        n.add(new TreeNode("Transport: " + f.transport() + ", " + f.source() + " → " + f.destination(),
                "frame.transport", -1, 0, f.transport().toString(), null));
        n.add(new TreeNode("Exporter: " + f.source(), "exporter", -1, 0, f.source().toString(), null));
        n.add(new TreeNode("Collector: " + f.destination(), "collector", -1, 0, f.destination().toString(), null));
        if (f.comment() != null) {
            n.add(new TreeNode("Comment: " + f.comment(), "frame.comment", -1, 0, f.comment(), null));
        }
        return n;
    }

    private static TreeNode field(TreeNode parent, FieldValue f) {
        TreeNode n = parent.add(new TreeNode(f.name() + ": " + f.display(), f.fieldName(), f.offset(), f.length(),
                f.value(), null));
        for (FieldValue c : f.children()) {
            field(n, c);
        }
        return n;
    }

    private static TreeNode set(String px, FlowSet s, int index) {
        String what = switch (s.kind()) {
            case TEMPLATE -> "Template set " + s.id() + ", " + count(s.templates().size(), "template");
            case OPTIONS_TEMPLATE -> "Options template set " + s.id() + ", " + count(s.templates().size(), "template");
            case DATA, OPTIONS_DATA -> dataLabel(px, s);
            case RAW -> "Undecoded set " + s.id() + " (raw bytes)";
        };
        TreeNode n = new TreeNode(what + "  [" + s.length() + " bytes]", px + ".set", s.offset(), s.length(),
                (long) s.id(), null);
        if (px.equals("nf9") || px.equals("ipfix")) {
            // set header: id and length (RFC 7011 §3.3.2, RFC 3954 §5.2)
            n.add(new TreeNode((px.equals("nf9") ? "FlowSet id: " : "Set id: ") + s.id(), px + ".set.id", s.offset(), 2,
                    (long) s.id(), null));
            n.add(new TreeNode("Length: " + s.length(), px + ".set.length", s.offset() + 2, 2, (long) s.length(), null));
        }
        for (Template t : s.templates()) {
            template(n, px, t);
        }
        int r = 0;
        for (DataRecord rec : s.records()) {
            TreeNode rn = n.add(new TreeNode((s.kind() == SetKind.OPTIONS_DATA ? "Options record " : "Record ") + (++r)
                    + recordSummary(rec), px + ".record", rec.offset(), rec.length(), null, null));
            for (FieldValue f : rec.fields()) {
                field(rn, f);
            }
        }
        if (s.paddingLength() > 0) {
            n.add(new TreeNode("Padding: " + s.paddingLength() + " bytes", px + ".set.padding", s.paddingOffset(),
                    s.paddingLength(), null, null));
        }
        return n;
    }

    private static String dataLabel(String px, FlowSet s) {
        if (px.startsWith("nf") && !px.equals("nf9")) {
            return "Flow records, " + count(s.records().size(), "record");
        }
        StringBuilder sb = new StringBuilder(s.kind() == SetKind.OPTIONS_DATA ? "Options data set " : "Data set ");
        sb.append(s.id()).append(", ").append(count(s.records().size(), "record"));
        if (s.template() == null) {
            sb.append(" (no template: not decoded)");
        } else if (s.lateTemplate()) {
            sb.append(" (template from later frame ").append(s.templateFrame()).append(")");
        } else if (s.templateFrame() > 0) {
            sb.append(" (template from frame ").append(s.templateFrame()).append(")");
        }
        return sb.toString();
    }

    private static String recordSummary(DataRecord r) {
        FieldValue src = r.field("sourceIPv4Address");
        if (src == null) {
            src = r.field("sourceIPv6Address");
        }
        FieldValue dst = r.field("destinationIPv4Address");
        if (dst == null) {
            dst = r.field("destinationIPv6Address");
        }
        if (src == null || dst == null) {
            return "";
        }
        FieldValue sp = r.field("sourceTransportPort");
        FieldValue dp = r.field("destinationTransportPort");
        return ": " + src.display() + (sp == null ? "" : ":" + sp.display()) + " → " + dst.display()
                + (dp == null ? "" : ":" + dp.display());
    }

    private static void template(TreeNode parent, String px, Template t) {
        String label;
        if (t.isWithdrawal()) {
            label = "Template " + t.id() + " withdrawn";
        } else {
            label = (t.options() ? "Options template " : "Template ") + t.id() + ", " + count(t.fields().size(), "field")
                    + (t.options() ? " (" + t.scopeCount() + " scope)" : "");
        }
        TreeNode n = parent.add(new TreeNode(label, px + ".template", t.originOffset(), t.originLength(),
                (long) t.id(), null));
        int off = t.originOffset() + (t.options() ? 6 : 4);
        int end = t.originOffset() + t.originLength();
        for (TemplateField f : t.fields()) {
            int len = 4 + (f.pen() != 0 && px.equals("ipfix") ? 4 : 0);
            String ie = f.pen() == 0 ? "id " + f.id() : "pen " + f.pen() + " id " + f.id();
            String size = f.isVariable() ? "variable length" : f.length() + (f.length() == 1 ? " byte" : " bytes");
            n.add(new TreeNode((f.scope() ? "Scope " : "") + f.name() + " (" + ie + ", " + f.ie().type().ianaName()
                    + ", " + size + ")" + (f.ie().known() ? "" : " [unknown element]"), px + ".template.field",
                    off + len <= end ? off : -1, len, f.name(), null));
            off += len;
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** The deepest node whose bytes cover [offset, offset+length), or null. */
    public static TreeNode deepest(List<TreeNode> roots, int offset, int length) {
        for (TreeNode r : roots) {
            if (r.offset() >= 0 && contains(r, offset, length)) {
                TreeNode d = deepest(r.children(), offset, length);
                return d == null ? r : d;
            }
        }
        for (TreeNode r : roots) {
            if (r.offset() < 0) {
                TreeNode d = deepest(r.children(), offset, length);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private static boolean contains(TreeNode n, int offset, int length) {
        if (n.problem() != null) {
            return false;
        }
        int end = offset + Math.max(length, 1);
        return offset >= n.offset() && end <= n.offset() + Math.max(n.length(), 1);
    }

    /** The deepest node covering one byte (for a click in the hex view), or null. */
    public static TreeNode at(List<TreeNode> roots, int b) {
        return deepest(roots, b, 1);
    }
}
