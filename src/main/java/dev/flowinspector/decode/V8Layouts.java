package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * Record layouts of the NetFlow v8 aggregation schemes 1-14 (Cisco NetFlow export datagram format,
 * version 8; router-based and ToS-based router aggregation).
 *
 * <p>Checked against Wireshark's {@code packet-netflow.c} (record sizes and field order of
 * {@code dissect_v8_aggpdu} / {@code dissect_v8_flowpdu}) and flow-tools' {@code ftlib.h} (records and
 * {@code FT_PDU_V8_n_MAXFLOWS}). The two disagree on one point: in schemes 5, 13 and 14 Wireshark reads the
 * source mask before the destination mask, flow-tools the other way round; this follows Wireshark (and so
 * agrees with tshark). Cisco defines no v8 record for BGP next-hop ToS aggregation, which is exported with
 * v9 only, so the schemes stop at 14.
 */
final class V8Layouts {

    private final Map<Integer, LegacyLayout> schemes = new HashMap<>();

    V8Layouts(InformationElementRegistry reg) {
        // 1: AS, 28 bytes, 51 per packet
        put(1, LegacyLayout.of(reg, "AS", 51, counters(
                "bgpSourceAsNumber", 2, "bgpDestinationAsNumber", 2, "ingressInterface", 2, "egressInterface", 2)));
        // 2: Protocol/Port, 28 bytes, 51 per packet
        put(2, LegacyLayout.of(reg, "Protocol/Port", 51, counters(
                "protocolIdentifier", 1, "padding", 1, "reserved", 2,
                "sourceTransportPort", 2, "destinationTransportPort", 2)));
        // 3: Source Prefix, 32 bytes, 44 per packet
        put(3, LegacyLayout.of(reg, "Source Prefix", 44, counters(
                "sourceIPv4Prefix", 4, "sourceIPv4PrefixLength", 1, "padding", 1,
                "bgpSourceAsNumber", 2, "ingressInterface", 2, "reserved", 2)));
        // 4: Destination Prefix, 32 bytes, 44 per packet
        put(4, LegacyLayout.of(reg, "Destination Prefix", 44, counters(
                "destinationIPv4Prefix", 4, "destinationIPv4PrefixLength", 1, "padding", 1,
                "bgpDestinationAsNumber", 2, "egressInterface", 2, "reserved", 2)));
        // 5: Prefix (network matrix), 40 bytes, 35 per packet
        put(5, LegacyLayout.of(reg, "Prefix", 35, counters(
                "sourceIPv4Prefix", 4, "destinationIPv4Prefix", 4,
                "sourceIPv4PrefixLength", 1, "destinationIPv4PrefixLength", 1, "reserved", 2,
                "bgpSourceAsNumber", 2, "bgpDestinationAsNumber", 2, "ingressInterface", 2, "egressInterface", 2)));
        // 6: Destination (ToS), Catalyst 5000/6000 flow mask "destination-only", 32 bytes, 44 per packet
        put(6, LegacyLayout.of(reg, "Destination (ToS)", 44,
                "destinationIPv4Address", 4, "packetDeltaCount", 4, "octetDeltaCount", 4,
                "flowStartSysUpTime", 4, "flowEndSysUpTime", 4, "egressInterface", 2,
                "ipClassOfService", 1, "postIpClassOfService", 1, "extraPackets", 4, "routerSc", 4));
        // 7: Source-Destination (ToS), 40 bytes, 35 per packet
        put(7, LegacyLayout.of(reg, "Source-Destination (ToS)", 35,
                "destinationIPv4Address", 4, "sourceIPv4Address", 4, "packetDeltaCount", 4, "octetDeltaCount", 4,
                "flowStartSysUpTime", 4, "flowEndSysUpTime", 4, "egressInterface", 2, "ingressInterface", 2,
                "ipClassOfService", 1, "postIpClassOfService", 1, "reserved", 2, "extraPackets", 4, "routerSc", 4));
        // 8: Full Flow (ToS), 44 bytes, 32 per packet
        put(8, LegacyLayout.of(reg, "Full Flow (ToS)", 32,
                "destinationIPv4Address", 4, "sourceIPv4Address", 4,
                "destinationTransportPort", 2, "sourceTransportPort", 2, "packetDeltaCount", 4, "octetDeltaCount", 4,
                "flowStartSysUpTime", 4, "flowEndSysUpTime", 4, "egressInterface", 2, "ingressInterface", 2,
                "ipClassOfService", 1, "protocolIdentifier", 1, "postIpClassOfService", 1, "padding", 1,
                "extraPackets", 4, "routerSc", 4));
        // 9: AS-ToS, 32 bytes, 44 per packet
        put(9, LegacyLayout.of(reg, "AS-ToS", 44, counters(
                "bgpSourceAsNumber", 2, "bgpDestinationAsNumber", 2, "ingressInterface", 2, "egressInterface", 2,
                "ipClassOfService", 1, "padding", 1, "reserved", 2)));
        // 10: Protocol-Port-ToS, 32 bytes, 44 per packet
        put(10, LegacyLayout.of(reg, "Protocol-Port-ToS", 44, counters(
                "protocolIdentifier", 1, "ipClassOfService", 1, "reserved", 2,
                "sourceTransportPort", 2, "destinationTransportPort", 2, "ingressInterface", 2, "egressInterface", 2)));
        // 11: Source-Prefix-ToS, 32 bytes, 44 per packet
        put(11, LegacyLayout.of(reg, "Source-Prefix-ToS", 44, counters(
                "sourceIPv4Prefix", 4, "sourceIPv4PrefixLength", 1, "ipClassOfService", 1,
                "bgpSourceAsNumber", 2, "ingressInterface", 2, "reserved", 2)));
        // 12: Destination-Prefix-ToS, 32 bytes, 44 per packet
        put(12, LegacyLayout.of(reg, "Destination-Prefix-ToS", 44, counters(
                "destinationIPv4Prefix", 4, "destinationIPv4PrefixLength", 1, "ipClassOfService", 1,
                "bgpDestinationAsNumber", 2, "egressInterface", 2, "reserved", 2)));
        // 13: Prefix-ToS, 40 bytes, 35 per packet
        put(13, LegacyLayout.of(reg, "Prefix-ToS", 35, counters(
                "sourceIPv4Prefix", 4, "destinationIPv4Prefix", 4,
                "sourceIPv4PrefixLength", 1, "destinationIPv4PrefixLength", 1, "ipClassOfService", 1, "padding", 1,
                "bgpSourceAsNumber", 2, "bgpDestinationAsNumber", 2, "ingressInterface", 2, "egressInterface", 2)));
        // 14: Prefix-Port-ToS, 40 bytes, 35 per packet
        put(14, LegacyLayout.of(reg, "Prefix-Port-ToS", 35, counters(
                "sourceIPv4Prefix", 4, "destinationIPv4Prefix", 4,
                "sourceIPv4PrefixLength", 1, "destinationIPv4PrefixLength", 1,
                "ipClassOfService", 1, "protocolIdentifier", 1,
                "sourceTransportPort", 2, "destinationTransportPort", 2, "ingressInterface", 2, "egressInterface", 2)));
    }

