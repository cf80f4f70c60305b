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
import org.junit.jupiter.api.DisplayName;
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
                assertEquals(a.destination(), b.destination());
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
}
