package dev.flowinspector.decode;

import java.util.List;

/**
 * An immutable (options) template as received (RFC 7011 §3.4, RFC 3954 §5.2 and §6.1).
 *
 * @param key            cache key
 * @param fields         field specifiers, scope fields first for options templates
 * @param scopeCount     number of scope fields (0 for a plain template)
 * @param options        true for an options template
 * @param originFrame    frame that carried this definition
 * @param originOffset   offset of the template record in that frame's export packet
 * @param originLength   length of the template record
 */
public record Template(TemplateKey key, List<TemplateField> fields, int scopeCount, boolean options,
                       long originFrame, int originOffset, int originLength) {

    public Template {
        fields = List.copyOf(fields);
    }

    public int id() {
        return key.templateId();
    }

    /** Length of one data record, or -1 when a field has variable length. */
    public int fixedLength() {
        int n = 0;
        for (TemplateField f : fields) {
            if (f.isVariable()) {
                return -1;
            }
            n += f.length();
        }
        return n;
    }

    /** Smallest possible data record (variable-length fields count 1 byte). */
    public int minimumLength() {
        int n = 0;
        for (TemplateField f : fields) {
            n += f.isVariable() ? 1 : f.length();
        }
        return n;
    }

    /** True when both have the same fields in the same order (the definition, not the origin). */
    public boolean sameDefinition(Template other) {
        return other != null && options == other.options && scopeCount == other.scopeCount
                && fields.equals(other.fields);
    }

    /** True for a withdrawal (field count 0, RFC 7011 §8.1). */
    public boolean isWithdrawal() {
        return fields.isEmpty();
    }

    // equals and hashCode written out, with the values the record's own would give: the generated ones bootstrap
    // method handles the first time they run (start-up, docs/decisions/0024) and run slowly until compiled
    // (decoders look up the plan of each template they meet)
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Template t && originFrame == t.originFrame && originOffset == t.originOffset
                && originLength == t.originLength && scopeCount == t.scopeCount && options == t.options
                && java.util.Objects.equals(key, t.key) && fields.equals(t.fields);
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hashCode(key);
        h = h * 31 + fields.hashCode();
        h = h * 31 + scopeCount;
        h = h * 31 + Boolean.hashCode(options);
        h = h * 31 + Long.hashCode(originFrame);
        h = h * 31 + originOffset;
        return h * 31 + originLength;
    }
}
