package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code decode -} reading a pipe that stays open, as from a live capture ({@code tcpdump -U -w - | flowinspector
 * decode -}): the text of the packets read so far is written while the reading waits for more, not only when a
 * batch is full or the input ends.
 */
@Isolated // it sets System.in
class StandardInputTest {

    private static final Path CAPTURE = Path.of("src/test/resources/dev/flowinspector/exporters/pmacctd-v9.pcap");

    static Stream<List<String>> modes() {
        return Stream.of(List.of(), List.of("--workers", "0"), List.of("--workers", "2", "-Y", "cflow.version == 9"),
                List.of("-F", "fields", "-e", "sourceIPv4Address", "-e", "octetDeltaCount"),
                List.of("-F", "fields", "--workers", "0", "-e", "sourceIPv4Address"), List.of("-F", "jsonl"),
                List.of("--problems"));
    }

    @ParameterizedTest(name = "decode {0} -")
    @MethodSource("modes")
    @DisplayName("decode - writes every packet it read while the pipe is still open, then ends when it closes")
    void writesWhileThePipeIsOpen(List<String> mode) throws Exception {
        List<String> args = new ArrayList<>(List.of("decode", "--one-pass"));
        args.addAll(mode);
        args.add(CAPTURE.toString());
        DecodeCommandTest.Run fromFile = DecodeCommandTest.run(args.toArray(new String[0]));
        assertEquals(0, fromFile.status(), fromFile.err());
        String expected = fromFile.out();
        assertFalse(expected.isEmpty());

        args.set(args.size() - 1, "-");
        PipedOutputStream feed = new PipedOutputStream();
        InputStream saved = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] status = {-1};
        Thread decode = new Thread(() -> status[0] = Main.run(new PrintWriter(out), new PrintWriter(err),
                args.toArray(new String[0])), "decode-stdin");
        try {
            System.setIn(new PipedInputStream(feed, 1 << 20));
            decode.start();
            feed.write(Files.readAllBytes(CAPTURE));
            feed.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!out.toString().equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(expected, out.toString(), "the text of every packet sent, before the input ends");
            assertTrue(decode.isAlive(), "still reading the open pipe");
        } finally {
            feed.close();
            decode.join(30_000);
            System.setIn(saved);
        }
        assertFalse(decode.isAlive());
        assertEquals(0, status[0], err.toString());
        assertEquals(expected, out.toString());
    }
}
