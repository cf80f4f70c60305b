package dev.flowinspector.cli;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.TemplateField;
import dev.flowinspector.decode.ValueDecoder;
import dev.flowinspector.dictionary.DataType;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * decode -F fields: one line per data record with the chosen fields, tab-separated (like tshark -T fields).
 * Unsigned numbers and IPv4 addresses (nearly every value asked for) are written as digits straight into the
 * output bytes; anything else as {@link ValueDecoder#appendValue} writes it. One instance per thread (it keeps
 * the field positions of the templates seen).
 */
final class FieldsFormatter implements PacketFormatter {

    private static final int KIND_OTHER = 0;
    private static final int KIND_UNSIGNED = 1;
    private static final int KIND_IPV4 = 2;
    /** Not in the template: a packet field (frame, time, src, ...). */
    private static final int KIND_PACKET = 3;
    /** Not in the template, not a packet field: an empty column. */
    private static final int KIND_NONE = 4;
    private static final java.util.Set<String> PACKET_FIELDS = java.util.Set.of("frame", "time", "src", "dst",
            "version", "domain", "sequence");
    /** Room for one fast value and its separator: 20 digits + tab. */
    private static final int FAST_ROOM = 21;

    /** "00".."99". */
    private static final byte[] PAIRS = new byte[200];
    /** Decimal text of 0..255, 4 bytes per value (digits, then padding), and its length. */
    private static final byte[] OCTETS = new byte[1024];
    private static final byte[] OCTET_LENGTH = new byte[256];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        for (int i = 0; i < 256; i++) {
            byte[] t = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, OCTETS, 4 * i, t.length);
            OCTET_LENGTH[i] = (byte) t.length;
        }
    }

    private final String[] names;
    private final StringBuilder sb = new StringBuilder(64);
    /** The field list of the last record's template (v1-v8 templates of one layout share it). */
    private List<TemplateField> lastFields;
    private int[] lastIndex;
    /** Per chosen name: KIND_*. */
    private int[] lastKind;
    /** Both of the above by field-list identity (templates are immutable). */
    private final Map<List<TemplateField>, int[][]> indexes = new IdentityHashMap<>();

    FieldsFormatter(List<String> names) {
        this.names = names.toArray(new String[0]);
    }

    @Override
    public void format(ExportPacket p, ByteText out) {
        byte[] d = p.data(); // record offsets are offsets in the packet's bytes
        int room = FAST_ROOM * names.length + 1;
        for (FlowSet s : p.sets()) {
            for (DataRecord r : s.records()) {
                if (r.template().fields() != lastFields) {
                    index(r);
                }
                int[] index = lastIndex;
                int[] kinds = lastKind;
                byte[] b = out.reserve(room);
                int pos = out.length();
                for (int i = 0; i < names.length; i++) {
                    if (i > 0) {
                        b[pos++] = '\t';
                    }
                    int kind = kinds[i];
                    if (kind == KIND_NONE) {
                        continue;
                    }
                    if (kind == KIND_PACKET) {
                        out.setLength(pos);
                        sb.setLength(0);
                        packetField(sb, p, names[i]);
                        out.put(sb);
                        b = out.reserve(room);
                        pos = out.length();
                        continue;
                    }
                    int idx = index[i];
                    int len = r.valueLength(idx);
                    if (len == 0) {
                        continue;
                    }
                    int off = r.valueOffset(idx);
                    if (kind == KIND_IPV4 && len == 4) {
                        pos = ipv4(b, pos, d, off);
                    } else if (kind == KIND_UNSIGNED && len <= 8) {
                        long v = ValueDecoder.readUnsigned(d, off, len);
                        if (v >= 0) {
                            pos = decimal(b, pos, v);
                        } else {
                            out.setLength(pos);
                            out.put(Long.toUnsignedString(v));
                            b = out.reserve(room);
                            pos = out.length();
                        }
                    } else {
                        out.setLength(pos);
                        sb.setLength(0);
                        ValueDecoder.appendValue(sb, r, idx);
                        out.put(sb);
                        b = out.reserve(room);
                        pos = out.length();
                    }
                }
                b[pos++] = '\n';
                out.setLength(pos);
            }
        }
    }

    private void index(DataRecord r) {
        lastFields = r.template().fields();
        int[][] known = indexes.get(lastFields);
        if (known != null) {
            lastIndex = known[0];
            lastKind = known[1];
            return;
        }
        if (indexes.size() > 4096) {
            indexes.clear();
        }
        lastIndex = new int[names.length];
        lastKind = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            int idx = r.indexOf(names[i]);
            lastIndex[i] = idx;
            if (idx >= 0) {
                DataType t = lastFields.get(idx).ie().type();
                lastKind[i] = t.isUnsigned() ? KIND_UNSIGNED : t == DataType.IPV4_ADDRESS ? KIND_IPV4 : KIND_OTHER;
            } else {
                lastKind[i] = PACKET_FIELDS.contains(names[i]) ? KIND_PACKET : KIND_NONE;
            }
        }
        indexes.put(lastFields, new int[][] {lastIndex, lastKind});
    }

    /** Dotted quad of d[off..off+4) at b[pos]; returns the position after it. Needs 16 bytes of room. */
    static int ipv4(byte[] b, int pos, byte[] d, int off) {
        for (int k = 0; k < 4; k++) {
            int o = d[off + k] & 0xff;
            int t = 4 * o;
            b[pos] = OCTETS[t];
            b[pos + 1] = OCTETS[t + 1];
            b[pos + 2] = OCTETS[t + 2];
            pos += OCTET_LENGTH[o];
            b[pos++] = '.';
        }
        return pos - 1;
    }

    /** Decimal digits of a non-negative value at b[pos]; returns the position after them. Needs 19 bytes. */
    static int decimal(byte[] b, int pos, long v) {
        if (v <= Integer.MAX_VALUE) {
            return decimal(b, pos, (int) v);
        }
        int digits = 10;
        for (long x = v / 10_000_000_000L; x > 0; x /= 10) {
            digits++;
        }
        int end = pos + digits;
        int p = end;
        while (v >= 100) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            b[--p] = PAIRS[2 * r + 1];
            b[--p] = PAIRS[2 * r];
            v = q;
        }
        return pairs(b, p, (int) v, end);
    }

    /** Decimal digits of a non-negative int at b[pos]; returns the position after them. */
    static int decimal(byte[] b, int pos, int v) {
        if (v < 10) {
            b[pos] = (byte) ('0' + v);
            return pos + 1;
        }
        int digits = v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5 : v < 1_000_000 ? 6
                : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
        int end = pos + digits;
        int p = end;
        while (v >= 100) {
            int q = v / 100;
            int r = v - q * 100;
            b[--p] = PAIRS[2 * r + 1];
            b[--p] = PAIRS[2 * r];
            v = q;
        }
        return pairs(b, p, v, end);
    }

    /** The last one or two leading digits (v below 100) ending at p. */
    private static int pairs(byte[] b, int p, int v, int end) {
        if (v >= 10) {
            b[p - 1] = PAIRS[2 * v + 1];
            b[p - 2] = PAIRS[2 * v];
        } else {
            b[p - 1] = (byte) ('0' + v);
        }
        return end;
    }

    private static void packetField(StringBuilder sb, ExportPacket p, String name) {
        switch (name) {
            case "frame" -> sb.append(p.frame());
            case "time" -> sb.append(PacketTree.isoTime(p.context().timeNanos()));
            case "src" -> sb.append(p.context().source());
            case "dst" -> sb.append(p.context().destination());
            case "version" -> sb.append(p.version());
            case "domain" -> sb.append(p.domain());
            case "sequence" -> sb.append(p.sequence());
            default -> {
            }
        }
    }
}
