package dev.flowinspector.ui.session;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.dictionary.InformationElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the details tree tells about a field beyond its line: the information element behind it (IE id, enterprise,
 * type, unit, description, for the tooltip) and, for tcpControlBits, one sub-node per flag (RFC 7125), as Wireshark
 * breaks a flags field into bits.
 */
final class FieldInfo {

    /** RFC 7125 §3: the flag of each bit of tcpControlBits, lowest bit first. */
    static final String[] TCP_FLAGS = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};

    /** Record fields by the offset of their value: the record and field index (no value is decoded again). */
    private final Map<Integer, List<Slot>> fields = new HashMap<>();

    private record Slot(DataRecord record, int index) {
    }

    private FieldInfo() {
    }

    /** Where the record fields of a packet are, to be looked up by tree nodes (header fields have no element). */
    static FieldInfo of(ExportPacket p) {
        FieldInfo fi = new FieldInfo();
        for (FlowSet s : p.sets()) {
            for (DataRecord r : s.records()) {
                for (int i = 0; i < r.fieldCount(); i++) {
                    fi.fields.computeIfAbsent(r.valueOffset(i), k -> new ArrayList<>(1)).add(new Slot(r, i));
                }
            }
        }
        return fi;
    }

    /** Gives the node its element and, for tcpControlBits, its flag sub-nodes. */
    void annotate(TreeNode n, int base) {
        String name = n.fieldName();
        if (name == null || n.offset() < 0) {
            return;
        }
        List<Slot> at = fields.get(n.offset() - base); // n's offset counts from the frame, base bytes before the payload
        if (at == null) {
            return; // a header field (no element), structure, or a value inside a list
        }
        for (Slot s : at) {
            if (s.record().plan() == null) {
                continue;
            }
            InformationElement ie = s.record().plan().element(s.index());
            if (name.length() > ie.name().length() && name.endsWith(ie.name())
                    && name.charAt(name.length() - ie.name().length() - 1) == '.') {
                n.setElement(ie);
                int len = s.record().valueLength(s.index());
                if ("tcpControlBits".equals(ie.name()) && len >= 1 && len <= 2) {
                    addFlags(n, s.record().unsigned(s.index()), n.offset(), len);
                }
                return;
            }
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
