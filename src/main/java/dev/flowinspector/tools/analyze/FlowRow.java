package dev.flowinspector.tools.analyze;

import java.time.Instant;

/**
 * The part of a flow record the analyzer uses.
 *
 * @param start    flow start (absolute), or null
 * @param end      flow end (absolute), or null
 * @param src      source address text
 * @param dst      destination address text
 * @param srcPort  source port (ICMP: 0)
 * @param dstPort  destination port (ICMP: type × 256 + code)
 * @param protocol IP protocol number
 * @param bytes    octets
 * @param packets  packets
 * @param srcAs    source AS (0 when absent)
 * @param dstAs    destination AS
 * @param inIf     ingress interface (-1 when absent)
 * @param outIf    egress interface (-1 when absent)
 * @param exporter exporter endpoint text
 */
public record FlowRow(Instant start, Instant end, String src, String dst, int srcPort, int dstPort, int protocol,
                      long bytes, long packets, long srcAs, long dstAs, long inIf, long outIf, String exporter) {

    /** Milliseconds between start and end (0 when unknown). */
    public long durationMs() {
        return start == null || end == null ? 0 : Math.max(0, end.toEpochMilli() - start.toEpochMilli());
    }
}
