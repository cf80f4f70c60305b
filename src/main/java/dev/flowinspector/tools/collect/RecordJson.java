package dev.flowinspector.tools.collect;

import dev.flowinspector.session.PacketJson;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.TemplateField;
import dev.flowinspector.decode.ValueDecoder;
import dev.flowinspector.dictionary.DataType;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one JSON object per flow record: {@code exporter}, {@code version}, {@code domain},
 * {@code templateId}, {@code received}, {@code exportTime}, {@code sequence}, absolute {@code flowStart} and
 * {@code flowEnd} (from dateTime fields or from sysUptime-relative ones, RFC 3954 §8), then every field by
 * its IANA name (integers as numbers, addresses and strings as text, times ISO-8601 UTC, octets as hex).
 * Padding fields are left out; a name that repeats gets {@code #2}, {@code #3}.
 */
public final class RecordJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final SerializedString EXPORTER = new SerializedString("exporter");
    private static final SerializedString VERSION = new SerializedString("version");
    private static final SerializedString DOMAIN = new SerializedString("domain");
    private static final SerializedString TEMPLATE_ID = new SerializedString("templateId");
    private static final SerializedString OPTIONS = new SerializedString("options");
    private static final SerializedString LATE_TEMPLATE = new SerializedString("lateTemplate");
    private static final SerializedString RECEIVED = new SerializedString("received");
    private static final SerializedString EXPORT_TIME = new SerializedString("exportTime");
    private static final SerializedString SEQUENCE = new SerializedString("sequence");
    private static final SerializedString FLOW_START = new SerializedString("flowStart");
    private static final SerializedString FLOW_END = new SerializedString("flowEnd");

    private JsonGenerator g;
    private OutputStream target;

    /** Points the writer at a stream (after rotation). */
    public void target(OutputStream out) throws IOException {
        if (out == target) {
            return;
        }
        if (g != null) {
            g.flush();
        }
        target = out;
        g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        g.setRootValueSeparator(null);
    }

    /** Writes every record of a set. Returns the number written. */
    public int write(ExportPacket p, FlowSet s, long receivedNanos) throws IOException {
        if (s.records().isEmpty()) {
            return 0;
        }
        String exporter = p.context().source().toString();
        String received = ValueDecoder.instantText(Instant.ofEpochSecond(0, receivedNanos));
        String exportTime = p.exportMillis() > 0 ? ValueDecoder.instantText(Instant.ofEpochMilli(p.exportMillis())) : null;
        int n = 0;
        for (DataRecord r : s.records()) {
            record(p, s, r, exporter, received, exportTime);
            n++;
        }
        return n;
    }

    /** How one template's records are written, worked out once per template (by field-list identity). */
    private static final class Plan {
        /** JSON member names (null for padding), with #2, #3 for repeats. */
        final SerializedString[] names;
        /** 1 unsigned integer, 2 IPv4 address, 0 decoded in full. */
        final int[] kinds;
        /** Indexes of the fields whose names start with flowStart / flowEnd, in order. */
        final int[] starts;
        final int[] ends;

        Plan(List<TemplateField> fs) {
            names = new SerializedString[fs.size()];
            kinds = new int[fs.size()];
            Set<String> seen = fs.size() > 1 ? new HashSet<>() : new HashSet<>(1);
            int[] st = new int[fs.size()];
            int[] en = new int[fs.size()];
            int ns = 0;
            int ne = 0;
            for (int i = 0; i < fs.size(); i++) {
                String n = fs.get(i).name();
                if (n.startsWith("flowStart")) {
                    st[ns++] = i;
                } else if (n.startsWith("flowEnd")) {
                    en[ne++] = i;
                }
                DataType t = fs.get(i).ie().type();
                kinds[i] = t.isUnsigned() ? 1 : t == DataType.IPV4_ADDRESS ? 2 : 0;
                if (n.startsWith("padding")) {
                    continue;
                }
                if (!seen.add(n)) {
                    int k = 2;
                    while (!seen.add(n + "#" + k)) {
                        k++;
                    }
                    n = n + "#" + k;
                }
                names[i] = new SerializedString(n);
            }
            starts = java.util.Arrays.copyOf(st, ns);
            ends = java.util.Arrays.copyOf(en, ne);
        }
    }

    private final Map<List<TemplateField>, Plan> plans = new IdentityHashMap<>();
    private List<TemplateField> lastFields;
    private Plan lastPlan;

    private Plan plan(List<TemplateField> fs) {
        if (fs != lastFields) {
            Plan pl = plans.get(fs);
            if (pl == null) {
                if (plans.size() >= 4096) {
                    plans.clear();
                }
                pl = new Plan(fs);
                plans.put(fs, pl);
            }
            lastFields = fs;
            lastPlan = pl;
        }
        return lastPlan;
    }

    private void record(ExportPacket p, FlowSet s, DataRecord r, String exporter, String received, String exportTime)
            throws IOException {
        Plan plan = plan(r.template().fields());
        g.writeStartObject();
        g.writeFieldName(EXPORTER);
        g.writeString(exporter);
        g.writeFieldName(VERSION);
        g.writeNumber(p.version());
        g.writeFieldName(DOMAIN);
        g.writeNumber(p.domain());
        g.writeFieldName(TEMPLATE_ID);
        g.writeNumber(s.template() != null ? s.template().id() : 0);
        if (s.kind() == SetKind.OPTIONS_DATA) {
            g.writeFieldName(OPTIONS);
            g.writeBoolean(true);
        }
        if (s.lateTemplate()) {
            g.writeFieldName(LATE_TEMPLATE);
            g.writeBoolean(true);
        }
        g.writeFieldName(RECEIVED);
        g.writeString(received);
        if (exportTime != null) {
            g.writeFieldName(EXPORT_TIME);
            g.writeString(exportTime);
        }
        g.writeFieldName(SEQUENCE);
        g.writeNumber(p.sequence());
        Instant start = first(r, plan.starts);
        Instant end = first(r, plan.ends);
        if (start != null) {
            g.writeFieldName(FLOW_START);
            g.writeString(ValueDecoder.instantText(start));
        }
        if (end != null) {
            g.writeFieldName(FLOW_END);
            g.writeString(ValueDecoder.instantText(end));
        }
        SerializedString[] names = plan.names;
        int[] kinds = plan.kinds;
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                continue;
            }
            g.writeFieldName(names[i]);
            int len = r.valueLength(i);
            if (kinds[i] == 1 && len > 0 && len <= 8 && r.unsigned(i) >= 0) {
                g.writeNumber(r.unsigned(i)); // what the decoded value would be: a Long
            } else if (kinds[i] == 2 && len == 4) {
                long a = r.unsigned(i);
                g.writeString((a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff));
            } else {
                value(r.field(i).value());
            }
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /** The first absolute time among these fields (RFC 3954 §8 for sysUptime-relative ones), or null. */
    private static Instant first(DataRecord r, int[] candidates) {
        for (int i : candidates) {
            Instant t = absolute(r.field(i));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static Instant absolute(FieldValue f) {
        if (f.value() instanceof Instant i) {
            return i;
        }
        FieldValue a = f.child("absolute");
        return a != null && a.value() instanceof Instant i ? i : null;
    }

    private void value(Object v) throws IOException {
        if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                if (o instanceof FieldValue fv) {
                    g.writeStartObject();
                    g.writeFieldName(fv.name());
                    value(fv.value());
                    g.writeEndObject();
                } else {
                    value(o);
                }
            }
            g.writeEndArray();
        } else {
            PacketJson.scalar(g, v);
        }
    }

    /** Flushes buffered JSON into the current stream. */
    public void flush() throws IOException {
        if (g != null) {
            g.flush();
        }
    }
}
