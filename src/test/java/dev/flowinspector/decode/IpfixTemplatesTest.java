package dev.flowinspector.decode;

import static dev.flowinspector.decode.Decoding.EXPORTER_A;
import static dev.flowinspector.decode.Decoding.EXPORTER_B;
import static dev.flowinspector.decode.Decoding.codes;
import static dev.flowinspector.decode.Decoding.ctx;
import static dev.flowinspector.decode.Decoding.decode;
import static dev.flowinspector.decode.Decoding.problem;
import static dev.flowinspector.decode.Decoding.record;
import static dev.flowinspector.decode.IpfixFixtures.PEN;
import static dev.flowinspector.decode.IpfixFixtures.field;
import static dev.flowinspector.decode.IpfixFixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.dictionary.DataType;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** IPFIX messages, sets and the template life cycle (RFC 7011 §3, §8; RFC 5610 type records). */
class IpfixTemplatesTest {

    static Bytes template(Bytes b, int id, int ieId, int len) {
        b.set(2).u16(id).u16(1);
        return field(b, ieId, len).end();
    }

    static Bytes withdrawal(Bytes b, int setId, int templateId) {
        return b.set(setId).u16(templateId).u16(0).end();
    }

    @Test
    @DisplayName("header fields by name; template and data set in one message")
    void headerAndData() {
        Bytes b = template(message(42), 256, 8, 4).set(256).ipv4("10.0.0.1").ipv4("10.0.0.2").end().endAll();
        ExportPacket p = decode(b);
        assertEquals(List.of(), codes(p));
        assertEquals(10, p.version());
        assertEquals("IPFIX", p.protocolName());
        assertEquals((long) b.size(), p.headerField("length").value());
        assertEquals(42, p.sequence());
        assertEquals(1, p.domain());
        assertEquals(IpfixFixtures.EXPORT_TIME * 1000, p.exportMillis());
        assertEquals(-1, p.sysUptimeMs());
        assertEquals(2, p.recordCount());
        assertEquals("10.0.0.2", record(p, 1).field("sourceIPv4Address").value());
        assertEquals("IPFIX seq 42, 1 template, 2 records", p.info());
    }

    @Test
    @DisplayName("a decoded packet's list of sets cannot be changed")
    void setsAreReadOnly() {
        ExportPacket p = decode(template(message(42), 256, 8, 4).set(256).ipv4("10.0.0.1").end().endAll());
        assertEquals(2, p.sets().size());
        assertThrows(UnsupportedOperationException.class, () -> p.sets().remove(0));
        assertThrows(UnsupportedOperationException.class, () -> p.sets().add(p.sets().get(0)));
        assertEquals(2, p.sets().size());
    }

    @Test
    @DisplayName("withdrawal over UDP: template.withdrawn, WITHDRAWN event and the UDP warning")
    void withdrawalUdp() {
        ExportDecoder dec = new ExportDecoder();
        dec.decode(template(message(1), 256, 8, 4).endAll().bytes(), ctx(1, EXPORTER_A, Transport.UDP));
        ExportPacket p = dec.decode(withdrawal(message(2), 2, 256).endAll().bytes(), ctx(2, EXPORTER_A, Transport.UDP));
        assertEquals(List.of("ipfix.template.withdrawal.udp", "template.withdrawn"), codes(p));
        assertEquals(TemplateEvent.Kind.WITHDRAWN, p.templateEvents().get(0).kind());
        assertEquals(1, p.templateEvents().get(0).previous().originFrame());
        assertTrue(p.sets().get(0).templates().get(0).isWithdrawal());
        assertTrue(dec.cache().templates().isEmpty());
        Bytes data = message(3).set(256).ipv4("10.0.0.1").end().endAll();
        ExportPacket after = dec.decode(data.bytes(), ctx(3, EXPORTER_A, Transport.UDP));
        assertEquals(List.of("data.template.missing"), codes(after));
        assertTrue(after.problems().get(0).message().contains("withdrawn in frame 2"),
                after.problems().get(0).message());
    }

