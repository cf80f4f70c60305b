package dev.flowinspector.decode;

/**
 * Where a {@link FieldPlan} writes value text: a growable byte buffer of UTF-8 text. Writers ask for room with
 * {@link #reserve}, write at {@link #length()} and move the end with {@link #setLength}.
 */
public interface TextSink {

    /** The buffer, with room for at least n more bytes after {@link #length()}. */
    byte[] reserve(int n);

    /** Bytes written so far. */
    int length();

    /** Sets the end (after writing into {@link #reserve}, or back to drop text). */
    void setLength(int n);

    /**
     * Writes an instant as {@link ValueDecoder#instantText(java.time.Instant)} does; false (nothing written)
     * outside the years 1970-9999. A sink may remember the date text of the last day written.
     */
    default boolean putInstant(long sec, int nano) {
        byte[] b = reserve(ValueDecoder.INSTANT_MAX);
        int n = ValueDecoder.instantText(sec, nano, b, length());
        if (n < 0) {
            return false;
        }
        setLength(n);
        return true;
    }
}
