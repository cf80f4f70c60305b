package dev.flowinspector.tools.generate;

import static dev.flowinspector.tools.generate.FieldSpec.addr;
import static dev.flowinspector.tools.generate.FieldSpec.num;
import static dev.flowinspector.tools.generate.FieldSpec.string;
import static dev.flowinspector.tools.generate.FieldSpec.timeMs;
import static dev.flowinspector.tools.generate.FieldSpec.uptime;
import static dev.flowinspector.tools.generate.FieldSpec.zero;

import java.util.List;

/** The record layouts and templates the simulator exports, per version. */
public final class Templates {

    private Templates() {
    }

    /** NetFlow v5 record (48 bytes, Cisco "NetFlow Export Datagram Format" v5), names as IANA elements. */
    public static final TemplateSpec V5 = new TemplateSpec(0, List.of(
            addr("sourceIPv4Address", 8, 4, f -> f.src),
            addr("destinationIPv4Address", 12, 4, f -> f.dst),
            addr("ipNextHopIPv4Address", 15, 4, f -> f.nextHop),
            num("ingressInterface", 10, 2, f -> f.inIf),
            num("egressInterface", 14, 2, f -> f.outIf),
            num("packetDeltaCount", 2, 4, f -> f.packets),
            num("octetDeltaCount", 1, 4, f -> f.octets),
            uptime("flowStartSysUpTime", 22, f -> f.startMs),
            uptime("flowEndSysUpTime", 21, f -> f.endMs),
            num("sourceTransportPort", 7, 2, f -> f.srcPort),
            num("destinationTransportPort", 11, 2, f -> f.dstPort),
            zero("padding1", 1),
            num("tcpControlBits", 6, 1, f -> f.tcpFlags),
            num("protocolIdentifier", 4, 1, f -> f.protocol),
            num("ipClassOfService", 5, 1, f -> f.tos),
            num("bgpSourceAsNumber", 16, 2, f -> f.srcAs),
            num("bgpDestinationAsNumber", 17, 2, f -> f.dstAs),
            num("sourceIPv4PrefixLength", 9, 1, f -> f.srcMask),
            num("destinationIPv4PrefixLength", 13, 1, f -> f.dstMask),
            zero("padding2", 2)), 0, false);

    /** NetFlow v9 IPv4 flows (softflowd-like, with AS numbers and masks; RFC 3954 §8 field types). */
    public static final TemplateSpec V9_IPV4 = new TemplateSpec(256, List.of(
            addr("sourceIPv4Address", 8, 4, f -> f.src),
            addr("destinationIPv4Address", 12, 4, f -> f.dst),
            addr("ipNextHopIPv4Address", 15, 4, f -> f.nextHop),
            uptime("flowEndSysUpTime", 21, f -> f.endMs),
            uptime("flowStartSysUpTime", 22, f -> f.startMs),
            num("octetDeltaCount", 1, 4, f -> f.octets),
            num("packetDeltaCount", 2, 4, f -> f.packets),
            num("ingressInterface", 10, 2, f -> f.inIf),
            num("egressInterface", 14, 2, f -> f.outIf),
            num("sourceTransportPort", 7, 2, f -> f.srcPort),
            num("destinationTransportPort", 11, 2, f -> f.dstPort),
            num("protocolIdentifier", 4, 1, f -> f.protocol),
            num("tcpControlBits", 6, 1, f -> f.tcpFlags),
            num("ipClassOfService", 5, 1, f -> f.tos),
            num("sourceIPv4PrefixLength", 9, 1, f -> f.srcMask),
            num("destinationIPv4PrefixLength", 13, 1, f -> f.dstMask),
            num("bgpSourceAsNumber", 16, 4, f -> f.srcAs),
            num("bgpDestinationAsNumber", 17, 4, f -> f.dstAs)), 0, false);

