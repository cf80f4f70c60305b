package dev.flowinspector.decode;

import java.util.List;

/**
 * One line of a packet's detail tree: what it is, its value, where its bytes are and what is wrong
 * with it. Immutable.
 *
 * @param label    display line, e.g. "sourceIPv4Address: 10.0.0.1"
 * @param field    stable dotted field name for filters, e.g. "ipfix.sourceIPv4Address" ("" for groups)
 * @param value    typed value or null (see {@link FieldValue#value()})
 * @param offset   first byte in the export packet
 * @param length   byte count
 * @param problems problems that point into this node and into no child
 * @param children sub-nodes
 */
public record DecodeNode(String label, String field, Object value, int offset, int length, List<Problem> problems,
                         List<DecodeNode> children) {

    public DecodeNode {
        problems = problems == null ? List.of() : List.copyOf(problems);
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** Worst severity of the problems in this node and below, or null. */
    public Severity worstSeverity() {
        Severity w = null;
        for (Problem p : problems) {
            if (p.severity().worseThan(w)) {
                w = p.severity();
            }
        }
        for (DecodeNode c : children) {
            Severity s = c.worstSeverity();
            if (s != null && s.worseThan(w)) {
                w = s;
            }
        }
        return w;
    }

    /** True when [off, off+len) lies within this node's bytes. */
    public boolean covers(int off, int len) {
        return off >= offset && off + Math.max(len, 0) <= offset + length && (length > 0 || len == 0 && off == offset);
    }

    /** The deepest node whose bytes contain the byte at off (this node when no child does), or null. */
    public DecodeNode deepestAt(int off) {
        if (off < offset || off >= offset + length) {
            return null;
        }
        for (DecodeNode c : children) {
            DecodeNode d = c.deepestAt(off);
            if (d != null) {
                return d;
            }
        }
        return this;
    }
}
