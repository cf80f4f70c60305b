package dev.flowinspector.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One data record: its bytes and the template that describes them. Values are decoded when asked for,
 * so walking a capture stays cheap; records with RFC 6313 lists are decoded once, at packet decode time,
 * with the templates known then.
 */
public final class DataRecord {

    /** What the records of one set share: the packet's bytes, the template, its layout, the record context. */
    static final class Shared {
        final byte[] data;
        final Template template;
        final RecordLayout layout;
        final RecordContext ctx;

        Shared(byte[] data, Template template, RecordLayout layout, RecordContext ctx) {
            this.data = data;
            this.template = template;
            this.layout = layout;
            this.ctx = ctx;
        }
    }

    private final Shared shared;
    private final int offset;
    /** Length prefix position of the template's only variable-length field, or -1. */
    private final int var0;
    /** Length prefix positions of the variable-length fields when the template has more than one, else null. */
    private final int[] vars;
    private final List<FieldValue> eager;

    /**
     * A record laid out by its set's {@link RecordLayout}: only its offset and the positions of its
     * variable-length fields' prefixes are its own ({@code var0} for a single one, {@code vars} for several).
     */
    DataRecord(Shared shared, int offset, int var0, int[] vars, List<FieldValue> eager) {
        this.shared = shared;
        this.offset = offset;
        this.var0 = var0;
        this.vars = vars;
        this.eager = eager;
    }

    /** First byte of the record in the export packet. */
    public int offset() {
        return offset;
    }

    public int length() {
        RecordLayout l = shared.layout;
        int n = l.varCount();
        return n == 0 ? l.tail : l.recordEnd(shared.data, prefix(n - 1)) - offset;
    }

    public Template template() {
        return shared.template;
    }

    public int fieldCount() {
        return shared.layout.lengths.length;
    }

    /** Start of field i's value (after any length prefix). */
    public int valueOffset(int i) {
        RecordLayout l = shared.layout;
        int a = l.anchor[i];
        if (l.lengths[i] == TemplateField.VARIABLE) {
            return RecordLayout.varStart(shared.data, prefix(a + 1));
        }
        return (a < 0 ? offset : RecordLayout.varEnd(shared.data, prefix(a))) + l.rel[i];
    }

    /** Length of field i's value. */
    public int valueLength(int i) {
        RecordLayout l = shared.layout;
        int len = l.lengths[i];
        return len != TemplateField.VARIABLE ? len : RecordLayout.varLength(shared.data, prefix(l.anchor[i] + 1));
    }

    /** Length prefix position of the k-th variable-length field. */
    private int prefix(int k) {
        return vars == null ? var0 : vars[k];
    }

    /** Field i, decoded. */
    public FieldValue field(int i) {
        if (eager != null) {
            return eager.get(i);
        }
        return ValueDecoder.decode(shared.template.fields().get(i).ie(), shared.data, valueOffset(i), valueLength(i),
                shared.ctx, 0, null);
    }

    /** The first field with this element name, or null. */
    public FieldValue field(String name) {
        List<TemplateField> fs = shared.template.fields();
        for (int i = 0; i < fs.size(); i++) {
            if (fs.get(i).name().equals(name)) {
                return field(i);
            }
        }
        return null;
    }

    /** Raw unsigned value of field i (up to 8 bytes), without building a FieldValue. */
    public long unsigned(int i) {
        int len = Math.min(8, valueLength(i));
        return ValueDecoder.readUnsigned(shared.data, valueOffset(i), len);
    }

    /** Index of the first field with this element name, or -1. */
    public int indexOf(String name) {
        List<TemplateField> fs = shared.template.fields();
        for (int i = 0; i < fs.size(); i++) {
            if (fs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Every field, decoded. */
    public List<FieldValue> fields() {
        if (eager != null) {
            return eager;
        }
        List<FieldValue> out = new ArrayList<>(fieldCount());
        for (int i = 0; i < fieldCount(); i++) {
            out.add(field(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** The export packet's bytes this record lives in. */
    byte[] data() {
        return shared.data;
    }
}
