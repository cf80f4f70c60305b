package dev.flowinspector.decode;

import java.util.List;

/**
 * Where each field of a template's data records lies (RFC 7011 §3.4.1, §7), worked out once per template
 * and shared by all its records. Immutable, so records that point at it can be read from any thread.
 *
 * <p>A field's position is relative to an anchor: the record's first byte for the fields before the first
 * variable-length field, else the end of the value of the variable-length field before it. A record then
 * needs only the positions of its variable-length fields' length prefixes (none for a fixed-length template,
 * one int for the common single string); the prefixes themselves are read from the packet's bytes.
 */
final class RecordLayout {

    /** Field lengths, {@link TemplateField#VARIABLE} for variable-length ones. */
    final int[] lengths;
    /** Per field: -1 when relative to the record start, else the index (among variable fields) of its anchor. */
    final int[] anchor;
    /** Per field: offset of its value (of its length prefix, for a variable-length field) from its anchor. */
    final int[] rel;
    /** Field index of each variable-length field, in order. */
    final int[] varFields;
    /** Per variable-length field: offset of its prefix from its anchor (the record start for the first). */
    final int[] varRel;
    /** Bytes after the last variable-length field's value; the record length when there is none. */
    final int tail;
    /**
     * Per field i, the fast path for readers: at 2i its value's offset from the record start when that does
     * not depend on the record (fixed length, before any variable-length field), else -1; at 2i+1 its length.
     */
    final int[] place;
    /**
     * Per field i, the branch-free read of an unsigned value: at 2i the offset from the record start of the
     * 8 bytes that end where the value's first min(8, length) bytes end (so one big-endian long load holds the
     * value in its low bytes), {@link #NO_WINDOW} when the field is not placed; at 2i+1 the mask that keeps
     * the value's bytes (0 for an empty field).
     */
    final long[] window;
    /** {@link #window}: the field's position depends on the record. */
    static final long NO_WINDOW = Long.MIN_VALUE;

    private RecordLayout(List<TemplateField> fs) {
        int n = fs.size();
        lengths = new int[n];
        anchor = new int[n];
        rel = new int[n];
        int vars = 0;
        for (TemplateField f : fs) {
            vars += f.isVariable() ? 1 : 0;
        }
        varFields = new int[vars];
        varRel = new int[vars];
        int a = -1;
        int pos = 0;
        for (int i = 0; i < n; i++) {
            int len = fs.get(i).length();
            lengths[i] = len;
            anchor[i] = a;
            rel[i] = pos;
            if (len == TemplateField.VARIABLE) {
                a++;
                varFields[a] = i;
                varRel[a] = pos;
                pos = 0;
            } else {
                pos += len;
            }
        }
        tail = pos;
        place = new int[2 * n];
        for (int i = 0; i < n; i++) {
            place[2 * i] = anchor[i] < 0 && lengths[i] != TemplateField.VARIABLE ? rel[i] : -1;
            place[2 * i + 1] = lengths[i];
        }
        window = new long[2 * n];
        for (int i = 0; i < n; i++) {
            int w = Math.min(8, lengths[i]);
            window[2 * i] = place[2 * i] >= 0 ? place[2 * i] + w - 8 : NO_WINDOW;
            window[2 * i + 1] = w == 0 ? 0 : -1L >>> (64 - 8 * w);
        }
    }

    /** The layout of t's records. */
    static RecordLayout of(Template t) {
        return new RecordLayout(t.fields());
    }

    /** The layout of records made of these fields. */
    static RecordLayout of(List<TemplateField> fields) {
        return new RecordLayout(fields);
    }

    /** Offset of field i's value from the record start when it is fixed-length and before any variable one, else -1. */
    int fixedOffset(int i) {
        return place[2 * i];
    }

    /** Number of variable-length fields. */
    int varCount() {
        return varFields.length;
    }

    /** The value start of a variable-length field whose length prefix is at p. */
    static int varStart(byte[] d, int p) {
        return (d[p] & 0xff) == 255 ? p + 3 : p + 1;
    }

    /** The value length of a variable-length field whose length prefix is at p. */
    static int varLength(byte[] d, int p) {
        int l = d[p] & 0xff;
        return l == 255 ? ValueDecoder.u16(d, p + 1) : l;
    }

    /** The end of the value of a variable-length field whose length prefix is at p. */
    static int varEnd(byte[] d, int p) {
        int l = d[p] & 0xff;
        return l == 255 ? p + 3 + ValueDecoder.u16(d, p + 1) : p + 1 + l;
    }

    /**
     * Checks the length prefix of one variable-length field at p.
     *
     * @return the end of its value, or -1 when the prefix or the value does not fit before end
     */
    static int varEnd(byte[] d, int p, int end) {
        if (p >= end) {
            return -1;
        }
        int l = d[p] & 0xff;
        int start = p + 1;
        if (l == 255) {
            if (p + 3 > end) {
                return -1;
            }
            l = ValueDecoder.u16(d, p + 1);
            start = p + 3;
        }
        return start + l > end ? -1 : start + l;
    }

    /**
     * Lays out one record of a template with exactly one variable-length field, starting at p.
     *
     * @return the position of its length prefix, or -1 when the record does not fit before end
     */
    int prefixOfOnlyVar(byte[] d, int p, int end) {
        int pp = p + varRel[0];
        int e = varEnd(d, pp, end);
        return e < 0 || e + tail > end ? -1 : pp;
    }

    /**
     * Lays out one record of a template with several variable-length fields, starting at p.
     *
     * @return the positions of their length prefixes, or null when the record does not fit before end
     */
    int[] prefixes(byte[] d, int p, int end) {
        int n = varRel.length;
        int[] out = new int[n];
        int base = p;
        for (int k = 0; k < n; k++) {
            int pp = base + varRel[k];
            int e = varEnd(d, pp, end);
            if (e < 0) {
                return null;
            }
            out[k] = pp;
            base = e;
        }
        return base + tail > end ? null : out;
    }

    /** The end of a record whose variable-length fields' prefixes are known: after its last value's tail. */
    int recordEnd(byte[] d, int lastPrefix) {
        return varEnd(d, lastPrefix) + tail;
    }

    /**
     * Lays out one record of t starting at p, field by field (for sub-template list records).
     *
     * @return {valueStart0, valueLength0, valueStart1, ..., recordEnd}, or null when the record does not
     *         fit before end
     */
    static int[] layout(Template t, byte[] d, int p, int end) {
        List<TemplateField> fs = t.fields();
        int[] out = new int[2 * fs.size() + 1];
        for (int i = 0; i < fs.size(); i++) {
            TemplateField f = fs.get(i);
            if (f.isVariable()) {
                if (p >= end) {
                    return null;
                }
                int l = d[p] & 0xff;
                int start = p + 1;
                if (l == 255) {
                    if (p + 3 > end) {
                        return null;
                    }
                    l = ValueDecoder.u16(d, p + 1);
                    start = p + 3;
                }
                if (start + l > end) {
                    return null;
                }
                out[2 * i] = start;
                out[2 * i + 1] = l;
                p = start + l;
            } else {
                if (p + f.length() > end) {
                    return null;
                }
                out[2 * i] = p;
                out[2 * i + 1] = f.length();
                p += f.length();
            }
        }
        out[out.length - 1] = p;
        return out;
    }
}
