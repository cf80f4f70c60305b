package dev.flowinspector.decode;

/**
 * The chosen fields of one {@link FieldPlan}, as columns of a line of plain texts ({@code decode -F fields}): for
 * each column, worked out once per plan, how its text is copied from a record's bytes. An unsigned integer of 1, 2
 * or 4 bytes at a fixed place is read byte by byte, one of 3 or 5-8 bytes with one 8-byte load and a mask
 * ({@link RecordLayout#window}), an IPv4 address from its four bytes; every other column (variable place, other
 * types, an 8-byte value of 2^63 or more, a packet field) is left to the caller. This is {@link FieldPlan#plainAt}
 * without its per-value hops (record, plan, layout, kind), which the quick launcher's compiler (C1) does not
 * remove; the output is the same.
 *
 * <p>Not thread-safe: {@link #write} leaves where it stopped in {@link #next}. One instance per writer thread.
 */
public final class PlainColumns {

    /** An empty column: the field is neither in the template nor a packet field. */
    public static final int EMPTY = -1;

    private static final int GENERIC = 0;
    private static final int NOTHING = 1;
    private static final int U8 = 2;
    private static final int U16 = 3;
    private static final int U32 = 4;
    private static final int WINDOW = 5;
    private static final int IPV4 = 6;

    private final int[] op;
    /** Offset of the value from the record's first byte (for WINDOW, of its 8-byte window; may be negative). */
    private final int[] at;
    private final long[] mask;
    /** After {@link #write}: the column it stopped at (the caller writes it), or the column count when done. */
    public int next;

    /**
     * Columns of these field indexes of plan (as {@link FieldPlan#index}); {@link #EMPTY} for an empty column, any
     * other negative index for a column the caller always writes.
     */
    public PlainColumns(FieldPlan plan, int[] index) {
        int n = index.length;
        op = new int[n];
        at = new int[n];
        mask = new long[n];
        RecordLayout l = plan.layout;
        for (int c = 0; c < n; c++) {
            int i = index[c];
            if (i < 0) {
                op[c] = i == EMPTY ? NOTHING : GENERIC;
                continue;
            }
            int place = l.place[2 * i];
            int len = l.place[2 * i + 1];
            FieldPlan.Kind k = plan.kind(i);
            if (place < 0) {
                op[c] = GENERIC;
            } else if (k == FieldPlan.Kind.IPV4 && len == 4) {
                op[c] = IPV4;
                at[c] = place;
            } else if (k == FieldPlan.Kind.UNSIGNED || k == FieldPlan.Kind.UNSIGNED256) {
                switch (len) {
                    case 1 -> { op[c] = U8; at[c] = place; }
                    case 2 -> { op[c] = U16; at[c] = place; }
                    case 4 -> { op[c] = U32; at[c] = place; }
                    case 3, 5, 6, 7, 8 -> {
                        long w = l.window[2 * i];
                        op[c] = w == RecordLayout.NO_WINDOW ? GENERIC : WINDOW;
                        at[c] = (int) w;
                        mask[c] = l.window[2 * i + 1];
                    }
                    default -> op[c] = GENERIC; // empty, or longer than 8 bytes
                }
            } else {
                op[c] = GENERIC;
            }
        }
    }

    /** How many columns are written in place (for tests). */
    int fastColumns() {
        int k = 0;
        for (int o : op) {
            k += o >= U8 ? 1 : 0;
        }
        return k;
    }

    /**
     * Writes columns from {@code col} on at b[pos], each after a tab but the first of the line, until one the caller
     * has to write (its tab written, {@link #next} = that column) or the last ({@link #next} = the column count).
     * Needs 21 bytes of room a column. Returns the position after what it wrote.
     */
    public int write(DataRecord r, int col, byte[] b, int pos) {
        return write(r.data(), r.offset(), col, b, pos);
    }

    /** {@link #write(DataRecord, int, byte[], int)} for the record at {@code off} of the packet's bytes {@code d}. */
    public int write(byte[] d, int off, int col, byte[] b, int pos) {
        int[] op = this.op;
        int n = op.length;
        for (int c = col; c < n; c++) {
            if (c > 0) {
                b[pos++] = '\t';
            }
            int o = off + at[c];
            switch (op[c]) {
                case NOTHING -> { }
                case U8 -> pos = ValueText.decimal(b, pos, d[o] & 0xff);
                case U16 -> pos = ValueText.decimal(b, pos, (d[o] & 0xff) << 8 | d[o + 1] & 0xff);
                case U32 -> pos = ValueText.decimal(b, pos, be32(d, o));
                case IPV4 -> pos = ValueText.ipv4(b, pos, be32(d, o));
                case WINDOW -> {
                    long v = o >= 0 ? ValueDecoder.be64(d, o) & mask[c] : -1;
                    if (v < 0) { // fewer than 8 bytes before the value's end, or 2^63 and above
                        next = c;
                        return pos;
                    }
                    pos = ValueText.decimal(b, pos, v);
                }
                default -> {
                    next = c;
                    return pos;
                }
            }
        }
        next = n;
        return pos;
    }

    /** Four bytes as an unsigned big-endian number, byte by byte (C1 compiles {@link ValueDecoder#u32}'s byte swap as calls). */
    private static long be32(byte[] d, int o) {
        return (long) (d[o] & 0xff) << 24 | (d[o + 1] & 0xff) << 16 | (d[o + 2] & 0xff) << 8 | d[o + 3] & 0xff;
    }
}
