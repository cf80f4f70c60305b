package dev.flowinspector.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("UDP listener")
class UdpListenerTest {

    private static final InetAddress V4 = dev.flowinspector.testutil.Loopback.v4(210);
    private static final InetAddress V6 = address("::1");

    private static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("IPv4 and IPv6: each datagram a frame with the exporter's address and port")
    void frames() throws Exception {
        try (UdpListener l = new UdpListener(List.of(V4, V6), List.of(0), 100)) {
            List<Endpoint> eps = l.endpoints();
            assertEquals(2, eps.size());
            try (DatagramChannel s4 = DatagramChannel.open(); DatagramChannel s6 = DatagramChannel.open()) {
                s4.bind(new InetSocketAddress(V4, 0));
                s6.bind(new InetSocketAddress(V6, 0));
                s4.send(ByteBuffer.wrap(new byte[] {0, 10, 0, 16}), new InetSocketAddress(V4, eps.get(0).port()));
                s6.send(ByteBuffer.wrap(new byte[] {0, 9}), new InetSocketAddress(V6, eps.get(1).port()));
                Frame a = l.poll(5, TimeUnit.SECONDS);
                Frame b = l.poll(5, TimeUnit.SECONDS);
                assertNotNull(a);
                assertNotNull(b);
                Frame f4 = a.payload().length == 4 ? a : b;
                Frame f6 = f4 == a ? b : a;
                assertEquals(new Endpoint(dev.flowinspector.testutil.Loopback.v4Text(210), ((InetSocketAddress) s4.getLocalAddress()).getPort()),
                        f4.source());
                assertEquals(eps.get(0), f4.destination());
                assertEquals(Transport.UDP, f4.transport());
                assertArrayEquals(new byte[] {0, 10, 0, 16}, f4.payload());
                assertEquals("::1", f6.source().address());
                assertTrue(f4.timeNanos() > 1_700_000_000_000_000_000L);
                assertEquals(List.of(1L, 2L), List.of(Math.min(a.number(), b.number()), Math.max(a.number(), b.number())));
            }
            l.stop();
            assertNull(l.next(), "stopped and drained");
            assertNull(l.damage());
        }
    }

    @Test
    @DisplayName("a high packet rate: every datagram counted, as taken, dropped by the queue or by the kernel")
    void highRate() throws Exception {
        int sent = 100_000;
        try (UdpListener l = new UdpListener(List.of(V4), List.of(0), 4096)) {
            int port = l.endpoints().get(0).port();
            List<Frame> taken = new ArrayList<>();
            Thread consumer = new Thread(() -> {
                List<Frame> batch = new ArrayList<>();
                while (!Thread.currentThread().isInterrupted()) {
                    if (l.drainTo(batch, 1024) == 0) {
                        Thread.onSpinWait();
                    }
                    taken.addAll(batch);
                    batch.clear();
                }
            });
            consumer.start();
            long t0 = System.nanoTime();
            try (DatagramChannel s = DatagramChannel.open()) {
                s.bind(new InetSocketAddress(V4, 0));
                InetSocketAddress to = new InetSocketAddress(V4, port);
                ByteBuffer b = ByteBuffer.allocate(100);
                for (int i = 0; i < sent; i++) {
                    b.clear();
                    b.putInt(0, i);
                    s.send(b, to);
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long deadline = System.currentTimeMillis() + 10_000;
            while (l.received() + Math.max(0, l.kernelDrops()) < sent && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(100);
            consumer.interrupt();
            consumer.join();
            l.stop();
            taken.addAll(drain(l));
            long kernel = l.kernelDrops();
            System.out.printf("UDP listener: %d datagrams in %.2f s (%.0f/s): received %d, queue drops %d, "
                    + "kernel drops %d%n", sent, secs, sent / secs, l.received(), l.dropped(), kernel);
            assertEquals(l.received(), taken.size() + l.dropped(), "every received datagram taken or counted");
            assertTrue(kernel >= 0, "kernel drops readable on Linux");
            assertEquals(sent, l.received() + kernel, "every sent datagram received or counted as dropped");
        }
    }

    @Test
    @DisplayName("a consumer that does not keep up: the queue stays bounded and drops are counted")
    void boundedQueue() throws Exception {
        try (UdpListener l = new UdpListener(List.of(V4), List.of(0), 10)) {
            int port = l.endpoints().get(0).port();
            try (DatagramChannel s = DatagramChannel.open()) {
                for (int i = 0; i < 500; i++) {
                    s.send(ByteBuffer.wrap(new byte[] {(byte) i}), new InetSocketAddress(V4, port));
                }
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (l.received() + Math.max(0, l.kernelDrops()) < 500 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(10, l.queued());
            assertEquals(l.received() - 10, l.dropped());
            assertEquals(500, l.received() + l.kernelDrops());
            assertEquals(0, l.next().payload()[0], "the first ones are kept, later ones dropped");
        }
    }

    private static List<Frame> drain(UdpListener l) {
        List<Frame> out = new ArrayList<>();
        l.drainTo(out, Integer.MAX_VALUE);
        return out;
    }
}