    /** The 20 bytes every router-based aggregation record starts with (flows, packets, octets, first, last). */
    private static Object[] counters(Object... rest) {
        Object[] head = {"deltaFlowCount", 4, "packetDeltaCount", 4, "octetDeltaCount", 4,
            "flowStartSysUpTime", 4, "flowEndSysUpTime", 4};
        Object[] all = new Object[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    private void put(int scheme, LegacyLayout layout) {
        if (!layout.name.equals(NAMES[scheme])) {
            throw new IllegalStateException("v8 scheme " + scheme + " named twice: " + layout.name);
        }
        schemes.put(scheme, layout);
    }

    private static final String[] NAMES = {null, "AS", "Protocol/Port", "Source Prefix", "Destination Prefix",
        "Prefix", "Destination (ToS)", "Source-Destination (ToS)", "Full Flow (ToS)", "AS-ToS", "Protocol-Port-ToS",
        "Source-Prefix-ToS", "Destination-Prefix-ToS", "Prefix-ToS", "Prefix-Port-ToS"};

    /** Name of an aggregation scheme, or null when unknown. */
    static String schemeName(int scheme) {
        return scheme > 0 && scheme < NAMES.length ? NAMES[scheme] : null;
    }

    /** The layout of an aggregation scheme, or null when unknown. */
    LegacyLayout forScheme(int scheme) {
        return schemes.get(scheme);
    }

    /** Scheme numbers with a layout, ascending. */
    java.util.SortedSet<Integer> schemes() {
        return new java.util.TreeSet<>(schemes.keySet());
    }
}
