package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElement;

/**
 * One field specifier of a template (RFC 7011 §3.2, RFC 3954 §5.2).
 *
 * @param ie     the element it names (synthesised when unknown)
 * @param length field length in a data record; {@link #VARIABLE} for variable length
 * @param scope  true for a scope field of an options template
 */
public record TemplateField(InformationElement ie, int length, boolean scope) {

    /** Length value marking variable-length encoding (RFC 7011 §7). */
    public static final int VARIABLE = 65535;

    public boolean isVariable() {
        return length == VARIABLE;
    }

    public long pen() {
        return ie.pen();
    }

    public int id() {
        return ie.id();
    }

    public String name() {
        return ie.name();
    }

    // equals and hashCode written out, with the values the record's own would give: the generated ones bootstrap
    // method handles the first time they run (start-up, docs/decisions/0024) and run slowly until compiled
    // (templates are compared when a decoder looks up the plan of a template it met again)
    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateField f && length == f.length && scope == f.scope && ie.equals(f.ie);
    }

    @Override
    public int hashCode() {
        return (ie.hashCode() * 31 + length) * 31 + Boolean.hashCode(scope);
    }
}
