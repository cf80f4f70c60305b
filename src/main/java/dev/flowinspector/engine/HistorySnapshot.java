package dev.flowinspector.engine;

import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.dictionary.InformationElement;

/**
 * The template history and the RFC 5610 types learned, as they stood when {@link HistoryLog#publish} made it: what a
 * replay on another thread needs to rebuild the template cache at any frame up to then. Immutable and safe to read
 * on any thread: the arrays' cells below the counts are never written again.
 */
public final class HistorySnapshot {

    /** A type learned from an RFC 5610 type record in a frame. */
    record LearnedType(long frame, InformationElement ie) {
    }

    final TemplateEvent[] events;
    final int eventCount;
    final LearnedType[] types;
    final int typeCount;

    HistorySnapshot(TemplateEvent[] events, int eventCount, LearnedType[] types, int typeCount) {
        this.events = events;
        this.eventCount = eventCount;
        this.types = types;
        this.typeCount = typeCount;
    }
}
