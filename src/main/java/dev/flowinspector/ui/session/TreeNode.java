package dev.flowinspector.ui.session;

import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One line of the packet details tree: a label, the dotted field name behind it (for filters and copying),
 * the bytes it covers in the bytes shown ({@link FrameTree#bytes}: the whole frame, or the export packet alone;
 * {@code offset} -1 when none) and the worst problem at or below
 * it. Built by {@link PacketTreeBuilder}.
 */
public final class TreeNode {

    private final String label;
    private final String fieldName;
    private final int offset;
    private final int length;
    private final Object value;
    private final Problem problem;
    private final List<TreeNode> children = new ArrayList<>();
    private TreeNode parent;
    private Severity worst;
    private dev.flowinspector.dictionary.InformationElement element;

    TreeNode(String label, String fieldName, int offset, int length, Object value, Problem problem) {
        this.label = label;
        this.fieldName = fieldName;
        this.offset = offset;
        this.length = length;
        this.value = value;
        this.problem = problem;
        this.worst = problem == null ? null : problem.severity();
    }

    /** Adds a child; the worst problem below it counts for this node and its ancestors too. */
    TreeNode add(TreeNode child) {
        child.parent = this;
        children.add(child);
        if (child.worst != null) {
            raise(child.worst);
        }
        return child;
    }

    void raise(Severity s) {
        for (TreeNode n = this; n != null; n = n.parent) {
            if (s.worseThan(n.worst)) {
                n.worst = s;
            }
        }
    }

    public String label() {
        return label;
    }

    /** Stable dotted name, e.g. {@code ipfix.sourceIPv4Address}, or null. */
    public String fieldName() {
        return fieldName;
    }

    /**
     * First byte in the bytes the tree was built over (the frame for {@link PacketTreeBuilder#frame}, the export
     * packet for {@link PacketTreeBuilder#build}), or -1 when the node has no bytes there.
     */
    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Typed value, or null. */
    public Object value() {
        return value;
    }

    /** The problem this node shows, or null for a field node. */
    public Problem problem() {
        return problem;
    }

    /** Worst severity at or below this node, or null. */
    public Severity worst() {
        return worst;
    }

    public List<TreeNode> children() {
        return Collections.unmodifiableList(children);
    }

    public TreeNode parent() {
        return parent;
    }

    /** The information element behind this field (IE id, unit, description), or null (header, structure). */
    public dev.flowinspector.dictionary.InformationElement element() {
        return element;
    }

    void setElement(dev.flowinspector.dictionary.InformationElement ie) {
        element = ie;
    }

    /** The tooltip: element name, IE id, type, unit and description; else the field name; and the bytes. */
    public String tooltip() {
        return FieldInfo.tooltip(this);
    }

    /** True when this node covers the byte. */
    public boolean covers(int b) {
        return offset >= 0 && b >= offset && b < offset + Math.max(length, 1);
    }

    /** This node and everything below it as indented text. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        text(sb, 0);
        return sb.toString();
    }

    private void text(StringBuilder sb, int depth) {
        sb.append("    ".repeat(depth)).append(label).append('\n');
        for (TreeNode c : children) {
            c.text(sb, depth + 1);
        }
    }

    /** This node and everything below it as JSON. */
    public String toJson() {
        StringBuilder sb = new StringBuilder();
        json(sb, 0);
        return sb.append('\n').toString();
    }

    private void json(StringBuilder sb, int depth) {
        String in = "  ".repeat(depth);
        sb.append(in).append("{\"label\": ").append(quote(label));
        if (fieldName != null) {
            sb.append(", \"field\": ").append(quote(fieldName));
        }
        if (offset >= 0) {
            sb.append(", \"offset\": ").append(offset).append(", \"length\": ").append(length);
        }
        if (value instanceof Number || value instanceof Boolean) {
            sb.append(", \"value\": ").append(value);
        } else if (value != null && !(value instanceof byte[]) && !(value instanceof List)) {
            sb.append(", \"value\": ").append(quote(value.toString()));
        }
        if (problem != null) {
            sb.append(", \"problem\": ").append(quote(problem.code()))
                    .append(", \"severity\": ").append(quote(problem.severity().label()));
        }
        if (!children.isEmpty()) {
            sb.append(", \"children\": [\n");
            for (int i = 0; i < children.size(); i++) {
                children.get(i).json(sb, depth + 1);
                sb.append(i + 1 < children.size() ? ",\n" : "\n");
            }
            sb.append(in).append(']');
        }
        sb.append('}');
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return label;
    }
}
