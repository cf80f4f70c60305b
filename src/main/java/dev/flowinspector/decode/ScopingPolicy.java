package dev.flowinspector.decode;

/** How templates are scoped: which parts of the source a template key includes. */
public enum ScopingPolicy {
    /** RFC 7011 §8: transport session (exporter address and port) and observation domain. */
    STRICT("exporter address + port + domain (RFC 7011)"),
    /** Exporter address and domain, ignoring the source port (nfdump, many collectors). */
    ADDRESS_DOMAIN("exporter address + domain (nfdump)"),
    /** Template id alone, shared by every exporter (what some collectors do). */
    TEMPLATE_ID("template id only");

    private final String description;

    ScopingPolicy(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
