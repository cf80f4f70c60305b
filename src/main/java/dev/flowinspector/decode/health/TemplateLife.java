package dev.flowinspector.decode.health;

import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The life of one template key in a capture (RFC 7011 §8, §8.4): when it was first seen and last refreshed,
 * how often it is refreshed, how often data used it, how its definition changed and whether it was withdrawn
 * or expired. Updated by {@link TemplateTimeline}; read-only to everyone else.
 */
public final class TemplateLife {

    /** Where a template stands. */
    public enum State {
        LIVE, WITHDRAWN, EXPIRED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final TemplateKey key;
    private final boolean imported;
    private Template current;
    private Template last;
    private final long firstFrame;
    private final long firstNanos;
    private long lastFrame;
    private long lastNanos;
    private int definitions = 1;
    /** Frames the template was sent in, and the most sendings one frame held (an exporter may repeat it). */
    private int framesSent = 1;
    private int inLastFrame = 1;
    private int mostInOneFrame = 1;
    private long intervalSumNanos;
    private int intervals;
    private long minIntervalNanos = Long.MAX_VALUE;
    private long maxIntervalNanos;
    private long timesUsed;
    private long records;
    private long lateUses;
    private final List<TemplateChange> changes = new ArrayList<>();
    private State state = State.LIVE;
    private long stateFrame;

    TemplateLife(TemplateKey key, Template t, long frame, long nanos, boolean imported) {
        this.key = key;
        this.current = t;
        this.last = t;
        this.firstFrame = frame;
        this.firstNanos = nanos;
        this.lastFrame = frame;
        this.lastNanos = nanos;
        this.imported = imported;
        this.stateFrame = frame;
    }

    void defined(Template t, long frame, long nanos) {
        if (last != null && !last.sameDefinition(t)) {
            changes.add(new TemplateChange(frame, last, t, FieldChange.between(last, t)));
        }
        boolean sameFrame = frame == lastFrame && !imported;
        if (sameFrame) {
            mostInOneFrame = Math.max(mostInOneFrame, ++inLastFrame);
        } else {
            framesSent++;
            inLastFrame = 1;
        }
        // a repeat within the packet that carried it already is no refresh in time: its interval of 0 would
        // make the mean and minimum say nothing about how often the exporter sends it
        if (!sameFrame && state == State.LIVE && nanos > 0 && lastNanos > 0 && nanos >= lastNanos && !imported) {
            long iv = nanos - lastNanos;
            intervalSumNanos += iv;
            intervals++;
            minIntervalNanos = Math.min(minIntervalNanos, iv);
            maxIntervalNanos = Math.max(maxIntervalNanos, iv);
        }
        definitions++;
        current = t;
        last = t;
        lastFrame = frame;
        lastNanos = nanos;
        state = State.LIVE;
        stateFrame = frame;
    }

    void removed(State s, long frame) {
        state = s;
        stateFrame = frame;
        current = null;
    }

    void used(int recordCount, boolean late) {
        timesUsed++;
        records += recordCount;
        if (late) {
            lateUses++;
        }
    }

    public TemplateKey key() {
        return key;
    }

    /** True when the template was imported from a file rather than seen in this capture. */
    public boolean imported() {
        return imported;
    }

    /** The live definition, or null when withdrawn or expired. */
    public Template current() {
        return current;
    }

    /** The last definition seen (also after a withdrawal or expiry). */
    public Template lastDefinition() {
        return last;
    }

    public long firstFrame() {
        return firstFrame;
    }

    /** Capture time of the first definition (ns since the epoch, 0 when unknown). */
    public long firstNanos() {
        return firstNanos;
    }

    /** Frame of the last definition or refresh. */
    public long lastRefreshFrame() {
        return lastFrame;
    }

    public long lastRefreshNanos() {
        return lastNanos;
    }

    /** Number of times the template was sent (first definition, refreshes and changes). */
    public int definitions() {
        return definitions;
    }

    /** Frames the template was sent in (fewer than {@link #definitions()} when a packet repeats it). */
    public int framesSent() {
        return framesSent;
    }

    /** The most times one frame sent the template. */
    public int mostInOneFrame() {
        return mostInOneFrame;
    }

    /** Mean time between two sendings in different frames while live, in ns, or -1 when there are none. */
    public long meanRefreshNanos() {
        return intervals == 0 ? -1 : intervalSumNanos / intervals;
    }

    public long minRefreshNanos() {
        return intervals == 0 ? -1 : minIntervalNanos;
    }

    public long maxRefreshNanos() {
        return intervals == 0 ? -1 : maxIntervalNanos;
    }

    /** Data sets decoded with this template. */
    public long timesUsed() {
        return timesUsed;
    }

    /** Data records decoded with this template. */
    public long records() {
        return records;
    }

    /** Data sets decoded with this template after the fact (the template arrived later). */
    public long lateUses() {
        return lateUses;
    }

    /** Definition changes, in order, each with a field-by-field diff. */
    public List<TemplateChange> changes() {
        return Collections.unmodifiableList(changes);
    }

    public State state() {
        return state;
    }

    /** Frame where the current state began (definition, withdrawal or expiry). */
    public long stateFrame() {
        return stateFrame;
    }
}
