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

    private final byte[] data;
    private final int offset;
    private final int length;
    private final Template template;
    private final RecordLayout layout;
    /** Length prefix position of the template's only variable-length field, or -1. */
    private final int var0;
    /** Length prefix positions of the variable-length fields when the template has more than one, else null. */
    private final int[] vars;
    private final RecordContext ctx;
    private final List<FieldValue> eager;

    /**
     * A record laid out by a shared {@link RecordLayout}: only the positions of its variable-length fields'
     * prefixes are its own ({@code var0} for a single one, {@code vars} for several).
     */
    DataRecord(byte[] data, int offset, int length, Template template, RecordLayout layout, int var0, int[] vars,
               RecordContext ctx, List<FieldValue> eager) {
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.template = template;
        this.layout = layout;
        this.var0 = var0;
        this.vars = vars;
        this.ctx = ctx;
        this.eager = eager;
    }

    /** First byte of the record in the export packet. */
    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public Template template() {
        return template;
    }

    public int fieldCount() {
        return template.fields().size();
    }

    /** Start of field i's value (after any length prefix). */
    public int valueOffset(int i) {
        RecordLayout l = layout;
        int a = l.anchor[i];
        if (l.lengths[i] == TemplateField.VARIABLE) {
            return RecordLayout.varStart(data, prefix(a + 1));
        }
        return (a < 0 ? offset : RecordLayout.varEnd(data, prefix(a))) + l.rel[i];
    }

    /** Length of field i's value. */
    public int valueLength(int i) {
        int len = layout.lengths[i];
        return len != TemplateField.VARIABLE ? len : RecordLayout.varLength(data, prefix(layout.anchor[i] + 1));
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
        return ValueDecoder.decode(template.fields().get(i).ie(), data, valueOffset(i), valueLength(i), ctx, 0, null);
    }

    /** The first field with this element name, or null. */
    public FieldValue field(String name) {
        List<TemplateField> fs = template.fields();
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
        return ValueDecoder.readUnsigned(data, valueOffset(i), len);
    }

    /** Index of the first field with this element name, or -1. */
    public int indexOf(String name) {
        List<TemplateField> fs = template.fields();
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
        return data;
    }
}
