package dev.flowinspector.decode;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The records of one set: an unmodifiable list over the array the decoder filled, handed over without a
 * copy ({@link FlowSet} keeps it as it is). Nothing writes the array after {@link #of}.
 */
final class RecordList extends AbstractList<DataRecord> implements RandomAccess {

    private final DataRecord[] records;
    private final int size;

    private RecordList(DataRecord[] records, int size) {
        this.records = records;
        this.size = size;
    }

    /** The first n records of an array the caller gives up; trimmed when most of it is unused. */
    static List<DataRecord> of(DataRecord[] records, int n) {
        if (n == 0) {
            return List.of();
        }
        return new RecordList(records.length > 2 * n ? Arrays.copyOf(records, n) : records, n);
    }

    @Override
    public DataRecord get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
        }
        return records[index];
    }

    @Override
    public int size() {
        return size;
    }
}
