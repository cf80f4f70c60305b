package dev.flowinspector.cli;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.TemplateField;
import dev.flowinspector.decode.ValueDecoder;
import dev.flowinspector.dictionary.DataType;
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
                        pos = ByteText.ipv4(b, pos, d, off);
                    } else if (kind == KIND_UNSIGNED && len <= 8) {
                        long v = ValueDecoder.readUnsigned(d, off, len);
                        if (v >= 0) {
                            pos = ByteText.decimal(b, pos, v);
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
