package dev.flowinspector.ui.session;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldPlan;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of custom packet-list columns ("Apply as column"), computed when a row is shown, not stored per row:
 * the packet is decoded again and the texts of each named field are kept for a bounded number of recent rows (the
 * rows on screen and around them).
 *
 * <p>A name is a header field's ({@code exportTime}, {@code sysUptime}), {@code sequence} (the header's sequence
 * number in every version) or an element's ({@code sourceIPv4Address}); a packet's value is the header field's
 * display, else the display of every record field of that element, joined by commas as Wireshark joins repeated fields (at most {@link #MAX_VALUES}).
 */
public final class FieldValues {

    /** Rows whose values are kept. */
    public static final int CACHED_ROWS = 2048;
    /** Values shown per packet and column; more are counted ("…, +12"). */
    public static final int MAX_VALUES = 10;

    private final Map<Integer, Map<String, String>> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Map<String, String>> e) {
            return size() > CACHED_ROWS;
        }
    };

    /** The cached texts of row {@code index}, or null when not computed yet (or forgotten). */
    public synchronized Map<String, String> cached(int index) {
        return cache.get(index);
    }

    /** Forgets every row (another session, other columns). */
    public synchronized void clear() {
        cache.clear();
    }

    /** Decodes row {@code index} of the session again and keeps the texts of the named fields. */
    public Map<String, String> compute(Session session, int index, List<String> names) throws IOException {
        ExportPacket p = session.packet(index);
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, text(p, n));
        }
        synchronized (this) {
            cache.put(index, out);
        }
        return out;
    }

    /** Keeps empty texts for a row that could not be read again (so it is not asked for again and again). */
    public synchronized void failed(int index, List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, "");
        }
        cache.put(index, out);
    }

    /** The text of a field in a packet ("" when it has none). */
    public static String text(ExportPacket p, String name) {
        if (name.equals("sequence")) {
            return Long.toString(p.sequence()); // the header's sequence number, whatever the version calls it
        }
        for (FieldValue f : p.header()) {
            if (f.name().equals(name)) {
                return f.display();
            }
        }
        StringBuilder sb = new StringBuilder();
        int count = 0;
        for (FlowSet s : p.sets()) {
            for (DataRecord r : s.records()) {
                FieldPlan plan = r.plan();
                for (int i = 0; plan != null && i < plan.size(); i++) {
                    if (!plan.label(i).equals(name)) {
                        continue;
                    }
                    count++;
                    if (count <= MAX_VALUES) {
                        if (sb.length() > 0) {
                            sb.append(',');
                        }
                        sb.append(plan.value(r, i).display());
                    }
                }
            }
        }
        if (count > MAX_VALUES) {
            sb.append(",… (").append(count).append(" values)");
        }
        return sb.toString();
    }
}
