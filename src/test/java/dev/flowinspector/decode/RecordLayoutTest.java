package dev.flowinspector.decode;

import static dev.flowinspector.decode.Decoding.codes;
import static dev.flowinspector.decode.Decoding.records;
import static dev.flowinspector.decode.IpfixFixtures.field;
import static dev.flowinspector.decode.IpfixFixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records laid out by a template's shared {@link RecordLayout} (fixed fields relative to the record start or
 * to the variable-length field before them, the record holding only its prefix positions) put every field
 * where a field-by-field walk of the bytes does (RFC 7011 §7).
 */
class RecordLayoutTest {

    /** Unassigned IANA ids: decoded as octets, no value checks, so only structure is at stake. */
    private static final int FIRST_ID = 30000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    @DisplayName("random templates mixing fixed, zero-length and variable-length fields: offsets match a field-by-field walk")
    void matchesFieldByFieldWalk(int seed) {
        Random rnd = new Random(seed);
        for (int round = 0; round < 60; round++) {
            int n = 1 + rnd.nextInt(12);
            int[] lens = new int[n];
            for (int i = 0; i < n; i++) {
                int k = rnd.nextInt(8);
                lens[i] = k < 3 ? 0xffff : k == 3 ? 0 : new int[] {1, 2, 4, 8, 16, 3}[rnd.nextInt(6)];
            }
            if (allZero(lens)) {
                lens[0] = 4;
            }
            Bytes b = message(round).set(2).u16(256).u16(n);
            for (int i = 0; i < n; i++) {
                field(b, FIRST_ID + i, lens[i]);
            }
            b.end().set(256);
            int recs = 1 + rnd.nextInt(6);
            for (int r = 0; r < recs; r++) {
                for (int len : lens) {
                    if (len == 0xffff) {
                        int l = rnd.nextInt(4) == 0 ? 255 + rnd.nextInt(300) : rnd.nextInt(20);
                        if (l >= 255 || rnd.nextBoolean()) {
                            b.u8(255).u16(l); // the 3-byte form, also allowed below 255
                        } else {
                            b.u8(l);
                        }
                        fill(b, rnd, l);
                    } else {
                        fill(b, rnd, len);
                    }
                }
            }
            int cut = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(6) : 0; // a set cut inside its last record
            byte[] full = b.endAll().bytes();
            byte[] msg = full;
            if (cut > 0 && full.length - cut - indexOfDataSet(full) >= 5) {
                msg = java.util.Arrays.copyOf(full, full.length - cut);
                int setAt = indexOfDataSet(msg);
                int setLen = msg.length - setAt;
                msg[setAt + 2] = (byte) (setLen >>> 8);
                msg[setAt + 3] = (byte) setLen;
                msg[2] = (byte) (msg.length >>> 8);
                msg[3] = (byte) msg.length;
            }
            check(msg, "seed " + seed + " round " + round + " lens " + java.util.Arrays.toString(lens));
        }
    }

