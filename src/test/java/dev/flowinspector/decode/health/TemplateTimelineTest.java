package dev.flowinspector.decode.health;

import static dev.flowinspector.decode.health.Feed.T0;
import static dev.flowinspector.decode.health.Hex.ipfix;
import static dev.flowinspector.decode.health.Hex.ipfixTemplate;
import static dev.flowinspector.decode.health.Hex.ipfixWithdrawal;
import static dev.flowinspector.decode.health.Hex.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.flowinspector.decode.Template;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The template timeline: first seen, refreshes, uses, changes with a field diff, withdrawal (RFC 7011 §8). */
class TemplateTimelineTest {

    private static byte[] data(int n) {
        Hex h = Hex.of();
        for (int i = 0; i < n; i++) {
            h.u32(i);
        }
        return set(256, h.build());
    }

    @Test
    @DisplayName("Life of a template: added, refreshed every 60 s, used, changed (field diff), withdrawn")
    void life() {
        Feed f = new Feed();
        f.at(0, ipfix(T0, 0, 1, ipfixTemplate(256, 8, 4), data(2)));
        f.at(60, ipfix(T0 + 60, 2, 1, ipfixTemplate(256, 8, 4), data(3)));
        f.at(120, ipfix(T0 + 120, 5, 1, ipfixTemplate(256, 8, 4)));
        f.at(180, ipfix(T0 + 180, 5, 1, ipfixTemplate(256, 8, 4, 1, 8)));
        f.at(200, ipfix(T0 + 200, 5, 1, ipfixWithdrawal(256)));

        TemplateTimeline t = f.analyzer.timeline();
        assertEquals(1, t.lives().size());
        TemplateLife l = t.lives().get(0);
        assertEquals(1, l.firstFrame());
        assertEquals(4, l.lastRefreshFrame());
        assertEquals(4, l.definitions());
        assertEquals(60_000_000_000L, l.meanRefreshNanos());
        assertEquals(2, l.timesUsed());
        assertEquals(5, l.records());
        assertEquals(1, l.changes().size());
        TemplateChange c = l.changes().get(0);
        assertEquals(4, c.frame());
        assertEquals(List.of("field 2 added: octetDeltaCount (1)/8"),
                c.diff().stream().map(FieldChange::describe).toList());
        assertEquals(TemplateLife.State.WITHDRAWN, l.state());
        assertEquals(5, l.stateFrame());
        assertNull(l.current());
        assertEquals(2, l.lastDefinition().fields().size());
    }

    @Test
    @DisplayName("A template repeated within one packet (nfreplay) is sent in fewer frames, and those repeats are no refresh interval")
    void repeatsWithinAPacket() {
        Feed f = new Feed();
        byte[] t = ipfixTemplate(256, 8, 4);
        f.at(0, ipfix(T0, 0, 1, t, data(1), t, data(1), t, data(1)));
        f.at(60, ipfix(T0 + 60, 3, 1, t, data(1), t, data(1)));
        TemplateLife l = f.analyzer.timeline().lives().get(0);
        assertEquals(5, l.definitions());
        assertEquals(2, l.framesSent());
        assertEquals(3, l.mostInOneFrame());
        assertEquals(60_000_000_000L, l.meanRefreshNanos()); // not (0 + 0 + 60 + 0) / 4 s
        assertEquals(60_000_000_000L, l.minRefreshNanos());
        assertEquals(5, l.timesUsed());

        Feed once = new Feed();
        once.at(0, ipfix(T0, 0, 1, t, data(1), t, data(1)));
        TemplateLife o = once.analyzer.timeline().lives().get(0);
        assertEquals(-1, o.meanRefreshNanos());
        assertEquals(1, o.framesSent());
        assertEquals(2, o.mostInOneFrame());
    }

    @Test
    @DisplayName("The cache at any frame: what was live then, with the definition of then")
    void cacheAt() {
        Feed f = new Feed();
        f.at(0, ipfix(T0, 0, 1, ipfixTemplate(256, 8, 4)));
        f.at(1, ipfix(T0 + 1, 0, 1, ipfixTemplate(257, 12, 4)));
        f.at(2, ipfix(T0 + 2, 0, 1, ipfixTemplate(256, 8, 4, 12, 4)));
        f.at(3, ipfix(T0 + 3, 0, 1, ipfixWithdrawal(257)));
        TemplateTimeline t = f.analyzer.timeline();
        assertEquals(List.of(), t.cacheAt(0));
        assertEquals(List.of(256), ids(t.cacheAt(1)));
        assertEquals(List.of(256, 257), ids(t.cacheAt(2)));
        assertEquals(1, t.cacheAt(2).get(0).fields().size());
        assertEquals(2, t.cacheAt(3).get(0).fields().size());
        assertEquals(List.of(256), ids(t.cacheAt(4)));
    }

    @Test
    @DisplayName("Field diff: a changed length and a removed field")
    void diff() {
        Feed f = new Feed();
        f.at(0, ipfix(T0, 0, 1, ipfixTemplate(256, 8, 4, 1, 4, 2, 4)));
        f.at(1, ipfix(T0 + 1, 0, 1, ipfixTemplate(256, 8, 4, 1, 8)));
        TemplateChange c = f.analyzer.timeline().lives().get(0).changes().get(0);
        assertEquals(List.of("field 2: octetDeltaCount (1)/4 → octetDeltaCount (1)/8",
                        "field 3 removed: packetDeltaCount (2)/4"),
                c.diff().stream().map(FieldChange::describe).toList());
    }

    private static List<Integer> ids(List<Template> ts) {
        return ts.stream().map(Template::id).toList();
    }
}
