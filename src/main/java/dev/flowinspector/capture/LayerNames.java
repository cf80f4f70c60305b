package dev.flowinspector.capture;

/** Names the frame-layer tree ({@link FrameLayers}) gives numbers: PCP, ECN, DSCP, EtherTypes, protocols, flags. */
final class LayerNames {

    private LayerNames() {
    }

    static final String[] PCP = {"Best Effort (default)", "Background", "Excellent Effort",
        "Critical Applications", "Video, < 100 ms latency", "Voice, < 10 ms latency", "Internetwork Control",
        "Network Control"};

    static final String[] ECN = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};

    /** A DSCP's name (RFC 2474, 2597, 3246, 5865, 8622), or its number. */
    static String dscpName(int d) {
        return switch (d) {
            case 0 -> "CS0";
            case 1 -> "LE";
            case 8, 16, 24, 32, 40, 48, 56 -> "CS" + d / 8;
            case 10, 12, 14, 18, 20, 22, 26, 28, 30, 34, 36, 38 -> "AF" + d / 8 + (d % 8) / 2;
            case 44 -> "VOICE-ADMIT";
            case 46 -> "EF";
            default -> String.valueOf(d);
        };
    }

    static String etherTypeName(int t) {
        String name = switch (t) {
            case 0x0800 -> "IPv4";
            case 0x86dd -> "IPv6";
            case 0x0806 -> "ARP";
            case 0x8100 -> "802.1Q Virtual LAN";
            case 0x88a8 -> "802.1ad Provider Bridge";
            case 0x9100, 0x9200 -> "VLAN tag (pre-standard Q-in-Q)";
            case 0x8847 -> "MPLS unicast";
            default -> null;
        };
        return name == null ? String.format("0x%04x", t) : String.format("%s (0x%04x)", name, t);
    }

    static String pktType(int t) {
        String name = switch (t) {
            case 0 -> "Unicast to us";
            case 1 -> "Broadcast";
            case 2 -> "Multicast";
            case 3 -> "Unicast to another host";
            case 4 -> "Sent by us";
            default -> "unknown";
        };
        return name + " (" + t + ")";
    }

    static String protoName(int p) {
        String name = switch (p) {
            case 0 -> "IPv6 Hop-by-Hop Option";
            case 1 -> "ICMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 43 -> "Routing Header for IPv6";
            case 44 -> "Fragment Header for IPv6";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 58 -> "ICMPv6";
            case 59 -> "No Next Header for IPv6";
            case 60 -> "Destination Options for IPv6";
            case 132 -> "SCTP";
            default -> null;
        };
        return name == null ? String.valueOf(p) : name + " (" + p + ")";
    }

    static String extName(int nh) {
        return switch (nh) {
            case 0 -> "Hop-by-Hop Options";
            case 43 -> "Routing header";
            case 60 -> "Destination Options";
            case 51 -> "Authentication header";
            case 135 -> "Mobility header";
            case 139 -> "Host Identity Protocol";
            case 140 -> "Shim6";
            default -> "Extension header " + nh;
        };
    }

    static String tcpFlagNames(int flags) {
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(names[i]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
