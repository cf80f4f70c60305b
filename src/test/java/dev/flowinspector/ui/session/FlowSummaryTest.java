package dev.flowinspector.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.testutil.TestPackets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FlowSummaryTest {

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
