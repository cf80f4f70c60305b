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
        "sourceIPv4Address == 10.0.0.0/8 and not sourceIPv4Address == 10.0.0.1;false;true;false",
        "destinationTransportPort == 443;true;false;false",
        "protocolIdentifier == 6 and octetDeltaCount > 8000;true;false;false",
        "protocolIdentifier == tcp;true;false;false",
        "octetDeltaCount >= 1500 && octetDeltaCount < 1501;false;true;false",
        "template.id == 256;false;true;true",
        "problem;false;false;true",
        "!problem;true;true;false",
        "not (version == 5 || version == 9);false;true;true",
        "sequence == 42;true;false;false",
        "nf5.sourceIPv4Address == 10.0.0.1;true;false;false",
        "ipfix.sourceIPv4Address == 10.0.0.1;false;false;false",
        "exporter == 192.0.2.1;true;true;true",
        "exporter == 192.0.2.0/24 && exporter.port == 2055;true;true;true",
        "version != 5;false;true;true",
        "exporter == 192.0.2.1:2055 && collector == 192.0.2.2:2055;true;true;true",
        "exporter == 192.0.2.1:2056;false;false;false",
        "sourceIPv4Address contains \"10.0.0\";true;true;false",
        "records == 0;false;false;true",
        "cflow.srcaddr == 10.0.0.1;true;false;false",
        "cflow.dstaddr == 203.0.113.5 || cflow.dstport == 443;true;true;false",
        "cflow.version == 10;false;true;true",
        "cflow.octets in {1000..2000 9000};true;true;false",
        "destinationTransportPort in {80, 443, 8000..8080};true;false;false",
        "version in {9 10};false;true;true",
        "sourceIPv4Address in {10.0.0.1..10.0.0.5};true;false;false",
        "sourceIPv4Address in {192.168.0.0/16, 10.0.0.9};false;true;false",
        "sourceIPv4Address matches \"^10\\.0\\.0\\.[19]$\";true;true;false",
        "destinationIPv4Address ~ \"203\";false;true;false",
        "protocolIdentifier != 17;true;false;false",
        "!(protocolIdentifier == 17);true;true;true",
        "octetDeltaCount;true;true;false",
        "problem == data.template.missing || problem.severity == error;false;false;true",
        "sourceIPv4Address eq 10.0.0.1 or octetDeltaCount ge 1500;true;true;false",
    })
    @DisplayName("filters select the packets they name")
    void matches(String filter, boolean v5, boolean ipfix, boolean noTemplate) throws FilterException {
        DisplayFilter f = DisplayFilter.parse(filter);
        assertEquals(v5, f.matches(V5), "v5");
        assertEquals(ipfix, f.matches(IPFIX_T), "ipfix");
        assertEquals(noTemplate, f.matches(IPFIX_NO_T), "ipfix without template");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', value = {
        "version = 9 -> '=' is not an operator (column 9); use ==, && or ||",
        "version == -> a value is needed after '==' (column 11)",
        "sourceIPv4Adress == 10.0.0.1 -> unknown field 'sourceIPv4Adress' (column 1); did you mean 'sourceIPv4Address'?",
        "foo.bar == 1 -> unknown field 'foo.bar' (column 1); the nearest name is 'flowId'",
        "cflow.srcadr == 10.0.0.1 -> unknown field 'cflow.srcadr' (column 1); did you mean 'cflow.srcaddr'?",
        "ip.src == 10.0.0.1 -> unknown field 'ip.src' (column 1); use 'sourceIPv4Address' (cflow.srcaddr) for a flow's source or 'exporter' for the packet's sender",
        "(version == 9 -> missing ')' (column 14); for the '(' at column 1",
        "version == 9 && -> the filter ends where a field was expected (column 16)",
        "octetDeltaCount > lots -> 'lots' is not a number; 'octetDeltaCount' is unsigned64 (column 19)",
        "sourceIPv4Address == 10.0.0.0/40 -> the prefix length in '10.0.0.0/40' must be 0..32 (column 22)",
        "sourceIPv4Address == 10.0.0.300 -> '10.0.0.300' is not an IPv4 address; 'sourceIPv4Address' is an IPv4 address (column 22); write it as 10.0.0.1 or 10.0.0.0/8",
        "cflow.srcaddr == 10.0.0.300 -> '10.0.0.300' is not an IPv4 address; 'cflow.srcaddr' (sourceIPv4Address) is an IPv4 address (column 18); write it as 10.0.0.1 or 10.0.0.0/8",
        "destinationTransportPort == 70000 -> 70000 is out of range for 'destinationTransportPort' (unsigned16: 0..65535) (column 29)",
        "cflow.dstport in {1..70000} -> 70000 is out of range for 'cflow.dstport' (destinationTransportPort) (unsigned16: 0..65535) (column 22)",
        "sourceIPv4Address == 5 -> '5' is not an IPv4 address; 'sourceIPv4Address' is an IPv4 address (column 22); write it as 10.0.0.1 or 10.0.0.0/8",
        "protocolIdentifier == 10.0.0.1 -> '10.0.0.1' is not a number or a name of protocolIdentifier's values; 'protocolIdentifier' is unsigned8 (column 23)",
        "octetDeltaCount contains 5 -> 'contains' needs a text field; 'octetDeltaCount' is unsigned64 (column 17); use ==, <, >= or in {...}",
        "problem == nosuch.code -> unknown problem code 'nosuch.code' (column 12); decode --problems lists them",
        "sourceIPv4Address matches \"(\" -> '(' is not a regular expression: Unclosed group (column 27)",
        "version in {} -> the set is empty (column 12)",
        "version in {9 -> missing '}' (column 14); for the '{' at column 12",
        "version == 9 9 -> unexpected '9' (column 14); join tests with && or ||",
        "10.0.0.1 -> '10.0.0.1' is not a field name (column 1); write field == value, e.g. sourceIPv4Address == 10.0.0.1",
    })
    @DisplayName("bad filters say what is wrong, where, and what was probably meant")
    void bad(String filter, String message) {
        FilterException e = assertThrows(FilterException.class, () -> DisplayFilter.parse(filter));
        assertEquals(message, e.getMessage());
    }

    @Test
    @DisplayName("records are filtered one by one; flow records given by name too")
    void records() throws FilterException {
        DisplayFilter f = DisplayFilter.parse("cflow.srcaddr == 10.0.0.0/8 && cflow.dstport == 443");
        var r = V5.sets().get(0).records().get(0);
        assertTrue(f.matchesRecord(V5, r));
        assertEquals(false, DisplayFilter.parse("destinationTransportPort == 80").matchesRecord(V5, r));
        java.util.Map<String, Object> json = java.util.Map.of("sourceIPv4Address", "10.1.2.3",
                "destinationTransportPort", 443L, "exporter", "192.0.2.1:2055");
        assertTrue(f.matchesNamed(json::get));
        assertTrue(DisplayFilter.parse("exporter == 192.0.2.1 && exporter.port == 2055").matchesNamed(json::get));
        assertEquals(false, DisplayFilter.parse("protocolIdentifier == 6").matchesNamed(json::get));
    }

    @Test
    @DisplayName("every cflow alias stands for a field the filter knows, and the common ones for the right one")
    void aliases() throws FilterException, java.io.IOException {
        var fields = FilterFields.standard();
        long lines;
        try (var in = FilterFields.class.getResourceAsStream("cflow-aliases.tsv")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).count();
        }
        assertEquals(lines, fields.aliases().size(), "every alias in the table stands for a field we know");
        assertTrue(lines > 400, "aliases: " + lines);
        assertEquals("sourceIPv4Address", fields.resolve("cflow.srcaddr").get(0).name());
        assertEquals("destinationIPv4Address", fields.resolve("cflow.dstaddr").get(0).name());
        assertEquals("protocolIdentifier", fields.resolve("cflow.protocol").get(0).name());
        assertEquals("ingressInterface", fields.resolve("cflow.inputint").get(0).name());
        assertEquals("bgpSourceAsNumber", fields.resolve("cflow.srcas").get(0).name());
        assertEquals("observationDomainId", fields.resolve("cflow.od_id").get(0).name());
        assertEquals("template.id", fields.resolve("cflow.template_id").get(0).name());
        for (String name : DisplayFilter.fieldNames()) {
            DisplayFilter.parse(name); // every name completion offers is a name the filter takes
        }
    }

    @Test
    @DisplayName("completion knows special fields, header fields and IANA element names")
    void names() {
        assertTrue(DisplayFilter.fieldNames().contains("template.id"));
        assertTrue(DisplayFilter.fieldNames().contains("sequenceNumber"));
        assertTrue(DisplayFilter.fieldNames().contains("sourceIPv4Address"));
    }
}
