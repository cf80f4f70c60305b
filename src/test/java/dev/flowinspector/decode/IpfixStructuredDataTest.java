package dev.flowinspector.decode;

import static dev.flowinspector.decode.Decoding.codes;
import static dev.flowinspector.decode.Decoding.decode;
import static dev.flowinspector.decode.Decoding.record;
import static dev.flowinspector.decode.IpfixFixtures.PEN;
import static dev.flowinspector.decode.IpfixFixtures.field;
import static dev.flowinspector.decode.IpfixFixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 6313 structured data: basicList, subTemplateList, subTemplateMultiList. */
class IpfixStructuredDataTest {

    static final int BASIC_LIST = 10;
    static final int STL = 11;
    static final int STML = 12;

    /**
     * A message with the list elements taught (RFC 5610), sub-templates 258 (sourceIPv4Address,
     * destinationTransportPort), 259 (protocolIdentifier) and 260 (interfaceName, basicList), and data template
     * 256 holding one list element of the given kind; data is the list's content (semantic onwards).
     */
    static ExportPacket listMessage(int listId, Consumer<Bytes> content) {
        Bytes b = IpfixFixtures.teachAll(message(1));
        b.set(2).u16(258).u16(2);
        field(b, 8, 4);
        field(b, 11, 2);
        b.u16(259).u16(1);
        field(b, 4, 1);
        b.u16(260).u16(2);
        field(b, 82, 0xffff);
        field(b, BASIC_LIST, 0xffff, PEN);
        b.u16(256).u16(1);
        field(b, listId, 0xffff, PEN);
        b.end();
        Bytes list = Bytes.of();
        content.accept(list);
        b.set(256).u8(255).u16(list.size()).raw(list.bytes()).end().endAll();
        return decode(b);
    }

    static FieldValue theList(ExportPacket p) {
        return record(p, p.recordCount() - 1).field(0);
    }

