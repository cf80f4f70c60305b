package dev.flowinspector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.DecodeNode;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Problems;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Frame headers as tree nodes. The frames are written byte by byte below; their checksums, tags, DSCP/ECN and flow
 * label are the values tshark 4 shows for them ({@code -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE}).
 */
class FrameLayersTest {

    /** Ethernet, 802.1ad tag (VID 200), 802.1Q tag (PCP 5, DEI 1, VID 100), IPv4 (TOS 0xba, DF, TTL 61), UDP
     *  40000 → 2055 with 32 bytes of payload. tshark: IP header checksum 0x3e87 correct, UDP 0xa658 correct. */
    static final String QINQ = "02000000000102000000000288a800c88100b064080045ba003c123440003d113e87c0000201c6336407"
            + "9c4008070028a658000a0020651a2b3c0000000100000000000102030405060708090a0b0c0d0e0f";

    /** Ethernet, IPv6 (traffic class 0xb9, flow label 0x12345, hop limit 7), hop-by-hop options, UDP 40000 → 4739.
     *  tshark: UDP checksum 0x2ca4 correct. */
    static final String V6 = "02000000000102000000000286dd6b9123450030000720010db800000000000000000000000120010db8"
            + "00000000000000000000000211000104000000009c40128300282ca4000a0020651a2b3c0000000100000000000102030405"
            + "060708090a0b0c0d0e0f";

