package dev.flowinspector.decode.health;

import dev.flowinspector.decode.Template;
import java.util.List;

/**
 * A template redefined with different fields (RFC 7011 §8.1), with the field-by-field differences.
 *
 * @param frame  frame carrying the new definition
 * @param before the definition it replaced
 * @param after  the new definition
 * @param diff   what changed
 */
public record TemplateChange(long frame, Template before, Template after, List<FieldChange> diff) {

    public TemplateChange {
        diff = List.copyOf(diff);
    }
}
