package dev.flowinspector.engine.flow;

import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.Locale;

/**
 * Names shown for flow values: protocols ({@code protocolIdentifier}), ICMP types ({@code icmpTypeIPv4/IPv6})
 * and port services, all from the dictionary's data files ({@code enums/*.tsv}, {@code services.tsv}).
 */
public final class FlowNames {

    private static final InformationElementRegistry REG = InformationElementRegistry.standard();

    private FlowNames() {
    }

    /** "TCP", "IPv6-ICMP", or the number when the registry has no name; "" when missing (-1). */
    public static String protocol(int p) {
        if (p < 0) {
            return "";
        }
        String n = REG.enumLabel("protocolIdentifier", p);
        return n == null || n.isEmpty() ? Integer.toString(p) : n;
    }

    /** "6 (TCP)", the number alone when the registry has no name; "" when missing. */
    public static String protocolLabel(int p) {
        if (p < 0) {
            return "";
        }
        String n = REG.enumLabel("protocolIdentifier", p);
        return n == null || n.isEmpty() ? Integer.toString(p) : p + " (" + n + ")";
    }

    /** The service name of a port, or null. */
    public static String port(int protocol, int port) {
        return REG.serviceName(protocol, port);
    }

    /**
     * The service of a flow: for ICMP the protocol and type ("ICMP Echo"), else the known name of the
     * destination port, else of the source port, else "protocol/lower port".
     */
    public static String service(int protocol, int srcPort, int dstPort) {
        if (protocol == 1 || protocol == 58) {
            int type = dstPort < 0 ? -1 : dstPort >> 8;
            String t = type < 0 ? null : REG.enumLabel(protocol == 1 ? "icmpTypeIPv4" : "icmpTypeIPv6", type);
            return protocol(protocol) + " " + (t != null ? t : "type " + type);
        }
        String d = port(protocol, dstPort);
        if (d != null) {
            return d;
        }
        String s = port(protocol, srcPort);
        if (s != null) {
            return s;
        }
        return protocol(protocol) + "/" + Math.min(srcPort, dstPort);
    }

    /** 1.5 KiB, 12.0 MiB: binary units. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] u = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }
}
