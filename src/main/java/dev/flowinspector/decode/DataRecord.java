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
    private final int[] layout;
    private final boolean relative;
    private final RecordContext ctx;
    private final List<FieldValue> eager;

    DataRecord(byte[] data, int offset, int length, Template template, int[] layout, boolean relative,
               RecordContext ctx, List<FieldValue> eager) {
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.template = template;
        this.layout = layout;
        this.relative = relative;
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
        return relative ? offset + layout[2 * i] : layout[2 * i];
    }

    /** Length of field i's value. */
    public int valueLength(int i) {
        return layout[2 * i + 1];
    }

    /** What decoding this record's values needs (registry, header clocks). */
    public RecordContext context() {
        return ctx;
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
