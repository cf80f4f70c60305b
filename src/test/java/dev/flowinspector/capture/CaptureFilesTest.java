package dev.flowinspector.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Transport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Capture files: pcap, pcapng, IPFIX files, gzip")
class CaptureFilesTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = CaptureFilesTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    static List<Frame> readAll(CaptureReader r) throws IOException {
        List<Frame> out = new ArrayList<>();
        for (Frame f; (f = r.next()) != null; ) {
            out.add(f);
        }
        return out;
    }

    static CaptureReader open(String name) throws IOException {
        return open(name, resource(name));
    }

    /** These bytes read as a capture file of this name, with the default ports. */
    static CaptureReader open(String name, byte[] b) throws IOException {
        return CaptureFiles.open(name, new ByteArrayInputStream(b), b.length, ExportPorts.defaults());
    }

    static Set<String> codes(Frame f) {
        return f.notes().stream().map(Problem::code).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"udp_lo.pcap", "udp_be.pcap", "udp_lo_ns.pcap", "udp_lo.pcapng", "udp_lo.pcapng.gz"})
    @DisplayName("the loopback capture in every container: 20 frames, 8 export packets, same payloads")
    void loopbackCapture(String file) throws IOException {
        try (CaptureReader r = open(file)) {
            List<Frame> frames = readAll(r);
            assertNull(r.damage());
            assertEquals(20, r.frames());
            assertEquals(List.of(1L, 3L, 5L, 7L, 9L, 13L, 15L, 16L),
                    frames.stream().map(Frame::number).toList());
            Frame v5 = frames.get(0);
            assertEquals(new Endpoint("127.0.55.201", 2055), v5.destination());
            assertEquals("127.0.55.209", v5.source().address());
            assertEquals(Transport.UDP, v5.transport());
            assertEquals(5, v5.payload()[1]);
            assertEquals(24 + 2 * 48, v5.payload().length);
            assertEquals(1, v5.linkType());
            assertTrue(v5.timeNanos() > 1_700_000_000_000_000_000L);
            // IPFIX on port 40000: found by the heuristic
            assertEquals(40000, frames.get(2).destination().port());
            assertEquals(10, frames.get(2).payload()[1]);
            // v5 in three IPv4 fragments, captured last, first, middle
            Frame frag = frames.get(5);
            assertEquals(new Endpoint("127.0.55.205", 40001), frag.source());
            assertEquals(24 + 5 * 48, frag.payload().length);
            assertTrue(codes(frag).contains("transport.ip.fragmented"), frag.notes().toString());
            assertTrue(frag.notes().stream().anyMatch(n -> n.message().contains("frames 11, 12, 13")));
            assertTrue(!codes(frag).contains("transport.udp.checksum.bad"), "python computed this checksum");
            // IPv6 hop-by-hop + fragment header
            Frame v6 = frames.get(6);
            assertEquals(new Endpoint("::1", 40002), v6.source());
            assertEquals(4739, v6.destination().port());
            assertTrue(codes(v6).contains("transport.ip.fragmented"));
            assertEquals(v6.payload().length, ((v6.payload()[2] & 0xff) << 8) | (v6.payload()[3] & 0xff));
            // QinQ
            Frame qinq = frames.get(7);
            assertEquals(new Endpoint("127.0.55.206", 40003), qinq.source());
            assertEquals(4740, qinq.destination().port());
            assertTrue(qinq.notes().isEmpty(), qinq.notes().toString());
            // sFlow, text, ICMP and fragments waiting: skipped
            assertEquals(20 - 8, r.skipped());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"udp_lo.pcap", "udp_be.pcap", "udp_lo_ns.pcap", "udp_lo.pcapng", "udp_lo.pcapng.gz",
            "udp_loop.pcap", "udp_null.pcap", "udp_raw.pcap", "udp_rawip4.pcapng", "any_sll.pcap", "any_sll2.pcap",
            "multi_if.pcapng", "handmade_be.pcapng", "tcp_lo.pcap"})
    @DisplayName("frames without their captured bytes (records read into one buffer): the same frames otherwise")
    void withoutFrameBytes(String file) throws IOException {
        List<Frame> kept;
        List<Frame> dropped;
        try (CaptureReader a = open(file); CaptureReader b = open(file)) {
            assertTrue(b.dropFrameBytes());
            kept = readAll(a);
            dropped = readAll(b);
            assertEquals(a.frames(), b.frames());
            assertEquals(a.skipped(), b.skipped());
            assertEquals(a.damage(), b.damage());
        }
        assertEquals(kept.size(), dropped.size());
        // the plain read keeps the frame of each whole datagram (IPFIX over TCP has none to keep)
        assertEquals(!file.startsWith("tcp"), kept.stream().anyMatch(f -> f.frameBytes() != null));
        for (int i = 0; i < kept.size(); i++) {
            Frame k = kept.get(i);
            Frame d = dropped.get(i);
            assertNull(d.frameBytes(), "frame " + d.number());
            assertEquals(new Frame(k.number(), k.timeNanos(), k.source(), k.destination(), k.transport(), d.payload(),
                    k.linkType(), null, k.fileOffset(), k.comment(), k.notes()), d);
            assertArrayEquals(k.payload(), d.payload(), "frame " + d.number());
        }
        // every payload its own array: the reused buffer is not handed out
        Set<byte[]> payloads = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        dropped.forEach(f -> payloads.add(f.payload()));
        assertEquals(dropped.size(), payloads.size());
    }

    @Test
    @DisplayName("microsecond and nanosecond files give the same times; pcapng comments kept")
    void timesAndComments() throws IOException {
        List<Frame> us = readAll(open("udp_lo.pcap"));
        List<Frame> ns = readAll(open("udp_lo_ns.pcap"));
        for (int i = 0; i < us.size(); i++) {
            assertEquals(us.get(i).timeNanos(), ns.get(i).timeNanos());
            assertEquals(0, us.get(i).timeNanos() % 1000);
            assertArrayEquals(us.get(i).payload(), ns.get(i).payload());
        }
        try (CaptureReader r = open("udp_lo.pcapng")) {
            List<Frame> ng = readAll(r);
            assertEquals("first frame, commented by editcap", ng.get(0).comment());
            assertNull(ng.get(1).comment());
            assertTrue(r.fileComments().contains("made by make-captures.sh"), r.fileComments().toString());
            assertEquals(us.get(3).timeNanos(), ng.get(3).timeNanos());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"udp_raw.pcap", "udp_rawip4.pcapng", "udp_null.pcap", "udp_loop.pcap"})
    @DisplayName("raw IP and BSD loopback link types (no tagged frame)")
    void otherLinkTypes(String file) throws IOException {
        List<Frame> frames = readAll(open(file));
        List<Integer> ports = frames.stream().map(f -> f.destination().port()).toList();
        assertEquals(List.of(2055, 9995, 40000, 40000, 40000, 2055, 4739), ports);
    }

    @Test
    @DisplayName("Linux cooked SLL and SLL2")
    void cooked() throws IOException {
        List<Frame> sll = readAll(open("any_sll.pcap"));
        assertEquals(1, sll.size(), "v5 from the socket; of the fragments, the filter kept only the first");
        assertEquals(113, sll.get(0).linkType());
        assertEquals(24 + 2 * 48, sll.get(0).payload().length);
        List<Frame> sll2 = readAll(open("any_sll2.pcap"));
        assertEquals(3, sll2.size());
        assertEquals(276, sll2.get(0).linkType());
        assertEquals(40000, sll2.get(2).destination().port());
    }

    @Test
    @DisplayName("pcapng with two interfaces of different link types and resolutions")
    void multipleInterfaces() throws IOException {
        List<Frame> all = readAll(open("multi_if.pcapng"));
        assertEquals(8 + 3, all.size());
        assertEquals(Set.of(1, 276), all.stream().map(Frame::linkType).filter(l -> l > 0).collect(Collectors.toSet()));
        List<Frame> lo = readAll(open("udp_lo.pcap"));
        Frame sll2First = all.stream().filter(f -> f.linkType() == 276).findFirst().orElseThrow();
        Frame loSame = lo.stream().filter(f -> f.destination().port() == 40000).findFirst().orElseThrow();
        assertArrayEquals(loSame.payload(), sll2First.payload());
        assertTrue(Math.abs(loSame.timeNanos() - sll2First.timeNanos()) < 1_000_000);
    }

    @Test
    @DisplayName("big-endian pcapng: NRB, SPB, binary if_tsresol, custom block, UTF-8 comment")
    void handmadeBigEndian() throws IOException {
        try (CaptureReader r = open("handmade_be.pcapng")) {
            List<Frame> frames = readAll(r);
            assertNull(r.damage());
            assertEquals(6, r.frames());
            List<Frame> lo = readAll(open("udp_lo.pcap"));
            assertEquals(List.of(1L, 3L, 5L), frames.stream().map(Frame::number).toList());
            assertEquals("collector.test", r.names().get("127.0.55.201"));
            assertTrue(r.fileComments().contains("big-endian pcapng written by convert.py"));
            // 2^-20 s units: within a microsecond of the original
            assertTrue(Math.abs(lo.get(0).timeNanos() - frames.get(0).timeNanos()) < 1000);
            assertArrayEquals(lo.get(2).payload(), frames.get(2).payload());
            assertEquals(0, frames.get(2).timeNanos(), "the SPB has no timestamp");
        }
    }

    @Test
    @DisplayName("IPFIX file: messages with no transport and unknown endpoints")
    void ipfixFile() throws IOException {
        try (CaptureReader r = open("exports.ipfix")) {
            List<Frame> frames = readAll(r);
            assertEquals(3, frames.size());
            for (Frame f : frames) {
                assertEquals(Transport.NONE, f.transport());
                assertEquals(Endpoint.UNKNOWN, f.source());
                assertEquals(56, f.payload().length);
                assertEquals(1_700_000_000L * 1_000_000_000L, f.timeNanos());
            }
            assertEquals(56, frames.get(1).fileOffset());
        }
    }

    @Test
    @DisplayName("IPFIX over TCP: messages cut from segments that split headers and join messages")
    void ipfixOverTcp() throws IOException {
        List<Frame> frames = readAll(open("tcp_lo.pcap"));
        byte[] file = resource("exports.ipfix");
        assertEquals(3, frames.size());
        for (int i = 0; i < 3; i++) {
            Frame f = frames.get(i);
            assertEquals(Transport.TCP, f.transport());
            assertEquals(new Endpoint("127.0.55.204", 4739), f.destination());
            assertArrayEquals(Arrays.copyOfRange(file, 56 * i, 56 * (i + 1)), f.payload());
            assertEquals(Set.of("transport.tcp"), codes(f));
        }
        assertEquals(frames.get(1).number(), frames.get(2).number(), "the third segment completes two messages");
        assertTrue(frames.get(0).notes().get(0).message().contains("frames 4-6"), frames.get(0).notes().toString());
    }

    @Test
    @DisplayName("a file cut in the middle of a frame yields the frames before and says where it stopped")
    void truncated(@TempDir Path dir) throws IOException {
        byte[] b = resource("udp_lo.pcap");
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(b, b.length - 100));
        try (CaptureReader r = CaptureFiles.open(cut)) {
            List<Frame> frames = readAll(r);
            assertEquals(8, frames.size());
            assertNotNull(r.damage());
            assertTrue(r.damage().startsWith("cut.pcap: frame 20 "), r.damage());
            assertTrue(r.damage().contains("at byte offset " + (b.length - 100 - 4)), r.damage());
            assertTrue(r.damage().contains("cut short"), r.damage());
        }
        byte[] ng = resource("udp_lo.pcapng");
        byte[] bad = ng.clone();
        // corrupt the total length of the 10th block from the start
        int p = 0;
        for (int i = 0; i < 10; i++) {
            p += (ng[p + 4] & 0xff) | (ng[p + 5] & 0xff) << 8 | (ng[p + 6] & 0xff) << 16;
        }
        bad[p + 4] = 3;
        try (CaptureReader r = open("bad.pcapng", bad)) {
            List<Frame> frames = readAll(r);
            assertTrue(frames.size() >= 3 && frames.size() < 8, frames.size() + " frames");
            assertTrue(r.damage().contains("byte offset " + p), r.damage());
        }
    }

    @Test
    @DisplayName("a cut gzip file yields what was decompressed and reports the damage")
    void truncatedGzip() throws IOException {
        byte[] gz = resource("udp_lo.pcapng.gz");
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        try (CaptureReader r = open("cut.gz", cut)) {
            List<Frame> frames = readAll(r);
            assertNotNull(r.damage());
            assertTrue(r.damage().contains("(uncompressed)"), r.damage());
            assertTrue(r.damage().contains("the gzip data ends early: the file was cut short"), r.damage());
            assertTrue(frames.size() < 8);
            assertTrue(r.position() <= cut.length);
        }
    }

    @Test
    @DisplayName("a gzip file whose check sum is wrong yields every frame and says the gzip data is damaged")
    void damagedGzip() throws IOException {
        byte[] gz = resource("udp_lo.pcapng.gz");
        byte[] bad = gz.clone();
        bad[bad.length - 8] ^= 0x5a; // the trailer's CRC-32 of the uncompressed data
        try (CaptureReader r = open("bad.gz", bad)) {
            List<Frame> frames = readAll(r);
            assertNotNull(r.damage());
            assertTrue(r.damage().startsWith("bad.gz: unreadable after frame "), r.damage());
            assertTrue(r.damage().contains("the gzip data is damaged (Corrupt GZIP trailer)"), r.damage());
            try (CaptureReader whole = open("good.gz", gz)) {
                assertEquals(readAll(whole).size(), frames.size());
            }
        }
    }

    @Test
    @DisplayName("not a capture: a clear message, no stack trace")
    void notACapture(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("notes.txt");
        Files.writeString(p, "hello world, not a capture");
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureFiles.open(p));
        assertTrue(e.getMessage().startsWith("notes.txt: not a capture file"), e.getMessage());
    }

    @Test
    @DisplayName("ports can be added, and the heuristic switched off")
    void ports() throws IOException {
        byte[] b = resource("udp_lo.pcap");
        ExportPorts strict = new ExportPorts(ExportPorts.DEFAULT_PORTS, false);
        try (CaptureReader r = CaptureFiles.open("x", new ByteArrayInputStream(b), b.length, strict)) {
            assertEquals(5, readAll(r).size(), "port 40000 not taken without the heuristic");
        }
        try (CaptureReader r = CaptureFiles.open("x", new ByteArrayInputStream(b), b.length,
                strict.withPorts(Set.of(40000)))) {
            assertEquals(8, readAll(r).size());
        }
    }
}
