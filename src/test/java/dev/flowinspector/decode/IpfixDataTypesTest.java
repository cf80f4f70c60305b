package dev.flowinspector.decode;

import static dev.flowinspector.decode.Decoding.codes;
import static dev.flowinspector.decode.Decoding.decode;
import static dev.flowinspector.decode.Decoding.record;
import static dev.flowinspector.decode.IpfixFixtures.PEN;
import static dev.flowinspector.decode.IpfixFixtures.field;
import static dev.flowinspector.decode.IpfixFixtures.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IPFIX abstract data types (RFC 7011 §6, RFC 7012 §3.1), hex in, typed values out. */
class IpfixDataTypesTest {

    static final long NTP_SECONDS = IpfixFixtures.EXPORT_TIME + ValueDecoder.NTP_TO_UNIX;
    static DataRecord all;
    static ExportPacket allPacket;

    /** One message: RFC 5610 type records, a template with every data type, one record. */
    @BeforeAll
    static void decodeAll() {
        Bytes b = IpfixFixtures.teachAll(message(1));
        b.set(2).u16(256).u16(22);
        field(b, 4, 1);
        field(b, 7, 2);
        field(b, 10, 4);
        field(b, 1, 8);
        field(b, 2, 3);
        field(b, 1, 1, PEN);
        field(b, 2, 2, PEN);
        field(b, 3, 4, PEN);
        field(b, 4, 8, PEN);
        field(b, 5, 4, PEN);
        field(b, 311, 8);
        field(b, 276, 1);
        field(b, 56, 6);
        field(b, 82, 0xffff);
        field(b, 313, 0xffff);
        field(b, 150, 4);
        field(b, 152, 8);
        field(b, 154, 8);
        field(b, 156, 8);
        field(b, 8, 4);
        field(b, 27, 16);
        field(b, 6, 2);
        b.end().set(256)
                .u8(6).u16(443).u32(70_000).u64(-1L).u24(0x010203)
                .u8(0xfe).u16(0x8000).u32(0xffffffffL).u64(Long.MIN_VALUE).u32(Float.floatToIntBits(1.5f))
                .u64(Double.doubleToLongBits(0.25)).u8(1).hex("001b21aabbcc")
                .u8(4).text("eth0").u8(2).hex("4500")
                .u32(IpfixFixtures.EXPORT_TIME).u64(IpfixFixtures.EXPORT_TIME * 1000 + 123)
                .u32(NTP_SECONDS).u32(0x800007ffL).u32(NTP_SECONDS).u32(0x800007ffL)
                .ipv4("192.0.2.10").ipv6("2001:db8:0:0:1:0:0:1").u16(0x12)
                .end().endAll();
        allPacket = decode(b);
        all = allPacket.sets().get(3).records().get(0);
    }

    @Test
    @DisplayName("the all-types message decodes cleanly, its type records teach 8 enterprise types")
    void clean() {
        assertEquals(List.of(), codes(allPacket), () -> allPacket.problems().toString());
        assertEquals(SetKind.OPTIONS_DATA, allPacket.sets().get(1).kind());
        assertEquals(8, allPacket.sets().get(1).records().size());
        assertEquals(22, all.fieldCount());
    }

    @Test
    @DisplayName("unsigned8/16/32/64, unsigned64 above 2^63 as BigInteger, reduced-size unsigned64")
    void unsigned() {
        assertEquals(6L, all.field("protocolIdentifier").value());
        assertTrue(all.field("protocolIdentifier").display().startsWith("6"));
        assertEquals(443L, all.field("sourceTransportPort").value());
        assertEquals(70_000L, all.field("ingressInterface").value());
        assertEquals(new BigInteger("18446744073709551615"), all.field("octetDeltaCount").value());
        FieldValue reduced = all.field("packetDeltaCount");
        assertEquals(3, reduced.length());
        assertEquals(0x010203L, reduced.value());
        assertEquals("ipfix.packetDeltaCount", reduced.fieldName());
    }

    @Test
    @DisplayName("signed8/16/32/64 (types taught by RFC 5610 type records)")
    void signed() {
        assertEquals(-2L, all.field("exampleSigned8").value());
        assertEquals(-32768L, all.field("exampleSigned16").value());
        assertEquals(-1L, all.field("exampleSigned32").value());
        assertEquals(Long.MIN_VALUE, all.field("exampleSigned64").value());
        assertEquals(DataType.SIGNED16, all.field("exampleSigned16").ie().type());
        assertEquals(PEN, all.field("exampleSigned16").ie().pen());
    }

    @Test
    @DisplayName("float32 and float64")
    void floats() {
        assertEquals(1.5, all.field("exampleFloat32").value());
        assertEquals(0.25, all.field("samplingProbability").value());
    }

