package dev.flowinspector.capture;

import static dev.flowinspector.capture.CaptureFilesTest.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Frames re-read by offset (or from the spill file) equal a sequential read")
class IndexedCaptureTest {

    /** Every field of two frames, byte arrays by content. */
    static void assertSameFrame(Frame a, Frame b) {
        String at = "frame " + a.number();
        assertEquals(a.number(), b.number(), at);
        assertEquals(a.timeNanos(), b.timeNanos(), at);
        assertEquals(a.source(), b.source(), at);
        assertEquals(a.destination(), b.destination(), at);
        assertEquals(a.transport(), b.transport(), at);
        assertArrayEquals(a.payload(), b.payload(), at);
        assertEquals(a.linkType(), b.linkType(), at);
        assertArrayEquals(a.frameBytes(), b.frameBytes(), at);
        assertEquals(a.fileOffset(), b.fileOffset(), at);
        assertEquals(a.comment(), b.comment(), at);
        assertEquals(a.notes(), b.notes(), at);
    }

    /** Reads a file once, then every frame again (by offset, or spilled), and compares; returns frames re-read by offset. */
    static int rereadAll(Path file, Path dir) throws IOException {
        String tmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", dir.toString());
        List<Frame> seq = new ArrayList<>();
        List<Long> handles = new ArrayList<>();
        int byOffset = 0;
        try (IndexedCapture c = IndexedCapture.open(file, ExportPorts.defaults());
             FrameSpill spill = FrameSpill.create("test", false)) {
            CaptureReader r = c.reader();
            for (Frame f; (f = r.next()) != null; ) {
                seq.add(f);
                handles.add(c.rereadable(f) ? -1L : spill.append(f));
            }
            assertNull(r.damage());
            c.endReading();
            assertFalse(seq.isEmpty());
            for (int i = seq.size() - 1; i >= 0; i--) { // backwards: nothing depends on reading in order
                Frame f = seq.get(i);
                Frame again = handles.get(i) < 0 ? c.read(f.fileOffset(), f.number()) : spill.read(handles.get(i), f.number());
                byOffset += handles.get(i) < 0 ? 1 : 0;
                assertSameFrame(f, again);
            }
        } finally {
            System.setProperty("java.io.tmpdir", tmp); // JNA and others read it later in this JVM
        }
        return byOffset;
    }

    private static Path gzip(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name + ".gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content);
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"udp_lo.pcap", "udp_be.pcap", "udp_lo_ns.pcap", "udp_null.pcap", "any_sll2.pcap",
        "udp_lo.pcapng", "handmade_be.pcapng", "multi_if.pcapng", "udp_rawip4.pcapng", "exports.ipfix", "tcp_lo.pcap"})
    @DisplayName("each format, plain and gzip, re-read frame by frame gives the same frames")
    void everyFormat(String name, @TempDir Path dir) throws IOException {
        byte[] content = resource(name);
        Path plain = Files.write(dir.resolve(name), content);
        int n = rereadAll(plain, dir);
        assertEquals(n, rereadAll(gzip(dir, name, content), dir));
        if (!name.startsWith("tcp")) {
            assertTrue(n > 0, "frames re-read by their offset");
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(SpillFiles.PREFIX)),
                    "temporary files are gone when closed");
        }
    }

    @Test
    @DisplayName("pcapng with several sections (both byte orders), interfaces, EPB, SPB and OPB")
    void sections(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureWriter.on(out, CaptureWriter.Format.PCAPNG, false, null)) {
            w.udp(1_700_000_000_123_456_000L, new Endpoint("127.0.55.9", 40000), new Endpoint("127.0.55.1", 2055),
                    resource("exports.ipfix"), 0, 100);
        }
        byte[] opb = out.toByteArray();
        ByteBuffer.wrap(opb).order(ByteOrder.LITTLE_ENDIAN).putInt(48, 2); // the EPB after SHB (28) and IDB (20) as OPB
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(resource("udp_lo.pcapng"));
        all.write(resource("handmade_be.pcapng"));
        all.write(opb);
        all.write(resource("multi_if.pcapng"));
        Path p = Files.write(dir.resolve("sections.pcapng"), all.toByteArray());
        int n = rereadAll(p, dir);
        assertEquals(n, rereadAll(gzip(dir, "sections.pcapng", all.toByteArray()), dir));
        assertTrue(n >= 8 + 6 + 1, "frames of every section: " + n);
    }
}
