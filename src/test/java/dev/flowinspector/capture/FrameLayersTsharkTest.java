package dev.flowinspector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flowinspector.decode.DecodeNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameLayers} against tshark over the shared corpus of captures: for every export frame kept whole, the
 * header values and checksum verdicts tshark gives (checksum checks on). Skipped when the corpus
 * ({@code corpus.dir}) or tshark is missing.
 */
class FrameLayersTsharkTest {

    private static final Path PCAPS = Path.of(System.getProperty("corpus.dir", "../shared/corpus"), "pcaps");
    private static final List<String> FIELDS = List.of("ip.ttl", "ipv6.hlim", "ip.dsfield.dscp", "ip.flags.df",
            "vlan.id", "udp.length", "ip.checksum.status", "udp.checksum.status");

    @Test
    @DisplayName("TTL/hop limit, DSCP, DF, VLAN id, UDP length and checksum verdicts as tshark gives them")
    void agreesWithTshark() throws Exception {
        assumeTrue(Files.isDirectory(PCAPS), "the shared corpus is not present (" + PCAPS + ")");
        assumeTrue(tsharkRuns(), "tshark is not installed");
        List<Path> pcaps;
        try (Stream<Path> s = Files.list(PCAPS)) {
            pcaps = s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
        List<String> differences = new ArrayList<>();
        long compared = 0;
        for (Path pcap : pcaps) {
            Map<Long, List<String>> theirs = tshark(pcap);
            try (CaptureReader r = CaptureFiles.open(pcap)) {
                Frame f;
                while ((f = r.next()) != null) {
                    if (f.frameBytes() == null || f.linkType() < 0 || !theirs.containsKey(f.number())) {
                        continue;
                    }
                    List<String> ours = ours(FrameLayers.decode(f.linkType(), f.frameBytes()));
                    compared++;
                    if (!ours.equals(theirs.get(f.number())) && differences.size() < 20) {
                        differences.add(pcap.getFileName() + " frame " + f.number() + ": ours " + ours + ", tshark "
                                + theirs.get(f.number()));
                    }
                }
            }
        }
        assertTrue(compared > 100, "frames compared: " + compared);
        assertEquals(List.of(), differences, FIELDS + " over " + compared + " frames");
    }

    /** Our values, in the order of {@link #FIELDS}, as tshark writes them (status 1 good, 0 bad, 2 not checked). */
    private static List<String> ours(FrameLayers.Result r) {
        List<String> out = new ArrayList<>();
        out.add(value(r, "ip.ttl"));
        out.add(value(r, "ipv6.hlim"));
        out.add(value(r, "ip.dsfield.dscp"));
        String df = value(r, "ip.flags.df");
        out.add(df.isEmpty() ? "" : df.equals("true") ? "1" : "0");
        out.add(value(r, "vlan.id"));
        out.add(value(r, "udp.length"));
        out.add(status(find(r.nodes(), "ip.checksum")));
        out.add(status(find(r.nodes(), "udp.checksum")));
        return out;
    }

    private static String status(DecodeNode n) {
        if (n == null) {
            return "";
        }
        return n.label().endsWith(", correct") ? "1" : n.label().contains(", incorrect") ? "0" : "2";
    }

    private static String value(FrameLayers.Result r, String field) {
        DecodeNode n = find(r.nodes(), field);
        return n == null ? "" : String.valueOf(n.value());
    }

    private static DecodeNode find(List<DecodeNode> nodes, String field) {
        for (DecodeNode n : nodes) {
            if (field.equals(n.field())) {
                return n;
            }
            DecodeNode c = find(n.children(), field);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** tshark's values per frame number: the first (outermost) value of each field. */
    private static Map<Long, List<String>> tshark(Path pcap) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-o", "ip.defragment:FALSE", "-T", "fields", "-E", "occurrence=f",
                "-e", "frame.number"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        Map<Long, List<String>> m = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            List<String> v = new ArrayList<>();
            for (int i = 1; i <= FIELDS.size(); i++) {
                v.add(i < c.length ? c[i] : "");
            }
            m.put(Long.parseLong(c[0]), v);
        }
        return m;
    }

    private static boolean tsharkRuns() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
