package dev.flowinspector.decode;

/** What a problem is about. */
public enum ProblemGroup {
    MALFORMED, SEQUENCE, TEMPLATE, VALUE, TRANSPORT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