    /** NetFlow v9 IPv6 flows. */
    public static final TemplateSpec V9_IPV6 = new TemplateSpec(257, List.of(
            addr("sourceIPv6Address", 27, 16, f -> f.src),
            addr("destinationIPv6Address", 28, 16, f -> f.dst),
            addr("ipNextHopIPv6Address", 62, 16, f -> f.nextHop),
            uptime("flowEndSysUpTime", 21, f -> f.endMs),
            uptime("flowStartSysUpTime", 22, f -> f.startMs),
            num("octetDeltaCount", 1, 4, f -> f.octets),
            num("packetDeltaCount", 2, 4, f -> f.packets),
            num("ingressInterface", 10, 2, f -> f.inIf),
            num("egressInterface", 14, 2, f -> f.outIf),
            num("sourceTransportPort", 7, 2, f -> f.srcPort),
            num("destinationTransportPort", 11, 2, f -> f.dstPort),
            num("protocolIdentifier", 4, 1, f -> f.protocol),
            num("tcpControlBits", 6, 1, f -> f.tcpFlags),
            num("ipClassOfService", 5, 1, f -> f.tos),
            num("sourceIPv6PrefixLength", 29, 1, f -> f.srcMask),
            num("destinationIPv6PrefixLength", 30, 1, f -> f.dstMask),
            num("bgpSourceAsNumber", 16, 4, f -> f.srcAs),
            num("bgpDestinationAsNumber", 17, 4, f -> f.dstAs)), 0, true);

    /** NetFlow v9 options: sampling per system (scope type 1, RFC 3954 §6.1). */
    public static final TemplateSpec V9_SAMPLING = new TemplateSpec(258, List.of(
            num("scopeSystem", 1, 4, f -> f.systemScope),
            num("samplingInterval", 34, 4, f -> f.samplingInterval),
            num("samplingAlgorithm", 35, 1, f -> f.samplingAlgorithm)), 1, false);

    /** IPFIX IPv4 flows with millisecond timestamps (RFC 7011, IANA elements). */
    public static final TemplateSpec IPFIX_IPV4 = new TemplateSpec(256, List.of(
            addr("sourceIPv4Address", 8, 4, f -> f.src),
            addr("destinationIPv4Address", 12, 4, f -> f.dst),
            addr("ipNextHopIPv4Address", 15, 4, f -> f.nextHop),
            num("ingressInterface", 10, 4, f -> f.inIf),
            num("egressInterface", 14, 4, f -> f.outIf),
            num("octetDeltaCount", 1, 8, f -> f.octets),
            num("packetDeltaCount", 2, 8, f -> f.packets),
            timeMs("flowStartMilliseconds", 152, f -> f.startMs),
            timeMs("flowEndMilliseconds", 153, f -> f.endMs),
            num("sourceTransportPort", 7, 2, f -> f.srcPort),
            num("destinationTransportPort", 11, 2, f -> f.dstPort),
            num("protocolIdentifier", 4, 1, f -> f.protocol),
            num("tcpControlBits", 6, 2, f -> f.tcpFlags),
            num("ipClassOfService", 5, 1, f -> f.tos),
            num("sourceIPv4PrefixLength", 9, 1, f -> f.srcMask),
            num("destinationIPv4PrefixLength", 13, 1, f -> f.dstMask),
            num("bgpSourceAsNumber", 16, 4, f -> f.srcAs),
            num("bgpDestinationAsNumber", 17, 4, f -> f.dstAs),
            num("flowEndReason", 136, 1, f -> f.endReason)), 0, false);

