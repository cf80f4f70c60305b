package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static String[] analyze(long heap, Path f) {
        java.util.function.LongSupplier before = AnalyzeCommand.maxHeap;
        AnalyzeCommand.maxHeap = () -> heap;
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int rc = Main.run(new PrintWriter(out), new PrintWriter(err), "analyze", f.toString());
            assertEquals(0, rc, err.toString());
            return new String[] {out.toString(), err.toString()};
        } finally {
            AnalyzeCommand.maxHeap = before;
        }
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
        String[] r = analyze(AnalyzeCommand.HEAP_RESERVE + 1000 * AnalyzeCommand.HELD_FLOW_BYTES, f);
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
    @DisplayName("the default heap of a 24 GiB machine (6 GiB) holds over 19 million flows; no heap holds fewer than 1000")
    void sizes() {
        assertTrue(AnalyzeCommand.heldFlows(6L << 30) > 19_000_000);
        assertEquals(1000, AnalyzeCommand.heldFlows(1L << 20));
    }
}
