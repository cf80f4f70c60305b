package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.testutil.TestPackets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("flowinspector capture --udp: stop conditions and a ring buffer of files")
class CaptureRingTest {

    private static int freePort() throws Exception {
        try (DatagramChannel c = DatagramChannel.open()) {
            c.bind(new InetSocketAddress(InetAddress.getByName("127.0.55.1"), 0));
            return ((InetSocketAddress) c.getLocalAddress()).getPort();
        }
    }

    @Test
    @DisplayName("-a packets:300 stops by itself; -b filesize:10 -b files:3 keeps the newest three files of ~10 kB")
    void ringAndStop(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path base = dir.resolve("live.pcapng");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger rc = new AtomicInteger(-1);
        Thread t = new Thread(() -> rc.set(Main.run(new PrintWriter(out), new PrintWriter(err), "capture",
                "--udp", "127.0.55.1:" + port, "-a", "packets:300", "-a", "duration:60", "-w", base.toString(),
                "-b", "filesize:10", "-b", "files:3")));
        t.start();
        long until = System.nanoTime() + 10_000_000_000L;
        while (!err.toString().contains("Listening on UDP") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        try (DatagramChannel sender = DatagramChannel.open()) {
            sender.bind(new InetSocketAddress(InetAddress.getByName("127.0.55.2"), 0));
            for (int i = 0; i < 400 && t.isAlive(); i++) {
                byte[] v5 = TestPackets.v5(i, "10.0.0.1", "10.0.0.2", 1000 + i, 80, 6, 3, 180);
                sender.send(ByteBuffer.wrap(v5), new InetSocketAddress(InetAddress.getByName("127.0.55.1"), port));
                if (i % 50 == 49) {
                    Thread.sleep(20);
                }
            }
        }
        t.join(30_000);
        assertFalse(t.isAlive(), "stopped after 300 packets");
        assertEquals(0, rc.get(), err::toString);
        assertEquals(300, out.toString().lines().count(), err::toString);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertEquals(3, files.size(), files::toString);
        assertTrue(files.get(0).getFileName().toString().matches("live_\\d{5}_\\d{14}\\.pcapng"), files::toString);
        long frames = 0;
        for (Path f : files) {
            assertTrue(Files.size(f) < 10_000 + 2_000, f + ": " + Files.size(f));
            try (CaptureReader r = CaptureFiles.open(f)) {
                while (r.next() != null) {
                    frames++;
                }
            }
        }
        assertTrue(frames > 0 && frames < 300, "the oldest files were deleted: " + frames + " frames kept");
        int last = Integer.parseInt(files.get(2).getFileName().toString().substring(5, 10));
        assertTrue(last > 3, "files rotated: the newest is number " + last);
    }

    @Test
    @DisplayName("bad stop conditions and ring settings get a one-line message")
    void badSettings() {
        StringWriter err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "capture", "--udp", "0",
                "-a", "bytes:3"));
        assertTrue(err.toString().contains("'bytes:3': a stop condition is packets:N"), err::toString);
        err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "capture", "--udp", "0",
                "-b", "files:3", "-w", "x.pcapng"));
        assertTrue(err.toString().contains("needs filesize:KB"), err::toString);
    }
}
