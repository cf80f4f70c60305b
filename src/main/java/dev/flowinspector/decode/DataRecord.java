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

    /** What the records of one set share: the packet's bytes, the template, its plan and layout, the record context. */
    static final class Shared {
        final byte[] data;
        final Template template;
        final FieldPlan plan;
        final RecordLayout layout;
        /** {@link RecordLayout#place}, one hop closer. */
        final int[] place;
        /** {@link RecordLayout#window}, one hop closer. */
        final long[] window;
        final RecordContext ctx;

        Shared(byte[] data, Template template, FieldPlan plan, RecordContext ctx) {
            this.data = data;
            this.template = template;
            this.plan = plan;
            this.layout = plan.layout;
            this.place = layout.place;
            this.window = layout.window;
            this.ctx = ctx;
        }
    }

    private final Shared shared;
    /** {@link RecordLayout#place} of the set's layout, kept here: the hop readers take for every field. */
    private final int[] place;
    /** {@link Shared#window} and the packet's bytes, kept here too: readers take them for every value. */
    private final long[] window;
    private final byte[] data;
    private final int offset;
    /** Length prefix position of the template's only variable-length field, or -1. */
    private final int var0;
    /**
     * What few records need: the prefix positions when the template has several variable-length fields
     * (an int[]), the values decoded at once for a record with lists (a List), both (an Object[] of the
     * two), or null.
     */
    private final Object extra;

    /**
     * A record laid out by its set's {@link RecordLayout}: only its offset and the positions of its
     * variable-length fields' prefixes are its own ({@code var0} for a single one, {@code vars} for several).
     */
    DataRecord(Shared shared, int offset, int var0, int[] vars, List<FieldValue> eager) {
        this(shared, offset, var0, extra(vars, eager));
    }

    /** A record whose extra ({@link #extra(int[], List)}) is already made. */
    DataRecord(Shared shared, int offset, int var0, Object extra) {
        this.shared = shared;
        this.place = shared.place;
        this.window = shared.window;
        this.data = shared.data;
        this.offset = offset;
        this.var0 = var0;
        this.extra = extra;
    }

    /** What a record keeps of its prefix positions (several variable-length fields) and its values decoded at once. */
    static Object extra(int[] vars, List<FieldValue> eager) {
        return vars == null ? eager : eager == null ? vars : new Object[] {vars, eager};
    }

    // vars and eager are static, given extra: a call the JIT does not inline would otherwise be handed the record,
    // and a record RecordList made for a reader that does not keep it could then no longer live in registers

    /**
     * The prefix positions of a record with several variable-length fields (only such a record asks: {@link #prefix}
     * takes var0 otherwise, and the decoder gives every record with more than one its positions). Kept under 35
     * bytes of bytecode, so that C2 inlines it even where the profile calls it rarely (an options set of interface
     * names): a call left in a reader's loop over values makes C2 keep the loop's sum and index on the stack.
     */
    private static int[] vars(Object x) {
        return x instanceof int[] a ? a : (int[]) ((Object[]) x)[0];
    }

    @SuppressWarnings("unchecked")
    private static List<FieldValue> eager(Object x) {
        return x instanceof List<?> l ? (List<FieldValue>) l : x instanceof Object[] both ? (List<FieldValue>) both[1] : null;
    }

    /** What this record keeps beyond its offset and var0, for {@link RecordList}. */
    Object extra() {
        return extra;
    }

    /** First byte of the record in the export packet. */
    public int offset() {
        return offset;
    }

    public int length() {
        RecordLayout l = shared.layout;
        int n = l.varCount();
        return n == 0 ? l.tail : l.recordEnd(data, prefix(n - 1)) - offset;
    }

    public Template template() {
        return shared.template;
    }

    /** How this record's fields are read and written (shared by every record of its template). */
    public FieldPlan plan() {
        return shared.plan;
    }

    public int fieldCount() {
        return place.length >> 1;
    }

    /** Start of field i's value (after any length prefix). */
    public int valueOffset(int i) {
        int at = place[2 * i];
        return at >= 0 ? offset + at : varOffset(i);
    }

    /** Length of field i's value. */
    public int valueLength(int i) {
        int len = place[2 * i + 1];
        return len != TemplateField.VARIABLE ? len : RecordLayout.varLength(data, prefix(shared.layout.anchor[i] + 1));
    }

    /** Start of field i's value when it depends on the record: variable-length or after a variable-length field. */
    private int varOffset(int i) {
        RecordLayout l = shared.layout;
        int a = l.anchor[i];
        if (l.lengths[i] == TemplateField.VARIABLE) {
            return RecordLayout.varStart(data, prefix(a + 1));
        }
        return RecordLayout.varEnd(data, prefix(a)) + l.rel[i];
    }

    /** Length prefix position of the k-th variable-length field. */
    private int prefix(int k) {
        return var0 >= 0 ? var0 : vars(extra)[k];
    }

    /** What decoding this record's values needs (registry, header clocks). */
    public RecordContext context() {
        return shared.ctx;
    }

    /** Field i, decoded. */
    public FieldValue field(int i) {
        List<FieldValue> eager = eager(extra);
        if (eager != null) {
            return eager.get(i);
        }
        return shared.plan.decode(i, data, valueOffset(i), valueLength(i), shared.ctx);
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
        long[] w = window;
        long from = offset + w[2 * i];
        if (from >= 0) { // a placed field with 8 bytes of the packet up to its end: one load, no switch on the length
            return ValueDecoder.be64(data, (int) from) & w[2 * i + 1];
        }
        int at = place[2 * i];
        if (at >= 0) {
            return ValueDecoder.readUnsigned(data, offset + at, Math.min(8, place[2 * i + 1]));
        }
        return ValueDecoder.readUnsigned(data, varOffset(i), Math.min(8, valueLength(i)));
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
        List<FieldValue> eager = eager(extra);
        if (eager != null) {
            return eager;
        }
        List<FieldValue> out = new ArrayList<>(fieldCount());
        for (int i = 0; i < fieldCount(); i++) {
            out.add(field(i));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The same record: the same set's records (one packet's bytes, template and context) at the same offset. A set of
     * fixed-length records makes a record each time one is asked for ({@link RecordList}), so two reads of one record
     * are equal without being the same object.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof DataRecord r && r.shared == shared && r.offset == offset;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(shared) * 31 + offset;
    }

    /** The export packet's bytes this record lives in. */
    byte[] data() {
        return data;
    }
}
