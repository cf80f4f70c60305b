package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.tools.generate.CaptureFileWriter;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("analyze: the connection view holds as many flows as the heap allows, and says so when it holds fewer")
class AnalyzeHeldFlowsTest {

    @TempDir
    Path dir;

    /** 60 v5 packets of 30 records: 1800 flows. */
    private Path capture() throws Exception {
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.of(5);
        o.count = 60;
        o.seed = 11;
        o.startMillis = 1_714_564_800_000L;
        Path f = dir.resolve("flows.pcap");
        try (CaptureFileWriter w = new CaptureFileWriter(f)) {
            new Generator(o).run(w);
        }
        return f;
    }

    private static String[] analyze(long heap, Path f, String... options) {
        java.util.function.LongSupplier before = AnalyzeCommand.maxHeap;
        AnalyzeCommand.maxHeap = () -> heap;
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            List<String> args = new java.util.ArrayList<>(List.of("analyze"));
            args.addAll(List.of(options));
            args.add(f.toString());
            int rc = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(new String[0]));
            assertEquals(0, rc, err.toString());
            return new String[] {out.toString(), err.toString()};
        } finally {
            AnalyzeCommand.maxHeap = before;
        }
    }

    /** Standard output and error of analyze with a heap for 1000 flows. */
    private static String[] heapFor1000(Path f, String... options) {
        return analyze(AnalyzeCommand.HEAP_RESERVE + 1000 * AnalyzeCommand.HELD_FLOW_BYTES, f, options);
    }

    /** Flows listed by analyze with a heap for every flow of the capture (2000). */
    private static long listedWithRoom(Path f, String... options) {
        return flowsListed(analyze(AnalyzeCommand.HEAP_RESERVE + 2000 * AnalyzeCommand.HELD_FLOW_BYTES, f, options)[0]);
    }

    /** Flows in the connection lines: a paired connection is two, a one-way one is one. */
    private static long flowsListed(String out) {
        long n = 0;
        for (String l : out.split("\n")) {
            n += l.endsWith("(one way)") ? 1 : 2;
        }
        return n;
    }

    @Test
    @DisplayName("a heap for 1000 flows: the connections of the first 1000 of 1800, and a line saying what was left out")
    void fewerThanRead() throws Exception {
        Path f = capture();
        String[] r = heapFor1000(f);
        assertEquals(1000, flowsListed(r[0]));
        assertTrue(r[1].contains("1800 flows read; the connections below are those of the first 1000."), r[1]);
        assertTrue(r[1].contains("-s, -A and --top count every flow"), r[1]);
        assertTrue(r[1].contains("\n1000 flows, "), "the summary counts the flows listed: " + r[1]);
    }

    @Test
    @DisplayName("a heap for all of them: every flow listed, nothing said")
    void all() throws Exception {
        Path f = capture();
        String[] r = analyze(AnalyzeCommand.HEAP_RESERVE + 2000 * AnalyzeCommand.HELD_FLOW_BYTES, f);
        assertEquals(1800, flowsListed(r[0]));
        assertTrue(r[1].startsWith("1800 flows, "), r[1]);
    }

    @Test
    @DisplayName("-Y before the heap's limit: a filter keeping fewer flows than the heap holds lists all of them")
    void filterFirst() throws Exception {
        Path f = capture();
        long udp = listedWithRoom(f, "-Y", "protocolIdentifier == 17");
        assertTrue(udp > 500 && udp < 1000, "UDP flows: " + udp);
        String[] r = heapFor1000(f, "-Y", "protocolIdentifier == 17");
        assertEquals(udp, flowsListed(r[0]));
        assertTrue(r[1].startsWith(udp + " flows, "), r[1]);
        assertFalse(r[1].contains("flows read"), r[1]);
    }

    @Test
    @DisplayName("-Y keeping more flows than the heap holds: the line says how many it selected")
    void filterKeepsMoreThanHeld() throws Exception {
        Path f = capture();
        long tcp = listedWithRoom(f, "-Y", "protocolIdentifier == 6");
        assertTrue(tcp > 1000 && tcp < 1800, "TCP flows: " + tcp);
        String[] r = heapFor1000(f, "-Y", "protocolIdentifier == 6");
        assertEquals(1000, flowsListed(r[0]));
        assertTrue(r[1].contains("1800 flows read, " + tcp + " of them selected by -Y; the connections below are "
                + "those of the first 1000."), r[1]);
    }

    @Test
    @DisplayName("with -t, the totals count every record read, held or not")
    void recordsReadCountsAll() throws Exception {
        String[] r = heapFor1000(capture(), "-t", "2024-05-01T11:00/2024-05-01T13:00");
        assertEquals(1000, flowsListed(r[0]));
        assertTrue(r[1].contains("1800 flows read; the connections below are those of the first 1000."), r[1]);
        assertTrue(r[1].contains("Records read: 1800, counted: 1000"), r[1]);
    }

    @Test
    @DisplayName("the default heap of a 24 GiB machine (6 GiB) holds over 19 million flows; no heap holds fewer than 1000")
    void sizes() {
        assertTrue(AnalyzeCommand.heldFlows(6L << 30) > 19_000_000);
        assertEquals(1000, AnalyzeCommand.heldFlows(1L << 20));
    }
}
