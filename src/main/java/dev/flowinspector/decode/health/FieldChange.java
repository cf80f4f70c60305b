package dev.flowinspector.decode.health;

import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateField;
import java.util.ArrayList;
import java.util.List;

/**
 * One difference between two definitions of a template, field by field (RFC 7011 §8.1: a changed
 * definition under the same id).
 *
 * @param index  0-based position of the field specifier
 * @param before the field before (null when the new definition added it)
 * @param after  the field after (null when the new definition dropped it)
 */
public record FieldChange(int index, TemplateField before, TemplateField after) {

    /** The field-by-field differences between two definitions (position by position), plus scope changes. */
    public static List<FieldChange> between(Template before, Template after) {
        List<FieldChange> out = new ArrayList<>();
        List<TemplateField> a = before == null ? List.of() : before.fields();
        List<TemplateField> b = after == null ? List.of() : after.fields();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            TemplateField x = i < a.size() ? a.get(i) : null;
            TemplateField y = i < b.size() ? b.get(i) : null;
            if (x == null || y == null || !sameField(x, y)) {
                out.add(new FieldChange(i, x, y));
            }
        }
        return out;
    }

    private static boolean sameField(TemplateField x, TemplateField y) {
        return x.pen() == y.pen() && x.id() == y.id() && x.length() == y.length() && x.scope() == y.scope();
    }

    /** "field 3: octetDeltaCount/4 → octetDeltaCount/8", "field 7 added: ...", "field 7 removed: ...". */
    public String describe() {
        if (before == null) {
            return "field " + (index + 1) + " added: " + spec(after);
        }
        if (after == null) {
            return "field " + (index + 1) + " removed: " + spec(before);
        }
        return "field " + (index + 1) + ": " + spec(before) + " → " + spec(after);
    }

    /** "octetDeltaCount (1)/8", "pen 9.12/var", with "scope " in front of scope fields. */
    public static String spec(TemplateField f) {
        String id = f.pen() == 0 ? Integer.toString(f.id()) : f.pen() + "/" + f.id();
        return (f.scope() ? "scope " : "") + f.name() + " (" + id + ")/"
                + (f.isVariable() ? "var" : Integer.toString(f.length()));
    }

    @Override
    public String toString() {
        return describe();
    }
}
