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
                int[] vl = VarLen.read(d, p, end);
                if (vl == null || vl[0] + vl[1] > end) {
                    return null;
                }
                out[2 * i] = vl[0];
                out[2 * i + 1] = vl[1];
                p = vl[0] + vl[1];
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
