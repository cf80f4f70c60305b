package dev.flowinspector.tools.analyze;

import java.time.Instant;

/**
 * A connection: the flow of its initiator and, when found, the reply flow going the other way.
 *
 * @param forward flow from the initiator
 * @param reverse the reply flow, or null
 */
public record Connection(FlowRow forward, FlowRow reverse) {

    public Instant start() {
        Instant a = forward.start();
        Instant b = reverse == null ? null : reverse.start();
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    public long durationMs() {
        Instant s = start();
        Instant e = forward.end();
        if (reverse != null && reverse.end() != null && (e == null || reverse.end().isAfter(e))) {
            e = reverse.end();
        }
        return s == null || e == null ? 0 : Math.max(0, e.toEpochMilli() - s.toEpochMilli());
    }

    public long bytes() {
        return forward.bytes() + (reverse == null ? 0 : reverse.bytes());
    }

    public long packets() {
        return forward.packets() + (reverse == null ? 0 : reverse.packets());
    }

    public String service() {
        return Services.service(forward.protocol(), forward.srcPort(), forward.dstPort());
    }
}
