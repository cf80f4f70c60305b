package dev.flowinspector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.dictionary.InformationElementRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PlainColumns} writes, in place, what {@link FieldPlan#plain} writes for each column, and hands the caller
 * exactly the columns it cannot: random templates of unsigned integers of every length (reduced-size encoding, 8-byte
 * values of 2^63 and more), IPv4/IPv6/MAC addresses, strings and variable-length fields, records at the start of the
 * bytes (no 8-byte window before a value) and further in, empty and packet columns.
 */
class PlainColumnsTest {

    private static final InformationElementRegistry REG = InformationElementRegistry.standard();
    /** IANA elements by type: unsigned64, unsigned32, unsigned16, unsigned8, ipv4, ipv6, mac, string, octets. */
    private static final int[] IDS = {1, 10, 7, 4, 8, 27, 56, 82, 30000};
    private static final int PACKET = -2;
    private static final RecordContext CTX = new RecordContext(REG, "ipfix", 0, 0, null);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    @DisplayName("random templates and records: the same text as FieldPlan.plain, column by column")
    void sameTextAsPlain(int seed) {
        Random rnd = new Random(seed);
        int fast = 0;
        for (int round = 0; round < 300; round++) {
            int n = 1 + rnd.nextInt(10);
            List<TemplateField> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = IDS[rnd.nextInt(IDS.length)];
                int len = switch (id) {
                    case 1, 10 -> rnd.nextInt(5) == 0 ? TemplateField.VARIABLE : 1 + rnd.nextInt(9); // 9: too long
                    case 7 -> rnd.nextInt(4) == 0 ? 1 : 2;
                    case 4 -> 1;
                    case 8 -> rnd.nextInt(6) == 0 ? 3 : 4;
                    case 27 -> 16;
                    case 56 -> 6;
                    default -> rnd.nextBoolean() ? TemplateField.VARIABLE : rnd.nextInt(6);
                };
                fs.add(new TemplateField(REG.ipfix(0, id), len, false));
            }
            Template t = new Template(new TemplateKey(Endpoint.UNKNOWN, 10, 0, 256), fs, 0, false, 0, 0, 0);
            FieldPlan plan = FieldPlan.of(fs, REG);
            int cols = 1 + rnd.nextInt(8);
            int[] index = new int[cols];
            for (int c = 0; c < cols; c++) {
                int k = rnd.nextInt(10);
                index[c] = k == 0 ? PlainColumns.EMPTY : k == 1 ? PACKET : rnd.nextInt(n);
            }
            PlainColumns columns = new PlainColumns(plan, index);
            for (int rec = 0; rec < 4; rec++) {
                int start = rec == 0 ? 0 : rnd.nextInt(24);
                byte[] d = record(rnd, fs, start);
                int[] vars = varPrefixes(fs, d, start);
                DataRecord r = new DataRecord(new DataRecord.Shared(d, t, plan, CTX), start,
                        vars.length == 1 ? vars[0] : -1, vars.length > 1 ? vars : null, null);
                String what = "seed " + seed + " round " + round + " record at " + start + " fields " + fs
                        + " columns " + java.util.Arrays.toString(index);
                assertEquals(expected(plan, r, index), viaColumns(plan, columns, r, index), what);
                fast += columns.fastColumns();
            }
        }
        assertTrue(fast > 1000, "columns written in place: " + fast);
    }

    /** The line as the caller writes it: PlainColumns, and FieldPlan.plain (or "P" for a packet field) where it stops. */
    private static String viaColumns(FieldPlan plan, PlainColumns columns, DataRecord r, int[] index) {
        ByteSink out = new ByteSink();
        byte[] b = out.reserve(64 * index.length);
        int pos = columns.write(r, 0, b, out.length());
        for (int c = columns.next; c < index.length; c = columns.next) {
            out.setLength(pos);
            if (index[c] >= 0) {
                plan.plain(r, index[c], out);
            } else {
                assertEquals(PACKET, index[c], "only packet columns and fields are handed back");
                out.reserve(1)[out.length()] = 'P';
                out.setLength(out.length() + 1);
            }
            b = out.reserve(64 * index.length);
            pos = columns.write(r, c + 1, b, out.length());
        }
        out.setLength(pos);
        return new String(out.bytes(), 0, out.length(), StandardCharsets.UTF_8);
    }

    /** Each column through FieldPlan.plain, tab-separated. */
    private static String expected(FieldPlan plan, DataRecord r, int[] index) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < index.length; c++) {
            if (c > 0) {
                sb.append('\t');
            }
            if (index[c] >= 0) {
                ByteSink s = new ByteSink();
                plan.plain(r, index[c], s);
                sb.append(new String(s.bytes(), 0, s.length(), StandardCharsets.UTF_8));
            } else if (index[c] == PACKET) {
                sb.append('P');
            }
        }
        return sb.toString();
    }

    /** start bytes of filler, then one record: random values, top bits set often, short variable-length values. */
    private static byte[] record(Random rnd, List<TemplateField> fs, int start) {
        Bytes b = new Bytes();
        for (int i = 0; i < start; i++) {
            b.u8(rnd.nextInt(256));
        }
        for (TemplateField f : fs) {
            int len = f.length();
            if (len == TemplateField.VARIABLE) {
                len = rnd.nextInt(10);
                b.u8(len);
            }
            for (int k = 0; k < len; k++) {
                b.u8(k == 0 && rnd.nextInt(3) == 0 ? 0x80 | rnd.nextInt(128) : rnd.nextInt(256));
            }
        }
        return b.bytes();
    }

    /** Positions of the length prefixes of the record's variable-length fields. */
    private static int[] varPrefixes(List<TemplateField> fs, byte[] d, int start) {
        List<Integer> at = new ArrayList<>();
        int pos = start;
        for (TemplateField f : fs) {
            if (f.length() == TemplateField.VARIABLE) {
                at.add(pos);
                pos += 1 + (d[pos] & 0xff);
            } else {
                pos += f.length();
            }
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }
}
