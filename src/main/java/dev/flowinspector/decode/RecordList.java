package dev.flowinspector.decode;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The records of one set, unmodifiable. A set keeps no object per record: {@link #get} makes the record it is asked
 * for from where the first record starts when all have one fixed length, else from two ints a record (where it
 * starts, where its only variable-length field's length prefix is), and, for the few records that need more (several
 * variable-length fields, RFC 6313 lists), what the decoder left for each. A reader that does not keep a record
 * allocates nothing for it: made in one place from plain values, the record lives in registers once the JIT has
 * inlined {@code get}.
 */
final class RecordList extends AbstractList<DataRecord> implements RandomAccess {

    private final DataRecord.Shared shared;
    /** Per record, where it starts and where its only variable-length field's prefix is (-1: none); or null. */
    private final int[] places;
    /** Per record, what else it needs ({@link DataRecord}'s extra); or null when none does. */
    private final Object[] extras;
    /** Where the first record starts and how long each is, when {@link #places} is null. */
    private final int first;
    private final int stride;
    private final int size;

    private RecordList(DataRecord.Shared shared, int[] places, Object[] extras, int first, int stride, int size) {
        this.shared = shared;
        this.places = places;
        this.extras = extras;
        this.first = first;
        this.stride = stride;
        this.size = size;
    }

    /** n records of {@code stride} bytes each, the first at {@code first}, none with variable-length fields or lists. */
    static List<DataRecord> fixed(DataRecord.Shared shared, int first, int stride, int n) {
        return n == 0 ? List.of() : new RecordList(shared, null, null, first, stride, n);
    }

    /**
     * n records placed by {@code places} (two ints a record: its start, its only variable-length field's prefix or
     * -1) with {@code extras} (one a record, or null); the caller gives both arrays up, and they are trimmed when
     * most of them is unused.
     */
    static List<DataRecord> placed(DataRecord.Shared shared, int[] places, Object[] extras, int n) {
        if (n == 0) {
            return List.of();
        }
        int[] at = places.length > 4 * n ? Arrays.copyOf(places, 2 * n) : places;
        Object[] x = extras != null && extras.length > 2 * n ? Arrays.copyOf(extras, n) : extras;
        return new RecordList(shared, at, x, 0, 0, n);
    }

    @Override
    public DataRecord get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
        }
        // one allocation, after the branches: a record made on two paths (or one made beside one loaded) stays on the
        // heap, one made on a single path does not when the caller does not keep it
        int[] at = places;
        int offset = at == null ? first + index * stride : at[2 * index];
        int var0 = at == null ? -1 : at[2 * index + 1];
        Object[] x = extras;
        return new DataRecord(shared, offset, var0, x == null ? null : x[index]);
    }

    /** Puts where record {@code index} lies, and its plan, in {@code c}: {@link #get} without making the record. */
    void place(int index, RecordCursor c) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
        }
        int[] at = places;
        c.offset = at == null ? first + index * stride : at[2 * index];
        c.data = shared.data;
        c.plan = shared.plan;
    }

    @Override
    public int size() {
        return size;
    }
}