    @Test
    @DisplayName("data sets follow the cache from packet to packet: a refresh, a redefinition and a withdrawal")
    void dataFollowsTheCache() {
        ExportDecoder dec = new ExportDecoder();
        java.util.function.BiFunction<Bytes, Long, ExportPacket> next = (b, frame) ->
                dec.decode(b.set(256).ipv4("10.0.0.1").end().endAll().bytes(), ctx(frame, EXPORTER_A, Transport.TCP));
        ExportPacket p = next.apply(template(message(1), 256, 8, 4), 1L);
        assertEquals("10.0.0.1", record(p, 0).field("sourceIPv4Address").value());
        p = next.apply(message(2), 2L);
        assertEquals(List.of(), codes(p));
        assertEquals(1, record(p, 0).template().originFrame());
        p = next.apply(template(message(3), 256, 8, 4), 3L); // the same definition again: a refresh
        assertEquals(3, record(p, 0).template().originFrame());
        p = next.apply(message(4), 4L);
        assertEquals(3, record(p, 0).template().originFrame());
        p = next.apply(template(message(5), 256, 12, 4), 5L); // another definition under the same id
        assertEquals("10.0.0.1", record(p, 0).field("destinationIPv4Address").value());
        p = next.apply(message(6), 6L);
        assertEquals("10.0.0.1", record(p, 0).field("destinationIPv4Address").value());
        assertEquals(5, record(p, 0).template().originFrame());
        p = next.apply(withdrawal(message(7), 2, 256), 7L);
        assertEquals(List.of("template.withdrawn", "data.template.missing"), codes(p));
        p = next.apply(message(8), 8L);
        assertEquals(List.of("data.template.missing"), codes(p));
        p = next.apply(template(message(9), 256, 8, 4), 9L); // defined again
        assertEquals(List.of(), codes(p));
        assertEquals(9, record(p, 0).template().originFrame());
    }

    @Test
    @DisplayName("withdrawal over TCP: no UDP warning")
    void withdrawalTcp() {
        ExportDecoder dec = new ExportDecoder();
        dec.decode(template(message(1), 256, 8, 4).endAll().bytes(), ctx(1, EXPORTER_A, Transport.TCP));
        ExportPacket p = dec.decode(withdrawal(message(2), 2, 256).endAll().bytes(), ctx(2, EXPORTER_A, Transport.TCP));
        assertEquals(List.of("template.withdrawn"), codes(p));
        ExportPacket unknown = dec.decode(withdrawal(message(3), 2, 300).endAll().bytes(),
                ctx(3, EXPORTER_A, Transport.TCP));
        assertEquals(List.of("template.withdraw.unknown"), codes(unknown));
    }

    @Test
    @DisplayName("all-templates withdrawal (template id 2) removes every template of the domain, not options templates")
    void withdrawAll() {
        ExportDecoder dec = new ExportDecoder();
        Bytes defs = template(template(message(1), 256, 8, 4), 257, 12, 4)
                .set(3).u16(258).u16(2).u16(1).u16(144).u16(4).u16(305).u16(4).end().endAll();
        ExportPacket first = dec.decode(defs.bytes(), ctx(1, EXPORTER_A, Transport.TCP));
        assertEquals(List.of(), codes(first));
        assertEquals(3, dec.cache().templates().size());
        ExportPacket p = dec.decode(withdrawal(message(2), 2, 2).endAll().bytes(), ctx(2, EXPORTER_A, Transport.TCP));
        assertEquals(List.of("template.withdrawn"), codes(p));
        assertEquals(2, p.templateEvents().size());
        assertTrue(p.templateEvents().stream().allMatch(e -> e.kind() == TemplateEvent.Kind.WITHDRAWN));
        assertEquals(1, dec.cache().templates().size());
        assertTrue(dec.cache().templates().get(0).options());
        ExportPacket opts = dec.decode(withdrawal(message(3), 3, 3).endAll().bytes(), ctx(3, EXPORTER_A, Transport.UDP));
        assertEquals(List.of("ipfix.template.withdrawal.udp", "template.withdrawn"), codes(opts));
        assertTrue(dec.cache().templates().isEmpty());
    }

