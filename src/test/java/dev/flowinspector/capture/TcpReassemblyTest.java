package dev.flowinspector.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IPFIX over TCP reassembly")
class TcpReassemblyTest {

    /** An IPFIX message of {@code len} bytes with one template set filling it. */
    static byte[] message(int len, int seq) {
        byte[] m = new byte[len];
        m[1] = 10;
        m[2] = (byte) (len >> 8);
        m[3] = (byte) len;
        m[11] = (byte) seq;
        m[17] = 2;
        m[18] = (byte) ((len - 16) >> 8);
        m[19] = (byte) (len - 16);
        return m;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    List<TcpReassembly.Message> feed(TcpReassembly t, byte[] stream, long isn, int[][] segs, boolean syn) {
        List<TcpReassembly.Message> out = new ArrayList<>();
        long frame = 1;
        if (syn) {
            out.addAll(t.segment("k", 50000, 4739, isn - 1, TcpReassembly.SYN, new byte[0], 0, 0, frame++));
        }
        for (int[] s : segs) {
            out.addAll(t.segment("k", 50000, 4739, (isn + s[0]) & 0xffffffffL, 0, stream, s[0], s[1], frame++));
        }
        return out;
    }

    @Test
    @DisplayName("out-of-order and retransmitted segments, sequence numbers wrapping past 2^32")
    void outOfOrder() {
        byte[] a = message(100, 1);
        byte[] b = message(60, 2);
        byte[] c = message(40, 3);
        byte[] s = concat(a, b, c);
        long isn = 0xffffffffL - 50;
        int[][] segs = {{0, 10}, {70, 90}, {10, 60}, {10, 60}, {160, 40}};
        List<TcpReassembly.Message> m = feed(new TcpReassembly(ExportPorts.defaults()), s, isn, segs, true);
        assertEquals(3, m.size());
        assertArrayEquals(a, m.get(0).payload());
        assertArrayEquals(b, m.get(1).payload());
        assertArrayEquals(c, m.get(2).payload());
        assertEquals(2, m.get(0).firstFrame());
        assertEquals(4, m.get(0).lastFrame());
    }

    @Test
    @DisplayName("a capture starting mid-stream on port 4739 resynchronises on the next message header")
    void midStream() {
        byte[] a = message(100, 1);
        byte[] b = message(60, 2);
        byte[] s = concat(a, b);
        List<TcpReassembly.Message> m = new ArrayList<>();
        TcpReassembly t = new TcpReassembly(ExportPorts.defaults());
        m.addAll(t.segment("k", 50000, 4739, 1000, 0, s, 37, 63 + 60, 1));
        assertEquals(1, m.size());
        assertArrayEquals(b, m.get(0).payload());
        assertTrue(m.get(0).resynced());
    }

    @Test
    @DisplayName("a TCP stream on an unknown port that is not IPFIX is ignored")
    void notIpfix() {
        byte[] http = "GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes();
        TcpReassembly t = new TcpReassembly(ExportPorts.defaults());
        assertEquals(List.of(), t.segment("k", 50000, 80, 1, 0, http, 0, http.length, 1));
        byte[] later = message(40, 1);
        assertEquals(List.of(), t.segment("k", 50000, 80, 1 + http.length, 0, later, 0, later.length, 2));
    }
}
