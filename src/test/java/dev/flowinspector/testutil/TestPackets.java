package dev.flowinspector.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Export packets the tests write themselves (hex built field by field), and the project's demo capture. */
public final class TestPackets {

    private TestPackets() {
    }

    /** The demo capture made by the project with softflowd (see its README). */
    public static Path demo() {
        return Path.of("src/main/resources/dev/flowinspector/demo/demo.pcap");
    }

    /** A NetFlow v5 packet with one record: src → dst, ports, protocol, packets, bytes. */
    public static byte[] v5(int seq, String src, String dst, int sport, int dport, int proto, int pkts, int bytes) {
        ByteBuffer b = ByteBuffer.allocate(24 + 48);
        b.putShort((short) 5).putShort((short) 1).putInt(100_000).putInt(1_700_000_000).putInt(0).putInt(seq)
                .put((byte) 0).put((byte) 0).putShort((short) 0);
        b.put(ip(src)).put(ip(dst)).put(ip("0.0.0.0")).putShort((short) 1).putShort((short) 2).putInt(pkts)
                .putInt(bytes).putInt(90_000).putInt(99_000).putShort((short) sport).putShort((short) dport)
                .put((byte) 0).put((byte) 0x18).put((byte) proto).put((byte) 0).putShort((short) 64500)
                .putShort((short) 64501).put((byte) 24).put((byte) 24).putShort((short) 0);
        return b.array();
    }

    /**
     * An IPFIX message with a template set (template 256: sourceIPv4Address, destinationIPv4Address,
     * octetDeltaCount/4) when withTemplate, and a data set 256 with one record.
     */
    public static byte[] ipfix(int seq, boolean withTemplate, String src, String dst, int octets) {
        ByteArrayOutputStream sets = new ByteArrayOutputStream();
        if (withTemplate) {
            ByteBuffer t = ByteBuffer.allocate(4 + 4 + 12);
            t.putShort((short) 2).putShort((short) 20).putShort((short) 256).putShort((short) 3)
                    .putShort((short) 8).putShort((short) 4).putShort((short) 12).putShort((short) 4)
                    .putShort((short) 1).putShort((short) 4);
            sets.writeBytes(t.array());
        }
        ByteBuffer d = ByteBuffer.allocate(4 + 12);
        d.putShort((short) 256).putShort((short) 16).put(ip(src)).put(ip(dst)).putInt(octets);
        sets.writeBytes(d.array());
        byte[] s = sets.toByteArray();
        ByteBuffer m = ByteBuffer.allocate(16 + s.length);
        m.putShort((short) 10).putShort((short) (16 + s.length)).putInt(1_700_000_000).putInt(seq).putInt(7).put(s);
        return m.array();
    }

    static byte[] ip(String a) {
        String[] p = a.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]), (byte) Integer.parseInt(p[2]),
            (byte) Integer.parseInt(p[3])};
    }
}
