package dev.flowinspector.engine.flow;

import java.time.Instant;

/**
 * One flow record, whatever it was read from (a decoded capture, the collector's JSON lines, an nfcapd or a
 * flow-tools file), with IPFIX meanings for its fields. <b>One convention for a missing value</b>: -1 for
 * numbers, null for addresses, times and text. {@link FlowExtraction} builds them.
 *
 * @param exporter         exporter: "address:port" from captures and JSON lines, the address alone from nfcapd
 *                         and flow-tools files
 * @param domain           observation domain / source id / engine, or -1
 * @param frame            frame number in a capture, or -1
 * @param index            0-based packet row in a capture, or -1
 * @param start            flow start, or null
 * @param end              flow end, or null
 * @param src              source address text (IPv4 dotted, IPv6 RFC 5952), or null
 * @param dst              destination address text, or null
 * @param srcPort          source port, or -1
 * @param dstPort          destination port (ICMP: type × 256 + code, as exporters send it), or -1
 * @param protocol         IP protocol number, or -1
 * @param packets          packets as exported (not renormalised), or -1
 * @param bytes            octets as exported, or -1
 * @param flows            flows this record stands for (1, or more for an nfcapd aggregate)
 * @param inIf             ingress interface, or -1
 * @param outIf            egress interface, or -1
 * @param srcAs            source AS, or -1
 * @param dstAs            destination AS, or -1
 * @param tcpFlags         TCP flags, or -1
 * @param samplerId        samplerId / selectorId the record names, or -1
 * @param samplingInterval 1-in-N sampling the record itself states (its own sampling fields, the v5 header, an
 *                         nfcapd sampler), or -1
 */
public record FlowRecord(String exporter, long domain, long frame, int index, Instant start, Instant end,
                         String src, String dst, int srcPort, int dstPort, int protocol, long packets, long bytes,
                         long flows, long inIf, long outIf, long srcAs, long dstAs, int tcpFlags, long samplerId,
                         long samplingInterval) {

    /** Packets, 0 when missing. */
    public long packetCount() {
        return Math.max(0, packets);
    }

    /** Octets, 0 when missing. */
    public long byteCount() {
        return Math.max(0, bytes);
    }

    /** Duration in ms, or -1 when a time is missing. */
    public long durationMillis() {
        return start == null || end == null ? -1 : Math.max(0, end.toEpochMilli() - start.toEpochMilli());
    }

    /** The exporter's address without the port. */
    public String exporterAddress() {
        if (exporter == null) {
            return null;
        }
        if (exporter.startsWith("[")) {
            int e = exporter.indexOf(']');
            return e > 0 ? exporter.substring(1, e) : exporter;
        }
        int c = exporter.indexOf(':');
        return c > 0 && exporter.indexOf(':', c + 1) < 0 ? exporter.substring(0, c) : exporter;
    }

    /** The protocol as "6 (TCP)", the number alone when the dictionary has no name, "" when missing. */
    public String protocolLabel() {
        return FlowNames.protocolLabel(protocol);
    }

    /** A copy with other exporter and domain (for readers that learn them after the values). */
    public FlowRecord withExporter(String exporter, long domain) {
        return new FlowRecord(exporter, domain, frame, index, start, end, src, dst, srcPort, dstPort, protocol,
                packets, bytes, flows, inIf, outIf, srcAs, dstAs, tcpFlags, samplerId, samplingInterval);
    }
}
