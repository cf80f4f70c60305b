package dev.flowinspector.cli;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.FieldPlan;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.PlainColumns;
import dev.flowinspector.decode.RecordCursor;
import dev.flowinspector.dictionary.InformationElementRegistry;
import dev.flowinspector.engine.filter.FilterFields;
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
    private static final int NONE = PlainColumns.EMPTY;
    private static final java.util.Set<String> PACKET_FIELDS = java.util.Set.of("frame", "time", "src", "dst",
            "version", "domain", "sequence");

    private final String[] names;
    /** Per column: the element names it shows (the first the record has), or null for a packet field. */
    private final String[][] elements;
    private final StringBuilder sb = new StringBuilder(64);
    private final RecordCursor cursor = new RecordCursor();
    /** The plan of the last record (v1-v8 records of one layout share it) and the chosen fields' indexes in it. */
    private FieldPlan lastPlan;
    private int[] lastIndex;
    /** How the chosen fields of the last plan are copied from a record's bytes. */
    private PlainColumns lastColumns;
    /** Indexes and columns by plan identity (plans are immutable). */
    private final Map<FieldPlan, Chosen> indexes = new IdentityHashMap<>();

    /** The chosen fields' indexes in one plan, and how they are copied. */
    private record Chosen(int[] index, PlainColumns columns) { }

    /** Columns of these -e names, as {@link #columns} resolved them. */
    FieldsFormatter(List<String> names, String[][] elements) {
        this.names = names.toArray(new String[0]);
        this.elements = elements.clone();
    }

    /**
     * What each -e name shows: null for a packet field (frame, time, src, dst, version, domain, sequence), else the
     * element names it stands for. An element name stands for itself; a Wireshark {@code cflow.*} name for the elements
     * the display filter gives it (cflow.srcport: sourceTransportPort, tcpSourcePort, udpSourcePort), of which a
     * record shows the first it has.
     *
     * @throws IllegalArgumentException naming the first name that is neither, with the nearest known name
     */
    static String[][] columns(List<String> names, InformationElementRegistry registry) {
        String[][] out = new String[names.size()][];
        FilterFields known = null;
        for (int i = 0; i < out.length; i++) {
            String name = names.get(i);
            if (PACKET_FIELDS.contains(name)) {
                continue;
            }
            if (registry.byName(name).isPresent() || name.matches("unknown\\d+|pen\\d+\\.\\d+")) {
                out[i] = new String[] {name}; // the common case, without loading the filter's names
                continue;
            }
            if (known == null) {
                known = FilterFields.standard();
            }
            List<FilterFields.Field> fs = known.resolve(name);
            List<String> els = new java.util.ArrayList<>();
            for (FilterFields.Field f : fs) {
                if (f.source() == FilterFields.Source.ELEMENT && f.prefix() == null) {
                    els.add(f.name());
                }
            }
            if (!els.isEmpty()) {
                out[i] = els.toArray(new String[0]);
            } else if (fs.stream().anyMatch(f -> f.prefix() != null)) {
                throw new IllegalArgumentException("'" + name + "': a version prefix is for -Y only; -e takes '"
                        + fs.get(0).name() + "'");
            } else if (fs.isEmpty()) {
                throw new IllegalArgumentException("unknown field '" + name + "'; " + known.suggest(name));
            } else {
                throw new IllegalArgumentException("'" + name + "' is not a record field: -F fields prints the fields "
                        + "of data records and the packet's " + String.join(", ", PACKET_ORDER));
            }
        }
        return out;
    }

    /** {@link #PACKET_FIELDS} in the order the messages list them. */
    private static final List<String> PACKET_ORDER = List.of("frame", "time", "src", "dst", "version", "domain",
            "sequence");

    @Override
    public void format(ExportPacket p, ByteText out) {
        int room = (FieldPlan.PLAIN_ROOM + 1) * names.length + 1;
        int n = names.length;
        List<FlowSet> sets = p.sets();
        for (int j = 0, ns = sets.size(); j < ns; j++) {
            FlowSet s = sets.get(j);
            List<DataRecord> records = s.records();
            for (int k = 0, m = records.size(); k < m; k++) {
                RecordCursor at = cursor;
                at.at(records, k);
                FieldPlan plan = at.plan();
                if (plan != lastPlan) {
                    index(plan);
                }
                int[] index = lastIndex;
                PlainColumns columns = lastColumns;
                byte[] d = at.data();
                int off = at.offset();
                // room for the whole line at once; the columns write what they can in place, the rest goes through out
                byte[] b = out.reserve(room);
                int pos = columns.write(d, off, 0, b, out.length());
                // the record itself only for a column the plan writes
                DataRecord r = columns.next < n ? at.record() : null;
                for (int i = columns.next; i < n; i = columns.next) {
                    int idx = index[i];
                    if (idx >= 0) {
                        int end = plan.plainAt(r, idx, b, pos);
                        if (end >= 0) {
                            pos = end;
                        } else {
                            out.setLength(pos);
                            plan.plain(r, idx, out);
                            b = out.reserve(room);
                            pos = out.length();
                        }
                    } else if (idx == PACKET) {
                        out.setLength(pos);
                        sb.setLength(0);
                        packetField(sb, p, names[i]);
                        out.put(sb);
                        b = out.reserve(room);
                        pos = out.length();
                    }
                    pos = columns.write(d, off, i + 1, b, pos);
                }
                b[pos++] = '\n';
                out.setLength(pos);
            }
        }
    }

    private void index(FieldPlan plan) {
        lastPlan = plan;
        Chosen known = indexes.get(plan);
        if (known != null) {
            lastIndex = known.index();
            lastColumns = known.columns();
            return;
        }
        if (indexes.size() > 4096) {
            indexes.clear();
        }
        lastIndex = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            int idx = NONE;
            if (elements[i] == null) {
                idx = PACKET;
            } else {
                for (String e : elements[i]) {
                    idx = plan.index(e);
                    if (idx >= 0) {
                        break;
                    }
                }
                idx = Math.max(idx, NONE);
            }
            lastIndex[i] = idx;
        }
        lastColumns = new PlainColumns(plan, lastIndex);
        indexes.put(plan, new Chosen(lastIndex, lastColumns));
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
