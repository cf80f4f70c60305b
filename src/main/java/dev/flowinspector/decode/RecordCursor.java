package dev.flowinspector.decode;

import java.util.List;

/**
 * Stands on one record of a set without making the record: its bytes, where it starts and its plan, and the
 * {@link DataRecord} only when asked ({@link #record}). For {@code decode -F fields}, which writes most lines from the
 * bytes ({@link PlainColumns}): the quick launcher's compiler (C1) puts every record {@link RecordList#get} makes on
 * the heap (C2 keeps a record the caller does not keep in registers), and those were a tenth of a worker's time
 * (docs/decisions/0039, addendum).
 *
 * <p>Not thread-safe; one per thread, moved from record to record.
 */
public final class RecordCursor {

    private List<DataRecord> records;
    private int index;
    byte[] data;
    int offset;
    FieldPlan plan;

    /** Moves to record {@code k} of a set's records (as {@code records.get(k)} would give it). */
    public void at(List<DataRecord> records, int k) {
        this.records = records;
        this.index = k;
        if (records instanceof RecordList l) {
            l.place(k, this);
        } else {
            DataRecord r = records.get(k);
            data = r.data();
            offset = r.offset();
            plan = r.plan();
        }
    }

    /** The packet's bytes the record lies in. */
    public byte[] data() {
        return data;
    }

    /** The record's first byte in {@link #data}. */
    public int offset() {
        return offset;
    }

    /** How the record's fields are read and written. */
    public FieldPlan plan() {
        return plan;
    }

    /** The record itself, made now (the same record {@code records.get(k)} gives). */
    public DataRecord record() {
        return records.get(index);
    }
}
