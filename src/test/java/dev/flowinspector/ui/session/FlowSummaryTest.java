package dev.flowinspector.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.cli.Main;
import dev.flowinspector.engine.flow.FlowExtraction;
import dev.flowinspector.engine.flow.FlowRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowSummaryTest {

    /** Each top-talker label as a record gives it (what the summary's number keys must come back to). */
    private static final Map<FlowSummary.By, Function<FlowRecord, String>> LABELS = new EnumMap<>(Map.of(
            FlowSummary.By.SOURCES, FlowRecord::src,
            FlowSummary.By.DESTINATIONS, FlowRecord::dst,
            FlowSummary.By.PROTOCOLS, r -> r.protocol() < 0 ? null : r.protocolLabel(),
            FlowSummary.By.DESTINATION_PORTS, r -> r.dstPort() < 0 ? null : r.protocolLabel() + " port " + r.dstPort(),
            FlowSummary.By.SOURCE_AS, r -> r.srcAs() < 0 ? null : "AS" + r.srcAs(),
            FlowSummary.By.DESTINATION_AS, r -> r.dstAs() < 0 ? null : "AS" + r.dstAs(),
            FlowSummary.By.INPUT_INTERFACES, r -> r.inIf() < 0 ? null : r.exporterAddress() + " if " + r.inIf(),
            FlowSummary.By.OUTPUT_INTERFACES, r -> r.outIf() < 0 ? null : r.exporterAddress() + " if " + r.outIf(),
            FlowSummary.By.SOURCE_AS_INPUT_INTERFACE, r -> r.srcAs() < 0 || r.inIf() < 0 ? null
                    : "AS" + r.srcAs() + " × " + r.exporterAddress() + " if " + r.inIf(),
            FlowSummary.By.EXPORTERS, FlowRecord::exporter));

    @Test
    @DisplayName("a file's records counted on worker threads: the same sums by every key and the same first rows as "
            + "one pass in order")
    void parallelSameAsInOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mixed.pcap");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "generate", "-q", "-w",
                file.toString(), "--start", "2024-01-01T00:00:00Z", "-v", "5,9,10", "-e", "3", "--count", "6000",
                "--seed", "5"), err.toString());
        try (Session s = Session.forFile(file, DecodingOptions.defaults())) {
            s.load((r, p, x) -> { }, () -> false);
            List<FlowRecord> all = new ArrayList<>();
            s.scan((i, f, p) -> FlowExtraction.flows(p, i, all::add), () -> false, null);
            FlowSummary f = FlowSummary.of(s, 5000, () -> false, null);
            assertEquals(all.size(), f.records());
            assertTrue(all.size() > 5000, "records: " + all.size());
            assertEquals(all.subList(0, 5000), f.table());
            for (FlowSummary.By by : FlowSummary.By.values()) {
                Map<String, Long> want = new HashMap<>();
                for (FlowRecord r : all) {
                    String k = LABELS.get(by).apply(r);
                    if (r.bytes() > 0 && k != null && !k.isEmpty()) {
                        want.merge(k, r.bytes(), Long::sum);
                    }
                }
                Map<String, Long> got = new HashMap<>();
                f.top(by, Integer.MAX_VALUE).forEach(e -> got.put(e.getKey(), e.getValue()));
                assertEquals(want, got, by.label());
                assertTrue(by == FlowSummary.By.SOURCE_AS_INPUT_INTERFACE || by.name().endsWith("AS")
                        || !want.isEmpty(), by.label() + ": nothing to compare");
            }
        }
    }

    @Test
    @DisplayName("top talkers count every record, also those past the table's limit, and the status says the share")
    void everyRecord() throws Exception {
        try (Session s = Session.empty("pasted", DecodingOptions.defaults())) {
            s.add(SessionTest.frame(1, TestPackets.v5(1, "10.0.0.1", "10.0.0.2", 1234, 80, 6, 3, 100)));
            s.add(SessionTest.frame(2, TestPackets.v5(2, "10.0.0.9", "10.0.0.2", 1234, 80, 6, 3, 500)));
            s.add(SessionTest.frame(3, TestPackets.v5(3, "10.0.0.1", "10.0.0.3", 1234, 443, 17, 3, 300)));
            FlowSummary f = FlowSummary.of(s, 1, () -> false, null);
            assertEquals(3, f.records());
            assertEquals(1, f.shown());
            assertTrue(f.complete());
            assertEquals(List.of(Map.entry("10.0.0.9", 500L), Map.entry("10.0.0.1", 400L)),
                    f.top(FlowSummary.By.SOURCES, 10));
            assertEquals(List.of(Map.entry("10.0.0.2", 600L), Map.entry("10.0.0.3", 300L)),
                    f.top(FlowSummary.By.DESTINATIONS, 10));
            assertEquals(Map.entry("6 (TCP)", 600L), f.top(FlowSummary.By.PROTOCOLS, 1).get(0));
            assertEquals(900L, f.overTime().stream().mapToLong(b -> b[1]).sum());
            assertTrue(f.describe().contains("3 flow records; top talkers and the chart count every one, the table "
                    + "shows the first 1 (33.3 %)"), f.describe());
        }
    }
}