    private static void check(byte[] msg, String what) {
        ExportPacket p = Decoding.decode(msg);
        FlowSet set = p.sets().get(1);
        Template t = set.template();
        int end = set.offset() + set.length();
        int pos = set.offset() + 4;
        int min = t.minimumLength();
        List<int[]> expected = new ArrayList<>();
        boolean overrun = false;
        while (end - pos >= min) {
            int[] lay = RecordLayout.layout(t, msg, pos, end);
            if (lay == null) {
                overrun = true;
                break;
            }
            expected.add(lay);
            int next = lay[lay.length - 1];
            if (next == pos) {
                break;
            }
            pos = next;
        }
        List<DataRecord> got = set.records();
        if (t.fixedLength() == 0) {
            assertEquals(0, got.size(), what);
            return;
        }
        assertEquals(expected.size(), got.size(), what);
        assertThrows(IndexOutOfBoundsException.class, () -> got.get(got.size()), what);
        assertThrows(IndexOutOfBoundsException.class, () -> got.get(-1), what);
        assertEquals(overrun, codes(p).contains("data.varlen.overrun"), what);
        int at = set.offset() + 4;
        RecordCursor cursor = new RecordCursor();
        assertThrows(IndexOutOfBoundsException.class, () -> cursor.at(got, got.size()), what);
        for (int r = 0; r < got.size(); r++) {
            DataRecord rec = got.get(r);
            // the cursor stands where the record is, without making it, and makes the same record when asked
            for (List<DataRecord> in : List.of(got, List.of(rec))) {
                cursor.at(in, in == got ? r : 0);
                assertSame(rec.data(), cursor.data(), what + " record " + r + ": cursor");
                assertEquals(rec.offset(), cursor.offset(), what + " record " + r + ": cursor");
                assertSame(rec.plan(), cursor.plan(), what + " record " + r + ": cursor");
                assertEquals(rec, cursor.record(), what + " record " + r + ": cursor");
            }
            // the list makes a record each time it is asked (RecordList): two reads are one record, a neighbour is not
            assertEquals(rec, got.get(r), what + " record " + r + " read again");
            assertEquals(rec.hashCode(), got.get(r).hashCode(), what + " record " + r + " read again");
            if (r > 0) {
                assertNotEquals(got.get(r - 1), rec, what + " record " + r);
            }
            int[] lay = expected.get(r);
            assertEquals(at, rec.offset(), what + " record " + r);
            assertEquals(lay[lay.length - 1] - at, rec.length(), what + " record " + r);
            assertEquals(t.fields().size(), rec.fieldCount(), what);
            for (int i = 0; i < rec.fieldCount(); i++) {
                assertEquals(lay[2 * i], rec.valueOffset(i), what + " record " + r + " field " + i);
                assertEquals(lay[2 * i + 1], rec.valueLength(i), what + " record " + r + " field " + i);
                assertEquals(bigEndian(msg, lay[2 * i], Math.min(8, lay[2 * i + 1])), rec.unsigned(i),
                        what + " record " + r + " field " + i + ": unsigned");
                FieldValue f = rec.field(i);
                assertEquals(lay[2 * i], f.offset(), what);
                assertEquals(lay[2 * i + 1], f.length(), what);
            }
            at = lay[lay.length - 1];
        }
    }

    /** The first len bytes at off as an unsigned big-endian number, a byte at a time. */
    private static long bigEndian(byte[] d, int off, int len) {
        long v = 0;
        for (int k = 0; k < len; k++) {
            v = v << 8 | (d[off + k] & 0xff);
        }
        return v;
    }

    @Test
    @DisplayName("unsigned reads a field that starts less than 8 bytes into the bytes: no 8-byte window before it")
    void unsignedAtTheStartOfTheBytes() {
        dev.flowinspector.dictionary.InformationElementRegistry reg =
                dev.flowinspector.dictionary.InformationElementRegistry.standard();
        List<TemplateField> fs = List.of(new TemplateField(reg.ipfix(0, 4), 1, false),
                new TemplateField(reg.ipfix(0, 7), 2, false), new TemplateField(reg.ipfix(0, 1), 8, false),
                new TemplateField(reg.ipfix(0, 8), 4, false), new TemplateField(reg.ipfix(0, FIRST_ID), 0, false));
        Template t = new Template(new TemplateKey(Endpoint.UNKNOWN, 10, 0, 256), fs, 0, false, 0, 0, 0);
        byte[] d = {6, 0x01, (byte) 0xbb, (byte) 0x80, 0, 0, 0, 0, 0, 0x12, 0x34, (byte) 0xc0, 0, 2, 1};
        byte[] later = new byte[d.length + 20]; // the same record 20 bytes in: read through the window
        System.arraycopy(d, 0, later, 20, d.length);
        for (DataRecord r : List.of(
                new DataRecord(new DataRecord.Shared(d, t, FieldPlan.of(fs, reg), null), 0, -1, null, null),
                new DataRecord(new DataRecord.Shared(later, t, FieldPlan.of(fs, reg), null), 20, -1, null, null))) {
            assertEquals(6, r.unsigned(0));
            assertEquals(443, r.unsigned(1));
            assertEquals(0x8000000000001234L, r.unsigned(2));
            assertEquals(0xc0000201L, r.unsigned(3));
            assertEquals(0, r.unsigned(4));
        }
    }

