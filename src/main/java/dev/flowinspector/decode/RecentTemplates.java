package dev.flowinspector.decode;

/**
 * The keys and templates of a decoder's recent data sets, by template id modulo their number: a packet's data sets
 * name the same few templates, and making a key or looking it up in the cache's map hashes the whole key (the
 * exporter's address text among it). Mutable; one decoder's.
 */
final class RecentTemplates {

    private static final int SLOTS = 16;

    private final TemplateCache cache;
    private final TemplateKey[] keys = new TemplateKey[SLOTS];
    private final Endpoint[] keySources = new Endpoint[SLOTS];
    private final long[] keyDomains = new long[SLOTS];
    /** The template found under keys[slot] while the cache's {@link TemplateCache#changes} was changes[slot]. */
    private final Template[] templates = new Template[SLOTS];
    private final int[] changes = new int[SLOTS];

    RecentTemplates(TemplateCache cache) {
        this.cache = cache;
    }

    /** The cache's key of a data set's template ({@link TemplateCache#key}), the last one made for it when it matches. */
    TemplateKey key(Endpoint source, int version, long domain, int id) {
        int slot = id & (SLOTS - 1);
        TemplateKey k = keys[slot];
        Endpoint src = keySources[slot];
        if (k != null && k.templateId() == id && k.version() == version && keyDomains[slot] == domain
                && (src == source || src.equals(source))) {
            return k;
        }
        k = cache.key(source, version, domain, id);
        keys[slot] = k;
        keySources[slot] = source;
        keyDomains[slot] = domain;
        templates[slot] = null;
        return k;
    }

    /**
     * The cache's live template under a key, or null ({@link TemplateCache#get}); for the key {@link #key} last made
     * in its slot, the one found before while the cache has not changed since.
     */
    Template template(TemplateKey key) {
        int slot = key.templateId() & (SLOTS - 1);
        if (keys[slot] != key) {
            return cache.get(key);
        }
        int now = cache.changes();
        Template t = templates[slot];
        if (t == null || changes[slot] != now) {
            t = cache.get(key);
            templates[slot] = t;
            changes[slot] = now;
        }
        return t;
    }
}
