package dev.flowinspector.decode;

import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElement;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed record layout of NetFlow v1/v5/v7/v8 (Cisco NetFlow export datagram formats), written as
 * (name, size) pairs. Names are IANA element names where one exists, so the record decodes like an
 * IPFIX record; the few v7/v8-only fields get elements of their own.
 */
final class LegacyLayout {

    final String name;
    final int recordSize;
    final int maxCount;
    final List<TemplateField> fields;
    /** The records' plan (field positions, value writers) and time pairs, worked out on first use by the decoder. */
    FieldPlan plan;
    int[] times;
    int[] timesAt;
    /**
     * Where a record's time pair lies when it is the only one and both its values are 4 bytes at fixed offsets
     * (the records of v1, v5, v7 and every v8 scheme), else -1: the quick pass over the records' checks compares
     * the two, and only a record whose start is after its end goes through {@link RecordTimeChecks#check}, which
     * tells an uptime wrap from a real one. It does what {@link QuickChecks} does for templates, with two loads and
     * no loop (JMH, v5: decode alone 1.7 times as fast as with the full check on every record).
     */
    int quickStart = -1;
    int quickEnd = -1;

    private LegacyLayout(String name, int maxCount, List<TemplateField> fields) {
        this.name = name;
        this.maxCount = maxCount;
        this.fields = List.copyOf(fields);
        int n = 0;
        for (TemplateField f : fields) {
            n += f.length();
        }
        this.recordSize = n;
    }

    /**
     * Builds a layout from alternating names and sizes: {@code "sourceIPv4Address", 4, ...}. A name not in
     * the registry is made an element of its own (ipv4Address when 4 bytes and named *Address/*Sc,
     * else unsigned).
     */
    static LegacyLayout of(InformationElementRegistry reg, String name, int maxCount, Object... spec) {
        List<TemplateField> fields = new ArrayList<>();
        for (int i = 0; i < spec.length; i += 2) {
            String n = (String) spec[i];
            int size = (Integer) spec[i + 1];
            InformationElement ie = reg.byName(n).orElseGet(() -> local(n, size));
            fields.add(new TemplateField(ie, size, false));
        }
        return new LegacyLayout(name, maxCount, fields);
    }

    private static InformationElement local(String n, int size) {
        DataType t;
        if (n.startsWith("padding") || n.startsWith("reserved")) {
            t = DataType.OCTET_ARRAY;
        } else if (size == 4 && (n.endsWith("Address") || n.equals("routerSc"))) {
            t = DataType.IPV4_ADDRESS;
        } else {
            t = switch (size) {
                case 1 -> DataType.UNSIGNED8;
                case 2 -> DataType.UNSIGNED16;
                case 4 -> DataType.UNSIGNED32;
                default -> DataType.OCTET_ARRAY;
            };
        }
        return new InformationElement(0, 0, n, t, "", "", "", "NetFlow v1-v8 field", true);
    }
}
