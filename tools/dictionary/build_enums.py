#!/usr/bin/env python3
"""Write enums/*.tsv and enums/index.tsv and enterprise-numbers.tsv.  Values are facts from the IANA
registries (Protocol Numbers; IPFIX sub-registries for ids 46, 89, 136, 230, 233, 239, 277, 297, 35 via
RFC 3954/7270, 61, 60; ICMP type numbers; Private Enterprise Numbers); labels are short and our own."""
import os
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../src/main/resources/dev/flowinspector/dictionary")
PROTO = """0 HOPOPT
1 ICMP
2 IGMP
3 GGP
4 IPv4
5 ST
6 TCP
7 CBT
8 EGP
9 IGP
10 BBN-RCC-MON
11 NVP-II
12 PUP
13 ARGUS
14 EMCON
15 XNET
16 CHAOS
17 UDP
18 MUX
19 DCN-MEAS
20 HMP
21 PRM
22 XNS-IDP
23 TRUNK-1
24 TRUNK-2
25 LEAF-1
26 LEAF-2
27 RDP
28 IRTP
29 ISO-TP4
30 NETBLT
31 MFE-NSP
32 MERIT-INP
33 DCCP
34 3PC
35 IDPR
36 XTP
37 DDP
38 IDPR-CMTP
39 TP++
40 IL
41 IPv6
42 SDRP
43 IPv6-Route
44 IPv6-Frag
45 IDRP
46 RSVP
47 GRE
48 DSR
49 BNA
50 ESP
51 AH
52 I-NLSP
53 SWIPE
54 NARP
55 Min-IPv4
56 TLSP
57 SKIP
58 IPv6-ICMP
59 IPv6-NoNxt
60 IPv6-Opts
61 any host internal protocol
62 CFTP
63 any local network
64 SAT-EXPAK
65 KRYPTOLAN
66 RVD
67 IPPC
68 any distributed file system
69 SAT-MON
70 VISA
71 IPCV
72 CPNX
73 CPHB
74 WSN
75 PVP
76 BR-SAT-MON
77 SUN-ND
78 WB-MON
79 WB-EXPAK
80 ISO-IP
81 VMTP
82 SECURE-VMTP
83 VINES
84 IPTM
85 NSFNET-IGP
86 DGP
87 TCF
88 EIGRP
89 OSPFIGP
90 Sprite-RPC
91 LARP
92 MTP
93 AX.25
94 IPIP
95 MICP
96 SCC-SP
97 ETHERIP
98 ENCAP
99 any private encryption scheme
100 GMTP
101 IFMP
102 PNNI
103 PIM
104 ARIS
105 SCPS
106 QNX
107 A/N
108 IPComp
109 SNP
110 Compaq-Peer
111 IPX-in-IP
112 VRRP
113 PGM
114 any 0-hop protocol
115 L2TP
116 DDX
117 IATP
118 STP
119 SRP
120 UTI
121 SMP
122 SM
123 PTP
124 ISIS over IPv4
125 FIRE
126 CRTP
127 CRUDP
128 SSCOPMCE
129 IPLT
130 SPS
131 PIPE
132 SCTP
133 FC
134 RSVP-E2E-IGNORE
135 Mobility Header
136 UDPLite
137 MPLS-in-IP
138 manet
139 HIP
140 Shim6
141 WESP
142 ROHC
143 Ethernet
144 AGGFRAG
145 NSH
255 Reserved"""
ENUMS = {
 "protocolIdentifier": ("protocol-numbers.tsv", PROTO),
 "forwardingStatus": ("forwarding-status.tsv", """0 Unknown
64 Forwarded
65 Forwarded (fragmented)
66 Forwarded (not fragmented)
67 Forwarded (tunneled)
68 Forwarded (ACL permit)
128 Dropped
129 Dropped (ACL deny)
130 Dropped (ACL drop)
131 Dropped (unroutable)
132 Dropped (adjacency)
133 Dropped (fragmentation and DF set)
134 Dropped (bad header checksum)
135 Dropped (bad total length)
136 Dropped (bad header length)
137 Dropped (bad TTL)
138 Dropped (policer)
139 Dropped (WRED)
140 Dropped (RPF)
141 Dropped (for us)
142 Dropped (bad output interface)
143 Dropped (hardware)
192 Consumed
193 Consumed (punt adjacency)
194 Consumed (incomplete adjacency)
195 Consumed (for us)"""),
 "flowEndReason": ("flow-end-reason.tsv", """1 idle timeout
2 active timeout
3 end of flow detected
4 forced end
5 lack of resources"""),
 "firewallEvent": ("firewall-event.tsv", """0 Ignore
1 Flow created
2 Flow deleted
3 Flow denied
4 Flow alert
5 Flow update"""),
 "natEvent": ("nat-event.tsv", """1 NAT translation create (historic)
2 NAT translation delete (historic)
3 NAT addresses exhausted
4 NAT44 session create
5 NAT44 session delete
6 NAT64 session create
7 NAT64 session delete
8 NAT44 BIB create
9 NAT44 BIB delete
10 NAT64 BIB create
11 NAT64 BIB delete
12 NAT ports exhausted
13 Quota exceeded
14 Address binding create
15 Address binding delete
16 Port block allocation
17 Port block de-allocation
18 Threshold reached"""),
 "biflowDirection": ("biflow-direction.tsv", """0 arbitrary
1 initiator
2 reverseInitiator
3 perimeter"""),
 "flowDirection": ("flow-direction.tsv", """0 ingress
1 egress"""),
 "ipVersion": ("ip-version.tsv", """4 IPv4
6 IPv6"""),
 "icmpTypeIPv4": ("icmp-type-ipv4.tsv", """0 Echo Reply
3 Destination Unreachable
4 Source Quench (deprecated)
5 Redirect
8 Echo
9 Router Advertisement
10 Router Solicitation
11 Time Exceeded
12 Parameter Problem
13 Timestamp
14 Timestamp Reply
15 Information Request (deprecated)
16 Information Reply (deprecated)
17 Address Mask Request (deprecated)
18 Address Mask Reply (deprecated)
30 Traceroute (deprecated)
40 Photuris
42 Extended Echo Request
43 Extended Echo Reply"""),
 "icmpTypeIPv6": ("icmp-type-ipv6.tsv", """1 Destination Unreachable
2 Packet Too Big
3 Time Exceeded
4 Parameter Problem
128 Echo Request
129 Echo Reply
130 Multicast Listener Query
131 Multicast Listener Report
132 Multicast Listener Done
133 Router Solicitation
134 Router Advertisement
135 Neighbor Solicitation
136 Neighbor Advertisement
137 Redirect Message
143 Version 2 Multicast Listener Report"""),
 "mplsTopLabelType": ("mpls-label-type.tsv", """0 unknown
1 TE-MIDPT
2 Pseudowire
3 VPN
4 BGP
5 LDP
6 Path Computation Element
7 OSPF Segment Routing
8 IS-IS Segment Routing
9 BGP Segment Routing Prefix-SID"""),
 "samplingAlgorithm": ("sampling-algorithm.tsv", """1 deterministic
2 random"""),
 "samplerMode": ("sampling-algorithm.tsv", None),
 "observationPointType": ("observation-point-type.tsv", """0 invalid
1 physical port
2 port channel
3 VLAN"""),
 "natType": ("nat-type.tsv", """0 unknown
1 NAT44 translated
2 NAT64 translated
3 NAT46 translated
4 IPv4 no NAT
5 NAT66 translated
6 IPv6 no NAT"""),
 "natOriginatingAddressRealm": ("nat-realm.tsv", """1 private
2 public"""),
 "valueDistributionMethod": ("value-distribution-method.tsv", """0 unspecified
1 start interval
2 end interval
3 mid interval
4 simple uniform distribution
5 proportional uniform distribution
6 simulated process
7 direct"""),
 "mibCaptureTimeSemantics": ("mib-capture-time-semantics.tsv", """0 undefined
1 begin
2 end
3 export
4 average"""),
}
ENT = """2 IBM
9 Cisco Systems
11 Hewlett-Packard
23 Novell
42 Sun Microsystems
43 3Com
63 Apple
94 Nokia
111 Oracle
161 Motorola
171 D-Link Systems
232 Compaq
311 Microsoft
318 American Power Conversion
637 Nokia (Alcatel-Lucent)
674 Dell
789 NetApp
1588 Brocade Communication Systems
1916 Extreme Networks
1991 Foundry Networks
2011 Huawei Technologies
2021 U.C. Davis, ECE Dept.
2352 Redback Networks
2620 Check Point Software Technologies
2636 Juniper Networks
3054 Ixia
3076 Altiga Networks
3224 NetScreen Technologies
3375 F5 Networks
3417 CacheFlow (Blue Coat)
4413 Broadcom
4526 Netgear
4874 Juniper Networks (Unisphere)
5624 Enterasys Networks
5951 Citrix Systems (NetScaler)
6027 Force10 Networks
6486 Alcatel-Lucent Enterprise
6527 Nokia (Timetra)
6871 CERT Coordination Center
6876 VMware
6889 Avaya
8072 Net-SNMP
8741 SonicWall
9148 Acme Packet
10704 Barracuda Networks
11129 Google
12356 Fortinet
13745 Plixer
14179 Airespace (Cisco WLC)
14823 Aruba Networks
14988 MikroTik
15397 Procera Networks
25461 Palo Alto Networks
25506 H3C
26866 Gigamon
29305 IPFIX Reverse Information Element PEN (RFC 5103)
30065 Arista Networks
35632 ntop
41112 Ubiquiti Networks
41916 Viptela"""

def main():
    os.makedirs(os.path.join(OUT, "enums"), exist_ok=True)
    idx = ["# elementName\tfile   (generated by tools/dictionary/build_enums.py)"]
    for elem, (fname, text) in ENUMS.items():
        idx.append(elem + "\t" + fname)
        if text is None:
            continue
        with open(os.path.join(OUT, "enums", fname), "w") as f:
            f.write("# value\tlabel   (%s)\n" % elem)
            for line in text.splitlines():
                v, label = line.split(" ", 1)
                f.write(v + "\t" + label + "\n")
    with open(os.path.join(OUT, "enums", "index.tsv"), "w") as f:
        f.write("\n".join(idx) + "\n")
    with open(os.path.join(OUT, "enterprise-numbers.tsv"), "w") as f:
        f.write("# pen\torganisation   (IANA Private Enterprise Numbers; generated by tools/dictionary/build_enums.py)\n")
        for line in ENT.splitlines():
            pen, org = line.split(" ", 1)
            f.write(pen + "\t" + org + "\n")
main()
