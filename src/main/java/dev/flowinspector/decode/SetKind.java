package dev.flowinspector.decode;

/** What a set (IPFIX) or FlowSet (v9) carries; v1-v8 records form one DATA pseudo-set. */
public enum SetKind {
    TEMPLATE("template"),
    OPTIONS_TEMPLATE("options-template"),
    DATA("data"),
    OPTIONS_DATA("options-data"),
    RAW("raw");

    private final String label;

    SetKind(String label) {
        this.label = label;
    }

    /** The label used in JSON output. */
    public String label() {
        return label;
    }
}
