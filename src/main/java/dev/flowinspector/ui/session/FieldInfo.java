package dev.flowinspector.ui.session;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.dictionary.InformationElement;
import java.util.HashMap;
import java.util.Map;

/**
 * What the details tree tells about a field beyond its line: the information element behind it (IE id, enterprise,
 * type, unit, description, for the tooltip) and, for tcpControlBits, one sub-node per flag (RFC 7125), as Wireshark
 * breaks a flags field into bits.
 */
final class FieldInfo {

    /** RFC 7125 §3: the flag of each bit of tcpControlBits, lowest bit first. */
    static final String[] TCP_FLAGS = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};

    /** The packet's values by (offset, dotted name): where a tree node finds its element. */
    private final Map<String, FieldValue> values = new HashMap<>();

    private FieldInfo() {
    }

    /** The header and record values of a packet, to be looked up by tree nodes. */
    static FieldInfo of(ExportPacket p) {
        FieldInfo fi = new FieldInfo();
        for (FieldValue f : p.header()) {
            fi.put(f);
        }
        for (FlowSet s : p.sets()) {
            for (DataRecord r : s.records()) {
                for (FieldValue f : r.fields()) {
                    fi.put(f);
                }
            }
        }
        return fi;
    }

    private void put(FieldValue f) {
        values.putIfAbsent(key(f.offset(), f.fieldName()), f);
        for (FieldValue c : f.children()) {
            put(c);
        }
    }

    private static String key(int offset, String field) {
        return offset + ":" + field;
    }

    /** Gives the node its element and, for tcpControlBits, its flag sub-nodes. */
    void annotate(TreeNode n) {
        if (n.fieldName() == null || n.offset() < 0) {
            return;
        }
        FieldValue f = values.get(key(n.offset(), n.fieldName()));
        if (f == null) {
            return;
        }
        n.setElement(f.ie());
        if (f.ie() != null && "tcpControlBits".equals(f.ie().name()) && f.value() instanceof Long v
                && f.length() >= 1 && f.length() <= 2) {
            addFlags(n, v, f.offset(), f.length());
        }
    }

    /**
     * One sub-node per flag: ".... .... ..1. = SYN: Set", over the byte that holds the bit. A one-byte field (v5, v7,
     * v8 tcp_flags) has no NS bit.
     */
    private static void addFlags(TreeNode n, long v, int offset, int length) {
        int bits = length * 8;
        int flags = Math.min(TCP_FLAGS.length, bits);
        String field = n.fieldName() + ".";
        for (int i = flags - 1; i >= 0; i--) {
            boolean set = (v & (1L << i)) != 0;
            String label = bitPattern(bits, i, set) + " = " + TCP_FLAGS[i] + ": " + (set ? "Set" : "Not set");
            int byteAt = offset + length - 1 - i / 8;
            n.add(new TreeNode(label, field + TCP_FLAGS[i].toLowerCase(java.util.Locale.ROOT), byteAt, 1, set, null));
        }
    }

    /** Wireshark's bit picture: dots, the bit's value at its place, a space every four bits. */
    static String bitPattern(int bits, int bit, boolean set) {
        StringBuilder sb = new StringBuilder(bits + bits / 4);
        for (int k = bits - 1; k >= 0; k--) {
            sb.append(k == bit ? (set ? '1' : '0') : '.');
            if (k > 0 && k % 4 == 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    /** The tooltip of a node: its element (IE id, enterprise, type, unit, description) or its field name. */
    static String tooltip(TreeNode n) {
        InformationElement ie = n.element();
        StringBuilder sb = new StringBuilder();
        if (ie != null) {
            sb.append(ie.name()).append('\n');
            sb.append("IE id ").append(ie.id());
            if (ie.pen() != 0) {
                sb.append(", enterprise ").append(ie.pen());
            }
            sb.append(", ").append(ie.type().ianaName());
            if (!ie.semantics().isEmpty() && !"default".equals(ie.semantics())) {
                sb.append(", ").append(ie.semantics());
            }
            sb.append('\n').append("Unit: ").append(ie.units().isEmpty() ? "none" : ie.units());
            if (!ie.description().isEmpty()) {
                sb.append('\n').append(ie.description());
            }
            if (!ie.known()) {
                sb.append('\n').append("Not in any loaded registry: shown as bytes");
            }
        } else if (n.problem() != null) {
            sb.append(n.problem().code()).append(" (").append(n.problem().severity().label()).append(')');
        } else if (n.fieldName() != null && !n.fieldName().isEmpty()) {
            sb.append(n.fieldName());
        } else {
            return null;
        }
        if (n.offset() >= 0 && n.length() > 0) {
            sb.append('\n').append("Bytes ").append(n.offset()).append('-').append(n.offset() + n.length() - 1)
                    .append(" (").append(n.length()).append(n.length() == 1 ? " byte)" : " bytes)");
        }
        return sb.toString();
    }
}
