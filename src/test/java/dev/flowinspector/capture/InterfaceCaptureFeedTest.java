package dev.flowinspector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.ui.capture.InterfaceFeed;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the GUI runs for "Capture on Interface…": a live capture on lo fed into a session. */
@DisplayName("Live capture into a session (GUI feed)")
class InterfaceCaptureFeedTest {

    @BeforeAll
    static void needsLibpcapAndRoot() {
        InterfaceCaptureTest.needsLibpcapAndRoot();
    }

    @Test
    @DisplayName("v9 template then data: rows arrive in batches, the data decodes with the template; stop keeps them")
    void feed() throws Exception {
        InetAddress collector = InetAddress.getByName("127.0.55.1");
        try (DatagramChannel sink = DatagramChannel.open(); DatagramChannel sender = DatagramChannel.open();
             Session session = Session.empty("lo", DecodingOptions.defaults())) {
            sink.bind(new InetSocketAddress(collector, 0));
            sender.bind(new InetSocketAddress(InetAddress.getByName("127.0.55.2"), 0));
            int port = ((InetSocketAddress) sink.getLocalAddress()).getPort();
            InterfaceCapture c = new InterfaceCapture(InterfaceCapture.Options.of("lo").withFilter("udp port " + port));
            List<PacketSummary> rows = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread t = new Thread(() -> {
                try {
                    InterfaceFeed.run(session, c, (r, p, progress) -> rows.addAll(r), stop::get);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            sender.send(ByteBuffer.wrap(InterfaceCaptureTest.v9(1, true, "10.0.0.2", 2000)),
                    new InetSocketAddress(collector, port));
            sender.send(ByteBuffer.wrap(InterfaceCaptureTest.v9(2, false, "10.0.0.3", 3000)),
                    new InetSocketAddress(collector, port));
            long until = System.nanoTime() + 5_000_000_000L;
            while (rows.size() < 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(2, rows.size(), "rows before stop");
            stop.set(true);
            t.join(5000);
            assertFalse(t.isAlive());
            assertFalse(c.running());
            assertEquals(2, session.size());
            assertEquals(1, rows.get(0).templates());
            assertEquals(1, rows.get(1).records());
            ExportPacket p = session.packet(1);
            assertEquals(List.of(), p.problems(), p.problems()::toString);
            assertEquals("10.0.0.3", p.sets().get(0).records().get(0).field("sourceIPv4Address").value());
            assertTrue(c.stats().captured() >= 2, c.stats()::summary);
        }
    }
}
