#!/usr/bin/env python3
"""Write the vendor packs (one TSV per PEN) and packs.tsv.  Each table below is a transcription of facts
(element id, name, abstract type) found in: logstash-codec-netflow ipfix.yaml (Cisco, Nokia, NetScaler,
VMware, Barracuda), Wireshark's cflow dissector tables (Ixia, ntop, Plixer, Gigamon, Juniper), ntopng's
nProbe field mapping (ntop ids, offset by 57472 in NetFlow v9).  Descriptions are our own short phrases.
CERT (6871) is written by build_cert.py.  Run from this folder; writes into the resources folder.
"""
import os, re
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../src/main/resources/dev/flowinspector/dictionary")

def words(name):
    parts = re.findall(r"(?i:ipv4|ipv6)|[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", name)
    return " ".join(p if (p.isupper() and len(p) > 1) else p.lower() for p in parts)

SEM = {"string": "default", "ipv4Address": "default", "ipv6Address": "default", "macAddress": "default",
       "octetArray": "default", "float32": "quantity", "dateTimeSeconds": "default", "dateTimeMilliseconds": "default"}

def table(text):
    rows = []
    for line in text.strip().splitlines():
        parts = line.split(None, 3)
        i, name, dt = parts[0], parts[1], parts[2]
        units = parts[3] if len(parts) > 3 else ""
        sem = SEM.get(dt, "")
        if re.search(r"(Count|Bytes|Octets|Packets|Pkts|PKTS|BYTES)$", name) and dt.startswith("unsigned"):
            sem = "totalCounter"
        elif dt.startswith("unsigned") and re.search(r"(Id|ID|Port|Type|Code|_ID|PROTO|Event)$", name):
            sem = "identifier"
        rows.append((int(i), name, dt, sem, units))
    return rows

