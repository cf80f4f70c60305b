package dev.flowinspector.exporters;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.FieldValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every flow record FlowInspector decoded from an exporter capture against the input traffic's flow
 * list: each record must be one input flow (same addresses, protocol, ports or ICMP type/code), reported once,
 * with that flow's packets, octets, TOS, TCP flags, times, and the interfaces and AS numbers the exporter was
 * told to use. Nothing runs at test time but the decoder: the expected values come from traffic-flows.csv and
 * from how each exporter was run (see the README next to the captures).
 */
final class FlowCheck {

    /** How an exporter reports an ICMP flow's type and code when the record has no ICMP element. */
    enum IcmpEncoding {
        /** destination port = type × 256 + code (softflowd, pmacct; Cisco's convention). */
        DESTINATION_PORT,
        /** source port = type, destination port = code (fprobe 1.1). */
        SOURCE_TYPE_DESTINATION_CODE
    }

    /** Which flow times can be checked, and how. */
    enum Times {
        /** sysUptime-relative start/end whose absolute time (from the v1/v5 header's secs+nsecs) is exact. */
        UPTIME_EXACT,
        /** sysUptime-relative, header time in whole seconds (v9): absolute time within 1 s, duration exact. */
        UPTIME_WHOLE_SECONDS,
        /** IPFIX flowStart/EndSysUpTime relative to the options record's systemInitTimeMilliseconds. */
        IPFIX_SYSTEM_INIT,
        /** flowStart/EndMilliseconds: exact. */
        ABSOLUTE_MILLIS,
        /**
         * The exporter mixes the pcap's clock with its own: only the duration (end − start) is meaningful,
         * to the millisecond (± 1 ms: fprobe truncates start and end separately).
         */
        DURATION_ONLY
    }

    /**
     * What one exporter run should have produced.
     *
     * @param icmp      ICMP encoding when no ICMP element is present
     * @param times     how to check times
     * @param ingress   expected ingressInterface
     * @param egress    expected egressInterface
     * @param asNumbers true when AS numbers come from the pmacct networks file, false when they must be 0
     * @param sessions  true for softflowd, which tracks both directions of a TCP/UDP conversation as one flow:
     *                  both records carry the session's first and last packet times, and the responder's record
     *                  has TOS 0 (ICMP echo request and reply stay separate flows)
     */
    record Profile(IcmpEncoding icmp, Times times, long ingress, long egress, boolean asNumbers, boolean sessions) {
    }

    private FlowCheck() {
    }

    /** AS number pmacctd was given for an address (tools/make-exporter-captures.sh networks file). */
    static long asOf(String address) {
        if (address.startsWith("10.1.0.")) {
            return 64501;
        }
        if (address.startsWith("192.0.2.")) {
            return 64502;
        }
        if (address.startsWith("2001:db8:")) {
            // the networks file gives 2001:db8:1::/64 AS64504, yet pmacctd 1.7.7 exports AS64503 (that of
            // 2001:db8::/64) for those addresses too; tshark shows the same values
            return 64503;
        }
        return 0;
    }

    /** The record's view as an input flow key plus values, by IANA element name. */
    static String address(DataRecord r, String v4, String v6) {
        FieldValue f = r.field(v4);
        if (f == null) {
            f = r.field(v6);
        }
        return f == null ? null : (String) f.value();
    }

    static long number(DataRecord r, String name, long fallback) {
        FieldValue f = r.field(name);
        return f == null ? fallback : f.asLong(fallback);
    }

    /** ICMP type × 256 + code as the record reports it. */
    static long icmpTypeCode(DataRecord r, IcmpEncoding enc) {
        FieldValue tc = r.field("icmpTypeCodeIPv4");
        if (tc == null) {
            tc = r.field("icmpTypeCodeIPv6");
        }
        if (tc != null) {
            return tc.asLong(-1);
        }
        FieldValue t6 = r.field("icmpTypeIPv6");
        if (t6 != null) {
            return t6.asLong(-1) * 256 + number(r, "icmpCodeIPv6", -1);
        }
        long sp = number(r, "sourceTransportPort", -1);
        long dp = number(r, "destinationTransportPort", -1);
        return enc == IcmpEncoding.DESTINATION_PORT ? dp : sp * 256 + dp;
    }

    /** The input flow this record reports, or null. */
    static InputFlow match(DataRecord r, List<InputFlow> flows, IcmpEncoding enc) {
        String src = address(r, "sourceIPv4Address", "sourceIPv6Address");
        String dst = address(r, "destinationIPv4Address", "destinationIPv6Address");
        long proto = number(r, "protocolIdentifier", -1);
        for (InputFlow f : flows) {
            if (!f.src().equals(src) || !f.dst().equals(dst) || f.proto() != proto) {
                continue;
            }
            if (f.icmp()) {
                if (icmpTypeCode(r, enc) == f.dport()) {
                    return f;
                }
            } else if (number(r, "sourceTransportPort", -1) == f.sport()
                    && number(r, "destinationTransportPort", -1) == f.dport()) {
                return f;
            }
        }
        return null;
    }

    /** Epoch ms of a time field: absolute value, or the decoder's "absolute" child of an uptime value. */
    static long epochMs(FieldValue f) {
        if (f.value() instanceof Instant i) {
            return i.toEpochMilli();
        }
        FieldValue abs = f.child("absolute");
        if (abs != null && abs.value() instanceof Instant i) {
            return i.toEpochMilli();
        }
        return Long.MIN_VALUE;
    }

