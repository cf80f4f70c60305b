package dev.flowinspector.engine.flow;

/**
 * A {@link FlowRecord}'s values by IPFIX element name, as the display filter reads a record given by name
 * ({@code analyze -Y}): the same for every input, whether the record came from a capture, JSON lines, nfcapd or
 * flow-tools. Missing values are null.
 */
public final class FlowFields {

    private FlowFields() {
    }

    /** The value of the element {@code name} in {@code r} (Long or String), or null. */
    public static Object value(FlowRecord r, String name) {
        return switch (name) {
            case "sourceIPv4Address" -> v4(r.src());
            case "sourceIPv6Address" -> v6(r.src());
            case "destinationIPv4Address" -> v4(r.dst());
            case "destinationIPv6Address" -> v6(r.dst());
            case "sourceTransportPort" -> number(r.srcPort());
            case "destinationTransportPort" -> number(r.dstPort());
            case "protocolIdentifier" -> number(r.protocol());
            case "packetDeltaCount" -> number(r.packets());
            case "octetDeltaCount" -> number(r.bytes());
            case "ingressInterface" -> number(r.inIf());
            case "egressInterface" -> number(r.outIf());
            case "bgpSourceAsNumber" -> number(r.srcAs());
            case "bgpDestinationAsNumber" -> number(r.dstAs());
            case "tcpControlBits" -> number(r.tcpFlags());
            case "samplerId" -> number(r.samplerId());
            case "samplingInterval" -> number(r.samplingInterval());
            case "observationDomainId" -> number(r.domain());
            case "exporter" -> r.exporter();
            default -> null;
        };
    }

    private static Long number(long v) {
        return v < 0 ? null : v;
    }

    private static String v4(String a) {
        return a != null && a.indexOf(':') < 0 ? a : null;
    }

    private static String v6(String a) {
        return a != null && a.indexOf(':') >= 0 ? a : null;
    }
}
