package dev.flowinspector.tools.collect;

import dev.flowinspector.engine.PacketJson;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.flowinspector.decode.ByteSink;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldPlan;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.ValueDecoder;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one JSON object per flow record: {@code exporter}, {@code version}, {@code domain},
 * {@code templateId}, {@code received}, {@code exportTime}, {@code sequence}, absolute {@code flowStart} and
 * {@code flowEnd} (from dateTime fields or from sysUptime-relative ones, RFC 3954 §8), then every field by
 * its IANA name (integers as numbers, addresses and strings as text, times ISO-8601 UTC, octets as hex).
 * Padding fields are left out; a name that repeats gets {@code #2}, {@code #3}, and so does a field named like
 * one of the members before it (a templateId field is {@code templateId#2}).
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
    /** The members above, which every record object has before its fields. */
    static final Set<String> RECORD_MEMBERS = Set.of("exporter", "version", "domain", "templateId", "options",
            "lateTemplate", "received", "exportTime", "sequence", "flowStart", "flowEnd");

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

    /** JSON member names of a plan's fields (null for padding), made once per plan (by identity). */
    private final Map<FieldPlan, SerializedString[]> names = new IdentityHashMap<>();
    private FieldPlan lastPlan;
    private SerializedString[] lastNames;

    private SerializedString[] names(FieldPlan plan) {
        if (plan != lastPlan) {
            SerializedString[] n = names.get(plan);
            if (n == null) {
                if (names.size() >= 4096) {
                    names.clear();
                }
                n = new SerializedString[plan.size()];
                // a field named like a member before the fields is a repeat of it: IANA's templateId (145) is sent in
                // data records (RFC 7011 section 4.4's flow keys options), and RFC 5610 lets an exporter name its
                // own elements anything; an object with a member twice is read differently by every parser (most
                // keep the last), and the record's own value would be lost
                String[] unique = plan.jsonNames(RECORD_MEMBERS);
                for (int i = 0; i < n.length; i++) {
                    n[i] = unique[i] == null ? null : new SerializedString(unique[i]);
                }
                names.put(plan, n);
            }
            lastPlan = plan;
            lastNames = n;
        }
        return lastNames;
    }

    private void record(ExportPacket p, FlowSet s, DataRecord r, String exporter, String received, String exportTime)
            throws IOException {
        FieldPlan plan = r.plan();
        SerializedString[] names = names(plan);
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
        writeTime(FLOW_START, r, plan, plan.flowStarts());
        writeTime(FLOW_END, r, plan, plan.flowEnds());
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                continue;
            }
            g.writeFieldName(names[i]);
            int form = plan.jsonForm(r, i);
            if (form != FieldPlan.JSON_VALUE) {
                PacketJson.fastValue(g, plan, r, i, form, sink, chars);
            } else {
                value(r.field(i).value());
            }
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private final ByteSink sink = new ByteSink();
    private final char[] chars = new char[64];

    /**
     * Writes flowStart or flowEnd: the first absolute time among the candidate fields ({@link FieldPlan#millis});
     * nothing when none has one.
     */
    private void writeTime(SerializedString name, DataRecord r, FieldPlan plan, int[] candidates)
            throws IOException {
        for (int i : candidates) {
            long ms = plan.millis(r, i);
            if (ms == FieldPlan.NO_TIME) {
                continue;
            }
            g.writeFieldName(name);
            if (ms == FieldPlan.FINER) {
                g.writeString(ValueDecoder.instantText(plan.instant(r, i)));
            } else {
                int n = millisText(ms);
                if (n < 0) {
                    g.writeString(ValueDecoder.instantText(Instant.ofEpochMilli(ms)));
                } else {
                    g.writeString(chars, 0, n);
                }
            }
            return;
        }
    }

    private long textSecond = Long.MIN_VALUE;
    private final char[] secondText = new char[19];

    /**
     * ms since the epoch as {@link ValueDecoder#instantText} writes it ({@code 2024-05-01T12:00:00.250Z}, no
     * fraction when whole), into {@link #chars}; the date and time of day are formatted once per second. Returns
     * the length, or -1 outside years 1970-9999 (then the caller formats).
     */
    private int millisText(long ms) {
        if (ms < 0 || ms >= 253_402_300_800_000L) {
            return -1;
        }
        long sec = ms / 1000;
        if (sec != textSecond) {
            String t = ValueDecoder.instantText(Instant.ofEpochSecond(sec));
            if (t.length() != 20) {
                return -1;
            }
            t.getChars(0, 19, secondText, 0);
            textSecond = sec;
        }
        System.arraycopy(secondText, 0, chars, 0, 19);
        int n = 19;
        int frac = (int) (ms % 1000);
        if (frac != 0) {
            chars[n++] = '.';
            chars[n++] = (char) ('0' + frac / 100);
            chars[n++] = (char) ('0' + frac / 10 % 10);
            chars[n++] = (char) ('0' + frac % 10);
        }
        chars[n++] = 'Z';
        return n;
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
