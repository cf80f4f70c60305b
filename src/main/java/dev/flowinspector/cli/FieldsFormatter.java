package dev.flowinspector.cli;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.FieldPlan;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.PacketTree;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * decode -F fields: one line per data record with the chosen fields, tab-separated (like tshark -T fields). Values
 * are the plain texts of the records' {@link FieldPlan}s, written straight into the output bytes. One instance per
 * thread (it keeps the field positions of the plans seen).
 */
final class FieldsFormatter implements PacketFormatter {

    /** Not in the template: a packet field (frame, time, src, ...). */
    private static final int PACKET = -2;
    /** Not in the template, not a packet field: an empty column. */
    private static final int NONE = -1;
    private static final java.util.Set<String> PACKET_FIELDS = java.util.Set.of("frame", "time", "src", "dst",
            "version", "domain", "sequence");

    private final String[] names;
    private final StringBuilder sb = new StringBuilder(64);
    /** The plan of the last record (v1-v8 records of one layout share it) and the chosen fields' indexes in it. */
    private FieldPlan lastPlan;
    private int[] lastIndex;
    /** Indexes by plan identity (plans are immutable). */
    private final Map<FieldPlan, int[]> indexes = new IdentityHashMap<>();

    FieldsFormatter(List<String> names) {
        this.names = names.toArray(new String[0]);
    }

    @Override
    public void format(ExportPacket p, ByteText out) {
        int room = (FieldPlan.PLAIN_ROOM + 1) * names.length + 1;
        for (FlowSet s : p.sets()) {
            for (DataRecord r : s.records()) {
                FieldPlan plan = r.plan();
                if (plan != lastPlan) {
                    index(plan);
                }
                int[] index = lastIndex;
                // room for the whole line at once; a value the plan does not write in place goes through out
                byte[] b = out.reserve(room);
                int pos = out.length();
                for (int i = 0; i < names.length; i++) {
                    if (i > 0) {
                        b[pos++] = '\t';
                    }
                    int idx = index[i];
                    if (idx >= 0) {
                        int end = plan.plainAt(r, idx, b, pos);
                        if (end >= 0) {
                            pos = end;
                            continue;
                        }
                        out.setLength(pos);
                        plan.plain(r, idx, out);
                    } else if (idx == PACKET) {
                        out.setLength(pos);
                        sb.setLength(0);
                        packetField(sb, p, names[i]);
                        out.put(sb);
                    } else {
                        continue;
                    }
                    b = out.reserve(room);
                    pos = out.length();
                }
                b[pos++] = '\n';
                out.setLength(pos);
            }
        }
    }

    private void index(FieldPlan plan) {
        lastPlan = plan;
        int[] known = indexes.get(plan);
        if (known != null) {
            lastIndex = known;
            return;
        }
        if (indexes.size() > 4096) {
            indexes.clear();
        }
        lastIndex = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            int idx = plan.index(names[i]);
            lastIndex[i] = idx >= 0 ? idx : PACKET_FIELDS.contains(names[i]) ? PACKET : NONE;
        }
        indexes.put(plan, lastIndex);
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
