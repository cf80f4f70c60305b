package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.FrameLayers;
import dev.flowinspector.decode.DecodeNode;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.Transport;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * The top-level nodes for a packet with offsets in the export payload (no link, IP or transport layers); frame
     * may be null (a pasted packet without capture data).
     */
    public static List<TreeNode> build(Frame frame, ExportPacket p) {
        return assemble(frame, p, null, 0, null);
    }

    /**
     * What the window shows for a packet: the frame's link, network and transport headers as nodes
     * ({@link FrameLayers}), then the export packet, every offset counted from the frame's first byte; when no
     * single frame holds the payload (IP fragments, a TCP stream, pasted or file payloads) the payload alone, and
     * the frame node says why.
     */
    public static FrameTree frame(Frame f, ExportPacket p) {
        byte[] data = p.data();
        String note;
        if (f != null && f.frameBytes() != null && f.linkType() >= 0) {
            byte[] fb = f.frameBytes();
            FrameLayers.Result layers = FrameLayers.decode(f.linkType(), fb);
            int at = layers.payloadOffset();
            if (at >= 0 && layers.payloadLength() == data.length
                    && Arrays.equals(fb, at, at + data.length, data, 0, data.length)) {
                return new FrameTree(assemble(f, p, layers, at, null), fb, at, data.length, null);
            }
            note = "the export payload is not where the frame's headers say; only the payload is shown";
        } else {
            note = payloadOnly(f);
        }
        return new FrameTree(assemble(f, p, null, 0, note), data, 0, data.length, note);
    }

    /** Why a packet has no frame bytes to show, and that only its payload is. */
    private static String payloadOnly(Frame f) {
        String why;
        if (f == null) {
            why = "no capture data";
        } else if (f.notes().stream().anyMatch(n -> n.code().equals(Problems.IPFIX_OVER_TCP.code()))) {
            why = "an IPFIX message from a TCP stream (no single frame holds it)";
        } else if (f.notes().stream().anyMatch(n -> n.code().equals(Problems.IP_FRAGMENTED.code()))) {
            why = "reassembled from IP fragments (no single frame holds it)";
        } else if (f.transport() == Transport.NONE) {
            why = "no link, IP or UDP headers (an IPFIX file or a pasted payload)";
        } else {
            why = "the frame's headers were not kept (pasted from the UDP header down, or rebuilt)";
        }
        return why + ": only the export payload is shown";
    }

    /**
     * The tree: frame node, header layers (offsets as they are), the export packet shifted by base; problems about
     * the whole packet go to the header node that shows them (UDP checksum) or under the frame.
     */
    private static List<TreeNode> assemble(Frame frame, ExportPacket p, FrameLayers.Result layers, int base,
                                           String note) {
        List<TreeNode> roots = new ArrayList<>();
        TreeNode frameNode = frame == null ? null : frameNode(frame, p, layers, base, note);
        if (frameNode != null) {
            roots.add(frameNode);
        } else if (note != null) {
            roots.add(new TreeNode("[" + note + "]", "frame.bytes", -1, 0, note, null));
        }
        DecodeNode tree = PacketTree.build(p);
        FieldInfo info = FieldInfo.of(p);
        List<Problem> whole = new ArrayList<>(tree.problems());
        if (layers != null) {
            for (DecodeNode c : layers.nodes()) {
                roots.add(convertLayer(c, whole));
            }
        }
        TreeNode header = null;
        for (DecodeNode c : tree.children()) {
            TreeNode n = convert(c, base, info);
            roots.add(n);
            if (header == null && c.field().endsWith(".header")) {
                header = n;
            }
        }
        // problems about the whole packet (transport notes) go under the frame
        for (Problem pr : whole) {
            TreeNode n = problemNode(pr, pr.offset() + base, pr.length());
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

    /** One decode-tree node and its sub-tree, offsets shifted by base, problems as child nodes (expert items). */
    private static TreeNode convert(DecodeNode d, int base, FieldInfo info) {
        TreeNode n = new TreeNode(d.label(), d.field(), d.offset() < 0 ? -1 : d.offset() + base, d.length(), d.value(),
                null);
        info.annotate(n, base);
        for (DecodeNode c : d.children()) {
            n.add(convert(c, base, info));
        }
        for (Problem pr : d.problems()) {
            n.add(problemNode(pr, pr.offset() + base, pr.length())).raise(pr.severity());
        }
        return n;
    }

    /**
     * A header-layer node; a problem the packet also carries as a transport note (the UDP checksum) is shown once,
     * here, as the packet's own problem (so Expert Info finds it), and taken out of {@code whole}. A wrong UDP
     * checksum the capture chose not to note (this host's own packets in a live capture: checksum offload) is said
     * in the label but raises nothing, as in the packet list and Expert Info.
     */
    private static TreeNode convertLayer(DecodeNode d, List<Problem> whole) {
        List<TreeNode> problems = new ArrayList<>();
        String label = d.label();
        for (Problem pr : d.problems()) {
            Problem shown = null;
            for (Problem w : whole) {
                if (w.code().equals(pr.code())) {
                    shown = w;
                    whole.remove(w);
                    break;
                }
            }
            if (shown == null && pr.type() == Problems.UDP_CHECKSUM_BAD) {
                label += " (not counted as a problem: the capture does not flag it, e.g. this host's own packet "
                        + "before checksum offload)";
                continue;
            }
            problems.add(problemNode(shown == null ? pr : shown, pr.offset(), pr.length()));
        }
        TreeNode n = new TreeNode(label, d.field(), d.offset(), d.length(), d.value(), null);
        for (DecodeNode c : d.children()) {
            n.add(convertLayer(c, whole));
        }
        for (TreeNode p : problems) {
            n.add(p);
        }
        return n;
    }

    private static TreeNode problemNode(Problem pr, int offset, int length) {
        String ref = pr.type().reference() == null || pr.type().reference().isEmpty() ? "" : ", " + pr.type().reference();
        return new TreeNode("[" + pr.severity().label() + "] " + pr.message() + "  (" + pr.code() + ref + ")",
                "problem." + pr.code(), offset, length, null, pr);
    }

    private static TreeNode frameNode(Frame f, ExportPacket p, FrameLayers.Result layers, int base, String note) {
        String when = f.timeNanos() == 0 ? "" : ", captured " + TIME.format(Instant.ofEpochSecond(0, f.timeNanos()));
        String size = layers == null ? "" : f.frameBytes().length + " bytes captured, ";
        String only = layers == null && note != null ? " (export payload only)" : "";
        TreeNode n = new TreeNode("Frame " + f.number() + ": " + size + p.data().length + " bytes of export data" + only
                + when, "frame", -1, 0, f.number(), null);
        n.add(new TreeNode("Frame number: " + f.number(), "frame.number", -1, 0, f.number(), null));
        if (f.timeNanos() != 0) {
            n.add(new TreeNode("Arrival time: " + TIME.format(Instant.ofEpochSecond(0, f.timeNanos())),
                    "frame.time", -1, 0, Instant.ofEpochSecond(0, f.timeNanos()), null));
        }
        if (f.frameBytes() != null) {
            n.add(new TreeNode("Frame length: " + f.frameBytes().length + " bytes", "frame.len", -1, 0,
                    (long) f.frameBytes().length, null));
        }
        if (layers != null) {
            n.add(new TreeNode("Link type: " + layers.linkName() + " (" + f.linkType() + ")", "frame.linktype", -1, 0,
                    (long) f.linkType(), null));
            n.add(new TreeNode("Export payload: bytes " + base + "-" + (base + p.data().length - 1)
                    + " of the frame (marked in the bytes pane)", "frame.payload", base, p.data().length,
                    (long) base, null));
        } else if (note != null) {
            n.add(new TreeNode("Bytes shown: " + note, "frame.bytes", -1, 0, note, null));
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