    /** IPFIX IPv6 flows. */
    public static final TemplateSpec IPFIX_IPV6 = new TemplateSpec(257, List.of(
            addr("sourceIPv6Address", 27, 16, f -> f.src),
            addr("destinationIPv6Address", 28, 16, f -> f.dst),
                        num("ingressInterface", 10, 4, f -> f.inIf),
            num("egressInterface", 14, 4, f -> f.outIf),
            num("octetDeltaCount", 1, 8, f -> f.octets),
            num("packetDeltaCount", 2, 8, f -> f.packets),
            timeMs("flowStartMilliseconds", 152, f -> f.startMs),
            timeMs("flowEndMilliseconds", 153, f -> f.endMs),
            num("sourceTransportPort", 7, 2, f -> f.srcPort),
            num("destinationTransportPort", 11, 2, f -> f.dstPort),
            num("protocolIdentifier", 4, 1, f -> f.protocol),
            num("tcpControlBits", 6, 2, f -> f.tcpFlags),
            num("ipClassOfService", 5, 1, f -> f.tos),
            num("sourceIPv6PrefixLength", 29, 1, f -> f.srcMask),
            num("destinationIPv6PrefixLength", 30, 1, f -> f.dstMask),
            num("bgpSourceAsNumber", 16, 4, f -> f.srcAs),
            num("bgpDestinationAsNumber", 17, 4, f -> f.dstAs),
            num("flowEndReason", 136, 1, f -> f.endReason)), 0, true);

    /** IPFIX IPv4 flows with a variable-length applicationName (RFC 7011 §7, IANA element 96). */
    public static final TemplateSpec IPFIX_APP = new TemplateSpec(258, List.of(
            addr("sourceIPv4Address", 8, 4, f -> f.src),
            addr("destinationIPv4Address", 12, 4, f -> f.dst),
            num("ingressInterface", 10, 4, f -> f.inIf),
            num("egressInterface", 14, 4, f -> f.outIf),
            num("octetDeltaCount", 1, 8, f -> f.octets),
            num("packetDeltaCount", 2, 8, f -> f.packets),
            timeMs("flowStartMilliseconds", 152, f -> f.startMs),
            timeMs("flowEndMilliseconds", 153, f -> f.endMs),
            num("sourceTransportPort", 7, 2, f -> f.srcPort),
            num("destinationTransportPort", 11, 2, f -> f.dstPort),
            num("protocolIdentifier", 4, 1, f -> f.protocol),
            num("tcpControlBits", 6, 2, f -> f.tcpFlags),
            num("bgpSourceAsNumber", 16, 4, f -> f.srcAs),
            num("bgpDestinationAsNumber", 17, 4, f -> f.dstAs),
            string("applicationName", 96, FieldSpec.VARIABLE,
                    f -> f.applicationRaw != null ? f.applicationRaw : f.application)), 0, false);

    /** IPFIX options: sampling per selector (RFC 7011 §3.4.2.2, PSAMP elements of RFC 5477). */
    public static final TemplateSpec IPFIX_SAMPLING = new TemplateSpec(259, List.of(
            num("selectorId", 302, 8, f -> f.samplerId),
            num("selectorAlgorithm", 304, 2, f -> f.samplingAlgorithm),
            num("samplingPacketInterval", 305, 4, f -> 1L), // 1 packet selected, then samplingPacketSpace skipped (RFC 5476)
            num("samplingPacketSpace", 306, 4, f -> f.samplingSpace)), 1, false);

    /** IPFIX options: interface names (variable-length strings) per ingressInterface. */
    public static final TemplateSpec IPFIX_INTERFACES = new TemplateSpec(260, List.of(
            num("ingressInterface", 10, 4, f -> f.ifIndex),
            string("interfaceName", 82, FieldSpec.VARIABLE, f -> f.ifName),
            string("interfaceDescription", 83, FieldSpec.VARIABLE, f -> f.ifDescription)), 1, false);

    /** Flow templates of a version (v9: IPv4, IPv6; IPFIX: IPv4, IPv6, IPv4 with application name). */
    public static List<TemplateSpec> flowTemplates(int version) {
        return switch (version) {
            case 9 -> List.of(V9_IPV4, V9_IPV6);
            case 10 -> List.of(IPFIX_IPV4, IPFIX_IPV6, IPFIX_APP);
            default -> List.of(V5);
        };
    }

    /** Options templates of a version. */
    public static List<TemplateSpec> optionsTemplates(int version) {
        return switch (version) {
            case 9 -> List.of(V9_SAMPLING);
            case 10 -> List.of(IPFIX_SAMPLING, IPFIX_INTERFACES);
            default -> List.of();
        };
    }
}
