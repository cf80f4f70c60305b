package dev.flowinspector.engine;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.FieldValue;
import java.time.Instant;

/**
 * One data record as a normalised flow row (IPFIX element names; v5 records use the same names).
 * Missing values are -1 (numbers), null (addresses, times).
 *
 * @param frame      frame number the record came in
 * @param index      0-based packet row
 * @param exporter   exporter endpoint
 * @param start      flow start time, or null
 * @param end        flow end time, or null
 * @param src        source address
 * @param dst        destination address
 * @param srcPort    source port
 * @param dstPort    destination port
 * @param protocol   IP protocol number
 * @param packets    packets
 * @param bytes      octets
 * @param inIf       ingress interface
 * @param outIf      egress interface
 * @param srcAs      source AS
 * @param dstAs      destination AS
 */
public record FlowRow(long frame, int index, Endpoint exporter, Instant start, Instant end, String src, String dst,
                      int srcPort, int dstPort, int protocol, long packets, long bytes, long inIf, long outIf,
                      long srcAs, long dstAs) {

    private static final String[] START = {"flowStartMilliseconds", "flowStartSeconds", "flowStartMicroseconds",
        "flowStartNanoseconds", "flowStartSysUpTime"};
    private static final String[] END = {"flowEndMilliseconds", "flowEndSeconds", "flowEndMicroseconds",
        "flowEndNanoseconds", "flowEndSysUpTime"};

    /** The flow in a data record, or null when the record carries no addresses (e.g. options data). */
    public static FlowRow of(long frame, int index, Endpoint exporter, DataRecord r) {
        String src = text(r, "sourceIPv4Address", "sourceIPv6Address");
        String dst = text(r, "destinationIPv4Address", "destinationIPv6Address");
        if (src == null && dst == null) {
            return null;
        }
        return new FlowRow(frame, index, exporter, time(r, START), time(r, END), src, dst,
                (int) num(r, "sourceTransportPort"), (int) num(r, "destinationTransportPort"),
                (int) num(r, "protocolIdentifier"), num(r, "packetDeltaCount", "packetTotalCount"),
                num(r, "octetDeltaCount", "octetTotalCount"), num(r, "ingressInterface"), num(r, "egressInterface"),
                num(r, "bgpSourceAsNumber"), num(r, "bgpDestinationAsNumber"));
    }

    /** Duration in ms, or -1. */
    public long durationMillis() {
        return start == null || end == null ? -1 : end.toEpochMilli() - start.toEpochMilli();
    }

    /** Protocol as "6 (TCP)". */
    public String protocolName() {
        return switch (protocol) {
            case -1 -> "";
            case 1 -> "1 (ICMP)";
            case 6 -> "6 (TCP)";
            case 17 -> "17 (UDP)";
            case 47 -> "47 (GRE)";
            case 50 -> "50 (ESP)";
            case 58 -> "58 (IPv6-ICMP)";
            case 132 -> "132 (SCTP)";
            default -> Integer.toString(protocol);
        };
    }

    private static String text(DataRecord r, String... names) {
        for (String n : names) {
            int i = r.indexOf(n);
            if (i >= 0) {
                Object v = r.field(i).value();
                return v == null ? null : v.toString();
            }
        }
        return null;
    }

    private static long num(DataRecord r, String... names) {
        for (String n : names) {
            int i = r.indexOf(n);
            if (i >= 0 && r.valueLength(i) <= 8 && r.valueLength(i) > 0) {
                return r.unsigned(i);
            }
        }
        return -1;
    }

    private static Instant time(DataRecord r, String[] names) {
        for (String n : names) {
            int i = r.indexOf(n);
            if (i >= 0) {
                FieldValue f = r.field(i);
                if (f.value() instanceof Instant t) {
                    return t;
                }
                FieldValue abs = f.child("absolute");
                if (abs != null && abs.value() instanceof Instant t) {
                    return t;
                }
            }
        }
        return null;
    }
}
