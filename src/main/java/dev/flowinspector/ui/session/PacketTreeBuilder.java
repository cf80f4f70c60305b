package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.DecodeNode;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.TemplateEvent;
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
        TreeNode frameNode = frame == null ? null : frameNode(frame, p);
        if (frameNode != null) {
            roots.add(frameNode);
        }
        DecodeNode tree = PacketTree.build(p);
        FieldInfo info = FieldInfo.of(p);
        TreeNode header = null;
        for (DecodeNode c : tree.children()) {
            TreeNode n = convert(c, info);
            roots.add(n);
            if (header == null && c.field().endsWith(".header")) {
                header = n;
            }
        }
        // problems about the whole packet (transport notes) go under the frame
        for (Problem pr : tree.problems()) {
            TreeNode n = problemNode(pr);
            if (frameNode != null) {
                frameNode.add(n);
            } else {
                roots.add(n);
            }
            n.raise(pr.severity());
        }
        for (TemplateEvent e : p.templateEvents()) {
            if (e.kind() == TemplateEvent.Kind.EXPIRED && header != null) {
                header.add(new TreeNode("Template " + e.key().templateId() + " expired before this packet",
                        "template.expired", -1, 0, e.key().templateId(), null));
            }
        }
        return roots;
    }

    /** One decode-tree node and its sub-tree, with its problems as child nodes (Wireshark's expert items). */
    private static TreeNode convert(DecodeNode d, FieldInfo info) {
        TreeNode n = new TreeNode(d.label(), d.field(), d.offset(), d.length(), d.value(), null);
        info.annotate(n);
        for (DecodeNode c : d.children()) {
            n.add(convert(c, info));
        }
        for (Problem pr : d.problems()) {
            n.add(problemNode(pr)).raise(pr.severity());
        }
        return n;
    }

    private static TreeNode problemNode(Problem pr) {
        String ref = pr.type().reference() == null || pr.type().reference().isEmpty() ? "" : ", " + pr.type().reference();
        return new TreeNode("[" + pr.severity().label() + "] " + pr.message() + "  (" + pr.code() + ref + ")",
                "problem." + pr.code(), pr.offset(), pr.length(), null, pr);
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
