#!/usr/bin/env python3
"""Write netflow-v9.tsv: NetFlow v9 field types (RFC 3954 section 8, Cisco's later list, ASA NSEL,
PAN-OS and StreamCore types seen by collectors).  Types that mean the same as an IANA element name it and
leave dataType empty, so the loader takes the IANA definition.  Facts from RFC 3954, the IANA registry
(ids 1..127 are "NFv9-compatible"), Cisco's NSEL guide as reflected in logstash-codec-netflow's netflow.yaml
and Wireshark's cflow dissector.
"""
import sys
# RFC 3954 section 8 name -> IANA element with the same id and meaning.
SAME = """1 IN_BYTES octetDeltaCount
2 IN_PKTS packetDeltaCount
3 FLOWS deltaFlowCount
4 PROTOCOL protocolIdentifier
5 SRC_TOS ipClassOfService
6 TCP_FLAGS tcpControlBits
7 L4_SRC_PORT sourceTransportPort
8 IPV4_SRC_ADDR sourceIPv4Address
9 SRC_MASK sourceIPv4PrefixLength
10 INPUT_SNMP ingressInterface
11 L4_DST_PORT destinationTransportPort
12 IPV4_DST_ADDR destinationIPv4Address
13 DST_MASK destinationIPv4PrefixLength
14 OUTPUT_SNMP egressInterface
15 IPV4_NEXT_HOP ipNextHopIPv4Address
16 SRC_AS bgpSourceAsNumber
17 DST_AS bgpDestinationAsNumber
18 BGP_IPV4_NEXT_HOP bgpNextHopIPv4Address
19 MUL_DST_PKTS postMCastPacketDeltaCount
20 MUL_DST_BYTES postMCastOctetDeltaCount
21 LAST_SWITCHED flowEndSysUpTime
22 FIRST_SWITCHED flowStartSysUpTime
23 OUT_BYTES postOctetDeltaCount
24 OUT_PKTS postPacketDeltaCount
25 MIN_PKT_LNGTH minimumIpTotalLength
26 MAX_PKT_LNGTH maximumIpTotalLength
27 IPV6_SRC_ADDR sourceIPv6Address
28 IPV6_DST_ADDR destinationIPv6Address
29 IPV6_SRC_MASK sourceIPv6PrefixLength
30 IPV6_DST_MASK destinationIPv6PrefixLength
31 IPV6_FLOW_LABEL flowLabelIPv6
32 ICMP_TYPE icmpTypeCodeIPv4
33 MUL_IGMP_TYPE igmpType
34 SAMPLING_INTERVAL samplingInterval
35 SAMPLING_ALGORITHM samplingAlgorithm
36 FLOW_ACTIVE_TIMEOUT flowActiveTimeout
37 FLOW_INACTIVE_TIMEOUT flowIdleTimeout
38 ENGINE_TYPE engineType
39 ENGINE_ID engineId
40 TOTAL_BYTES_EXP exportedOctetTotalCount
41 TOTAL_PKTS_EXP exportedMessageTotalCount
42 TOTAL_FLOWS_EXP exportedFlowRecordTotalCount
43 IPV4_ROUTER_SC ipv4RouterSc
44 IPV4_SRC_PREFIX sourceIPv4Prefix
45 IPV4_DST_PREFIX destinationIPv4Prefix
46 MPLS_TOP_LABEL_TYPE mplsTopLabelType
47 MPLS_TOP_LABEL_IP_ADDR mplsTopLabelIPv4Address
48 FLOW_SAMPLER_ID samplerId
49 FLOW_SAMPLER_MODE samplerMode
50 FLOW_SAMPLER_RANDOM_INTERVAL samplerRandomInterval
51 FLOW_CLASS classId
52 MIN_TTL minimumTTL
53 MAX_TTL maximumTTL
54 IPV4_IDENT fragmentIdentification
55 DST_TOS postIpClassOfService
56 IN_SRC_MAC sourceMacAddress
57 OUT_DST_MAC postDestinationMacAddress
58 SRC_VLAN vlanId
59 DST_VLAN postVlanId
60 IP_PROTOCOL_VERSION ipVersion
61 DIRECTION flowDirection
62 IPV6_NEXT_HOP ipNextHopIPv6Address
63 BGP_IPV6_NEXT_HOP bgpNextHopIPv6Address
64 IPV6_OPTION_HEADERS ipv6ExtensionHeaders
70 MPLS_LABEL_1 mplsTopLabelStackSection
71 MPLS_LABEL_2 mplsLabelStackSection2
72 MPLS_LABEL_3 mplsLabelStackSection3
73 MPLS_LABEL_4 mplsLabelStackSection4
74 MPLS_LABEL_5 mplsLabelStackSection5
75 MPLS_LABEL_6 mplsLabelStackSection6
76 MPLS_LABEL_7 mplsLabelStackSection7
77 MPLS_LABEL_8 mplsLabelStackSection8
78 MPLS_LABEL_9 mplsLabelStackSection9
79 MPLS_LABEL_10 mplsLabelStackSection10
80 IN_DST_MAC destinationMacAddress
81 OUT_SRC_MAC postSourceMacAddress
82 IF_NAME interfaceName
83 IF_DESC interfaceDescription
84 SAMPLER_NAME samplerName
85 IN_PERMANENT_BYTES octetTotalCount
86 IN_PERMANENT_PKTS packetTotalCount
87 FLAGS_AND_SAMPLER_ID flagsAndSamplerId
88 FRAGMENT_OFFSET fragmentOffset
89 FORWARDING_STATUS forwardingStatus
90 MPLS_PAL_RD mplsVpnRouteDistinguisher
91 MPLS_PREFIX_LEN mplsTopLabelPrefixLength
92 SRC_TRAFFIC_INDEX srcTrafficIndex
93 DST_TRAFFIC_INDEX dstTrafficIndex
94 APPLICATION_DESCRIPTION applicationDescription
95 APPLICATION_TAG applicationId
96 APPLICATION_NAME applicationName
98 POSTIPDIFFSERVCODEPOINT postIpDiffServCodePoint
99 REPLICATION_FACTOR multicastReplicationFactor
100 CLASS_NAME className
101 CLASSIFICATION_ENGINE_ID classificationEngineId
102 LAYER2_PACKET_SECTION_OFFSET layer2packetSectionOffset
103 LAYER2_PACKET_SECTION_SIZE layer2packetSectionSize
104 LAYER2_PACKET_SECTION_DATA layer2packetSectionData
148 NF_F_CONN_ID flowId
152 NF_F_FLOW_CREATE_TIME_MSEC flowStartMilliseconds
153 NF_F_FLOW_END_TIME_MSEC flowEndMilliseconds
176 NF_F_ICMP_TYPE icmpTypeIPv4
177 NF_F_ICMP_CODE icmpCodeIPv4
178 NF_F_ICMP_TYPE_IPV6 icmpTypeIPv6
179 NF_F_ICMP_CODE_IPV6 icmpCodeIPv6
225 NF_F_XLATE_SRC_ADDR_IPV4 postNATSourceIPv4Address
226 NF_F_XLATE_DST_ADDR_IPV4 postNATDestinationIPv4Address
227 NF_F_XLATE_SRC_PORT postNAPTSourceTransportPort
228 NF_F_XLATE_DST_PORT postNAPTDestinationTransportPort
231 NF_F_FWD_FLOW_DELTA_BYTES initiatorOctets
232 NF_F_REV_FLOW_DELTA_BYTES responderOctets
233 NF_F_FW_EVENT firewallEvent
281 NF_F_XLATE_SRC_ADDR_IPV6 postNATSourceIPv6Address
282 NF_F_XLATE_DST_ADDR_IPV6 postNATDestinationIPv6Address
298 NF_F_FWD_FLOW_DELTA_PACKETS initiatorPackets
299 NF_F_REV_FLOW_DELTA_PACKETS responderPackets
323 NF_F_EVENT_TIME_MSEC observationTimeMilliseconds"""
# Types with no IANA twin: own name and type.  (type, name, dataType, semantics, units, description)
OWN = [
    (33000, "NF_F_INGRESS_ACL_ID", "octetArray", "identifier", "", "ASA ingress ACL: ACL id, ACE id, extended ACE id (3 x 4 octets)"),
    (33001, "NF_F_EGRESS_ACL_ID", "octetArray", "identifier", "", "ASA egress ACL: ACL id, ACE id, extended ACE id (3 x 4 octets)"),
    (33002, "NF_F_FW_EXT_EVENT", "unsigned16", "identifier", "", "ASA extended firewall event code"),
    (40000, "NF_F_USERNAME", "string", "default", "", "AAA user name of the connection (ASA)"),
    (40001, "NF_F_XLATE_SRC_ADDR_IPV4_OLD", "ipv4Address", "default", "", "translated source IPv4 address (ASA before 8.4)"),
    (40002, "NF_F_XLATE_DST_ADDR_IPV4_OLD", "ipv4Address", "default", "", "translated destination IPv4 address (ASA before 8.4)"),
    (40003, "NF_F_XLATE_SRC_PORT_OLD", "unsigned16", "identifier", "", "translated source port (ASA before 8.4)"),
    (40004, "NF_F_XLATE_DST_PORT_OLD", "unsigned16", "identifier", "", "translated destination port (ASA before 8.4)"),
    (40005, "NF_F_FW_EVENT_OLD", "unsigned8", "identifier", "", "firewall event (ASA before 8.4)"),
    (56701, "PANOS_APPID", "string", "default", "", "PAN-OS App-ID application name"),
    (56702, "PANOS_USERID", "string", "default", "", "PAN-OS User-ID user name"),
    (8192, "STREAMCORE_WAN_RTT", "unsigned32", "quantity", "milliseconds", "StreamCore WAN round-trip time"),
    (8193, "STREAMCORE_NET_APP_RESP_TIME", "unsigned32", "quantity", "milliseconds", "StreamCore network application response time"),
    (8194, "STREAMCORE_TOTAL_APP_RESP_TIME", "unsigned32", "quantity", "milliseconds", "StreamCore total application response time"),
    (8195, "STREAMCORE_TCP_RETRANS_RATE", "unsigned16", "quantity", "", "StreamCore TCP retransmission rate"),
    (8196, "STREAMCORE_CALL_DIRECTION", "unsigned8", "identifier", "", "StreamCore call direction"),
    (8256, "STREAMCORE_HOSTNAME", "string", "default", "", "StreamCore host name"),
    (8257, "STREAMCORE_URL", "string", "default", "", "StreamCore URL"),
    (8258, "STREAMCORE_SSL_CN", "string", "default", "", "StreamCore TLS certificate common name"),
    (8259, "STREAMCORE_SSL_ORG", "string", "default", "", "StreamCore TLS certificate organisation"),
]

def main():
    print("# NetFlow v9 field types (RFC 3954 section 8 and vendor additions).")
    print("# type\tname\tdataType\tsemantics\tunits\tstatus\tdescription   (generated by tools/dictionary/build_v9.py)")
    print("# An empty dataType means: same id and meaning as the IANA element named in column 2.")
    for line in SAME.splitlines():
        t, v9name, iana = line.split()
        print("\t".join([t, iana, "", "", "", "", "v9 " + v9name]))
    for t, name, dt, sem, units, desc in sorted(OWN):
        print("\t".join([str(t), name, dt, sem, units, "current", desc]))
main()
