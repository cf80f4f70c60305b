package dev.flowinspector.tools.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.tools.generate.CaptureFileWriter;
import dev.flowinspector.tools.generate.GeneratedPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * softflowd 1.1.0 with {@code -s 4} (1-in-4 packet sampling) reads the project's traffic capture and exports to
 * a socket the test listens on (loopback); the datagrams become a capture, and {@code analyze --sampling auto}
 * multiplies its counters by the 4 that softflowd announced: in the v5 header, in v9 options data
 * (SAMPLING_INTERVAL) and in IPFIX options data (samplingPacketInterval 1, samplingPacketSpace 3).
 */
@DisplayName("softflowd -s 4: analyze --sampling auto renormalises with the interval softflowd exports")
class SoftflowdSamplingTest {

    private static final Path TRAFFIC = Path.of("tools/exporters/traffic.pcap");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "v{0}")
    @CsvSource(delimiter = '|', value = {
        "5|the record's own sampling interval",
        "9|samplingInterval 4 (frame 1)",
        "10|samplingPacketInterval 1 / samplingPacketSpace 3 (frame 1)"})
    void renormalised(int version, String source) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(TRAFFIC), "tools/exporters/traffic.pcap is not here");
        Path capture = dir.resolve("softflowd-s4-v" + version + ".pcap");
        int datagrams = export(version, capture);
        assertTrue(datagrams > 0, "softflowd sent nothing");
        JsonNode plain = NfcapdFilesTest.analyze("-s", "proto", capture.toString());
        JsonNode auto = NfcapdFilesTest.analyze("--sampling", "auto", "-s", "proto", capture.toString());
        long records = plain.path("recordsRead").asLong();
        assertTrue(records > 0);
        assertEquals(plain.path("totals").path("flows").asLong(), auto.path("totals").path("flows").asLong());
        assertEquals(4 * plain.path("totals").path("packets").asLong(), auto.path("totals").path("packets").asLong());
        assertEquals(4 * plain.path("totals").path("bytes").asLong(), auto.path("totals").path("bytes").asLong());
        JsonNode corrections = auto.path("sampling").path("corrections");
        assertEquals(1, corrections.size(), corrections.toString());
        assertEquals("4 from " + source, corrections.get(0).path("correction").asText());
        assertEquals(records, corrections.get(0).path("records").asLong());
        assertEquals(0, auto.path("sampling").path("uncorrectedRecords").asLong());
    }

    /** Runs softflowd -s 4 over the traffic capture towards a loopback socket; writes what arrived as a capture. */
    private int export(int version, Path capture) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.55.15");
        try (DatagramSocket in = new DatagramSocket(new InetSocketAddress(lo, 0));
             CaptureFileWriter out = new CaptureFileWriter(capture)) {
            in.setReceiveBufferSize(1 << 20);
            Process p;
            try {
                p = new ProcessBuilder("softflowd", "-r", TRAFFIC.toString(), "-n", "127.0.55.15:" + in.getLocalPort(),
                        "-v", Integer.toString(version), "-s", "4", "-a", "-c", "none", "-d",
                        "-p", dir.resolve("softflowd.pid").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("softflowd.log").toFile()).start();
            } catch (IOException e) {
                Assumptions.abort("softflowd is not installed");
                return 0;
            }
            // -r with -c none: softflowd reads the file, exports every flow at its end and exits
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroy();
                throw new AssertionError("softflowd did not finish reading the capture in 60 s");
            }
            in.setSoTimeout(1000);
            byte[] buf = new byte[65535];
            int n = 0;
            long time = 1_704_067_200_000L;
            while (true) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                try {
                    in.receive(d);
                } catch (SocketTimeoutException e) {
                    return n;
                }
                out.packet(new GeneratedPacket(0, version, 0, new Endpoint(d.getAddress().getHostAddress(), d.getPort()),
                        new Endpoint("127.0.55.15", in.getLocalPort()), time + n,
                        Arrays.copyOf(d.getData(), d.getLength()), List.of(), false));
                n++;
            }
        }
    }
}
