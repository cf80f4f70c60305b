package dev.flowinspector.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The details tree's field information: elements for tooltips, tcpControlBits flags. */
class FieldInfoTest {

    /** An IPFIX message: template 256 (protocolIdentifier/1, tcpControlBits/2) and one record with these values. */
    private static ExportPacket decode(int flags) {
        ByteBuffer m = ByteBuffer.allocate(16 + 16 + 7);
        m.putShort((short) 10).putShort((short) 39).putInt(1_700_000_000).putInt(0).putInt(1);
        m.putShort((short) 2).putShort((short) 16).putShort((short) 256).putShort((short) 2)
                .putShort((short) 4).putShort((short) 1).putShort((short) 6).putShort((short) 2);
        m.putShort((short) 256).putShort((short) 7).put((byte) 6).putShort((short) flags);
        return new ExportDecoder(new TemplateCache()).decode(m.array(), new DecodeContext(1, 0,
                new Endpoint("192.0.2.1", 4739), new Endpoint("192.0.2.2", 4739), Transport.UDP));
    }

    private static TreeNode find(List<TreeNode> nodes, String field) {
        for (TreeNode n : nodes) {
            if (field.equals(n.fieldName())) {
                return n;
            }
            TreeNode c = find(n.children(), field);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    @Test
    @DisplayName("a two-byte tcpControlBits has nine flags, NS in the first byte, the others in the second")
    void nineFlags() {
        List<TreeNode> tree = PacketTreeBuilder.build(null, decode(0x112)); // NS, ACK, SYN
        TreeNode bits = find(tree, "ipfix.tcpControlBits");
        assertNotNull(bits);
        assertEquals(37, bits.offset());
        List<TreeNode> f = bits.children();
        assertEquals(9, f.size());
        assertEquals(".... ...1 .... .... = NS: Set", f.get(0).label());
        assertEquals(37, f.get(0).offset());
        assertEquals(".... .... 0... .... = CWR: Not set", f.get(1).label());
        assertEquals(".... .... ...1 .... = ACK: Set", f.get(4).label());
        assertEquals(".... .... .... ..1. = SYN: Set", f.get(7).label());
        assertEquals(".... .... .... ...0 = FIN: Not set", f.get(8).label());
        for (int i = 1; i < 9; i++) {
            assertEquals(38, f.get(i).offset(), f.get(i).label());
            assertEquals(1, f.get(i).length());
        }
        assertEquals("ipfix.tcpControlBits.syn", f.get(7).fieldName());
        assertEquals(Boolean.TRUE, f.get(7).value());
        // a click on the flags' byte selects a flag under the field
        TreeNode at = PacketTreeBuilder.at(tree, 38);
        assertEquals(bits, at.parent());
    }

    @Test
    @DisplayName("a record field's node carries its element: IE id, type, semantics, unit and description")
    void elementTooltip() {
        List<TreeNode> tree = PacketTreeBuilder.build(null, decode(0x02));
        TreeNode proto = find(tree, "ipfix.protocolIdentifier");
        assertNotNull(proto.element());
        assertEquals(4, proto.element().id());
        String tip = proto.tooltip();
        assertTrue(tip.startsWith("protocolIdentifier\nIE id 4, unsigned8"), tip);
        assertTrue(tip.contains("\nUnit: none\n"), tip);
        assertTrue(tip.endsWith("Bytes 36-36 (1 byte)"), tip);
        TreeNode version = find(tree, "ipfix.header.version");
        assertNull(version.element());
        assertEquals("ipfix.header.version\nBytes 0-1 (2 bytes)", version.tooltip());
        TreeNode record = find(tree, "ipfix.record");
        assertNull(record.element());
    }
}
