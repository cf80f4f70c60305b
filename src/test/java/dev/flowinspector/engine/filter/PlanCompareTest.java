package dev.flowinspector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Bytes;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.engine.filter.FieldAccess.Item;
import dev.flowinspector.engine.filter.FilterNode.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The display filter's tests on record bytes through the field plan ({@link PlanCompare}) answer as the tests on
 * decoded values do: every filter below is evaluated on random records of every value kind, at the lengths their
 * kind has and at others (reduced size, wrong lengths, empty variable-length values), once through
 * {@link FieldAccess} and once decoding every value, and the answers must agree.
 */
class PlanCompareTest {

    private static final int VARIABLE = 0xffff;
    private static final List<ExportPacket> PACKETS = packets();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "sourceIPv4Address", "sourceIPv4Address == 10.0.0.1", "sourceIPv4Address != 10.0.0.1",
        "sourceIPv4Address == 10.0.0.0/8", "sourceIPv4Address == 0.0.0.0/0", "sourceIPv4Address > 192.168.1.1",
        "sourceIPv4Address <= 10.0.0.9", "sourceIPv4Address in {10.0.0.1..10.0.0.9 255.255.255.255}",
        "sourceIPv6Address == 2001:db8::1", "sourceIPv6Address == 2001:db8::/32", "sourceIPv6Address == ::/0",
        "sourceIPv6Address < fe80::1", "sourceIPv6Address >= ::ffff:10.0.0.1", "sourceIPv6Address != ::",
        "sourceIPv6Address == fe80::/10 || sourceIPv6Address == ::ffff:0:0/96",
        "sourceMacAddress == 00:50:56:aa:bb:cc", "sourceMacAddress > 00:50:56:00:00:00",
        "sourceMacAddress <= 00:00:00:00:00:00", "sourceMacAddress != ff:ff:ff:ff:ff:ff",
        "sourceTransportPort == 443", "sourceTransportPort in {0 53 443}", "sourceTransportPort < 1024",
        "sourceTransportPort >= 65535", "cflow.srcport > 53 && cflow.srcport <= 443",
        "octetDeltaCount == 1000", "octetDeltaCount > 9223372036854775807", "octetDeltaCount >= 18446744073709551615",
        "octetDeltaCount < 1", "octetDeltaCount <= 0", "octetDeltaCount != 1000", "octetDeltaCount in {0..1 1000}",
        "cflow.octets > 999.5", "cflow.octets < 1000.5", "octetDeltaCount",
        "mibObjectValueInteger < 0", "mibObjectValueInteger == -1", "mibObjectValueInteger >= -2147483648",
        "mibObjectValueInteger > 4", "mibObjectValueInteger in {-5..5}", "mibObjectValueInteger != 0",
        "flowStartMilliseconds > \"2024-01-01 00:00:00\"", "flowStartMilliseconds == 1704067200.5",
        "flowStartMilliseconds < 1970-01-01T00:00:01Z", "flowStartMilliseconds >= 0", "flowStartMilliseconds != 0",
        "flowStartSeconds == 1704067200", "flowStartSeconds > 2100-01-01T00:00:00Z", "flowStartSeconds <= 0",
        "flowStartMicroseconds > 2024-01-01T00:00:00Z", "flowStartMicroseconds == 1700000000",
        "dataRecordsReliability == true", "dataRecordsReliability == false", "dataRecordsReliability",
        "samplingProbability > 0.5", "samplingProbability == 0.25", "samplingProbability < 1",
        "interfaceName == \"eth0\"", "interfaceName contains \"eth\"", "interfaceName matches \"^10\\.\"",
        "interfaceName", "!interfaceName",
        "sourceIPv4Address == 10.0.0.1 && octetDeltaCount > 1 || !(sourceTransportPort == 53)",
        "version == 10 && sourceIPv4Address", "ipfix.octetDeltaCount > 1000", "nf9.octetDeltaCount > 1000",
    })
    @DisplayName("filters on record fields answer alike through the plan and on decoded values")
    void planAnswersAsDecodedValues(String filter) throws FilterException {
        FilterNode root = new FilterParser(filter, FilterFields.standard()).or();
        int records = 0;
        for (ExportPacket p : PACKETS) {
            assertEquals(root.eval(t -> decoded(p, null, t)), root.eval(t -> FieldAccess.packet(p, t)),
                    "frame " + p.frame());
            for (FlowSet s : p.sets()) {
                for (DataRecord r : s.records()) {
                    boolean want = root.eval(t -> decoded(p, r, t));
                    assertEquals(want, root.eval(t -> FieldAccess.record(p, r, t)),
                            "frame " + p.frame() + " record at " + r.offset() + " of template " + r.template().id());
                    records++;
                }
            }
        }
        assertTrue(records > 1000, "records: " + records);
    }

    /** The reference: every value of the field decoded ({@link FieldValue}) and tested as an item. */
    private static boolean decoded(ExportPacket p, DataRecord only, Test t) {
        if (t.field().source() != FilterFields.Source.ELEMENT) {
            return only == null ? FieldAccess.packet(p, t) : FieldAccess.record(p, only, t);
        }
        if (t.field().prefix() != null && !t.field().prefix().equals(FilterFields.prefixOf(p.version()))) {
            return false;
        }
        for (FlowSet s : p.sets()) {
            for (DataRecord r : s.records()) {
                if (only != null && !r.equals(only)) {
                    continue;
                }
                for (int i = 0; i < r.fieldCount(); i++) {
                    FieldValue v = r.field(i);
                    if (r.template().fields().get(i).name().equals(t.field().name())
                            && t.pass().test(new Item(v.value(), v.display()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<ExportPacket> packets() {
        ExportDecoder decoder = new ExportDecoder(new TemplateCache());
        SplittableRandom rnd = new SplittableRandom(13);
        List<ExportPacket> out = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            Bytes b = Bytes.of().ipfixHeader(1_704_067_200L, m, 1);
            b.set(2);
            // template 256: every kind at its natural length, octetDeltaCount twice
            int[][] natural = {{8, 4}, {27, 16}, {56, 6}, {7, 2}, {1, 8}, {152, 8}, {150, 4}, {154, 8}, {434, 4},
                {276, 1}, {311, 8}, {82, VARIABLE}, {1, 4}};
            // template 257: reduced sizes, lengths the kinds do not have, variable lengths (some empty)
            int[][] odd = {{8, 3}, {27, VARIABLE}, {56, VARIABLE}, {7, 1}, {1, VARIABLE}, {152, 4}, {150, VARIABLE},
                {434, 1}, {82, 4}, {276, 2}};
            template(b, 256, natural);
            template(b, 257, odd);
            b.end();
            for (int[][] t : List.of(natural, odd)) {
                b.set(t == natural ? 256 : 257);
                for (int k = 0; k < 12; k++) {
                    for (int[] f : t) {
                        value(b, f[0], f[1], rnd);
                    }
                }
                b.end();
            }
            b.endAll();
            out.add(decoder.decode(b.bytes(), new DecodeContext(m + 1, 0, new Endpoint("192.0.2.1", 4739),
                    new Endpoint("192.0.2.2", 4739), Transport.UDP)));
        }
        return out;
    }

    private static void template(Bytes b, int id, int[][] fields) {
        b.u16(id).u16(fields.length);
        for (int[] f : fields) {
            b.u16(f[0]).u16(f[1]);
        }
    }

    /** A random value of element id, often one the filters name, at its length (or a random one if variable). */
    private static void value(Bytes b, int id, int length, SplittableRandom rnd) {
        byte[] v = switch (id) {
            case 8 -> pick(rnd, hex("0a000001"), hex("0a000009"), hex("c0a80101"), hex("00000000"), hex("ffffffff"));
            case 27 -> pick(rnd, hex("20010db8000000000000000000000001"), hex("00000000000000000000000000000000"),
                    hex("00000000000000000000ffff0a000001"), hex("fe800000000000000000000000000001"));
            case 56 -> pick(rnd, hex("000000000000"), hex("005056aabbcc"), hex("ffffffffffff"), hex("005056000000"));
            case 7 -> pick(rnd, hex("0000"), hex("0035"), hex("01bb"), hex("ffff"), hex("0400"));
            case 1 -> pick(rnd, hex("00000000000003e8"), hex("0000000000000000"), hex("8000000000000000"),
                    hex("ffffffffffffffff"), hex("0000000000000001"), hex("7fffffffffffffff"));
            case 152 -> pick(rnd, hex("0000018cc2324df4"), hex("0000000000000000"), hex("8000000000000000"),
                    hex("00000000000003e7"), hex("ffffffffffffffff"));
            case 150 -> pick(rnd, hex("65920080"), hex("00000000"), hex("ffffffff"));
            case 154 -> pick(rnd, hex("e9a5d8800000000"), hex("0000000000000000"), hex("e9a5d88080000000"));
            case 434 -> pick(rnd, hex("ffffffff"), hex("00000000"), hex("00000005"), hex("80000000"), hex("7fffffff"));
            case 276 -> pick(rnd, hex("01"), hex("02"), hex("00"), hex("03"));
            case 311 -> pick(rnd, hex("3ff8000000000000"), hex("7ff8000000000000"), hex("3fd0000000000000"));
            case 82 -> pick(rnd, "eth0".getBytes(), "10.0.0.1".getBytes(), new byte[0], "1704067200".getBytes());
            default -> throw new IllegalArgumentException("element " + id);
        };
        if (rnd.nextInt(4) == 0) {
            v = new byte[v.length];
            rnd.nextBytes(v);
        }
        if (length == VARIABLE) {
            int len = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1 + rnd.nextInt(20);
                default -> v.length;
            };
            byte[] w = new byte[len];
            for (int k = 0; k < len; k++) {
                w[k] = k < v.length ? v[k] : (byte) rnd.nextInt(256);
            }
            b.u8(len).raw(w);
            return;
        }
        byte[] w = new byte[length];
        for (int k = 0; k < length; k++) { // the value's last bytes: reduced-size integers keep their low part
            int from = v.length - length + k;
            w[k] = from >= 0 ? v[from] : 0;
        }
        b.raw(w);
    }

    private static byte[] pick(SplittableRandom rnd, byte[]... choices) {
        return choices[rnd.nextInt(choices.length)];
    }

    private static byte[] hex(String h) {
        return java.util.HexFormat.of().parseHex(h.length() % 2 == 0 ? h : "0" + h);
    }
}
