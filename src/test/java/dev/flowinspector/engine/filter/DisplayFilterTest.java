package dev.flowinspector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.testutil.TestPackets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayFilterTest {

    private static final ExportDecoder DECODER = new ExportDecoder(new TemplateCache());
    private static final ExportPacket V5 = DECODER.decode(
            TestPackets.v5(42, "10.0.0.1", "198.51.100.7", 40000, 443, 6, 12, 9000), ctx(1));
    private static final ExportPacket IPFIX_T = DECODER.decode(
            TestPackets.ipfix(5, true, "10.0.0.9", "203.0.113.5", 1500), ctx(2));
    private static final ExportPacket IPFIX_NO_T = new ExportDecoder(new TemplateCache()).decode(
            TestPackets.ipfix(6, false, "10.0.0.9", "203.0.113.5", 1500), ctx(3));

    private static DecodeContext ctx(long n) {
        return new DecodeContext(n, 0, new Endpoint("192.0.2.1", 2055), new Endpoint("192.0.2.2", 2055), Transport.UDP);
    }

    @ParameterizedTest(name = "{0} -> v5 {1}, ipfix {2}, ipfix without template {3}")
    @CsvSource(delimiter = ';', value = {
        "'';true;true;true",
        "version == 5;true;false;false",
        "version == 10 && sourceIPv4Address == 10.0.0.9;false;true;false",
        "version == 5 && sourceIPv4Address == 10.0.0.1;true;false;false",
        "sourceIPv4Address == 10.0.0.0/24;true;true;false",
        "destinationTransportPort == 443;true;false;false",
        "protocolIdentifier == 6 and octetDeltaCount > 8000;true;false;false",
        "octetDeltaCount >= 1500 && octetDeltaCount < 1501;false;true;false",
        "template.id == 256;false;true;true",
        "problem;false;false;true",
        "!problem;true;true;false",
        "not (version == 5 || version == 9);false;true;true",
        "sequence == 42;true;false;false",
        "nf5.sourceIPv4Address == 10.0.0.1;true;false;false",
        "exporter == 192.0.2.1;true;true;true",
        "version != 5;false;true;true",
        "sourceIPv4Address contains \"10.0.0\";true;true;false",
        "records == 0;false;false;true",
    })
    @DisplayName("filters select the packets they name")
    void matches(String filter, boolean v5, boolean ipfix, boolean noTemplate) throws FilterException {
        DisplayFilter f = DisplayFilter.parse(filter);
        assertEquals(v5, f.matches(V5), "v5");
        assertEquals(ipfix, f.matches(IPFIX_T), "ipfix");
        assertEquals(noTemplate, f.matches(IPFIX_NO_T), "ipfix without template");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '"', value = {
        "version = 9 -> '=' is not an operator; use ==, && or || (column 9)",
        "version == -> a value is needed after '==' (column 11)",
        "colour == red -> unknown field 'colour' (column 1)",
        "(version == 9 -> missing ')' (column 14)",
        "version == 9 && -> the filter ends where a field was expected (column 16)",
        "octetDeltaCount > lots -> '>' needs a number, not 'lots' (column 19)",
        "sourceIPv4Address == 10.0.0.0/40 -> prefix length in '10.0.0.0/40' must be 0..32 (column 22)",
        "version == 9 9 -> unexpected '9' (column 14)",
    })
    @DisplayName("bad filters say what is wrong and where")
    void bad(String filter, String message) {
        FilterException e = assertThrows(FilterException.class, () -> DisplayFilter.parse(filter));
        assertEquals(message, e.getMessage());
    }

    @Test
    @DisplayName("completion knows special fields, header fields and IANA element names")
    void names() {
        assertTrue(DisplayFilter.fieldNames().contains("template.id"));
        assertTrue(DisplayFilter.fieldNames().contains("sequenceNumber"));
        assertTrue(DisplayFilter.fieldNames().contains("sourceIPv4Address"));
    }
}