    @Test
    @DisplayName("options template: scope field count 0 is ipfix.options.scope.count")
    void scopeCountZero() {
        Bytes b = message(1).set(3).u16(258).u16(1).u16(0).u16(144).u16(4).end().endAll();
        ExportPacket p = decode(b);
        assertEquals(List.of("ipfix.options.scope.count"), codes(p));
        assertEquals(4 + 16 + 4, p.problems().get(0).offset());
    }

    @Test
    @DisplayName("options template and its data: scope fields first, OPTIONS_DATA set")
    void optionsData() {
        Bytes b = message(1).set(3).u16(258).u16(2).u16(1).u16(144).u16(4).u16(305).u16(4).end()
                .set(258).u32(7).u32(1000).end().endAll();
        ExportPacket p = decode(b);
        assertEquals(List.of(), codes(p));
        Template t = p.sets().get(0).templates().get(0);
        assertEquals(1, t.scopeCount());
        assertTrue(t.fields().get(0).scope());
        assertEquals(SetKind.OPTIONS_DATA, p.sets().get(1).kind());
        assertEquals(7L, record(p, 0).field("exportingProcessId").value());
        assertEquals(1000L, record(p, 0).field("samplingPacketInterval").value());
    }

    @Test
    @DisplayName("reserved set id: ipfix.set.id.reserved, bytes raw, decoding goes on")
    void reservedSetId() {
        Bytes b = template(message(1).set(4).u32(0).end(), 256, 8, 4).endAll();
        ExportPacket p = decode(b);
        assertEquals(List.of("ipfix.set.id.reserved"), codes(p));
        assertEquals(SetKind.RAW, p.sets().get(0).kind());
        assertEquals(SetKind.TEMPLATE, p.sets().get(1).kind());
    }

