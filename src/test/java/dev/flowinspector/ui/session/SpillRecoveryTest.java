package dev.flowinspector.ui.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.SpillFiles;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.testutil.TestPackets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A live capture's spill file survives a killed process and is recovered at the next start")
class SpillRecoveryTest {

    static final int FRAMES = 300;

    /** The child process: a live-like session that spills frames in batches, says "ready", and waits to be killed. */
    public static void main(String[] args) throws Exception {
        Session s = Session.empty("UDP port 2055", DecodingOptions.defaults());
        for (int b = 0; b < FRAMES / 100; b++) {
            List<dev.flowinspector.capture.Frame> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = b * 100 + i + 1;
                batch.add(SessionTest.frame(n, TestPackets.v5(n, "10.0.0.1", "10.0.0.2", 1000 + n, 80, 6, 3, 180)));
            }
            s.addAll(batch, new java.util.ArrayList<>(), new java.util.ArrayList<>());
        }
        System.out.println("ready " + s.spillFile());
        System.out.flush();
        Thread.sleep(60_000); // killed long before
    }

    @Test
    @DisplayName("kill -9 leaves the spill file; it is found as an orphan, opens with every frame, and goes when closed")
    void killedChild(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                SpillRecoveryTest.class.getName()).redirectErrorStream(true).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
            assertNotNull(line, "child said nothing");
            assertTrue(line.startsWith("ready "), line);
            assertTrue(SpillFiles.orphans(dir).isEmpty(), "a running process's spill file is no orphan");
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        Path spill = Path.of(line.substring(6));
        List<SpillFiles.Orphan> orphans = SpillFiles.orphans(dir);
        assertEquals(1, orphans.size());
        SpillFiles.Orphan o = orphans.get(0);
        assertEquals(spill, o.file());
        assertEquals(SpillFiles.CAPTURE, o.kind());
        assertEquals("UDP port 2055", o.description());
        assertEquals(p.pid(), o.pid());
        try (Session s = Session.recover(o.file(), DecodingOptions.defaults())) {
            assertTrue(SpillFiles.orphans(dir).isEmpty(), "claimed by this process");
            s.load((rows, probs, prog) -> { }, () -> false);
            assertEquals(FRAMES, s.size());
            assertEquals(FRAMES, s.unsaved());
            for (int n : new int[] {1, 150, FRAMES}) {
                assertArrayEquals(TestPackets.v5(n, "10.0.0.1", "10.0.0.2", 1000 + n, 80, 6, 3, 180),
                        s.frame(n - 1).payload());
            }
            Path saved = dir.resolve("saved.pcapng");
            assertEquals(FRAMES, s.save(saved, i -> true));
            assertEquals(0, s.unsaved());
        }
        assertFalse(Files.exists(spill), "the recovered file goes when its session closes");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(SpillFiles.PREFIX)));
        }
    }
}