    /**
     * Checks every record; returns one line per disagreement (empty when all agree).
     *
     * @param systemInitMs systemInitTimeMilliseconds from the options data (IPFIX_SYSTEM_INIT), else ignored
     * @param complete     true when every expected flow must be reported (exactly once); false for captures
     *                     that lost records on purpose (each record present must still be right, and only once)
     */
    static List<String> check(List<DataRecord> records, List<InputFlow> expected, Profile p, long systemInitMs,
                              boolean complete) {
        List<String> bad = new ArrayList<>();
        Map<InputFlow, Integer> seen = new HashMap<>();
        int n = 0;
        for (DataRecord r : records) {
            n++;
            InputFlow f = match(r, expected, p.icmp());
            if (f == null) {
                bad.add("record " + n + ": no input flow has " + r.fields());
                continue;
            }
            seen.merge(f, 1, Integer::sum);
            String at = "record " + n + " (" + f + "): ";
            expect(bad, at + "packetDeltaCount", f.packets(), number(r, "packetDeltaCount", -1));
            expect(bad, at + "octetDeltaCount", f.octets(), number(r, "octetDeltaCount", -1));
            if (r.field("ipClassOfService") != null) {
                long tos = p.sessions() && !f.icmp() && responder(f) ? 0 : f.tos();
                expect(bad, at + "ipClassOfService", tos, number(r, "ipClassOfService", -1));
            }
            if (r.field("tcpControlBits") != null) {
                expect(bad, at + "tcpControlBits", f.tcpFlags(), number(r, "tcpControlBits", -1));
            }
            if (r.field("ipVersion") != null) {
                expect(bad, at + "ipVersion", f.ipv6() ? 6 : 4, number(r, "ipVersion", -1));
            }
            expect(bad, at + "ingressInterface", p.ingress(), number(r, "ingressInterface", -1));
            expect(bad, at + "egressInterface", p.egress(), number(r, "egressInterface", -1));
            if (r.field("bgpSourceAsNumber") != null) {
                expect(bad, at + "bgpSourceAsNumber", p.asNumbers() ? asOf(f.src()) : 0,
                        number(r, "bgpSourceAsNumber", -1));
                expect(bad, at + "bgpDestinationAsNumber", p.asNumbers() ? asOf(f.dst()) : 0,
                        number(r, "bgpDestinationAsNumber", -1));
            } else if (p.asNumbers()) {
                bad.add(at + "no bgpSourceAsNumber");
            }
            long first = f.firstMs();
            long last = f.lastMs();
            if (p.sessions() && !f.icmp()) {
                InputFlow back = reverse(f, expected);
                first = Math.min(first, back.firstMs());
                last = Math.max(last, back.lastMs());
            }
            times(bad, at, r, first, last, p.times(), systemInitMs);
        }
        for (InputFlow f : expected) {
            int k = seen.getOrDefault(f, 0);
            if (k > 1 || complete && k != 1) {
                bad.add(f + " reported " + k + " times");
            }
        }
        return bad;
    }

    /** True for the server-to-client half of a session (servers are 192.0.2.0/24 and 2001:db8:1::/64). */
    static boolean responder(InputFlow f) {
        return f.src().startsWith("192.0.2.") || f.src().startsWith("2001:db8:1::");
    }

    /** The other direction of f's session. */
    static InputFlow reverse(InputFlow f, List<InputFlow> flows) {
        for (InputFlow g : flows) {
            if (g.src().equals(f.dst()) && g.dst().equals(f.src()) && g.proto() == f.proto()
                    && (f.icmp() || g.sport() == f.dport() && g.dport() == f.sport())) {
                return g;
            }
        }
        throw new AssertionError("no reverse flow for " + f);
    }

    private static void times(List<String> bad, String at, DataRecord r, long firstMs, long lastMs, Times t,
                              long systemInitMs) {
        FieldValue start = r.field("flowStartSysUpTime");
        FieldValue end = r.field("flowEndSysUpTime");
        if (t == Times.ABSOLUTE_MILLIS) {
            start = r.field("flowStartMilliseconds");
            end = r.field("flowEndMilliseconds");
        }
        if (start == null || end == null) {
            bad.add(at + "no flow start/end time for " + t);
            return;
        }
        long duration = lastMs - firstMs;
        switch (t) {
            case UPTIME_EXACT, ABSOLUTE_MILLIS -> {
                expect(bad, at + "start", firstMs, epochMs(start));
                expect(bad, at + "end", lastMs, epochMs(end));
            }
            case UPTIME_WHOLE_SECONDS -> {
                expect(bad, at + "duration", duration, epochMs(end) - epochMs(start));
                long s = epochMs(start);
                if (s > firstMs || s <= firstMs - 1000) {
                    bad.add(at + "start " + Instant.ofEpochMilli(s) + " is not within the second before "
                            + Instant.ofEpochMilli(firstMs) + " (v9 header time is in whole seconds)");
                }
            }
            case IPFIX_SYSTEM_INIT -> {
                expect(bad, at + "start", firstMs, systemInitMs + start.asLong(-1));
                expect(bad, at + "end", lastMs, systemInitMs + end.asLong(-1));
            }
            case DURATION_ONLY -> {
                // fprobe turns each time into ms separately, truncating: the difference may be 1 ms off
                long d = (end.asLong(0) - start.asLong(0)) & 0xffff_ffffL;
                if (Math.abs(d - duration) > 1) {
                    bad.add(at + "duration: expected " + duration + " ± 1 ms, decoded " + d);
                }
            }
            default -> throw new IllegalArgumentException(t.toString());
        }
    }

    private static void expect(List<String> bad, String what, long expected, long actual) {
        if (expected != actual) {
            bad.add(what + ": expected " + expected + ", decoded " + actual);
        }
    }
}
