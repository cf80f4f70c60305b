package dev.flowinspector.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowinspector.decode.ByteSink;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.FieldPlan;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateField;
import dev.flowinspector.decode.ValueDecoder;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes decoded packets as JSON lines: one object per export packet with header, sets, templates, records
 * and problems. Integers are numbers, addresses text, times ISO-8601 UTC, octet arrays hex.
 */
public final class PacketJson implements AutoCloseable {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final HexFormat HEX = HexFormat.of();

    private final JsonGenerator g;
    private final Writer out;

    public PacketJson(Writer out) throws IOException {
        this.out = out;
        this.g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    }

    /** Writes one packet as one line. */
    public void write(ExportPacket p) throws IOException {
        g.writeStartObject();
        g.writeNumberField("frame", p.frame());
        if (p.context().timeNanos() != 0) {
            g.writeStringField("time", PacketTree.isoTime(p.context().timeNanos()));
        }
        g.writeStringField("src", p.context().source().toString());
        g.writeStringField("dst", p.context().destination().toString());
        g.writeNumberField("version", p.version());
        g.writeObjectFieldStart("header");
        for (FieldValue f : p.header()) {
            g.writeFieldName(f.name());
            value(f.value());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("sets");
        for (FlowSet s : p.sets()) {
            set(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("problems");
        for (Problem pr : p.problems()) {
            g.writeStartObject();
            g.writeStringField("code", pr.code());
            g.writeStringField("severity", pr.severity().label());
            g.writeNumberField("offset", pr.offset());
            g.writeNumberField("length", pr.length());
            g.writeStringField("message", pr.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    private void set(FlowSet s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", s.id());
        g.writeStringField("kind", s.kind().label());
        g.writeNumberField("offset", s.offset());
        g.writeNumberField("length", s.length());
        if (s.kind() == SetKind.TEMPLATE || s.kind() == SetKind.OPTIONS_TEMPLATE) {
            g.writeArrayFieldStart("templates");
            for (Template t : s.templates()) {
                g.writeStartObject();
                g.writeNumberField("id", t.id());
                if (t.options()) {
                    g.writeNumberField("scopeCount", t.scopeCount());
                }
                if (t.isWithdrawal()) {
                    g.writeBooleanField("withdrawal", true);
                }
                g.writeArrayFieldStart("fields");
                for (TemplateField f : t.fields()) {
                    g.writeStartObject();
                    g.writeNumberField("id", f.id());
                    g.writeNumberField("pen", f.pen());
                    g.writeNumberField("length", f.length());
                    g.writeStringField("name", f.name());
                    if (f.scope()) {
                        g.writeBooleanField("scope", true);
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (s.kind() == SetKind.DATA || s.kind() == SetKind.OPTIONS_DATA) {
            if (s.template() != null) {
                g.writeNumberField("templateId", s.template().id());
                g.writeNumberField("templateFrame", s.templateFrame());
                if (s.lateTemplate()) {
                    g.writeBooleanField("lateTemplate", true);
                }
            }
            g.writeArrayFieldStart("records");
            for (DataRecord r : s.records()) {
                g.writeStartArray();
                FieldPlan plan = r.plan();
                for (int i = 0; i < plan.size(); i++) {
                    int form = plan.hasList() ? FieldPlan.JSON_VALUE : plan.jsonForm(r, i);
                    if (form == FieldPlan.JSON_VALUE) {
                        field(r.field(i));
                    } else {
                        field(plan, r, i, form);
                    }
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** As {@link #field(FieldValue)}, from the record's plan and bytes (numbers and addresses). */
    private void field(FieldPlan plan, DataRecord r, int i, int form) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", plan.element(i).id());
        g.writeNumberField("pen", plan.element(i).pen());
        g.writeStringField("name", plan.label(i));
        g.writeFieldName("value");
        fastValue(g, plan, r, i, form, sink, chars);
        g.writeNumberField("offset", r.valueOffset(i));
        g.writeNumberField("length", r.valueLength(i));
        if (plan.uptime(i)) {
            long ms = plan.millis(r, i);
            if (ms != FieldPlan.NO_TIME) {
                g.writeStringField("absolute", ValueDecoder.instantText(Instant.ofEpochMilli(ms)));
            }
        }
        g.writeEndObject();
    }

    private final ByteSink sink = new ByteSink();
    private final char[] chars = new char[64];

    /**
     * Writes field i of r as JSON in the form its plan gives ({@link FieldPlan#jsonForm}, passed as form): a number
     * for {@link FieldPlan#JSON_NUMBER}, the plain text as a string for {@link FieldPlan#JSON_TEXT} (not for
     * {@link FieldPlan#JSON_VALUE}). Shared with the collector's record JSON; sink and chars are the caller's
     * scratch space (chars of at least 64).
     */
    public static void fastValue(JsonGenerator g, FieldPlan plan, DataRecord r, int i, int form, ByteSink sink,
                                 char[] chars) throws IOException {
        if (form == FieldPlan.JSON_NUMBER) {
            g.writeNumber(r.unsigned(i));
            return;
        }
        sink.clear();
        plan.plain(r, i, sink);
        byte[] b = sink.bytes();
        int n = sink.length();
        for (int k = 0; k < n; k++) {
            chars[k] = (char) b[k]; // addresses: ASCII
        }
        g.writeString(chars, 0, n);
    }

    private void field(FieldValue f) throws IOException {
        g.writeStartObject();
        if (f.ie() != null) {
            g.writeNumberField("id", f.ie().id());
            g.writeNumberField("pen", f.ie().pen());
        }
        g.writeStringField("name", f.name());
        g.writeFieldName("value");
        value(f.value());
        g.writeNumberField("offset", f.offset());
        g.writeNumberField("length", f.length());
        FieldValue abs = f.child("absolute");
        if (abs != null) {
            g.writeFieldName("absolute");
            value(abs.value());
        }
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private void value(Object v) throws IOException {
        if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                if (o instanceof FieldValue fv) {
                    field(fv);
                } else {
                    value(o);
                }
            }
            g.writeEndArray();
        } else {
            scalar(g, v);
        }
    }

    /**
     * Writes a decoded value that is not a list: integers as numbers, NaN/infinite floats as text, booleans,
     * times as ISO-8601 UTC text, octet arrays as hex, anything else (addresses, strings) as text. Shared with
     * the collector's record JSON.
     */
    public static void scalar(JsonGenerator g, Object v) throws IOException {
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
            g.writeString(ValueDecoder.instantText(i));
        } else if (v instanceof byte[] b) {
            g.writeString(HEX.formatHex(b));
        } else {
            g.writeString(v.toString());
        }
    }

    /** Writes out the packets written so far (the generator's buffer, then the writer's). */
    public void flush() throws IOException {
        g.flush();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        g.close();
        out.flush();
    }
}