    @Test
    @DisplayName("message length above the bytes received, and below them (rest shown raw)")
    void lengthMismatch() {
        byte[] full = template(message(1), 256, 8, 4).endAll().bytes();
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 4);
        ExportPacket p = decode(cut);
        assertTrue(codes(p).contains("ipfix.header.length.mismatch"), codes(p).toString());
        assertTrue(problem(p, "ipfix.header.length.mismatch").message().contains("4 missing"));
        byte[] longer = java.util.Arrays.copyOf(full, full.length + 6);
        ExportPacket q = decode(longer);
        assertEquals(List.of("ipfix.header.length.mismatch"), codes(q));
        FlowSet raw = q.sets().get(q.sets().size() - 1);
        assertEquals(SetKind.RAW, raw.kind());
        assertEquals(full.length, raw.offset());
        assertEquals(6, raw.length());
        assertFalse(problem(q, "ipfix.header.length.mismatch").message().contains("another IPFIX message"));
    }

    @Test
    @DisplayName("two messages in one datagram: the length mismatch says the bytes after the first begin like a message")
    void twoMessagesInOneDatagram() {
        byte[] first = template(message(1), 256, 8, 4).endAll().bytes();
        byte[] second = Bytes.of().ipfixHeader(IpfixFixtures.EXPORT_TIME, 2, 1).set(256).ipv4("10.0.0.1").end().endAll()
                .bytes();
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        ExportPacket p = decode(both);
        assertEquals(List.of("ipfix.header.length.mismatch"), codes(p));
        assertTrue(problem(p, "ipfix.header.length.mismatch").message().endsWith(second.length + " bytes after the"
                + " message are shown raw (they begin like another IPFIX message of " + second.length + " bytes: a"
                + " collector that reads one message a datagram, as Wireshark does, drops it)"),
                problem(p, "ipfix.header.length.mismatch").message());
        // a length that does not fit what follows is no message
        both[first.length + 3] = (byte) (second.length + 1);
        assertFalse(problem(decode(both), "ipfix.header.length.mismatch").message().contains("another IPFIX message"));
    }

    @Test
    @DisplayName("set padding that is not zero: ipfix.set.padding.nonzero (data and template sets)")
    void paddingNonZero() {
        Bytes b = template(message(1), 256, 8, 4).set(256).ipv4("10.0.0.1").hex("0100").end().endAll();
        ExportPacket p = decode(b);
        assertEquals(List.of("ipfix.set.padding.nonzero"), codes(p));
        assertEquals(2, p.sets().get(1).paddingLength());
        Bytes zero = template(message(1), 256, 8, 4).set(256).ipv4("10.0.0.1").zeros(3).end().endAll();
        assertEquals(List.of(), codes(decode(zero)));
        Bytes tpl = message(1).set(2).u16(256).u16(1).u16(8).u16(4).hex("0102").end().endAll();
        assertEquals(List.of("ipfix.set.padding.nonzero"), codes(decode(tpl)));
    }

    @Test
    @DisplayName("set length below 4, header-only message")
    void malformedSets() {
        ExportPacket p = decode(message(1).u16(256).u16(3).u32(1).endAll());
        assertEquals(List.of("set.length.short"), codes(p));
        assertEquals(List.of("ipfix.message.empty"), codes(decode(message(1).endAll())));
        assertEquals(List.of("packet.truncated"), codes(decode(Bytes.of().u16(10).u16(16).u32(0).bytes())));
    }

    @Test
    @DisplayName("RFC 5610 type record teaches an enterprise element's type and name; the next template uses it")
    void typeRecords() {
        ExportDecoder dec = new ExportDecoder();
        Bytes first = IpfixFixtures.teach(message(1), 20, 3, "exampleCounter");
        ExportPacket p1 = dec.decode(first.endAll().bytes(), ctx(1, EXPORTER_A, Transport.UDP));
        assertEquals(List.of(), codes(p1), () -> p1.problems().toString());
        assertNotNull(dec.cache().learnedType(PEN, 20));
        Bytes second = message(2).set(2).u16(256).u16(1);
        field(second, 20, 4, PEN);
        second.end().set(256).u32(123_456).end().endAll();
        ExportPacket p2 = dec.decode(second.bytes(), ctx(2, EXPORTER_A, Transport.UDP));
        assertEquals(List.of(), codes(p2));
        FieldValue f = record(p2, 0).field(0);
        assertEquals("exampleCounter", f.name());
        assertEquals(DataType.UNSIGNED32, f.ie().type());
        assertEquals(123_456L, f.value());
        assertEquals("123456", f.display());
    }

    @Test
    @DisplayName("type record naming an unknown data type: ipfix.typerecord.malformed, nothing learned")
    void badTypeRecord() {
        ExportDecoder dec = new ExportDecoder();
        ExportPacket p = dec.decode(IpfixFixtures.teach(message(1), 21, 99, "exampleBad").endAll().bytes(),
                ctx(1, EXPORTER_A, Transport.UDP));
        assertEquals(List.of("ipfix.typerecord.malformed"), codes(p));
        assertNull(dec.cache().learnedType(PEN, 21));
    }

    @Test
    @DisplayName("STRICT scoping: two exporters reusing template 256 with different fields don't clobber each other")
    void strictScoping() {
        ExportDecoder dec = new ExportDecoder(new TemplateCache(ScopingPolicy.STRICT));
        dec.decode(template(message(1), 256, 8, 4).endAll().bytes(), ctx(1, EXPORTER_A, Transport.UDP));
        ExportPacket b = dec.decode(template(message(1), 256, 7, 2).endAll().bytes(), ctx(2, EXPORTER_B, Transport.UDP));
        assertEquals(List.of(), codes(b));
        assertEquals(TemplateEvent.Kind.ADDED, b.templateEvents().get(0).kind());
        ExportPacket dataA = dec.decode(message(2).set(256).ipv4("10.0.0.1").end().endAll().bytes(),
                ctx(3, EXPORTER_A, Transport.UDP));
        assertEquals("10.0.0.1", record(dataA, 0).field("sourceIPv4Address").value());
        ExportPacket dataB = dec.decode(message(2).set(256).u16(443).zeros(2).end().endAll().bytes(),
                ctx(4, EXPORTER_B, Transport.UDP));
        assertEquals(443L, record(dataB, 0).field("sourceTransportPort").value());
        assertEquals(2, dec.cache().templates().size());
    }

    @Test
    @DisplayName("TEMPLATE_ID scoping: the second exporter's template replaces the first's")
    void templateIdScoping() {
        ExportDecoder dec = new ExportDecoder(new TemplateCache(ScopingPolicy.TEMPLATE_ID));
        dec.decode(template(message(1), 256, 8, 4).endAll().bytes(), ctx(1, EXPORTER_A, Transport.UDP));
        ExportPacket b = dec.decode(template(message(1), 256, 7, 2).endAll().bytes(), ctx(2, EXPORTER_B, Transport.UDP));
        assertEquals(List.of("template.changed"), codes(b));
        assertEquals(TemplateEvent.Kind.CHANGED, b.templateEvents().get(0).kind());
        ExportPacket dataA = dec.decode(message(2).set(256).ipv4("10.0.0.1").end().endAll().bytes(),
                ctx(3, EXPORTER_A, Transport.UDP));
        DataRecord r = record(dataA, 0);
        assertNull(r.field("sourceIPv4Address"));
        assertEquals(0x0a00L, r.field("sourceTransportPort").value());
        assertEquals(1, dec.cache().templates().size());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScopingPolicy.class)
    @DisplayName("the same exporter and domain always finds its template, under every policy")
    void sameExporter(ScopingPolicy policy) {
        ExportDecoder dec = new ExportDecoder(new TemplateCache(policy));
        dec.decode(template(message(1), 256, 8, 4).endAll().bytes(), ctx(1, EXPORTER_A, Transport.UDP));
        ExportPacket d = dec.decode(message(2).set(256).ipv4("10.0.0.7").end().endAll().bytes(),
                ctx(2, EXPORTER_A, Transport.UDP));
        assertEquals("10.0.0.7", record(d, 0).field("sourceIPv4Address").value());
    }

    @Test
    @DisplayName("domains are separate: template of domain 1 does not decode domain 2")
    void domains() {
        ExportDecoder dec = new ExportDecoder();
        dec.decode(template(message(1), 256, 8, 4).endAll().bytes(), ctx(1, EXPORTER_A, Transport.UDP));
        Bytes other = Bytes.of().ipfixHeader(IpfixFixtures.EXPORT_TIME, 1, 2).set(256).ipv4("10.0.0.1").end().endAll();
        ExportPacket p = dec.decode(other.bytes(), ctx(2, EXPORTER_A, Transport.UDP));
        assertEquals(List.of("data.template.missing"), codes(p));
    }

    @Test
    @DisplayName("data before its own template in one message: the warning points at the template record")
    void dataBeforeItsTemplateInOneMessage() {
        Bytes b = message(1).set(256).ipv4("10.0.0.1").ipv4("10.0.0.2").end();
        b.set(2).u16(300).u16(1);
        field(b, 1, 8).end();
        int templateAt = b.size() + 4;
        b.set(2).u16(256).u16(2);
        field(b, 8, 4);
        field(b, 0x7fff & 12, 4).end().endAll();
        ExportPacket p = decode(b);
        assertEquals(0, p.recordCount());
        assertTrue(problem(p, "data.template.missing").message()
                .contains("template 256 comes later in this packet (byte " + templateAt + ")"),
                () -> problem(p, "data.template.missing").message());
    }
}