    /** Raw IPv4 (DF, TTL 64), TCP 40001 → 4739, seq 1000, ack 2000, PSH+ACK, window 512. tshark: TCP checksum
     *  0x3e32 correct. */
    static final String TCP = "450000481234400040063c40c0000201c63364079c411283000003e8000007d0501802003e32000000"
            + "0a0020651a2b3c0000000100000000000102030405060708090a0b0c0d0e0f";

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static DecodeNode find(List<DecodeNode> nodes, String field) {
        for (DecodeNode n : nodes) {
            if (field.equals(n.field())) {
                return n;
            }
            DecodeNode c = find(n.children(), field);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static DecodeNode node(FrameLayers.Result r, String field) {
        DecodeNode n = find(r.nodes(), field);
        assertNotNull(n, field + " in " + r.nodes());
        return n;
    }

    private static List<String> codes(FrameLayers.Result r) {
        List<String> out = new ArrayList<>();
        for (Problem p : r.problems()) {
            out.add(p.code());
        }
        return out;
    }

    @Test
    @DisplayName("Ethernet with 802.1ad and 802.1Q tags, IPv4 and UDP: fields, offsets, correct checksums")
    void vlanIpv4Udp() {
        FrameLayers.Result r = FrameLayers.decode(PacketParser.LINKTYPE_ETHERNET, hex(QINQ));
        assertEquals(List.of("eth", "vlan", "vlan", "ip", "udp"), r.nodes().stream().map(DecodeNode::field).toList());
        assertEquals("Ethernet", r.linkName());
        assertEquals("02:00:00:00:00:01", node(r, "eth.dst").value());
        assertEquals(0x88a8, node(r, "eth.type").value());
        DecodeNode outer = r.nodes().get(1);
        DecodeNode inner = r.nodes().get(2);
        assertTrue(outer.label().startsWith("802.1ad Provider Bridge (Q-in-Q), PRI: 0, DEI: 0, ID: 200"), outer.label());
        assertEquals("802.1Q Virtual LAN, PRI: 5, DEI: 1, ID: 100", inner.label());
        assertEquals(18, inner.offset());
        assertEquals(List.of(5, 1, 100, 0x0800), inner.children().stream().map(DecodeNode::value).toList());

        DecodeNode ttl = node(r, "ip.ttl");
        assertEquals(61, ttl.value());
        assertEquals(22 + 8, ttl.offset());
        assertEquals(1, ttl.length());
        assertEquals(46, node(r, "ip.dsfield.dscp").value());
        assertEquals(2, node(r, "ip.dsfield.ecn").value());
        assertEquals("Differentiated Services field: 0xba (DSCP: EF, ECN: ECT(0))", node(r, "ip.dsfield").label());
        assertEquals(true, node(r, "ip.flags.df").value());
        assertEquals(false, node(r, "ip.flags.mf").value());
        assertEquals(0, node(r, "ip.frag_offset").value());
        assertEquals("Header checksum: 0x3e87, correct", node(r, "ip.checksum").label());
        assertEquals("192.0.2.1", node(r, "ip.src").value());
        assertEquals(2055, node(r, "udp.dstport").value());
        assertEquals("Length: 40", node(r, "udp.length").label());
        assertEquals("Checksum: 0xa658, correct", node(r, "udp.checksum").label());
        assertEquals(List.of(), codes(r));
        assertEquals(22 + 20 + 8, r.payloadOffset());
        assertEquals(32, r.payloadLength());
    }

    @Test
    @DisplayName("a corrupted IPv4 header checksum is incorrect, names the right value and raises a problem on its bytes")
    void badIpChecksum() {
        byte[] f = hex(QINQ);
        f[32] = 0x12; // checksum 0x3e87 -> 0x1287
        FrameLayers.Result r = FrameLayers.decode(PacketParser.LINKTYPE_ETHERNET, f);
        assertEquals("Header checksum: 0x1287, incorrect, should be 0x3e87", node(r, "ip.checksum").label());
        Problem p = r.problems().get(0);
        assertEquals(Problems.IP_CHECKSUM_BAD, p.type());
        assertEquals(32, p.offset());
        assertEquals(2, p.length());
        assertEquals(List.of(Problems.IP_CHECKSUM_BAD.code()), codes(r));
        // a changed TTL (not the checksum) is caught too
        byte[] g = hex(QINQ);
        g[30] = 60;
        assertTrue(node(FrameLayers.decode(PacketParser.LINKTYPE_ETHERNET, g), "ip.checksum").label()
                .contains("incorrect"));
    }

    @Test
    @DisplayName("UDP checksum: corrupted is incorrect with the right value, 0 over IPv4 is 'none', a wrong length is a problem")
    void udpChecksumAndLength() {
        byte[] f = hex(QINQ);
        f[48] = 0x11;
        f[49] = 0x11;
        FrameLayers.Result bad = FrameLayers.decode(PacketParser.LINKTYPE_ETHERNET, f);
        assertEquals("Checksum: 0x1111, incorrect, should be 0xa658", node(bad, "udp.checksum").label());
        assertEquals(List.of(Problems.UDP_CHECKSUM_BAD.code()), codes(bad));
        assertEquals(48, bad.problems().get(0).offset());

        f[48] = 0;
        f[49] = 0;
        FrameLayers.Result none = FrameLayers.decode(PacketParser.LINKTYPE_ETHERNET, f);
        assertEquals("Checksum: 0x0000 (none: the sender did not compute it)", node(none, "udp.checksum").label());
        assertEquals(List.of(), codes(none));

        byte[] g = hex(QINQ);
        g[47] = 0x20; // UDP length 40 -> 32, IP still says 40 bytes of UDP
        FrameLayers.Result len = FrameLayers.decode(PacketParser.LINKTYPE_ETHERNET, g);
        assertEquals("Length: 32, but IP carries 40", node(len, "udp.length").label());
        assertTrue(codes(len).contains(Problems.UDP_LENGTH_MISMATCH.code()), codes(len).toString());
        assertEquals(24, len.payloadLength());
    }

    @Test
    @DisplayName("IPv6: traffic class DSCP/ECN, flow label, hop limit, an extension header node, UDP checksum by the v6 pseudo-header")
    void ipv6() {
        FrameLayers.Result r = FrameLayers.decode(PacketParser.LINKTYPE_ETHERNET, hex(V6));
        assertEquals(List.of("eth", "ipv6", "udp"), r.nodes().stream().map(DecodeNode::field).toList());
        assertEquals("Traffic class: 0xb9 (DSCP: EF, ECN: ECT(1))", node(r, "ipv6.tclass").label());
        assertEquals(0x12345, node(r, "ipv6.flow").value());
        assertEquals(7, node(r, "ipv6.hlim").value());
        assertEquals(14 + 7, node(r, "ipv6.hlim").offset());
        assertEquals("2001:db8::1", node(r, "ipv6.src").value());
        DecodeNode ext = node(r, "ipv6.ext");
        assertEquals(14 + 40, ext.offset());
        assertEquals(8, ext.length());
        assertTrue(ext.label().startsWith("Hop-by-Hop Options (8 bytes), next header: UDP (17)"), ext.label());
        assertEquals(48, r.nodes().get(1).length());
        assertEquals("Checksum: 0x2ca4, correct", node(r, "udp.checksum").label());
        assertEquals(14 + 48 + 8, r.payloadOffset());
        assertEquals(32, r.payloadLength());

        byte[] f = hex(V6);
        f[14 + 48 + 6] = 0;
        f[14 + 48 + 7] = 0;
        assertEquals(List.of(Problems.UDP_CHECKSUM_ZERO.code()), codes(FrameLayers.decode(PacketParser.LINKTYPE_ETHERNET,
                f)));
        f[14 + 48 + 6] = 0x2c;
        f[14 + 48 + 7] = (byte) 0xa5;
        assertEquals("Checksum: 0x2ca5, incorrect, should be 0x2ca4", node(FrameLayers.decode(
                PacketParser.LINKTYPE_ETHERNET, f), "udp.checksum").label());
    }

    @Test
    @DisplayName("raw IPv4 with TCP: ports, sequence, flags, window and a verified checksum")
    void rawTcp() {
        FrameLayers.Result r = FrameLayers.decode(PacketParser.LINKTYPE_RAW, hex(TCP));
        assertEquals(List.of("ip", "tcp"), r.nodes().stream().map(DecodeNode::field).toList());
        assertEquals("raw IP", r.linkName());
        assertEquals(1000L, node(r, "tcp.seq_raw").value());
        assertEquals(2000L, node(r, "tcp.ack_raw").value());
        assertEquals("Flags: 0x018 (PSH, ACK)", node(r, "tcp.flags").label());
        assertEquals(512, node(r, "tcp.window_size_value").value());
        assertEquals("Checksum: 0x3e32, correct", node(r, "tcp.checksum").label());
        assertEquals("Header checksum: 0x3c40, correct", node(r, "ip.checksum").label());
        assertEquals(40, r.payloadOffset());
        assertEquals(32, r.payloadLength());
        byte[] f = hex(TCP);
        f[36] = 0;
        FrameLayers.Result bad = FrameLayers.decode(PacketParser.LINKTYPE_RAW, f);
        assertEquals("Checksum: 0x0032, incorrect, should be 0x3e32", node(bad, "tcp.checksum").label());
        assertEquals(List.of(Problems.TCP_CHECKSUM_BAD.code()), codes(bad));
    }

    @Test
    @DisplayName("Linux cooked SLL2 and a frame cut short: what exists is shown, never an exception")
    void sll2AndShortFrames() {
        byte[] ip = hex(QINQ.substring(44));
        byte[] f = new byte[20 + ip.length];
        f[0] = 0x08; // protocol 0x0800
        f[7] = 3;    // interface index 3
        f[10] = 4;   // sent by us
        f[11] = 6;
        System.arraycopy(ip, 0, f, 20, ip.length);
        FrameLayers.Result r = FrameLayers.decode(PacketParser.LINKTYPE_LINUX_SLL2, f);
        assertEquals(List.of("sll", "ip", "udp"), r.nodes().stream().map(DecodeNode::field).toList());
        assertEquals(3L, node(r, "sll.ifindex").value());
        assertEquals(20 + 28, r.payloadOffset());
        assertEquals("Checksum: 0xa658, correct", node(r, "udp.checksum").label());
        byte[] whole = hex(QINQ);
        for (int n = 0; n < whole.length; n++) {
            FrameLayers.Result cut = FrameLayers.decode(PacketParser.LINKTYPE_ETHERNET,
                    java.util.Arrays.copyOf(whole, n));
            assertTrue(cut.payloadOffset() < 0 || cut.payloadOffset() <= n, "cut at " + n);
        }
        assertEquals(List.of(), FrameLayers.decode(999, whole).nodes());
    }

    @Test
    @DisplayName("random and cut-short frames of every link type: no exception, every node inside the frame")
    void hostileFrames() {
        java.util.Random rnd = new java.util.Random(20261203);
        int[] links = {PacketParser.LINKTYPE_ETHERNET, PacketParser.LINKTYPE_LINUX_SLL, PacketParser.LINKTYPE_LINUX_SLL2,
            PacketParser.LINKTYPE_NULL, PacketParser.LINKTYPE_LOOP, PacketParser.LINKTYPE_RAW, PacketParser.LINKTYPE_IPV6};
        List<byte[]> frames = new ArrayList<>();
        for (String h : List.of(QINQ, V6, TCP)) {
            byte[] whole = hex(h);
            for (int n = 0; n <= whole.length; n++) {
                frames.add(java.util.Arrays.copyOf(whole, n));
            }
            for (int k = 0; k < 300; k++) { // one byte changed at random
                byte[] g = whole.clone();
                g[rnd.nextInt(g.length)] = (byte) rnd.nextInt(256);
                frames.add(g);
            }
        }
        for (int k = 0; k < 2000; k++) {
            byte[] g = new byte[rnd.nextInt(120)];
            rnd.nextBytes(g);
            if (g.length > 0 && k % 2 == 0) {
                g[0] = (byte) (k % 4 == 0 ? 0x45 : 0x60); // IPv4 or IPv6 for the raw link types
            }
            frames.add(g);
        }
        int checked = 0;
        for (int link : links) {
            for (byte[] g : frames) {
                FrameLayers.Result r = FrameLayers.decode(link, g);
                for (DecodeNode n : r.nodes()) {
                    assertInside(n, g.length, link);
                }
                assertTrue(r.payloadOffset() < 0 || r.payloadOffset() + r.payloadLength() <= g.length);
                checked++;
            }
        }
        assertTrue(checked > 10_000);
    }

    private static void assertInside(DecodeNode n, int len, int link) {
        assertTrue(n.offset() >= 0 && n.length() >= 0 && n.offset() + n.length() <= len,
                () -> "link " + link + ": " + n.field() + " [" + n.offset() + "+" + n.length() + "] in " + len + " bytes");
        for (Problem p : n.problems()) {
            assertTrue(p.offset() + p.length() <= len);
        }
        for (DecodeNode c : n.children()) {
            assertInside(c, len, link);
        }
    }
}
