package dev.flowinspector.decode;

import static dev.flowinspector.decode.Decoding.codes;
import static dev.flowinspector.decode.Decoding.decode;
import static dev.flowinspector.decode.Decoding.record;
import static dev.flowinspector.decode.IpfixFixtures.field;
import static dev.flowinspector.decode.IpfixFixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.dictionary.DataType;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The compiled plan of a template: what each field is, and the writers every output uses. */
class FieldPlanTest {

    /** One IPFIX record: address, IPv6 address, port, protocol, counter, time, MAC, string, float, octets. */
    private static DataRecord sample() {
        Bytes b = message(1).set(2).u16(256).u16(10);
        field(b, 8, 4);     // sourceIPv4Address
        field(b, 28, 16);   // destinationIPv6Address
        field(b, 7, 2);     // sourceTransportPort
        field(b, 4, 1);     // protocolIdentifier
        field(b, 1, 4);     // octetDeltaCount, reduced size
        field(b, 152, 8);   // flowStartMilliseconds
        field(b, 56, 6);    // sourceMacAddress
        field(b, 82, 0xffff); // interfaceName
        field(b, 311, 8);   // samplingProbability (float64)
        field(b, 210, 3);   // paddingOctets
        b.end().set(256).ipv4("10.0.0.1").ipv6("2001:db8::1").u16(443).u8(6).u32(1500).u64(1_700_000_000_250L)
                .hex("0a0b0c0d0e0f").u8(4).text("eth0").u64(Double.doubleToLongBits(0.25)).zeros(3).end().endAll();
        ExportPacket p = decode(b);
        assertEquals(List.of(), codes(p));
        return record(p, 0);
    }

    @Test
    @DisplayName("one plan per template, shared by its records; each field's kind, label and element")
    void whatEachFieldIs() {
        DataRecord r = sample();
        FieldPlan plan = r.plan();
        assertEquals(10, plan.size());
        assertEquals(List.of(FieldPlan.Kind.IPV4, FieldPlan.Kind.IPV6, FieldPlan.Kind.UNSIGNED, FieldPlan.Kind.UNSIGNED,
                FieldPlan.Kind.UNSIGNED, FieldPlan.Kind.MILLIS, FieldPlan.Kind.MAC, FieldPlan.Kind.STRING,
                FieldPlan.Kind.FLOAT, FieldPlan.Kind.OCTETS), java.util.stream.IntStream.range(0, 10)
                .mapToObj(plan::kind).toList());
        assertEquals("octetDeltaCount", plan.label(4));
        assertEquals(1, plan.element(4).id());
        assertEquals("octets", plan.unit(4));
        assertEquals(0, plan.sourceAddress());
        assertEquals(1, plan.destinationAddress());
        assertEquals(2, plan.sourcePort());
        assertEquals(-1, plan.destinationPort());
        assertEquals(5, plan.index("flowStartMilliseconds"));
        assertEquals(-1, plan.index("noSuchField"));
        assertNull(plan.jsonName(9), "padding is not written to record JSON");
        assertEquals("interfaceName", plan.jsonName(7));
        assertEquals(FieldPlan.Kind.UNSIGNED, FieldPlan.Kind.of(DataType.UNSIGNED16));
        assertTrue(FieldPlan.Kind.MILLIS.fits(4) && FieldPlan.Kind.MILLIS.fits(8) && !FieldPlan.Kind.MILLIS.fits(6));
    }

    @Test
    @DisplayName("typed access by field: numbers, addresses, text, times")
    void typedAccess() {
        DataRecord r = sample();
        FieldPlan plan = r.plan();
        assertEquals(1500, plan.number(r, 4, -1));
        assertEquals(6, plan.number(r, 3, -1));
        assertEquals(1_700_000_000_250L, plan.number(r, 5, -1));
        assertEquals(-1, plan.number(r, 0, -1), "an address is not a number");
        assertEquals("10.0.0.1", plan.address(r, 0));
        assertEquals("2001:db8::1", plan.address(r, 1));
        assertEquals("0a:0b:0c:0d:0e:0f", plan.address(r, 6));
        assertNull(plan.address(r, 4));
        assertEquals("eth0", plan.text(r, 7));
        assertEquals("0.25", plan.text(r, 8));
        assertEquals("000000", plan.text(r, 9));
        assertEquals(1_700_000_000_250L, plan.millis(r, 5));
        assertEquals(FieldPlan.NO_TIME, plan.millis(r, 4));
        assertEquals(FieldPlan.JSON_NUMBER, plan.jsonForm(r, 4));
        assertEquals(FieldPlan.JSON_TEXT, plan.jsonForm(r, 0));
        assertEquals(FieldPlan.JSON_VALUE, plan.jsonForm(r, 7));
    }

    @Test
    @DisplayName("the display writer writes what the typed value displays, or nothing")
    void displayIsTheValuesDisplay() {
        DataRecord r = sample();
        FieldPlan plan = r.plan();
        for (int i = 0; i < plan.size(); i++) {
            ByteSink s = new ByteSink();
            boolean written = plan.display(i, r.data(), r.valueOffset(i), r.valueLength(i), s);
            if (written) {
                assertEquals(r.field(i).display(), s.toString(), plan.label(i));
            } else {
                assertEquals(0, s.length(), plan.label(i) + ": nothing written when the full decode must say it");
            }
        }
        ByteSink f = new ByteSink();
        assertFalse(plan.display(8, r.data(), r.valueOffset(8), r.valueLength(8), f), "floats: the full decode");
        assertEquals("6 (TCP)", r.field(3).display());
    }

    @Test
    @DisplayName("the tree's record line uses the plan's plain texts")
    void recordLine() {
        DataRecord r = sample();
        assertEquals(": 10.0.0.1:443 → 2001:db8::1", PacketTree.recordSummary(r));
        assertSame(r.plan(), r.plan());
    }

    @Test
    @DisplayName("record JSON names: repeats get #2, #3 in order, padding none; 16000 repeats are named at once")
    void jsonNames() {
        var reg = dev.flowinspector.dictionary.InformationElementRegistry.standard();
        TemplateField bytes = new TemplateField(reg.ipfix(0, 1), 4, false);
        TemplateField port = new TemplateField(reg.ipfix(0, 7), 2, false);
        TemplateField pad = new TemplateField(reg.ipfix(0, 210), 2, false);
        FieldPlan plan = FieldPlan.of(List.of(bytes, bytes, port, pad, bytes, port), reg);
        assertEquals(java.util.Arrays.asList("octetDeltaCount", "octetDeltaCount#2", "sourceTransportPort", null,
                "octetDeltaCount#3", "sourceTransportPort#2"), java.util.stream.IntStream.range(0, 6)
                .mapToObj(plan::jsonName).toList());
        FieldPlan many = FieldPlan.of(java.util.Collections.nCopies(16000, port), reg);
        assertEquals("sourceTransportPort#16000", many.jsonName(15999));
    }
}
