package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The templates known so far, keyed per {@link ScopingPolicy}, with the history of what happened to them
 * (RFC 7011 §8, RFC 3954 §5.2). Mutable; used by one decoding thread.
 */
public final class TemplateCache {

    /** Live templates one exporter may hold by default (all its domains together). */
    public static final int DEFAULT_MAX_TEMPLATES_PER_EXPORTER = 4096;

    private final ScopingPolicy policy;
    private final int maxPerExporter;
    private final Map<Endpoint, Integer> perExporter = new HashMap<>();
    private final Map<TemplateKey, Template> live = new LinkedHashMap<>();
    private final Map<TemplateKey, Long> lastSeenNanos = new HashMap<>();
    private final Map<Integer, List<TemplateKey>> byId = new HashMap<>();
    private final List<TemplateEvent> history = new ArrayList<>();
    private final Map<Long, InformationElement> learnedTypes = new HashMap<>();
    /** Every {@link #learnType} call in order (a type learned again is listed again), while history is kept. */
    private final List<InformationElement> learnedInOrder = new ArrayList<>();
    private boolean keepHistory = true;

    public TemplateCache(ScopingPolicy policy) {
        this(policy, DEFAULT_MAX_TEMPLATES_PER_EXPORTER);
    }

    /** A cache that holds at most {@code maxTemplatesPerExporter} live templates per exporter (memory bound). */
    public TemplateCache(ScopingPolicy policy, int maxTemplatesPerExporter) {
        this.policy = policy;
        this.maxPerExporter = maxTemplatesPerExporter;
    }

    public TemplateCache() {
        this(ScopingPolicy.STRICT);
    }

    /**
     * Whether {@link #history()} records events (default true). A decoder that runs for days on a live stream
     * turns it off: every template refresh adds an event.
     */
    public TemplateCache keepHistory(boolean keep) {
        this.keepHistory = keep;
        return this;
    }

    public ScopingPolicy policy() {
        return policy;
    }

    /** The key for a template id seen from an exporter, under this cache's policy. */
    public TemplateKey key(Endpoint exporter, int version, long domain, int templateId) {
        return TemplateKey.of(policy, exporter, version, domain, templateId);
    }

    /** Live templates one exporter may hold. */
    public int maxTemplatesPerExporter() {
        return maxPerExporter;
    }

    /** True when a new template under this key would exceed its exporter's limit (a known key always fits). */
    public boolean full(TemplateKey key) {
        return !live.containsKey(key) && perExporter.getOrDefault(key.exporter(), 0) >= maxPerExporter;
    }

    /** The live template under a key, or null. */
    public Template get(TemplateKey key) {
        return live.get(key);
    }

    /**
     * A count that moves whenever the live templates change (added, redefined, refreshed, removed): what {@link #get}
     * returns for a key stays the same while it does not move.
     */
    public int changes() {
        return changes;
    }

    private int changes;

    /** Capture time (ns) at which the template was last defined or refreshed; 0 when unknown. */
    public long lastSeenNanos(TemplateKey key) {
        return lastSeenNanos.getOrDefault(key, 0L);
    }

    /** Adds or refreshes a definition and returns the event it makes. */
    public TemplateEvent put(Template t, long frame, long timeNanos) {
        Template prev = live.get(t.key());
        boolean refresh = prev != null && prev.sameDefinition(t);
        if (refresh) {
            // a refresh keeps the key and field list it already has: a live capture's history holds one small
            // event per refresh, not another copy of the fields (10 refreshes a second for hours)
            t = new Template(prev.key(), prev.fields(), t.scopeCount(), t.options(), t.originFrame(),
                    t.originOffset(), t.originLength());
        }
        live.put(t.key(), t);
        changes++;
        lastSeenNanos.put(t.key(), timeNanos);
        TemplateEvent.Kind kind;
        if (prev == null) {
            kind = TemplateEvent.Kind.ADDED;
            perExporter.merge(t.key().exporter(), 1, Integer::sum);
            List<TemplateKey> keys = byId.computeIfAbsent(t.id(), k -> new ArrayList<>());
            if (!keys.contains(t.key())) {
                keys.add(t.key());
            }
        } else if (refresh) {
            kind = TemplateEvent.Kind.REFRESHED;
        } else {
            kind = TemplateEvent.Kind.CHANGED;
        }
        TemplateEvent e = new TemplateEvent(kind, frame, t.key(), t, prev);
        if (keepHistory) {
            history.add(e);
        }
        return e;
    }

