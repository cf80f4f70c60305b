package dev.flowinspector.tools.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
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
    private static final HexFormat HEX = HexFormat.of();

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
        int n = 0;
        for (DataRecord r : s.records()) {
            record(p, s, r, receivedNanos);
            n++;
        }
        return n;
    }

    private void record(ExportPacket p, FlowSet s, DataRecord r, long receivedNanos) throws IOException {
        g.writeStartObject();
        g.writeStringField("exporter", p.context().source().toString());
        g.writeNumberField("version", p.version());
        g.writeNumberField("domain", p.domain());
        g.writeNumberField("templateId", s.template() != null ? s.template().id() : 0);
        if (s.kind() == SetKind.OPTIONS_DATA) {
            g.writeBooleanField("options", true);
        }
        if (s.lateTemplate()) {
            g.writeBooleanField("lateTemplate", true);
        }
        g.writeStringField("received", Instant.ofEpochSecond(0, receivedNanos).toString());
        if (p.exportMillis() > 0) {
            g.writeStringField("exportTime", Instant.ofEpochMilli(p.exportMillis()).toString());
        }
        g.writeNumberField("sequence", p.sequence());
        List<FieldValue> fields = r.fields();
        Instant start = null;
        Instant end = null;
        for (FieldValue f : fields) {
            Instant t = absolute(f);
            if (t != null) {
                String n = f.name();
                if (start == null && n.startsWith("flowStart")) {
                    start = t;
                } else if (end == null && n.startsWith("flowEnd")) {
                    end = t;
                }
            }
        }
        if (start != null) {
            g.writeStringField("flowStart", start.toString());
        }
        if (end != null) {
            g.writeStringField("flowEnd", end.toString());
        }
        Set<String> seen = fields.size() > 1 ? new HashSet<>() : Set.of();
        for (FieldValue f : fields) {
            String n = f.name();
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
            g.writeFieldName(n);
            value(f.value());
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static Instant absolute(FieldValue f) {
        if (f.value() instanceof Instant i) {
            return i;
        }
        FieldValue a = f.child("absolute");
        return a != null && a.value() instanceof Instant i ? i : null;
    }

    private void value(Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeString(d.toString());
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Instant i) {
            g.writeString(i.toString());
        } else if (v instanceof byte[] b) {
            g.writeString(HEX.formatHex(b));
        } else if (v instanceof List<?> l) {
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
            g.writeString(v.toString());
        }
    }

    /** Flushes buffered JSON into the current stream. */
    public void flush() throws IOException {
        if (g != null) {
            g.flush();
        }
    }
}
