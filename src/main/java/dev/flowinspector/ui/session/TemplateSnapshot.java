package dev.flowinspector.ui.session;

import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.TemplateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template cache as it stood right after one frame: for each template key seen so far, its definition
 * then (null once withdrawn or expired) and its whole history across the capture (RFC 7011 §8).
 *
 * @param frame   the frame the cache is shown at
 * @param entries one entry per key, in order of first definition
 */
public record TemplateSnapshot(long frame, List<Entry> entries) {

    /**
     * One template key at the frame.
     *
     * @param key       the key
     * @param template  definition at the frame, or null when withdrawn/expired by then
     * @param lastEvent the last event at or before the frame
     * @param history   every event of this key in the capture (later ones included)
     */
    public record Entry(TemplateKey key, Template template, TemplateEvent lastEvent, List<TemplateEvent> history) {

        /** True when the template is live at the frame. */
        public boolean live() {
            return template != null;
        }
    }

    /** Builds the snapshot at a frame from the capture's full template history. */
    public static TemplateSnapshot at(long frame, List<TemplateEvent> allHistory) {
        Map<TemplateKey, List<TemplateEvent>> byKey = new LinkedHashMap<>();
        Map<TemplateKey, TemplateEvent> last = new LinkedHashMap<>();
        for (TemplateEvent e : allHistory) {
            byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
            if (e.frame() <= frame) {
                last.put(e.key(), e);
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<TemplateKey, TemplateEvent> m : last.entrySet()) {
            TemplateEvent e = m.getValue();
            out.add(new Entry(m.getKey(), e.template(), e, List.copyOf(byKey.get(m.getKey()))));
        }
        return new TemplateSnapshot(frame, List.copyOf(out));
    }

    /** Number of live templates at the frame. */
    public int liveCount() {
        int n = 0;
        for (Entry e : entries) {
            if (e.live()) {
                n++;
            }
        }
        return n;
    }
}
