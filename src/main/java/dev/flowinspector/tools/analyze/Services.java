package dev.flowinspector.tools.analyze;

import java.util.HashMap;
import java.util.Map;

/** Service names of well-known ports (IANA service name registry, common subset) and IP protocols. */
public final class Services {

    private static final Map<Integer, String> TCP = new HashMap<>();
    private static final Map<Integer, String> UDP = new HashMap<>();

    static {
        Object[] both = {20, "FTP-DATA", 21, "FTP", 22, "SSH", 23, "TELNET", 25, "SMTP", 53, "DNS", 67, "DHCP", 68, "DHCP",
            69, "TFTP", 80, "HTTP", 88, "KERBEROS", 110, "POP3", 123, "NTP", 137, "NETBIOS-NS", 138, "NETBIOS-DGM",
            139, "NETBIOS-SSN", 143, "IMAP", 161, "SNMP", 162, "SNMP-TRAP", 179, "BGP", 389, "LDAP", 443, "HTTPS",
            445, "SMB", 465, "SMTPS", 500, "ISAKMP", 514, "SYSLOG", 587, "SUBMISSION", 636, "LDAPS", 853, "DNS-TLS",
            993, "IMAPS", 995, "POP3S", 1194, "OPENVPN", 1433, "MSSQL", 1812, "RADIUS", 1813, "RADIUS-ACCT",
            2049, "NFS", 2055, "NETFLOW", 3306, "MYSQL", 3389, "RDP", 4500, "IPSEC-NAT-T", 4739, "IPFIX",
            5060, "SIP", 5353, "MDNS", 5432, "POSTGRESQL", 5900, "VNC", 6343, "SFLOW", 6379, "REDIS", 8080, "HTTP-ALT",
            8443, "HTTPS-ALT", 9995, "NETFLOW", 9996, "NETFLOW", 51820, "WIREGUARD"};
        for (int i = 0; i < both.length; i += 2) {
            TCP.put((Integer) both[i], (String) both[i + 1]);
            UDP.put((Integer) both[i], (String) both[i + 1]);
        }
        UDP.put(443, "QUIC");
    }

    private Services() {
    }

    /** Protocol name: TCP, UDP, ICMP, ... or the number. */
    public static String protocol(int p) {
        return switch (p) {
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 41 -> "IPv6";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 58 -> "ICMPv6";
            case 89 -> "OSPF";
            case 132 -> "SCTP";
            default -> Integer.toString(p);
        };
    }

    /** The service name of a port, or null. */
    public static String port(int proto, int port) {
        return proto == 6 || proto == 132 ? TCP.get(port) : proto == 17 ? UDP.get(port) : null;
    }

    /**
     * The service of a connection: the known name of the server port, ICMP type for ICMP, else "proto/port"
     * of the lower port.
     */
    public static String service(int proto, int srcPort, int dstPort) {
        if (proto == 1 || proto == 58) {
            int type = dstPort >> 8;
            String t = switch (proto == 1 ? type : type - 120) {
                case 0, 9 -> "ICMP-ECHO";
                case 8 -> "ICMP-ECHO";
                case 3, 1 -> "ICMP-UNREACH";
                case 11 -> "ICMP-TIMEXCEED";
                default -> "ICMP-" + type;
            };
            return proto == 58 ? t.replace("ICMP", "ICMPv6") : t;
        }
        String d = port(proto, dstPort);
        if (d != null) {
            return d;
        }
        String s = port(proto, srcPort);
        if (s != null) {
            return s;
        }
        return protocol(proto) + "/" + Math.min(srcPort, dstPort);
    }

    /** 1.5 KiB, 12.0 MiB: binary units. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] u = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, u[i]);
    }
}