    @Test
    @DisplayName("boolean, macAddress, string, octetArray")
    void simple() {
        assertEquals(Boolean.TRUE, all.field("dataRecordsReliability").value());
        assertEquals("true", all.field("dataRecordsReliability").display());
        assertEquals("00:1b:21:aa:bb:cc", all.field("sourceMacAddress").value());
        assertEquals("eth0", all.field("interfaceName").value());
        assertEquals("\"eth0\"", all.field("interfaceName").display());
        FieldValue oct = all.field("ipHeaderPacketSection");
        assertArrayEquals(new byte[] {0x45, 0x00}, (byte[]) oct.value());
        assertTrue(oct.display().startsWith("4500"), oct.display());
    }

    @Test
    @DisplayName("dateTimeSeconds/Milliseconds/Microseconds/Nanoseconds (NTP era; micro ignores 11 low bits)")
    void dateTimes() {
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), all.field("flowStartSeconds").value());
        assertEquals(Instant.parse("2023-11-14T22:13:20.123Z"), all.field("flowStartMilliseconds").value());
        assertEquals(Instant.parse("2023-11-14T22:13:20.500Z"), all.field("flowStartMicroseconds").value());
        assertEquals(Instant.parse("2023-11-14T22:13:20.500000476Z"), all.field("flowStartNanoseconds").value());
    }

    @Test
    @DisplayName("ipv4Address, ipv6Address (RFC 5952 text), tcpControlBits display")
    void addressesAndFlags() {
        assertEquals("192.0.2.10", all.field("sourceIPv4Address").value());
        assertEquals("2001:db8::1:0:0:1", all.field("sourceIPv6Address").value());
        assertEquals("0x012 (SYN, ACK)", all.field("tcpControlBits").display());
        assertEquals(0x12L, all.field("tcpControlBits").value());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "fe80:0:0:0:0:0:0:0, fe80::"})
    @DisplayName("IPv6 text follows RFC 5952: longest zero run (first on a tie), lower case, no lone ::")
    void ipv6Text(String in, String out) {
        assertEquals(out, ValueDecoder.ipv6(Bytes.of().ipv6(in).bytes(), 0));
    }

    static DataRecord single(int id, int length, Bytes value) {
        Bytes b = message(1).set(2).u16(256).u16(1);
        field(b, id, length);
        b.end().set(256).raw(value.bytes()).end().endAll();
        return record(decode(b), 0);
    }

    static ExportPacket singlePacket(int id, int length, Bytes value) {
        Bytes b = message(1).set(2).u16(256).u16(1);
        field(b, id, length);
        b.end().set(256).raw(value.bytes()).end().endAll();
        return decode(b);
    }

    @ParameterizedTest(name = "octetDeltaCount in {0} byte(s)")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    @DisplayName("reduced-size encoding of unsigned64 (RFC 7011 §6.2): every length 1-8")
    void reducedSize(int len) {
        Bytes v = Bytes.of();
        for (int i = 0; i < len; i++) {
            v.u8(i + 1);
        }
        ExportPacket p = singlePacket(1, len, v);
        assertEquals(List.of(), codes(p));
        long expected = 0;
        for (int i = 0; i < len; i++) {
            expected = (expected << 8) | (i + 1);
        }
        assertEquals(expected, record(p, 0).field("octetDeltaCount").value());
    }

    @Test
    @DisplayName("a length no reduced-size encoding allows: template.field.length, value shown raw")
    void impossibleLength() {
        ExportPacket p = singlePacket(8, 3, Bytes.of().hex("0a0000"));
        assertEquals(List.of("template.field.length"), codes(p));
        FieldValue f = record(p, 0).field("sourceIPv4Address");
        assertTrue(f.display().contains("not a valid ipv4Address"), f.display());
    }

    @Test
    @DisplayName("a variable-length value whose length does not fit its type: value.length at the value, shown raw")
    void variableLengthThatDoesNotFit() {
        ExportPacket p = singlePacket(8, 0xffff, Bytes.of().u8(3).hex("0a0000"));
        assertEquals(List.of("value.length"), codes(p));
        FieldValue f = record(p, 0).field("sourceIPv4Address");
        assertTrue(f.display().contains("(3 bytes: not a valid ipv4Address)"), f.display());
        Problem pr = p.problems().get(0);
        assertEquals(f.offset(), pr.offset());
        assertEquals(3, pr.length());
        ExportPacket fine = singlePacket(8, 0xffff, Bytes.of().u8(4).hex("0a000001"));
        assertEquals(List.of(), codes(fine));
        assertEquals("10.0.0.1", record(fine, 0).field("sourceIPv4Address").value());
    }

    @Test
    @DisplayName("float64 reduced to 4 bytes decodes as float32")
    void float64Reduced() {
        ExportPacket p = singlePacket(311, 4, Bytes.of().u32(Float.floatToIntBits(0.5f)));
        assertEquals(List.of(), codes(p));
        assertEquals(0.5, record(p, 0).field("samplingProbability").value());
    }

    @Test
    @DisplayName("boolean 2 is false; any other value is value.boolean")
    void booleans() {
        assertEquals(Boolean.FALSE, single(276, 1, Bytes.of().u8(2)).field("dataRecordsReliability").value());
        ExportPacket bad = singlePacket(276, 1, Bytes.of().u8(3));
        assertEquals(List.of("value.boolean"), codes(bad));
        FieldValue f = record(bad, 0).field("dataRecordsReliability");
        assertEquals(3L, f.value());
        assertTrue(f.display().contains("invalid"), f.display());
        assertEquals(f.offset(), bad.problems().get(0).offset());
    }

    @Test
    @DisplayName("string that is not UTF-8: value.string.utf8, pointing at the value")
    void invalidUtf8() {
        ExportPacket p = singlePacket(82, 0xffff, Bytes.of().u8(2).hex("c328"));
        assertEquals(List.of("value.string.utf8"), codes(p));
        Problem pr = p.problems().get(0);
        assertEquals(record(p, 0).field("interfaceName").offset(), pr.offset());
        assertEquals(2, pr.length());
    }

    @Test
    @DisplayName("variable length with the 3-byte prefix (255 + u16)")
    void longPrefix() {
        String s = "n".repeat(1000);
        ExportPacket p = singlePacket(82, 0xffff, Bytes.of().u8(255).u16(1000).text(s));
        assertEquals(List.of(), codes(p));
        DataRecord r = record(p, 0);
        FieldValue f = r.field("interfaceName");
        assertEquals(s, f.value());
        assertEquals(r.offset() + 3, f.offset());
        assertEquals(1000, f.length());
        assertEquals(1003, r.length());
    }

    @Test
    @DisplayName("a variable-length value running past its set: data.varlen.overrun")
    void varlenOverrun() {
        ExportPacket p = singlePacket(82, 0xffff, Bytes.of().u8(10).text("abc"));
        // not also set.data.empty: the set had the bytes a record needs at least, its record ran past them
        assertEquals(List.of("data.varlen.overrun"), codes(p));
    }

    @Test
    @DisplayName("enterprise element no pack knows: named pen<N>.<id>, shown as octets, PEN kept")
    void unknownEnterprise() {
        Bytes b = message(1).set(2).u16(256).u16(1);
        field(b, 77, 2, 9);
        b.end().set(256).u16(0x1234).end().endAll();
        ExportPacket p = decode(b);
        assertEquals(List.of(), codes(p));
        FieldValue f = record(p, 0).field(0);
        assertEquals("pen9.77", f.name());
        assertEquals(9, f.ie().pen());
        assertEquals(77, f.ie().id());
        assertTrue(f.display().startsWith("1234"), f.display());
        assertEquals(1, p.recordCount());
    }

    @Test
    @DisplayName("reverse PEN 29305 (RFC 5103): reverseOctetDeltaCount; on a non-IANA id a note")
    void reverse() {
        Bytes b = message(1).set(2).u16(256).u16(2);
        field(b, 1, 8, InformationElementRegistry.REVERSE_PEN);
        field(b, 1, 8);
        b.end().set(256).u64(99).u64(11).end().endAll();
        ExportPacket p = decode(b);
        assertEquals(List.of(), codes(p));
        DataRecord r = record(p, 0);
        assertEquals(99L, r.field("reverseOctetDeltaCount").value());
        assertEquals(11L, r.field("octetDeltaCount").value());
        assertEquals("ipfix.reverseOctetDeltaCount", r.field(0).fieldName());
        Bytes nr = message(1).set(2).u16(256).u16(1);
        field(nr, 30000, 4, InformationElementRegistry.REVERSE_PEN);
        ExportPacket q = decode(nr.end().endAll());
        assertEquals(List.of("value.reverse.nonreversible"), codes(q));
    }

    @Test
    @DisplayName("enterprise bit with PEN 0: ipfix.template.pen.zero")
    void penZero() {
        Bytes b = message(1).set(2).u16(256).u16(1);
        field(b, 8, 4, 0);
        assertEquals(List.of("ipfix.template.pen.zero"), codes(decode(b.end().endAll())));
    }

    @Test
    @DisplayName("protocolIdentifier shows its enumeration label when the dictionary has it")
    void enumeration() {
        FieldValue f = single(4, 1, Bytes.of().u8(6)).field("protocolIdentifier");
        String label = InformationElementRegistry.standard().enumLabel(f.ie(), 6);
        assertEquals(label == null ? "6" : "6 (" + label + ")", f.display());
        assertNull(InformationElementRegistry.standard().enumLabel(f.ie(), 99999));
    }
}
