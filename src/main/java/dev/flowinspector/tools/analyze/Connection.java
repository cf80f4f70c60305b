package dev.flowinspector.tools.analyze;

import dev.flowinspector.engine.flow.FlowNames;
import dev.flowinspector.engine.flow.FlowRecord;
import java.time.Instant;

/**
 * A connection: the flow of its initiator and, when found, the reply flow going the other way.
 *
 * @param forward flow from the initiator
 * @param reverse the reply flow, or null
 */
public record Connection(FlowRecord forward, FlowRecord reverse) {

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
        return forward.byteCount() + (reverse == null ? 0 : reverse.byteCount());
    }

    public long packets() {
        return forward.packetCount() + (reverse == null ? 0 : reverse.packetCount());
    }

    public String service() {
        return FlowNames.service(forward.protocol(), forward.srcPort(), forward.dstPort());
    }
}