    /** Children after the list header (semantic, fieldId/elementLength or templateId). */
    static List<FieldValue> items(FieldValue list, String name) {
        List<FieldValue> out = new ArrayList<>();
        for (FieldValue c : list.children()) {
            if (c.name().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    @DisplayName("basicList with fixed-length elements")
    void basicListFixed() {
        ExportPacket p = listMessage(BASIC_LIST, l -> l.u8(3).u16(7).u16(2).u16(80).u16(443).u16(8080));
        assertEquals(List.of(), codes(p), () -> p.problems().toString());
        FieldValue list = theList(p);
        assertEquals("exampleBasicList", list.name());
        assertEquals(DataType.BASIC_LIST, list.ie().type());
        assertEquals(3L, list.child("semantic").value());
        assertEquals("3 (allOf)", list.child("semantic").display());
        assertEquals(7L, list.child("fieldId").value());
        assertEquals(2L, list.child("elementLength").value());
        List<FieldValue> ports = items(list, "sourceTransportPort");
        assertEquals(3, ports.size());
        assertEquals(443L, ports.get(1).value());
        assertEquals(list.offset() + 5 + 2, ports.get(1).offset());
        assertEquals("basicList allOf: 3 × sourceTransportPort", list.display());
        assertTrue(list.value() instanceof List<?>);
    }

    @Test
    @DisplayName("basicList with variable-length elements")
    void basicListVariable() {
        ExportPacket p = listMessage(BASIC_LIST, l -> l.u8(2).u16(82).u16(0xffff)
                .u8(4).text("eth0").u8(5).text("wlan0"));
        assertEquals(List.of(), codes(p));
        FieldValue list = theList(p);
        assertEquals("variable", list.child("elementLength").display());
        List<FieldValue> names = items(list, "interfaceName");
        assertEquals(List.of("eth0", "wlan0"), List.of(names.get(0).value(), names.get(1).value()));
        assertEquals(list.offset() + 5 + 1, names.get(0).offset());
    }

    @Test
    @DisplayName("basicList of an enterprise element (PEN after the element length)")
    void basicListEnterprise() {
        ExportPacket p = listMessage(BASIC_LIST, l -> l.u8(3).u16(0x8001).u16(8)
                .u32(InformationElementRegistry.REVERSE_PEN).u64(5).u64(6));
        assertEquals(List.of(), codes(p));
        FieldValue list = theList(p);
        assertEquals("1 (reverseOctetDeltaCount) PEN 29305", list.child("fieldId").display());
        List<FieldValue> v = items(list, "reverseOctetDeltaCount");
        assertEquals(2, v.size());
        assertEquals(6L, v.get(1).value());
        assertEquals(list.offset() + 9 + 8, v.get(1).offset());
    }

    @Test
    @DisplayName("subTemplateList: records of one template")
    void subTemplateList() {
        ExportPacket p = listMessage(STL, l -> l.u8(3).u16(258).ipv4("10.0.0.1").u16(53).ipv4("10.0.0.2").u16(123));
        assertEquals(List.of(), codes(p), () -> p.problems().toString());
        FieldValue list = theList(p);
        assertEquals(258L, list.child("templateId").value());
        List<FieldValue> recs = items(list, "record");
        assertEquals(2, recs.size());
        assertEquals("10.0.0.2", recs.get(1).child("sourceIPv4Address").value());
        assertEquals(123L, recs.get(1).child("destinationTransportPort").value());
        assertEquals(list.offset() + 3 + 6, recs.get(1).offset());
        assertEquals("subTemplateList allOf: 2 record(s) of template 258", list.display());
    }

    @Test
    @DisplayName("subTemplateMultiList: entries of different templates")
    void subTemplateMultiList() {
        ExportPacket p = listMessage(STML, l -> l.u8(1)
                .begin(2).u16(258).u16(0).ipv4("10.0.0.1").u16(53).end()
                .begin(2).u16(259).u16(0).u8(6).u8(17).end());
        assertEquals(List.of(), codes(p), () -> p.problems().toString());
        FieldValue list = theList(p);
        List<FieldValue> entries = items(list, "entry");
        assertEquals(2, entries.size());
        assertEquals(258L, entries.get(0).child("templateId").value());
        assertEquals(10L, entries.get(0).child("entryLength").value());
        List<FieldValue> protos = items(entries.get(1), "record");
        assertEquals(2, protos.size());
        assertEquals(17L, protos.get(1).child("protocolIdentifier").value());
        assertEquals("subTemplateMultiList exactlyOneOf: 2 entries, 3 record(s)", list.display());
    }

    @Test
    @DisplayName("nested lists: a subTemplateList whose records carry a basicList")
    void nested() {
        ExportPacket p = listMessage(STL, l -> l.u8(3).u16(260)
                .u8(4).text("eth0").u8(9).u8(3).u16(7).u16(2).u16(22).u16(80)
                .u8(4).text("eth1").u8(7).u8(3).u16(7).u16(2).u16(443));
        assertEquals(List.of(), codes(p), () -> p.problems().toString());
        List<FieldValue> recs = items(theList(p), "record");
        assertEquals(2, recs.size());
        FieldValue inner = recs.get(0).child("exampleBasicList");
        assertEquals(List.of(22L, 80L), items(inner, "sourceTransportPort").stream().map(FieldValue::value).toList());
        assertEquals("eth1", recs.get(1).child("interfaceName").value());
        assertEquals(1, items(recs.get(1).child("exampleBasicList"), "sourceTransportPort").size());
    }

    @Test
    @DisplayName("unassigned semantic: list.semantic.unknown, the list still decodes")
    void unknownSemantic() {
        ExportPacket p = listMessage(BASIC_LIST, l -> l.u8(9).u16(7).u16(2).u16(80));
        assertEquals(List.of("list.semantic.unknown"), codes(p));
        assertEquals("9 (unassigned 9)", theList(p).child("semantic").display());
        assertEquals(1, items(theList(p), "sourceTransportPort").size());
    }

    @Test
    @DisplayName("sub-template not known: list.template.missing, bytes kept raw")
    void missingSubTemplate() {
        ExportPacket p = listMessage(STL, l -> l.u8(3).u16(999).hex("01020304"));
        assertEquals(List.of("list.template.missing"), codes(p));
        FieldValue raw = theList(p).child("raw");
        assertEquals(4, raw.length());
        assertEquals("01020304", raw.display());
    }

    @Test
    @DisplayName("inconsistent lengths: list.length (basicList element cut, multi-list entry too long, leftovers)")
    void inconsistentLengths() {
        assertEquals(List.of("list.length"),
                codes(listMessage(BASIC_LIST, l -> l.u8(3).u16(7).u16(2).u16(80).u8(1))));
        assertEquals(List.of("list.length"),
                codes(listMessage(STML, l -> l.u8(3).u16(259).u16(40).u8(6))));
        assertEquals(List.of("list.length"),
                codes(listMessage(STL, l -> l.u8(3).u16(258).ipv4("10.0.0.1").u16(53).hex("ff"))));
        assertEquals(List.of("list.length"), codes(listMessage(BASIC_LIST, l -> l.u8(3).u16(7))));
    }

    @Test
    @DisplayName("sub-templates are looked up in the record's own exporter and domain")
    void subTemplateScope() {
        Bytes other = message(1).set(2).u16(258).u16(1);
        field(other, 8, 4);
        ExportDecoder dec = new ExportDecoder();
        dec.decode(other.end().endAll().bytes(), Decoding.ctx(1, Decoding.EXPORTER_B, Transport.UDP));
        Bytes b = IpfixFixtures.teachAll(message(2)).set(2).u16(256).u16(1);
        field(b, STL, 0xffff, PEN);
        b.end().set(256).u8(7).u8(3).u16(258).ipv4("10.0.0.1").end().endAll();
        ExportPacket p = dec.decode(b.bytes(), Decoding.ctx(2, Decoding.EXPORTER_A, Transport.UDP));
        assertEquals(List.of("list.template.missing"), codes(p));
    }
}
