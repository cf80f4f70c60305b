package dev.flowinspector.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.testutil.Bytes;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Live capture on the loopback interface; needs root (or CAP_NET_RAW) and libpcap, skipped without them. */
@DisplayName("Live capture on an interface (pcap4j)")
class InterfaceCaptureTest {

    private static final String COLLECTOR = "127.0.55.1";
    private static final String EXPORTER = "127.0.55.2";
    private static final long SECS = 1_700_000_000L;

    @BeforeAll
    static void needsLibpcapAndRoot() {
        String missing = InterfaceCapture.unavailable();
        assumeTrue(missing == null, () -> "skipped: " + missing);
        assumeTrue(canCapture(), "skipped: not allowed to capture on lo (run as root or grant CAP_NET_RAW)");
    }

    /** Root, or the capability to open lo (tried). */
    private static boolean canCapture() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try (InterfaceCapture c = InterfaceCapture.open("lo")) {
            return true;
        } catch (CaptureException e) {
            return false;
        }
    }

    static byte[] v5(int seq, String src, int octets) {
        Bytes b = new Bytes().u16(5).u16(1).u32(100_000).u32(SECS).u32(0).u32(seq).u8(0).u8(0).u16(0);
        return b.ipv4(src).ipv4("10.9.9.9").ipv4("0.0.0.0").u16(1).u16(2).u32(3).u32(octets).u32(90_000)
                .u32(99_000).u16(40000).u16(443).u8(0).u8(0x18).u8(6).u8(0).u16(64500).u16(64501).u8(24).u8(24)
                .u16(0).bytes();
    }

    /** NetFlow v9: template 256 (sourceIPv4Address, destinationIPv4Address, octetDeltaCount) and/or one record. */
    static byte[] v9(int seq, boolean withTemplate, String src, int octets) {
        ByteArrayOutputStream sets = new ByteArrayOutputStream();
        int count = 1;
        if (withTemplate) {
            sets.writeBytes(new Bytes().u16(0).u16(20).u16(256).u16(3).u16(8).u16(4).u16(12).u16(4).u16(1).u16(4)
                    .bytes());
            count++;
        }
        sets.writeBytes(new Bytes().u16(256).u16(16).ipv4(src).ipv4("10.9.9.9").u32(octets).bytes());
        return new Bytes().u16(9).u16(count).u32(100_000).u32(SECS).u32(seq).u32(42).raw(sets.toByteArray()).bytes();
    }

    @Test
    @DisplayName("lo is listed, with its address")
    void listsLoopback() throws Exception {
        InterfaceInfo lo = InterfaceCapture.interfaces().stream().filter(i -> i.name().equals("lo")).findFirst()
                .orElseThrow(() -> new AssertionError("lo not listed"));
        assertTrue(lo.loopback());
        assertTrue(lo.addresses().contains("127.0.0.1"), lo.addresses()::toString);
        assertTrue(lo.label().startsWith("lo  127.0.0.1"), lo.label());
    }

    @Test
    @DisplayName("NetFlow v5 and v9 sent to 127.0.55.1 arrive as frames that decode, with counters")
    void capturesExportPackets() throws Exception {
        InetAddress collector = InetAddress.getByName(COLLECTOR);
        try (DatagramChannel sink = DatagramChannel.open(); DatagramChannel sender = DatagramChannel.open()) {
            sink.bind(new InetSocketAddress(collector, 0));
            sender.bind(new InetSocketAddress(InetAddress.getByName(EXPORTER), 0));
            int port = ((InetSocketAddress) sink.getLocalAddress()).getPort();
            int from = ((InetSocketAddress) sender.getLocalAddress()).getPort();
            List<byte[]> sent = List.of(v5(1, "10.0.0.1", 1000), v9(1, true, "10.0.0.2", 2000),
                    v9(2, false, "10.0.0.3", 3000), v5(2, "10.0.0.4", 4000));
            InterfaceCapture.Options o = InterfaceCapture.Options.of("lo")
                    .withFilter(InterfaceCapture.DEFAULT_FILTER + " or udp port " + port);
            List<Frame> got = new ArrayList<>();
            try (InterfaceCapture c = new InterfaceCapture(o)) {
                assertEquals(1, c.linkType(), "lo is Ethernet-framed on Linux");
                for (byte[] p : sent) {
                    sender.send(ByteBuffer.wrap(p), new InetSocketAddress(collector, port));
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (got.size() < sent.size() && System.nanoTime() < until) {
                    Frame f = c.poll(100, TimeUnit.MILLISECONDS);
                    if (f != null && f.source().port() == from) {
                        got.add(f);
                    }
                }
                c.stop();
                assertNull(c.damage());
                InterfaceCapture.Stats s = c.stats();
                assertTrue(s.captured() >= sent.size(), s::summary);
                assertTrue(s.received() >= sent.size(), s::summary);
                assertEquals(0, s.queueDrops(), s::summary);
                assertEquals(0, s.droppedByKernel(), s::summary);
            }
            assertEquals(sent.size(), got.size(), "every packet captured");
            ExportDecoder decoder = new ExportDecoder(new TemplateCache(ScopingPolicy.STRICT));
            String[] sources = {"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"};
            long previous = 0;
            for (int i = 0; i < sent.size(); i++) {
                Frame f = got.get(i);
                assertEquals(new Endpoint(EXPORTER, from), f.source());
                assertEquals(new Endpoint(COLLECTOR, port), f.destination());
                assertEquals(Transport.UDP, f.transport());
                assertArrayEquals(sent.get(i), f.payload());
                assertEquals(List.of(), f.notes(), "own packets: no checksum-offload note");
                assertEquals(1, f.linkType());
                assertEquals(14 + 20 + 8 + sent.get(i).length, f.frameBytes().length, "whole frame kept");
                assertTrue(f.number() > previous, "numbers increase");
                previous = f.number();
                assertTrue(Math.abs(f.timeNanos() - System.currentTimeMillis() * 1_000_000L) < 60_000_000_000L,
                        "capture time is now");
                ExportPacket p = decoder.decode(f.payload(), f.context());
                assertEquals(List.of(), p.problems().stream().map(Problem::code).toList(), p.problems()::toString);
                DataRecord r = p.sets().get(p.sets().size() - 1).records().get(0);
                assertEquals(sources[i], r.field("sourceIPv4Address").value());
                assertEquals(1000L * (i + 1), r.field("octetDeltaCount").value());
            }
        }
    }

    @Test
    @DisplayName("stop and restart: numbering continues, frames still arrive")
    void restart() throws Exception {
        InetAddress collector = InetAddress.getByName(COLLECTOR);
        try (DatagramChannel sink = DatagramChannel.open(); DatagramChannel sender = DatagramChannel.open()) {
            sink.bind(new InetSocketAddress(collector, 0));
            sender.bind(new InetSocketAddress(InetAddress.getByName(EXPORTER), 0));
            int port = ((InetSocketAddress) sink.getLocalAddress()).getPort();
            InetSocketAddress to = new InetSocketAddress(collector, port);
            try (InterfaceCapture c = new InterfaceCapture(InterfaceCapture.Options.of("lo")
                    .withFilter("udp port " + port))) {
                sender.send(ByteBuffer.wrap(v5(1, "10.0.0.1", 1)), to);
                Frame a = c.poll(5, TimeUnit.SECONDS);
                assertNotNull(a);
                c.stop();
                assertTrue(!c.running());
                c.start();
                assertTrue(c.running());
                sender.send(ByteBuffer.wrap(v5(2, "10.0.0.1", 2)), to);
                Frame b = c.poll(5, TimeUnit.SECONDS);
                assertNotNull(b, "captured after restart");
                assertTrue(b.number() > a.number(), b.number() + " after " + a.number());
                assertEquals(2, c.stats().exportFrames(), c.stats()::summary);
            }
        }
    }

    @Test
    @DisplayName("a bad BPF filter: a CaptureException quoting the filter")
    void badFilter() {
        CaptureException e = assertThrows(CaptureException.class,
                () -> new InterfaceCapture(InterfaceCapture.Options.of("lo").withFilter("udp prot 2055")));
        assertTrue(e.getMessage().startsWith("bad capture filter \"udp prot 2055\": "), e.getMessage());
        assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
    }

    @Test
    @DisplayName("an unknown interface names itself and the interfaces there are")
    void unknownInterface() {
        CaptureException e = assertThrows(CaptureException.class, () -> InterfaceCapture.open("nosuch0"));
        assertTrue(e.getMessage().startsWith("no interface named \"nosuch0\": choose one of "), e.getMessage());
        assertTrue(e.getMessage().contains("lo"), e.getMessage());
    }

    @Test
    @DisplayName("libpcap errors become plain advice")
    void permissionMessage() {
        CaptureException e = InterfaceCapture.explain("eth0",
                new Exception("eth0: You don't have permission to capture on that device (socket: Operation not "
                        + "permitted)"));
        assertEquals("no permission to capture on eth0: run `sudo flowinspector-capture-setup --user $USER` "
                + "(grants CAP_NET_RAW to the capture launcher) or use Listen on UDP port instead", e.getMessage());
    }
}
