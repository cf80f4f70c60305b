package dev.flowinspector.ui.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.testutil.TestPackets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The whole-frame tree of {@link PacketTreeBuilder#frame}: header layers, the export packet behind them, notes. */
class FrameTreeTest {

    /** Ethernet + IPv4 (TTL 63, DSCP AF41) + UDP 1024 → 2055 around a payload, checksums computed here (RFC 1071). */
    static byte[] ethernetFrame(byte[] payload, boolean udpChecksumRight) {
        int ulen = 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + ulen);
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) (34 << 2)).putShort((short) (20 + ulen)).putShort((short) 7)
                .putShort((short) 0x4000).put((byte) 63).put((byte) 17).putShort((short) 0)
                .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        byte[] f = b.array();
        int ipSum = ~fold(sum(f, 14, 20)) & 0xffff;
        f[24] = (byte) (ipSum >> 8);
        f[25] = (byte) ipSum;
        b.putShort((short) 1024).putShort((short) 2055).putShort((short) ulen).putShort((short) 0).put(payload);
        long pseudo = sum(f, 26, 8) + 17 + ulen;
        int udpSum = ~fold(pseudo + sum(f, 34, ulen)) & 0xffff;
        if (!udpChecksumRight) {
            udpSum ^= 0x0101;
        }
        f[40] = (byte) (udpSum >> 8);
        f[41] = (byte) udpSum;
        return f;
    }

    private static long sum(byte[] d, int off, int len) {
        long s = 0;
        for (int i = 0; i < len; i += 2) {
            s += ((d[off + i] & 0xff) << 8) | (i + 1 < len ? d[off + i + 1] & 0xff : 0);
        }
        return s;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    private static Frame frame(byte[] payload, byte[] frameBytes, int linkType, Transport t, List<Problem> notes) {
        return new Frame(1, 1_700_000_000_000_000_000L, new Endpoint("10.0.0.1", 1024), new Endpoint("10.0.0.2", 2055),
                t, payload, linkType, frameBytes, -1, null, notes);
    }

    private static List<TreeNode> all(List<TreeNode> roots) {
        List<TreeNode> out = new ArrayList<>();
        for (TreeNode n : roots) {
            out.add(n);
            out.addAll(all(n.children()));
        }
        return out;
    }

    private static TreeNode find(FrameTree t, String field) {
        return all(t.roots()).stream().filter(n -> field.equals(n.fieldName())).findFirst().orElse(null);
    }

    @Test
    @DisplayName("a whole Ethernet frame: headers first, the export packet's nodes moved behind them, payload located")
    void wholeFrame() {
        byte[] payload = TestPackets.v5(1, "192.0.2.1", "198.51.100.2", 1234, 80, 6, 3, 300);
        byte[] fb = ethernetFrame(payload, true);
        Frame f = frame(payload, fb, 1, Transport.UDP, List.of());
        ExportPacket p = new Decoding(DecodingOptions.defaults()).accept(f);
        FrameTree t = PacketTreeBuilder.frame(f, p);
        assertTrue(t.wholeFrame());
        assertNull(t.note());
        assertArrayEquals(fb, t.bytes());
        assertEquals(42, t.payloadOffset());
        assertEquals(payload.length, t.payloadLength());
        assertEquals(List.of("frame", "eth", "ip", "udp"), t.roots().subList(0, 4).stream().map(TreeNode::fieldName)
                .toList());
        assertEquals("Time to live: 63", find(t, "ip.ttl").label());
        assertEquals(22, find(t, "ip.ttl").offset());
        assertEquals("Differentiated Services Codepoint: 34 (AF41)", find(t, "ip.dsfield.dscp").label());
        assertTrue(find(t, "udp.checksum").label().endsWith(", correct"), find(t, "udp.checksum").label());
        // every export node sits 42 bytes further on than in the payload-only tree, on the same bytes
        List<TreeNode> plain = all(PacketTreeBuilder.build(f, p)).stream().filter(n -> n.offset() >= 0).toList();
        TreeNode src = find(t, "nf5.sourceIPv4Address");
        TreeNode srcPlain = plain.stream().filter(n -> "nf5.sourceIPv4Address".equals(n.fieldName())).findFirst()
                .orElseThrow();
        assertEquals(srcPlain.offset() + 42, src.offset());
        assertArrayEquals(Arrays.copyOfRange(payload, srcPlain.offset(), srcPlain.offset() + 4),
                Arrays.copyOfRange(fb, src.offset(), src.offset() + 4));
        // a click on a byte finds the same node as before, at its frame offset; a header byte finds its field
        assertEquals("nf5.sourceIPv4Address", PacketTreeBuilder.at(t.roots(), src.offset() + 1).fieldName());
        assertEquals("ip.ttl", PacketTreeBuilder.at(t.roots(), 22).fieldName());
        assertEquals(42, find(t, "frame.payload").offset());
    }

    @Test
    @DisplayName("a wrong UDP checksum the capture noted is shown once, on the checksum node, as the packet's own problem")
    void checksumNoteShownOnce() {
        byte[] payload = TestPackets.v5(1, "192.0.2.1", "198.51.100.2", 1234, 80, 6, 3, 300);
        byte[] fb = ethernetFrame(payload, false);
        Problem note = new Problem(Problems.UDP_CHECKSUM_BAD, 0, 0, "UDP checksum wrong (as the capture noted it)");
        Frame f = frame(payload, fb, 1, Transport.UDP, List.of(note));
        ExportPacket p = new Decoding(DecodingOptions.defaults()).accept(f);
        assertTrue(p.problems().contains(note));
        FrameTree t = PacketTreeBuilder.frame(f, p);
        List<TreeNode> shown = all(t.roots()).stream().filter(n -> n.problem() != null
                && n.problem().code().equals(Problems.UDP_CHECKSUM_BAD.code())).toList();
        assertEquals(1, shown.size());
        assertEquals(note, shown.get(0).problem());
        assertEquals("udp.checksum", shown.get(0).parent().fieldName());
        assertEquals(40, shown.get(0).offset());
        assertTrue(shown.get(0).parent().label().contains("incorrect, should be 0x"), shown.get(0).parent().label());
        assertNotNull(t.roots().stream().filter(n -> "udp".equals(n.fieldName())).findFirst().orElseThrow().worst());

        // the same frame from a capture that left the checksum unchecked (this host's own packet, live): said, not raised
        Frame unchecked = frame(payload, fb, 1, Transport.UDP, List.of());
        FrameTree u = PacketTreeBuilder.frame(unchecked, new Decoding(DecodingOptions.defaults()).accept(unchecked));
        assertTrue(find(u, "udp.checksum").label().contains("incorrect, should be 0x"));
        assertTrue(find(u, "udp.checksum").label().contains("not counted as a problem"));
        assertTrue(all(u.roots()).stream().noneMatch(n -> n.problem() != null
                && n.problem().code().equals(Problems.UDP_CHECKSUM_BAD.code())));
        assertNull(find(u, "udp").worst());
    }

    @Test
    @DisplayName("no frame kept (reassembled, TCP stream, file or pasted payload): the payload alone, and the tree says why")
    void payloadOnly() {
        byte[] payload = TestPackets.v5(1, "192.0.2.1", "198.51.100.2", 1234, 80, 6, 3, 300);
        Problem frag = new Problem(Problems.IP_FRAGMENTED, 0, 0, "reassembled from 2 IPv4 fragments in frames 1, 2");
        Frame reassembled = frame(payload, null, -1, Transport.UDP, List.of(frag));
        ExportPacket p = new Decoding(DecodingOptions.defaults()).accept(reassembled);
        FrameTree t = PacketTreeBuilder.frame(reassembled, p);
        assertFalse(t.wholeFrame());
        assertArrayEquals(payload, t.bytes());
        assertEquals(0, t.payloadOffset());
        assertTrue(t.note().startsWith("reassembled from IP fragments"), t.note());
        assertTrue(find(t, "frame.bytes").label().contains("only the export payload is shown"));
        assertTrue(t.roots().get(0).label().contains("bytes of export data (export payload only)"),
                t.roots().get(0).label());
        assertEquals(PacketTreeBuilder.build(reassembled, p).size(), t.roots().size());
        assertNull(find(t, "ip"));

        Frame file = frame(payload, null, -1, Transport.NONE, List.of());
        FrameTree ft = PacketTreeBuilder.frame(file, new Decoding(DecodingOptions.defaults()).accept(file));
        assertTrue(ft.note().startsWith("no link, IP or UDP headers"), ft.note());

        FrameTree pasted = PacketTreeBuilder.frame(null, p);
        assertEquals("frame.bytes", pasted.roots().get(0).fieldName());
        assertArrayEquals(payload, pasted.bytes());
    }
}
