package dev.flowinspector.decode;

/**
 * Something that happened to a template in the cache.
 *
 * @param kind     what happened
 * @param frame    frame where it happened
 * @param key      the template key
 * @param template the definition now (null for a withdrawal or expiry)
 * @param previous the definition before (null when added)
 */
public record TemplateEvent(Kind kind, long frame, TemplateKey key, Template template, Template previous) {

    /** What happened to a template. */
    public enum Kind {
        ADDED, REFRESHED, CHANGED, WITHDRAWN, EXPIRED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
