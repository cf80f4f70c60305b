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
}
