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
}
