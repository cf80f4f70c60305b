package dev.flowinspector.exporters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * One unidirectional flow of the input traffic (tools/exporters/traffic.pcap), as listed in
 * {@code traffic-flows.csv} by tools/exporters/make_traffic.py: what every exporter should report as a record.
 *
 * @param src      source address (IPv4 dotted or IPv6 compressed, lower case)
 * @param dst      destination address
 * @param sport    TCP/UDP source port, 0 for ICMP
 * @param dport    TCP/UDP destination port; for ICMP type × 256 + code
 * @param proto    IP protocol (6, 17, 1, 58)
 * @param tos      IPv4 TOS / IPv6 traffic class
 * @param tcpFlags OR of the TCP flags of its packets
 * @param packets  packets
 * @param octets   IP octets (IP header included, link layer excluded)
 * @param firstUs  first packet, microseconds since the epoch
 * @param lastUs   last packet, microseconds since the epoch
 */
record InputFlow(String src, String dst, int sport, int dport, int proto, int tos, int tcpFlags, long packets,
                 long octets, long firstUs, long lastUs) {

    /** First packet of the input traffic: 2024-01-01T00:00:00.100Z. */
    static final long TRAFFIC_FIRST_MS = 1_704_067_200_100L;
    /** Last packet of the input traffic: 2024-01-01T00:00:03.150Z. */
    static final long TRAFFIC_LAST_MS = 1_704_067_203_150L;

    boolean ipv6() {
        return src.contains(":");
    }

    boolean icmp() {
        return proto == 1 || proto == 58;
    }

    long firstMs() {
        return firstUs / 1000;
    }

    long lastMs() {
        return lastUs / 1000;
    }

    @Override
    public String toString() {
        return src + ":" + sport + " > " + dst + ":" + dport + " proto " + proto;
    }

    /** Every flow of traffic-flows.csv, in file order. */
    static List<InputFlow> all() {
        List<String> lines;
        try {
            lines = Files.readAllLines(ExporterCapture.resource("traffic-flows.csv"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<InputFlow> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith("src,") || line.isBlank()) {
                continue;
            }
            String[] c = line.split(",");
            out.add(new InputFlow(c[0], c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]), Integer.parseInt(c[4]),
                    Integer.parseInt(c[5]), Integer.parseInt(c[6]), Long.parseLong(c[7]), Long.parseLong(c[8]),
                    Long.parseLong(c[9]), Long.parseLong(c[10])));
        }
        return List.copyOf(out);
    }

    /** The IPv4 flows only (what NetFlow v1/v5/v7 can carry). */
    static List<InputFlow> ipv4() {
        return all().stream().filter(f -> !f.ipv6()).toList();
    }
}
