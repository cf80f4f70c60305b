package dev.flowinspector.capture;

import static dev.flowinspector.capture.CaptureFilesTest.open;
import static dev.flowinspector.capture.CaptureFilesTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Saving frames as pcapng")
class CaptureWriterTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"udp_lo.pcap", "tcp_lo.pcap", "exports.ipfix", "handmade_be.pcapng"})
    @DisplayName("saved export frames read back with the same payloads, endpoints, transport and times")
    void roundTrip(String file, @TempDir Path dir) throws IOException {
        List<Frame> before = readAll(open(file));
        Path out = dir.resolve("saved.pcapng");
        try (CaptureWriter w = CaptureWriter.create(out, CaptureWriter.Format.PCAPNG, true, "saved by a test")) {
            for (Frame f : before) {
                w.write(f);
            }
        }
        try (CaptureReader r = CaptureFiles.open(out, ExportPorts.defaults().withPorts(java.util.Set.of(0)))) {
            List<Frame> after = readAll(r);
            assertNull(r.damage());
            assertEquals(before.size(), after.size());
            assertEquals("saved by a test", r.fileComments().get(0));
            for (int i = 0; i < before.size(); i++) {
                Frame a = before.get(i);
                Frame b = after.get(i);
                assertArrayEquals(a.payload(), b.payload());
                assertEquals(a.source(), b.source());
                if (a.destination().port() == 0) {
                    // a payload without transport goes to its version's usual collector port, which Wireshark decodes
                    assertEquals(a.destination().address(), b.destination().address());
                    assertEquals(a.payload()[1] == 10 ? 4739 : 2055, b.destination().port());
                } else {
                    assertEquals(a.destination(), b.destination());
                }
                assertEquals(a.timeNanos(), b.timeNanos());
                assertEquals(a.transport() == dev.flowinspector.decode.Transport.NONE
                        ? dev.flowinspector.decode.Transport.UDP : a.transport(), b.transport());
                if (a.frameBytes() == null) {
                    assertTrue(b.comment().startsWith("FlowInspector: "), b.comment());
                    assertTrue(b.notes().stream().noneMatch(n -> n.code().equals("transport.udp.checksum.bad")));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UDP 192.0.2.10", "TCP 192.0.2.10", "UDP 2001:db8::10", "TCP 2001:db8::10"})
    @DisplayName("frames without their original bytes are rebuilt as IP packets with good checksums")
    void rebuiltFrames(String kind, @TempDir Path dir) throws IOException {
        String[] k = kind.split(" ");
        dev.flowinspector.decode.Transport t = dev.flowinspector.decode.Transport.valueOf(k[0]);
        String collector = k[1].contains(":") ? "2001:db8::1" : "192.0.2.1";
        List<Frame> before = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // an IPFIX message header alone, observation domain i + 1 (a TCP stream splits back by its length)
            byte[] msg = new byte[16];
            msg[1] = 10;
            msg[3] = 16;
            msg[15] = (byte) (i + 1);
            before.add(new Frame(i + 1, 1_700_000_000_000_000_000L + i * 1000L,
                    new dev.flowinspector.decode.Endpoint(k[1], 40000 + i % 2),
                    new dev.flowinspector.decode.Endpoint(collector, 4739), t, msg, -1, null, -1, null, null));
        }
        List<Frame> after = writeAndReadBack(before, dir.resolve("rebuilt.pcapng"), ExportPorts.defaults());
        for (int i = 0; i < before.size(); i++) {
            Frame a = before.get(i);
            Frame b = after.get(i);
            assertArrayEquals(a.payload(), b.payload());
            assertEquals(a.source(), b.source());
            assertEquals(a.destination(), b.destination());
            assertEquals(t, b.transport());
            // checksums and lengths fine: a TCP message carries only the note naming its stream
            assertTrue(b.notes().stream().allMatch(n -> t == dev.flowinspector.decode.Transport.TCP
                    && n.code().equals("transport.tcp") && n.message().contains("TCP stream")), b.notes().toString());
        }
    }

    @Test
    @DisplayName("rebuilt frames one after another, long then short, IPv4, IPv6 and mixed: each reads back whole, checksums good")
    void rebuiltFramesInTurn(@TempDir Path dir) throws IOException {
        Random rnd = new Random(3);
        String[][] pairs = {{"192.0.2.10", "192.0.2.1"}, {"2001:db8::10", "2001:db8::1"}, {"192.0.2.10", "2001:db8::1"}};
        int[] sizes = {60_000, 17, 1400, 3, 65_000, 0, 1}; // a long payload first leaves its bytes in the writer's buffer
        List<Frame> before = new java.util.ArrayList<>();
        for (int i = 0; i < 3 * sizes.length; i++) {
            byte[] payload = new byte[sizes[i % sizes.length]];
            rnd.nextBytes(payload);
            String[] pair = pairs[i / sizes.length];
            before.add(new Frame(i + 1, 1_700_000_000_000_000_000L + i * 1000L,
                    new dev.flowinspector.decode.Endpoint(pair[0], 40000), new dev.flowinspector.decode.Endpoint(pair[1], 2055),
                    dev.flowinspector.decode.Transport.UDP, payload, -1, null, -1, i % 2 == 0 ? null : "own " + i, null));
        }
        List<Frame> after = writeAndReadBack(before, dir.resolve("rebuilt.pcapng"), ExportPorts.everything());
        for (int i = 0; i < before.size(); i++) {
            Frame a = before.get(i);
            Frame b = after.get(i);
            assertArrayEquals(a.payload(), b.payload(), "frame " + (i + 1));
            assertEquals(a.source().port(), b.source().port());
            assertTrue(b.notes().isEmpty(), "frame " + (i + 1) + ": " + b.notes());
            String expected = "FlowInspector: payload received by FlowInspector, written as one raw IP packet"
                    + (a.comment() == null ? "" : "\n" + a.comment());
            assertEquals(expected, b.comment(), "frame " + (i + 1));
        }
    }

    /** Writes frames to a pcapng and reads them back whole: no damage, as many frames. */
    private static List<Frame> writeAndReadBack(List<Frame> before, Path out, ExportPorts ports) throws IOException {
        try (CaptureWriter w = CaptureWriter.create(out, CaptureWriter.Format.PCAPNG, true, null)) {
            for (Frame f : before) {
                w.write(f);
            }
        }
        try (CaptureReader r = CaptureFiles.open(out, ports)) {
            List<Frame> after = readAll(r);
            assertNull(r.damage());
            assertEquals(before.size(), after.size());
            return after;
        }
    }
}
