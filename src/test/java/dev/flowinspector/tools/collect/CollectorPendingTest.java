package dev.flowinspector.tools.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("collector: data waiting for its template is given up after --template-wait, and counted")
class CollectorPendingTest {

    /** A NetFlow v9 packet (RFC 3954 §5.1) with one data FlowSet of template 300, which is never defined. */
    private static byte[] dataWithoutTemplate(int sequence) {
        ByteBuffer b = ByteBuffer.allocate(20 + 8);
        b.putShort((short) 9).putShort((short) 1).putInt(1000).putInt((int) (System.currentTimeMillis() / 1000))
                .putInt(sequence).putInt(7);
        b.putShort((short) 300).putShort((short) 8).putInt(0x0a000001);
        return b.array();
    }

    @Test
    @DisplayName("two data sets without a template: waiting, then given up after 300 ms")
    void givenUp() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.55.1");
        Collector c = new Collector(Collector.Options.of(List.of(0), null).withBind(lo).withPending(100, 300));
        c.start();
        try (DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(lo, 0))) {
            InetSocketAddress to = new InetSocketAddress(lo, c.locals().get(0).port());
            ch.send(ByteBuffer.wrap(dataWithoutTemplate(1)), to);
            ch.send(ByteBuffer.wrap(dataWithoutTemplate(2)), to);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (c.stats().missingTemplateSets() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, c.stats().missingTemplateSets());
            deadline = System.nanoTime() + 5_000_000_000L;
            while (c.stats().unresolvedSets() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Collector.Stats s = c.stats();
            assertEquals(2, s.unresolvedSets(), "given up while the collector runs: " + s);
            assertEquals(0, s.waitingSets());
        } finally {
            c.stop();
        }
        assertEquals(2, c.stats().unresolvedSets(), "not counted again when stopping");
        assertEquals(0, c.stats().records());
    }
}
