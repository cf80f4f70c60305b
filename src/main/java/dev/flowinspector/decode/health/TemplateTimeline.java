package dev.flowinspector.decode.health;

import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.TemplateKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every template of a capture over time (RFC 7011 §8): one {@link TemplateLife} per key, and the cache as it
 * stood at any frame. Fed, in capture order, with the template events and data sets of each packet.
 */
public final class TemplateTimeline {

    /** One template event with the capture time it happened at. */
    public record TimedEvent(TemplateEvent event, long timeNanos) {
    }

    private final Map<TemplateKey, TemplateLife> lives = new LinkedHashMap<>();
    private final List<TimedEvent> events = new ArrayList<>();

    /** Records a template known before the capture (imported from another capture). */
    public void imported(Template t) {
        TemplateEvent e = new TemplateEvent(TemplateEvent.Kind.ADDED, 0, t.key(), t, null);
        events.add(new TimedEvent(e, 0));
        lives.computeIfAbsent(t.key(), k -> new TemplateLife(k, t, 0, 0, true));
    }

    /** Records template events (definitions, withdrawals, expiries) that happened at a capture time. */
    public void events(List<TemplateEvent> es, long timeNanos) {
        for (TemplateEvent e : es) {
            if (e == null) {
                continue;
            }
            events.add(new TimedEvent(e, timeNanos));
            TemplateLife l = lives.get(e.key());
            switch (e.kind()) {
                case ADDED, REFRESHED, CHANGED -> {
                    if (l == null) {
                        lives.put(e.key(), new TemplateLife(e.key(), e.template(), e.frame(), timeNanos, false));
                    } else {
                        l.defined(e.template(), e.frame(), timeNanos);
                    }
                }
                case WITHDRAWN -> {
                    if (l != null) {
                        l.removed(TemplateLife.State.WITHDRAWN, e.frame());
                    }
                }
                case EXPIRED -> {
                    if (l != null) {
                        l.removed(TemplateLife.State.EXPIRED, e.frame());
                    }
                }
            }
        }
    }

    /** Records the data sets of a packet: which template each one used. */
    public void used(ExportPacket p) {
        used(p, -1);
    }

    /**
     * As {@link #used(ExportPacket)} for a packet decoded with the templates of another domain of its exporter standing
     * under its header's domain ({@code domain}; -1: its header's own): its sets are uses of that domain's templates.
     */
    public void used(ExportPacket p, long domain) {
        boolean moved = domain >= 0 && domain != p.domain();
        for (FlowSet s : p.sets()) {
            if ((s.kind() == SetKind.DATA || s.kind() == SetKind.OPTIONS_DATA) && s.template() != null
                    && s.id() >= 256) {
                TemplateKey k = s.template().key();
                if (moved && k.version() == p.version() && k.domain() == p.domain()) {
                    k = new TemplateKey(k.exporter(), k.version(), domain, k.templateId());
                }
                use(s, k);
            }
        }
    }

    /**
     * Records a set decoded after the fact with a template that came later: a use the first pass could not see (the
     * packet's other sets were recorded by {@link #used} then).
     */
    public void usedLate(FlowSet s) {
        if (s.lateTemplate() && s.template() != null && s.id() >= 256) {
            use(s, s.template().key());
        }
    }

    /** Counts a set as a use of the template under key (late when it was decoded with a template that came later). */
    private void use(FlowSet s, TemplateKey key) {
        TemplateLife l = lives.get(key);
        if (l != null) {
            l.used(s.records().size(), s.lateTemplate());
        }
    }

    /** The life of one key, or null when never seen. */
    public TemplateLife life(TemplateKey key) {
        return lives.get(key);
    }

    /** Every template key seen, in order of first definition. */
    public List<TemplateLife> lives() {
        return List.copyOf(lives.values());
    }

    /** Every template event, in order, with capture times. */
    public List<TimedEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /**
     * The template cache as it stood after a frame (events of that frame included): live templates in order
     * of first definition. Frame 0 gives the imported templates.
     */
    public List<Template> cacheAt(long frame) {
        Map<TemplateKey, Template> live = new LinkedHashMap<>();
        for (TimedEvent te : events) {
            TemplateEvent e = te.event();
            if (e.frame() > frame) {
                break;
            }
            switch (e.kind()) {
                case ADDED, REFRESHED, CHANGED -> live.put(e.key(), e.template());
                case WITHDRAWN, EXPIRED -> live.remove(e.key());
            }
        }
        return List.copyOf(live.values());
    }

    /** The last event of a key at or before a frame, or null. */
    public TimedEvent lastEvent(TemplateKey key, long frame) {
        TimedEvent found = null;
        for (TimedEvent te : events) {
            if (te.event().frame() > frame) {
                break;
            }
            if (te.event().key().equals(key)) {
                found = te;
            }
        }
        return found;
    }
}