    @Test
    @DisplayName("records keep their template, layout and values after the cache changes, read from another thread")
    void recordsIndependentOfLaterDecoding() throws Exception {
        ExportDecoder dec = new ExportDecoder();
        // template 256: sourceIPv4Address, interfaceName (variable), ingressInterface, applicationName (variable)
        Bytes first = message(1).set(2).u16(256).u16(4);
        field(first, 8, 4);
        field(first, 82, 0xffff);
        field(first, 10, 4);
        field(first, 96, 0xffff);
        first.end().set(256);
        for (int r = 0; r < 5; r++) {
            String name = "eth" + r;
            String app = "app-".repeat(r * 30); // from 0 to 480 bytes: both prefix forms
            first.ipv4("10.0.0." + r).u8(name.length()).text(name).u32(100 + r);
            if (app.length() >= 255) {
                first.u8(255).u16(app.length());
            } else {
                first.u8(app.length());
            }
            first.text(app);
        }
        ExportPacket p1 = dec.decode(first.endAll().bytes(), Decoding.ctx(1, Decoding.EXPORTER_A, Transport.TCP));
        assertEquals(List.of(), codes(p1));
        List<String> before = texts(records(p1));
        assertEquals(5, records(p1).size());

        // template 256 redefined with other fields, its data decoded, then withdrawn
        Bytes second = message(2).set(2).u16(256).u16(2);
        field(second, 7, 2);
        field(second, 11, 2);
        second.end().set(256).u16(53).u16(53).u16(80).u16(8080).end().set(2).u16(256).u16(0).endAll();
        ExportPacket p2 = dec.decode(second.bytes(), Decoding.ctx(2, Decoding.EXPORTER_A, Transport.TCP));
        assertTrue(codes(p2).contains("template.changed"), codes(p2).toString());
        assertEquals(null, dec.cache().get(records(p1).get(0).template().key()));

        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> after = other.submit(() -> texts(records(p1)));
            assertEquals(before, after.get());
        } finally {
            other.shutdownNow();
        }
        DataRecord r4 = records(p1).get(4);
        assertEquals(4, r4.fieldCount());
        assertEquals("app-".repeat(120), r4.field("applicationName").value());
        assertEquals(480, r4.valueLength(3));
        assertSame(records(p1).get(0).template(), r4.template());
        assertNotEquals(r4.template(), records(p2).get(0).template());
    }

    private static List<String> texts(List<DataRecord> rs) {
        List<String> out = new ArrayList<>();
        for (DataRecord r : rs) {
            StringBuilder sb = new StringBuilder().append(r.offset()).append('+').append(r.length());
            for (int i = 0; i < r.fieldCount(); i++) {
                sb.append(' ').append(r.valueOffset(i)).append('+').append(r.valueLength(i)).append(' ').append(r.field(i));
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static boolean allZero(int[] lens) {
        for (int l : lens) {
            if (l != 0) {
                return false;
            }
        }
        return true;
    }

    private static void fill(Bytes b, Random rnd, int n) {
        for (int i = 0; i < n; i++) {
            b.u8(rnd.nextInt(256));
        }
    }

    /** Offset of the data set (the second set) of a message made by this test. */
    private static int indexOfDataSet(byte[] msg) {
        int tplLen = ((msg[18] & 0xff) << 8) | (msg[19] & 0xff);
        return 16 + tplLen;
    }
}