PACKS = {}
PACKS[(9, "cisco.tsv", "Cisco Systems")] = table("""
8337 ciscoServerBytesNetwork unsigned64 octets
8338 ciscoClientBytesNetwork unsigned64 octets
9252 ciscoServicesWaasSegment unsigned8
9253 ciscoServicesWaasPassthroughReason unsigned8
9357 ciscoAppHttpUriStatistics string
12232 ciscoAppCategoryName string
12234 ciscoAppGroupName string
12235 ciscoAppHttpHost string
12236 ciscoClientIPv4Address ipv4Address
12237 ciscoServerIPv4Address ipv4Address
12240 ciscoClientL4Port unsigned16
12241 ciscoServerL4Port unsigned16
12242 ciscoConnectionId unsigned32
12244 ciscoAppBusinessRelevance string
""")
PACKS[(2636, "juniper.tsv", "Juniper Networks")] = table("""
137 juniperCommonPropertiesId unsigned64
""")
PACKS[(25461, "paloalto.tsv", "Palo Alto Networks")] = []
PACKS[(6876, "vmware.tsv", "VMware")] = table("""
880 tenantProtocol unsigned8
881 tenantSourceIPv4 ipv4Address
882 tenantDestIPv4 ipv4Address
883 tenantSourceIPv6 ipv6Address
884 tenantDestIPv6 ipv6Address
886 tenantSourcePort unsigned16
887 tenantDestPort unsigned16
888 egressInterfaceAttr unsigned16
889 vxlanExportRole unsigned8
890 ingressInterfaceAttr unsigned16
""")
PACKS[(35632, "ntop.tsv", "ntop")] = table("""
102 SRC_IP_CITY string
103 DST_IP_COUNTRY string
104 DST_IP_CITY string
105 FLOW_PROTO_PORT unsigned16
106 UPSTREAM_TUNNEL_ID unsigned32
107 LONGEST_FLOW_PKT unsigned16 octets
108 SHORTEST_FLOW_PKT unsigned16 octets
109 RETRANSMITTED_IN_PKTS unsigned32 packets
110 RETRANSMITTED_OUT_PKTS unsigned32 packets
111 OOORDER_IN_PKTS unsigned32 packets
112 OOORDER_OUT_PKTS unsigned32 packets
113 UNTUNNELED_PROTOCOL unsigned8
114 UNTUNNELED_IPV4_SRC_ADDR ipv4Address
115 UNTUNNELED_L4_SRC_PORT unsigned16
116 UNTUNNELED_IPV4_DST_ADDR ipv4Address
117 UNTUNNELED_L4_DST_PORT unsigned16
118 L7_PROTO unsigned16
119 L7_PROTO_NAME string
120 DOWNSTREAM_TUNNEL_ID unsigned32
121 FLOW_USER_NAME string
122 FLOW_SERVER_NAME string
123 CLIENT_NW_LATENCY_MS unsigned32 milliseconds
124 SERVER_NW_LATENCY_MS unsigned32 milliseconds
125 APPL_LATENCY_MS unsigned32 milliseconds
126 PLUGIN_NAME string
127 RETRANSMITTED_IN_BYTES unsigned32 octets
128 RETRANSMITTED_OUT_BYTES unsigned32 octets
130 SIP_CALL_ID string
131 SIP_CALLING_PARTY string
132 SIP_CALLED_PARTY string
133 SIP_RTP_CODECS string
188 SSL_SERVER_NAME string
189 BITTORRENT_HASH string
334 NUM_PKTS_TTL_5_32 unsigned32 packets
346 NUM_PKTS_TTL_2_5 unsigned32 packets
347 NUM_PKTS_TTL_EQ_1 unsigned32 packets
396 UNTUNNELED_IPV6_SRC_ADDR ipv6Address
397 UNTUNNELED_IPV6_DST_ADDR ipv6Address
447 DOWNSTREAM_SESSION_ID unsigned32
471 NPROBE_IPV4_ADDRESS ipv4Address
""")
PACKS[(10704, "barracuda.tsv", "Barracuda Networks")] = table("""
1 Timestamp dateTimeSeconds seconds
2 LogOp unsigned8
3 TrafficType unsigned8
4 FW_Rule string
5 ServiceName string
6 Reason unsigned32
7 ReasonText string
8 BindIPv4Address ipv4Address
9 BindTransportPort unsigned16
10 ConnIPv4Address ipv4Address
11 ConnTransportPort unsigned16
12 AuditCounter unsigned32
""")
PACKS[(12356, "fortinet.tsv", "Fortinet")] = []
PACKS[(5951, "netscaler.tsv", "Citrix Systems (NetScaler)")] = table("""
128 netscalerRoundTripTime unsigned32 milliseconds
129 netscalerTransactionId unsigned32
130 netscalerHttpReqUrl string
131 netscalerHttpReqCookie string
132 netscalerFlowFlags unsigned64
133 netscalerConnectionId unsigned32
134 netscalerSyslogPriority unsigned8
135 netscalerSyslogMessage string
136 netscalerSyslogTimestamp unsigned64
140 netscalerHttpReqReferer string
141 netscalerHttpReqMethod string
142 netscalerHttpReqHost string
143 netscalerHttpReqUserAgent string
144 netscalerHttpRspStatus unsigned16
145 netscalerHttpRspLen unsigned64 octets
146 netscalerServerTTFB unsigned64 microseconds
147 netscalerServerTTLB unsigned64 microseconds
150 netscalerAppNameIncarnationNumber unsigned32
151 netscalerAppNameAppId unsigned32
152 netscalerAppName string
153 netscalerHttpReqRcvFB unsigned64
156 netscalerHttpReqForwFB unsigned64
157 netscalerHttpResRcvFB unsigned64
158 netscalerHttpResForwFB unsigned64
159 netscalerHttpReqRcvLB unsigned64
160 netscalerHttpReqForwLB unsigned64
161 netscalerMainPageId unsigned32
162 netscalerMainPageCoreId unsigned32
163 netscalerHttpClientInteractionStartTime string
164 netscalerHttpClientRenderEndTime string
165 netscalerHttpClientRenderStartTime string
167 netscalerAppTemplateName string
168 netscalerHttpClientInteractionEndTime string
169 netscalerHttpResRcvLB unsigned64
170 netscalerHttpResForwLB unsigned64
171 netscalerAppUnitNameAppId unsigned32
172 netscalerDbLoginFlags unsigned32
173 netscalerDbReqType unsigned8
174 netscalerDbProtocolName unsigned8
175 netscalerDbUserName string
176 netscalerDbDatabaseName string
177 netscalerDbCltHostName string
178 netscalerDbReqString string
179 netscalerDbRespStatusString string
180 netscalerDbRespStatus unsigned64
181 netscalerDbRespLength unsigned64
182 netscalerClientRTT unsigned32
183 netscalerHttpContentType string
185 netscalerHttpReqAuthorization string
186 netscalerHttpReqVia string
187 netscalerHttpResLocation string
188 netscalerHttpResSetCookie string
189 netscalerHttpResSetCookie2 string
190 netscalerHttpReqXForwardedFor string
192 netscalerConnectionChainID octetArray
193 netscalerConnectionChainHopCount unsigned8
200 netscalerIcaSessionGuid octetArray
201 netscalerIcaClientVersion string
202 netscalerIcaClientType unsigned16
203 netscalerIcaClientIP ipv4Address
204 netscalerIcaClientHostName string
205 netscalerAaaUsername string
207 netscalerIcaDomainName string
208 netscalerIcaClientLauncher unsigned16
209 netscalerIcaSessionSetupTime unsigned32
210 netscalerIcaServerName string
214 netscalerIcaSessionReconnects unsigned8
215 netscalerIcaRTT unsigned32
216 netscalerIcaClientsideRXBytes unsigned32 octets
217 netscalerIcaClientsideTXBytes unsigned32 octets
219 netscalerIcaClientsidePacketsRetransmit unsigned16
220 netscalerIcaServersidePacketsRetransmit unsigned16
221 netscalerIcaClientsideRTT unsigned32
222 netscalerIcaServersideRTT unsigned32
223 netscalerIcaSessionUpdateBeginSec unsigned32
224 netscalerIcaSessionUpdateEndSec unsigned32
225 netscalerIcaChannelId1 unsigned32
226 netscalerIcaChannelId1Bytes unsigned32 octets
227 netscalerIcaChannelId2 unsigned32
228 netscalerIcaChannelId2Bytes unsigned32 octets
229 netscalerIcaChannelId3 unsigned32
230 netscalerIcaChannelId3Bytes unsigned32 octets
231 netscalerIcaChannelId4 unsigned32
232 netscalerIcaChannelId4Bytes unsigned32 octets
233 netscalerIcaChannelId5 unsigned32
234 netscalerIcaChannelId5Bytes unsigned32 octets
235 netscalerIcaConnectionPriority unsigned16
236 netscalerApplicationStartupDuration unsigned32
237 netscalerIcaLaunchMechanism unsigned16
238 netscalerIcaApplicationName string
239 netscalerApplicationStartupTime unsigned32
240 netscalerIcaApplicationTerminationType unsigned16
241 netscalerIcaApplicationTerminationTime unsigned32
242 netscalerIcaSessionEndTime unsigned32
243 netscalerIcaClientsideJitter unsigned32
244 netscalerIcaServersideJitter unsigned32
245 netscalerIcaAppProcessID unsigned32
246 netscalerIcaAppModulePath string
247 netscalerIcaDeviceSerialNo unsigned32
248 netscalerMsiClientCookie octetArray
249 netscalerIcaFlags unsigned64
250 netscalerIcaUsername string
251 netscalerLicenseType unsigned8
252 netscalerMaxLicenseCount unsigned64
253 netscalerCurrentLicenseConsumed unsigned64
254 netscalerIcaNetworkUpdateStartTime unsigned32
255 netscalerIcaNetworkUpdateEndTime unsigned32
256 netscalerIcaClientsideSRTT unsigned32
257 netscalerIcaServersideSRTT unsigned32
258 netscalerIcaClientsideDelay unsigned32
259 netscalerIcaServersideDelay unsigned32
260 netscalerIcaHostDelay unsigned32
261 netscalerIcaClientSideWindowSize unsigned16
262 netscalerIcaServerSideWindowSize unsigned16
263 netscalerIcaClientSideRTOCount unsigned16
264 netscalerIcaServerSideRTOCount unsigned16
265 netscalerIcaL7ClientLatency unsigned32
266 netscalerIcaL7ServerLatency unsigned32
267 netscalerHttpDomainName string
268 netscalerCacheRedirClientConnectionCoreID unsigned32
269 netscalerCacheRedirClientConnectionTransactionID unsigned32
""")
PACKS[(26866, "gigamon.tsv", "Gigamon")] = table("""
1 httpReqUrl string
2 httpRspStatus unsigned16
101 sslCertificateIssuerCommonName string
102 sslCertificateSubjectCommonName string
103 sslCertificateIssuer string
104 sslCertificateSubject string
105 sslCertificateValidNotBefore string
106 sslCertificateValidNotAfter string
107 sslCertificateSerialNumber octetArray
""")
PACKS[(3054, "ixia.tsv", "Ixia (Keysight)")] = table("""
110 ixiaL7AppId unsigned32
111 ixiaL7AppName string
120 ixiaSrcCountryCode string
121 ixiaSrcCountryName string
122 ixiaSrcRegionCode string
123 ixiaSrcRegionName string
125 ixiaSrcCityName string
126 ixiaSrcLatitude float32
127 ixiaSrcLongitude float32
140 ixiaDstCountryCode string
141 ixiaDstCountryName string
142 ixiaDstRegionCode string
143 ixiaDstRegionName string
145 ixiaDstCityName string
146 ixiaDstLatitude float32
147 ixiaDstLongitude float32
160 ixiaDeviceId unsigned8
161 ixiaDeviceName string
162 ixiaBrowserId unsigned8
163 ixiaBrowserName string
176 ixiaRevOctetDeltaCount unsigned64 octets
177 ixiaRevPacketDeltaCount unsigned64 packets
178 ixiaEncryptType string
179 ixiaEncryptCipher string
180 ixiaEncryptKeyLength unsigned16 bits
""")
PACKS[(637, "nokia.tsv", "Nokia (Alcatel-Lucent)")] = table("""
91 natInsideSvcid unsigned16
92 natOutsideSvcid unsigned16
93 natSubString string
""")
PACKS[(13745, "plixer.tsv", "Plixer")] = table("""
100 clientIPv4Address ipv4Address
101 clientHostname string
102 partnerName string
103 serverHostname string
104 serverIPv4Address ipv4Address
105 recipientAddress string
106 eventId unsigned32
107 msgid string
108 priority unsigned32
109 recipientReportStatus unsigned32
110 numberRecipients unsigned32
111 originationTime dateTimeSeconds seconds
112 encryption unsigned32
113 serviceVersion string
114 linkedMsgid string
115 messageSubject string
116 senderAddress string
117 dateTime dateTimeSeconds seconds
""")

def main():
    packs = ["# pen\tfile\torganisation", "0\tipfix-iana.tsv\tIANA", "6871\tcert.tsv\tCERT Coordination Center"]
    for (pen, fname, org), rows in sorted(PACKS.items()):
        packs.append("%d\t%s\t%s" % (pen, fname, org))
        with open(os.path.join(OUT, fname), "w") as f:
            f.write("# %s (PEN %d) information elements; generated by tools/dictionary/build_packs.py\n" % (org, pen))
            f.write("# id\tname\tdataType\tsemantics\tunits\tstatus\tdescription\n")
            if not rows:
                f.write("# No element definitions for this PEN were found in public sources; its exporters use\n"
                        "# IANA elements (and, for NetFlow v9, the vendor types listed in netflow-v9.tsv).\n")
            for i, name, dt, sem, units in sorted(rows):
                f.write("\t".join([str(i), name, dt, sem, units, "current", words(name)]) + "\n")
    with open(os.path.join(OUT, "packs.tsv"), "w") as f:
        f.write("\n".join(packs) + "\n")
main()
