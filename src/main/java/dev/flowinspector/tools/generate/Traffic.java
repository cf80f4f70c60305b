package dev.flowinspector.tools.generate;

import java.util.SplittableRandom;

/**
 * Realistic random traffic: clients talking to servers over common services (web, DNS, NTP, SSH, mail,
 * QUIC, ICMP echo...), most conversations producing a request flow followed by its reply flow, as a
 * bidirectional flow meter exports them. Deterministic for a given random generator.
 */
final class Traffic {

    /** A service: protocol, server port, application name, share and typical sizes. */
    private record Service(int proto, int port, String app, int weight, int reqBytes, int respBytes, int durMs) {
    }

    private static final Service[] SERVICES = {
        new Service(6, 443, "https", 30, 2_000, 60_000, 3_000),
        new Service(6, 80, "http", 8, 800, 25_000, 1_500),
        new Service(17, 53, "dns", 18, 70, 160, 20),
        new Service(17, 443, "quic", 8, 3_000, 90_000, 4_000),
        new Service(17, 123, "ntp", 5, 76, 76, 5),
        new Service(6, 22, "ssh", 4, 5_000, 12_000, 30_000),
        new Service(6, 25, "smtp", 3, 9_000, 1_500, 1_200),
        new Service(6, 993, "imaps", 3, 2_500, 40_000, 8_000),
        new Service(6, 3389, "rdp", 2, 40_000, 400_000, 60_000),
        new Service(6, 3306, "mysql", 2, 1_200, 8_000, 200),
        new Service(17, 161, "snmp", 3, 90, 300, 10),
        new Service(17, 514, "syslog", 3, 400, 0, 1_000),
        new Service(1, 0, "icmp", 5, 84, 84, 1),
        new Service(6, 8080, "http-alt", 3, 600, 9_000, 900),
    };
    private static final int TOTAL_WEIGHT;

    static {
        int t = 0;
        for (Service s : SERVICES) {
            t += s.weight;
        }
        TOTAL_WEIGHT = t;
    }

    private final SplittableRandom r;
    private final double ipv6Share;
    private final byte[][] clients4 = new byte[200][];
    private final byte[][] servers4 = new byte[48][];
    private final byte[][] clients6 = new byte[64][];
    private final byte[][] servers6 = new byte[24][];
    private final byte[] nextHop4 = {10, (byte) 255, 0, 1};
    private final byte[] nextHop6 = v6(0xffff, 1);
    private Flow pendingReply;

    Traffic(SplittableRandom r, double ipv6Share, int exporterIndex) {
        this.r = r;
        this.ipv6Share = ipv6Share;
        for (int i = 0; i < clients4.length; i++) {
            clients4[i] = new byte[] {10, (byte) (exporterIndex + 1), (byte) (i / 50), (byte) (10 + i % 50 * 3)};
        }
        int[][] nets = {{192, 0, 2}, {198, 51, 100}, {203, 0, 113}};
        for (int i = 0; i < servers4.length; i++) {
            int[] n = nets[i % 3];
            servers4[i] = new byte[] {(byte) n[0], (byte) n[1], (byte) n[2], (byte) (20 + i)};
        }
        for (int i = 0; i < clients6.length; i++) {
            clients6[i] = v6(0x10 + exporterIndex, 0x100 + i);
        }
        for (int i = 0; i < servers6.length; i++) {
            servers6[i] = v6(0xf0, 0x50 + i);
        }
    }

    /** 2001:db8:net::host. */
    private static byte[] v6(int net, int host) {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[4] = (byte) (net >> 8);
        a[5] = (byte) net;
        a[14] = (byte) (host >> 8);
        a[15] = (byte) host;
        return a;
    }

