package dev.flowinspector.tools.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * A template the simulator exports: id, fields, and for an options template the number of scope fields
 * (RFC 7011 §3.4.1/§3.4.2, RFC 3954 §5.2/§6.1). NetFlow v5's fixed record is described the same way
 * (id 0).
 *
 * @param id         template id (≥ 256)
 * @param fields     field specifiers, scope fields first
 * @param scopeCount scope field count (0 for a plain template)
 * @param ipv6       true when it carries IPv6 flows
 */
public record TemplateSpec(int id, List<FieldSpec> fields, int scopeCount, boolean ipv6) {

    public TemplateSpec {
        fields = List.copyOf(fields);
    }

    public boolean options() {
        return scopeCount > 0;
    }

    /** Record length, or -1 when a field has variable length. */
    public int fixedLength() {
        int n = 0;
        for (FieldSpec f : fields) {
            if (f.variable()) {
                return -1;
            }
            n += f.length();
        }
        return n;
    }

    /** Length of the fixed-length fields only. */
    public int fixedLengthWithout() {
        int n = 0;
        for (FieldSpec f : fields) {
            if (!f.variable()) {
                n += f.length();
            }
        }
        return n;
    }

    /** The same template without its last field (used to inject a template change). */
    public TemplateSpec withoutLast() {
        List<FieldSpec> fs = new ArrayList<>(fields.subList(0, fields.size() - 1));
        return new TemplateSpec(id, fs, scopeCount, ipv6);
    }

    /** The same fields under another id. */
    public TemplateSpec withId(int newId) {
        return new TemplateSpec(newId, fields, scopeCount, ipv6);
    }
}
