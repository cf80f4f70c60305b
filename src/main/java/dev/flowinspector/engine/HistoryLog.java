package dev.flowinspector.engine;

import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.TemplateEvent;
import java.util.List;

/**
 * A decoding's template events and learned types in the order they came, published as {@link HistorySnapshot}s for
 * replays. Append-only logs whose cells, once written, are never written again (a full array is copied into a new
 * one), so a snapshot keeps reading the array it has. Used on the decoding's thread.
 */
final class HistoryLog {

    private final Log<TemplateEvent> events = new Log<>(new TemplateEvent[16]);
    private final Log<HistorySnapshot.LearnedType> types = new Log<>(new HistorySnapshot.LearnedType[16]);
    /** Learned types of the cache already logged. */
    private int typesLogged;
    private HistorySnapshot published;

    /** Logs the types the cache learned while decoding frame {@code frame}. */
    void logLearnedTypes(TemplateCache cache, long frame) {
        int n = cache.learnedCount();
        while (typesLogged < n) {
            types.add(new HistorySnapshot.LearnedType(frame, cache.learned(typesLogged++)));
        }
    }

    /** The cache's history and the types logged so far; made again only when something was added. */
    HistorySnapshot publish(TemplateCache cache) {
        List<TemplateEvent> h = cache.history();
        if (published != null && events.size == h.size() && types.size == published.typeCount) {
            return published;
        }
        for (int i = events.size; i < h.size(); i++) {
            events.add(h.get(i));
        }
        published = new HistorySnapshot(events.cells, events.size, types.cells, types.size);
        return published;
    }

    private static final class Log<T> {
        private T[] cells;
        private int size;

        Log(T[] cells) {
            this.cells = cells;
        }

        void add(T t) {
            if (size == cells.length) {
                cells = java.util.Arrays.copyOf(cells, size * 2);
            }
            cells[size++] = t;
        }
    }
}