    /** The next flow, ending shortly before {@code nowMs}. */
    Flow next(long nowMs, boolean allowIpv6) {
        if (pendingReply != null) {
            Flow f = pendingReply;
            pendingReply = null;
            if (allowIpv6 || !f.ipv6()) {
                return f;
            }
        }
        int w = r.nextInt(TOTAL_WEIGHT);
        Service s = SERVICES[0];
        for (Service c : SERVICES) {
            w -= c.weight;
            if (w < 0) {
                s = c;
                break;
            }
        }
        boolean v6 = allowIpv6 && r.nextDouble() < ipv6Share;
        Flow q = new Flow();
        int ci = r.nextInt(v6 ? clients6.length : clients4.length);
        int si = r.nextInt(v6 ? servers6.length : servers4.length);
        q.src = v6 ? clients6[ci] : clients4[ci];
        q.dst = v6 ? servers6[si] : servers4[si];
        q.nextHop = v6 ? nextHop6 : nextHop4;
        q.protocol = s.proto == 1 && v6 ? 58 : s.proto;
        int ephemeral = 32768 + r.nextInt(28000);
        if (s.proto == 1) {
            q.srcPort = 0;
            q.dstPort = (v6 ? 128 : 8) << 8; // ICMP type/code in the destination port, as v5 exporters do
        } else {
            q.srcPort = s.port == 123 ? 123 : ephemeral;
            q.dstPort = s.port;
        }
        long dur = s.durMs <= 1 ? r.nextInt(3) : (long) (s.durMs * (0.2 + 1.6 * r.nextDouble()));
        q.endMs = nowMs - 50 - r.nextInt(950); // room for the reply, which starts up to 40 ms later
        q.startMs = q.endMs - dur;
        q.octets = Math.max(40, (long) (s.reqBytes * (0.3 + 1.4 * r.nextDouble())));
        int reqPkt = s.proto == 6 ? 120 + r.nextInt(200) : Math.max(40, s.reqBytes);
        q.packets = Math.max(1, q.octets / reqPkt);
        q.octets = Math.max(q.octets, q.packets * 40);
        q.tos = r.nextInt(10) == 0 ? 0xb8 : 0;
        q.tcpFlags = s.proto == 6 ? 0x1b : 0;
        q.inIf = 1 + r.nextInt(2);
        q.outIf = 3 + r.nextInt(2);
        q.srcAs = 64496;
        q.dstAs = 64497 + si % 15;
        q.srcMask = v6 ? 64 : 24;
        q.dstMask = v6 ? 48 : 24;
        q.endReason = s.proto == 6 ? 3 : 1;
        q.application = s.app;
        if (s.respBytes > 0 && r.nextInt(10) != 0) {
            Flow a = new Flow();
            a.src = q.dst;
            a.dst = q.src;
            a.nextHop = q.nextHop;
            a.protocol = q.protocol;
            a.srcPort = q.dstPort;
            a.dstPort = q.srcPort;
            if (s.proto == 1) {
                a.srcPort = 0;
                a.dstPort = v6 ? 129 << 8 : 0;
            }
            a.startMs = q.startMs + 1 + r.nextInt(40);
            a.endMs = Math.max(a.startMs, q.endMs);
            a.octets = Math.max(40, (long) (s.respBytes * (0.2 + 1.6 * r.nextDouble())));
            a.packets = Math.max(1, a.octets / (s.proto == 6 ? 900 + r.nextInt(500) : Math.max(40, s.respBytes)));
            a.octets = Math.max(a.octets, a.packets * 40);
            a.tos = q.tos;
            a.tcpFlags = s.proto == 6 ? 0x1b : 0;
            a.inIf = q.outIf;
            a.outIf = q.inIf;
            a.srcAs = q.dstAs;
            a.dstAs = q.srcAs;
            a.srcMask = q.dstMask;
            a.dstMask = q.srcMask;
            a.endReason = q.endReason;
            a.application = s.app;
            pendingReply = a;
        }
        return q;
    }

    /** Drops the reply flow held for the next call (its times belong to an earlier moment). */
    void forgetPending() {
        pendingReply = null;
    }

    /** True roughly {@code percent} percent of the time. */
    boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    int between(int min, int max) {
        return min + r.nextInt(max - min + 1);
    }

    long nextLong(long bound) {
        return r.nextLong(bound);
    }
}
