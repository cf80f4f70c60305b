package dev.flowinspector.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("flow extraction: one convention for missing values, dictionary names, the collector's times")
class FlowExtractionTest {

    @Test
    @DisplayName("a JSON flow with only addresses: numbers -1, times null; options objects are not flows")
    void missingValues() {
        Map<String, Object> o = Map.of("sourceIPv4Address", "10.0.0.1", "destinationIPv4Address", "10.0.0.2");
        FlowRecord f = FlowExtraction.ofJson(o::get);
        assertEquals("10.0.0.1", f.src());
        assertEquals(-1, f.srcPort());
        assertEquals(-1, f.dstPort());
        assertEquals(-1, f.protocol());
        assertEquals(-1, f.packets());
        assertEquals(0, f.packetCount());
        assertEquals(-1, f.bytes());
        assertEquals(-1, f.srcAs());
        assertEquals(-1, f.inIf());
        assertEquals(-1, f.domain());
        assertNull(f.start());
        assertEquals(-1, f.durationMillis());
        assertEquals("", f.protocolLabel());
        assertNull(FlowExtraction.ofJson(Map.<String, Object>of("options", true, "sourceIPv4Address", "10.0.0.1")::get));
        assertNull(FlowExtraction.ofJson(Map.<String, Object>of("packetDeltaCount", 5L)::get));
    }

    @Test
    @DisplayName("protocol, ICMP and service names come from the dictionary's data files")
    void names() {
        assertEquals("58 (IPv6-ICMP)", FlowNames.protocolLabel(58));
        assertEquals("IPv6-ICMP", FlowNames.protocol(58));
        assertEquals("6 (TCP)", FlowNames.protocolLabel(6));
        assertEquals("HTTPS", FlowNames.service(6, 51000, 443));
        assertEquals("QUIC", FlowNames.service(17, 51000, 443));
        assertEquals("ICMP Echo", FlowNames.service(1, 0, 8 << 8));
        assertEquals("IPv6-ICMP Echo Reply", FlowNames.service(58, 0, 129 << 8));
        assertEquals("UDP/40000", FlowNames.service(17, 40001, 40000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:00:00Z", "2024-05-01T12:00:00.123Z", "1999-12-31T23:59:59.999999999Z",
        "2026-02-28T00:00:01.5Z", "2024-02-29T10:11:12.000001Z"})
    @DisplayName("the collector's time text is read as Instant.parse reads it")
    void times(String s) {
        assertEquals(Instant.parse(s), FlowExtraction.utc(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:00:00+02:00", "2024-05-01 12:00:00Z", "2024-13-01T12:00:00Z",
        "2024-02-30T12:00:00Z", "2024-05-01T12:00:00.Z", "yesterday"})
    @DisplayName("other time shapes are left to the general parser")
    void otherTimes(String s) {
        assertNull(FlowExtraction.utc(s));
    }

    @Test
    @DisplayName("IPFIX flowStart/EndSysUpTime count from systemInitTimeMilliseconds: the record's own, else its exporter's options data")
    void ipfixUptimeFromSystemInit() throws Exception {
        // JSON as the collector writes it: the options object announces the init time, the flow has only uptimes
        ExporterOptions options = new ExporterOptions();
        FlowExtraction.learnOptionsJson(Map.<String, Object>of("options", true, "exporter", "192.0.2.1:4739",
                "domain", 7L, "systemInitTimeMilliseconds", 1_700_000_000_000L)::get, options, "line 1");
        Map<String, Object> flow = Map.of("exporter", "192.0.2.1:4739", "domain", 7L, "sourceIPv4Address", "10.0.0.1",
                "destinationIPv4Address", "10.0.0.2", "flowStartSysUpTime", 1_000L, "flowEndSysUpTime", 4_500L);
        FlowRecord f = FlowExtraction.ofJson(flow::get, options);
        assertEquals(Instant.ofEpochMilli(1_700_000_001_000L), f.start());
        assertEquals(3_500, f.durationMillis());
        // another domain announced nothing: no times rather than wrong ones
        Map<String, Object> other = new java.util.HashMap<>(flow);
        other.put("domain", 8L);
        assertNull(FlowExtraction.ofJson(other::get, options).start());
        // the record's own init time wins
        Map<String, Object> own = new java.util.HashMap<>(other);
        own.put("systemInitTimeMilliseconds", 1_600_000_000_000L);
        assertEquals(Instant.ofEpochMilli(1_600_000_001_000L), FlowExtraction.ofJson(own::get, options).start());
        // a softflowd IPFIX capture: options data first, so every flow gets its time
        java.util.List<FlowRecord> flows = new java.util.ArrayList<>();
        try (var in = getClass().getResourceAsStream("/dev/flowinspector/exporters/softflowd-v10.pcap")) {
            new FlowInput(new ExporterOptions()).read("softflowd-v10.pcap", in, flows::add);
        }
        assertEquals(60, flows.size());
        for (FlowRecord r : flows) {
            org.junit.jupiter.api.Assertions.assertNotNull(r.start(), r::toString);
        }
    }
}
