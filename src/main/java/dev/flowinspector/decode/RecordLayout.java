package dev.flowinspector.decode;

import java.util.List;

/** Where each field of one data record lies (RFC 7011 §3.4.1, §7). */
final class RecordLayout {

    private RecordLayout() {
    }

    /**
     * Lays out one record of t starting at p.
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

    /** Field lengths of t, {@link TemplateField#VARIABLE} for variable-length ones (for {@link #layout(int[], byte[], int, int)}). */
    static int[] lengths(Template t) {
        List<TemplateField> fs = t.fields();
        int[] out = new int[fs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fs.get(i).length();
        }
        return out;
    }

    /** As {@link #layout(Template, byte[], int, int)}, from the template's {@link #lengths}: the hot path. */
    static int[] layout(int[] lens, byte[] d, int p, int end) {
        int n = lens.length;
        int[] out = new int[2 * n + 1];
        for (int i = 0; i < n; i++) {
            int len = lens[i];
            int start = p;
            if (len == TemplateField.VARIABLE) {
                if (p >= end) {
                    return null;
                }
                len = d[p] & 0xff;
                start = p + 1;
                if (len == 255) {
                    if (p + 3 > end) {
                        return null;
                    }
                    len = ValueDecoder.u16(d, p + 1);
                    start = p + 3;
                }
            }
            if (start + len > end) {
                return null;
            }
            out[2 * i] = start;
            out[2 * i + 1] = len;
            p = start + len;
        }
        out[2 * n] = p;
        return out;
    }
}
