package dev.flowinspector.tools.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.tools.generate.UdpSender;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("collect: SIGTERM during collection loses no record and leaves a complete gzip file")
class CollectSigtermTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("records sent before SIGTERM are all in the file")
    void sigterm() throws Exception {
        InetAddress lo = dev.flowinspector.testutil.Loopback.v4(1);
        // Unix: Process.destroy() sends SIGTERM, the signal a service manager stops the collector with.
        // Windows has no SIGTERM (destroy() is TerminateProcess: no shutdown hook runs), so there the
        // collector stops itself (--duration) and the same things are checked: nothing sent is lost, the
        // gzip file is complete.
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            port = s.getLocalPort();
        }
        Path out = dir.resolve("flows.jsonl.gz");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.flowinspector.cli.Main", "collect",
                "--bind", lo.getHostAddress(), "--port", Integer.toString(port), "-o", out.toString(), "--status", "0"));
        if (windows) {
            cmd.addAll(List.of("--duration", "8s"));
        }
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        Path log = dir.resolve("log.txt");
        for (int i = 0; i < 200 && !Files.readString(log).contains("listening on"); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(log).contains("listening on"), "collector started: " + Files.readString(log));
        GeneratorOptions g = new GeneratorOptions();
        g.versions = List.of(5);
        g.exporters = 2;
        g.count = 200;
        g.rate = 4000;
        try (UdpSender udp = new UdpSender(new InetSocketAddress(lo, port), g.exporters)) {
            new Generator(g).run(udp);
        }
        if (!windows) {
            p.destroy(); // SIGTERM, right after the last datagram
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "collector exits");
        String rest = Files.readString(log);
        assertTrue(rest.contains("6000 records from 200 packets"), rest);
        List<JsonNode> records = GenerateCollectTest.readJsonLines(List.of(out)); // fails on a missing gzip trailer
        assertEquals(200 * 30, records.size());
        assertTrue(Files.size(out) > 0);
    }
}
