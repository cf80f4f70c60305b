package dev.flowinspector.ui.common;

import dev.flowinspector.decode.Severity;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/** CSS pseudo-classes for problem severities (colours live in the style sheets). */
public final class Severities {

    public static final PseudoClass ERROR = PseudoClass.getPseudoClass("sev-error");
    public static final PseudoClass WARNING = PseudoClass.getPseudoClass("sev-warning");
    public static final PseudoClass NOTE = PseudoClass.getPseudoClass("sev-note");

    private Severities() {
    }

    /** Sets exactly one severity pseudo-class on a node (none for null). */
    public static void apply(Node n, Severity s) {
        n.pseudoClassStateChanged(ERROR, s == Severity.ERROR);
        n.pseudoClassStateChanged(WARNING, s == Severity.WARNING);
        n.pseudoClassStateChanged(NOTE, s == Severity.NOTE);
    }
}
