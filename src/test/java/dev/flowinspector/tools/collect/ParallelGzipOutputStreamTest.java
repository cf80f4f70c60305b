package dev.flowinspector.tools.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("parallel gzip: members compressed on several threads read back as one gzip stream")
class ParallelGzipOutputStreamTest {

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    @DisplayName("several MiB written in pieces of every size come back byte for byte, in order")
    void roundTrip() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream z = new ParallelGzipOutputStream(file)) {
            for (int i = 0; i < 60_000; i++) {
                byte[] line = ("{\"n\":" + i + ",\"octets\":" + r.nextInt(1_000_000) + ",\"pad\":\""
                        + "x".repeat(r.nextInt(200)) + "\"}\n").getBytes(StandardCharsets.UTF_8);
                if (i % 7 == 0) {
                    for (byte b : line) {
                        z.write(b);
                    }
                } else {
                    z.write(line, 0, line.length);
                }
                plain.write(line);
                if (i == 30_000) {
                    z.flush(); // a short member in the middle
                }
            }
        }
        byte[] want = plain.toByteArray();
        assertEquals(true, want.length > 5 << 20, "more than a few chunks: " + want.length);
        assertArrayEquals(want, gunzip(file.toByteArray()));
    }

    @Test
    @DisplayName("nothing written: still a valid (empty) gzip file")
    void empty() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new ParallelGzipOutputStream(file).close();
        assertEquals(0, gunzip(file.toByteArray()).length);
    }
}
