package dev.flowinspector.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowinspector capture} on lo; skipped like {@link InterfaceCaptureTest} without root or libpcap. */
@DisplayName("flowinspector capture (live, on lo)")
class InterfaceCaptureCommandTest {

    @BeforeAll
    static void needsLibpcapAndRoot() {
        InterfaceCaptureTest.needsLibpcapAndRoot();
    }

    @Test
    @DisplayName("--list-interfaces lists lo with its address")
    void list() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), "capture", "--list-interfaces");
        assertEquals(0, rc, err::toString);
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("lo  127.0.0.1")), out::toString);
    }

    @Test
    @DisplayName("--count 3: three one-line summaries as they arrive, saved with -w, then it stops by itself")
    void countAndSave(@TempDir Path dir) throws Exception {
        InetAddress collector = InetAddress.getByName("127.0.55.1");
        try (DatagramChannel sink = DatagramChannel.open(); DatagramChannel sender = DatagramChannel.open()) {
            sink.bind(new InetSocketAddress(collector, 0));
            sender.bind(new InetSocketAddress(InetAddress.getByName("127.0.55.2"), 0));
            int port = ((InetSocketAddress) sink.getLocalAddress()).getPort();
            Path saved = dir.resolve("live.pcapng");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            AtomicInteger rc = new AtomicInteger(-1);
            Thread t = new Thread(() -> rc.set(Main.run(new PrintWriter(out), new PrintWriter(err), "capture",
                    "-i", "lo", "--port", Integer.toString(port), "--count", "3", "--duration", "10s",
                    "-w", saved.toString())));
            t.start();
            long until = System.nanoTime() + 5_000_000_000L;
            while (!err.toString().contains("Capturing on lo") && t.isAlive() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertTrue(err.toString().contains("Capturing on lo"), err::toString);
            List<byte[]> sent = List.of(InterfaceCaptureTest.v5(7, "10.0.0.1", 100),
                    InterfaceCaptureTest.v9(8, true, "10.0.0.2", 200), InterfaceCaptureTest.v9(9, false, "10.0.0.3", 300),
                    InterfaceCaptureTest.v5(10, "10.0.0.4", 400));
            for (byte[] p : sent) {
                sender.send(ByteBuffer.wrap(p), new InetSocketAddress(collector, port));
            }
            t.join(10_000);
            assertFalse(t.isAlive(), "stopped after 3 packets");
            assertEquals(0, rc.get(), err::toString);
            List<String> lines = out.toString().lines().toList();
            assertEquals(3, lines.size(), out::toString);
            assertTrue(lines.get(0).endsWith("127.0.55.1:" + port + " NetFlow v5 seq 7, 1 record"), lines.get(0));
            assertTrue(lines.get(1).endsWith(" NetFlow v9 seq 8, 1 template, 1 record"), lines.get(1));
            assertTrue(lines.get(2).endsWith(" NetFlow v9 seq 9, 1 record"), lines.get(2));
            assertTrue(err.toString().contains("3 export packets; "), err::toString);
            try (CaptureReader r = CaptureFiles.open(saved, ExportPorts.defaults().withPorts(java.util.Set.of(port)))) {
                for (int i = 0; i < 3; i++) {
                    Frame f = r.next();
                    assertNotNull(f, "saved frame " + (i + 1));
                    assertArrayEquals(sent.get(i), f.payload());
                    assertEquals(1, f.linkType());
                }
                assertNull(r.next());
                assertNull(r.damage());
            }
        }
    }

    @Test
    @DisplayName("an unknown interface: exit status 2 and one plain line")
    void unknown() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), "capture", "-i", "nosuch0");
        assertEquals(2, rc);
        assertTrue(err.toString().startsWith("flowinspector capture: no interface named \"nosuch0\""), err::toString);
        assertEquals(1, err.toString().lines().count(), err::toString);
    }
}
