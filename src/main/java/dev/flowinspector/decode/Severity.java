package dev.flowinspector.decode;

/** How bad a problem is (Wireshark expert severities, most severe first). */
public enum Severity {
    ERROR, WARNING, NOTE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean worseThan(Severity other) {
        return other == null || ordinal() < other.ordinal();
    }
}