    /** Withdraws one template; null when it was not live. */
    public TemplateEvent withdraw(TemplateKey key, long frame) {
        return remove(key, frame, TemplateEvent.Kind.WITHDRAWN);
    }

    /** Expires one template (UDP template timeout); null when it was not live. */
    public TemplateEvent expire(TemplateKey key, long frame) {
        return remove(key, frame, TemplateEvent.Kind.EXPIRED);
    }

    private TemplateEvent remove(TemplateKey key, long frame, TemplateEvent.Kind kind) {
        Template prev = live.remove(key);
        changes++;
        lastSeenNanos.remove(key);
        if (prev == null) {
            return null;
        }
        perExporter.merge(key.exporter(), -1, Integer::sum);
        TemplateEvent e = new TemplateEvent(kind, frame, key, null, prev);
        if (keepHistory) {
            history.add(e);
        }
        return e;
    }

    /**
     * Withdraws every live template of a domain (RFC 7011 §8.1, template id 2 or 3 withdrawal).
     *
     * @param options true for options templates (set id 3), false for templates (set id 2)
     */
    public List<TemplateEvent> withdrawAll(TemplateKey domainKey, boolean options, long frame) {
        List<TemplateEvent> out = new ArrayList<>();
        for (TemplateKey k : new ArrayList<>(live.keySet())) {
            Template t = live.get(k);
            if (k.exporter().equals(domainKey.exporter()) && k.domain() == domainKey.domain()
                    && k.version() == domainKey.version() && t.options() == options) {
                out.add(remove(k, frame, TemplateEvent.Kind.WITHDRAWN));
            }
        }
        return out;
    }

    /** Live templates with this id under other keys (another exporter, port or domain). */
    public List<Template> elsewhere(TemplateKey key) {
        List<Template> out = new ArrayList<>();
        for (TemplateKey k : byId.getOrDefault(key.templateId(), List.of())) {
            if (!k.equals(key) && live.containsKey(k)) {
                out.add(live.get(k));
            }
        }
        return out;
    }

    /** Every live template, in order of first definition. */
    public List<Template> templates() {
        return List.copyOf(live.values());
    }

    /** Every event so far, in order. */
    public List<TemplateEvent> history() {
        return Collections.unmodifiableList(history);
    }

    /**
     * Replays an event from another cache's history (to rebuild the cache as it stood at a frame),
     * without recording it again.
     */
    public void replay(TemplateEvent e) {
        changes++;
        switch (e.kind()) {
            case ADDED, REFRESHED, CHANGED -> {
                if (live.put(e.key(), e.template()) == null) {
                    perExporter.merge(e.key().exporter(), 1, Integer::sum);
                    List<TemplateKey> keys = byId.computeIfAbsent(e.key().templateId(), k -> new ArrayList<>());
                    if (!keys.contains(e.key())) {
                        keys.add(e.key());
                    }
                }
            }
            case WITHDRAWN, EXPIRED -> {
                if (live.remove(e.key()) != null) {
                    perExporter.merge(e.key().exporter(), -1, Integer::sum);
                }
            }
        }
    }

    /** Every learned RFC 5610 type (to copy them into a rebuilt cache). */
    public java.util.Collection<InformationElement> learnedTypes() {
        return Collections.unmodifiableCollection(learnedTypes.values());
    }

    /** Remembers an element type learned from an RFC 5610 type record. */
    public void learnType(InformationElement ie) {
        learnedTypes.put((ie.pen() << 16) | ie.id(), ie);
        if (keepHistory) { // like the events: a decoder running for days must not grow with each type record
            learnedInOrder.add(ie);
        }
    }

    /** How many types were learned so far ({@link #learnType} calls, each counted; none without history). */
    public int learnedCount() {
        return learnedInOrder.size();
    }

    /** The {@code i}-th type learned ({@code 0 <= i < learnedCount()}), in the order they were learned. */
    public InformationElement learned(int i) {
        return learnedInOrder.get(i);
    }

    /** An element type learned from an RFC 5610 type record, or null. */
    public InformationElement learnedType(long pen, int id) {
        return learnedTypes.isEmpty() ? null : learnedTypes.get((pen << 16) | id);
    }
}
