package dev.flowinspector.tools.collect;

import dev.flowinspector.engine.PacketJson;
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
        /** How each field's absolute time is worked out without decoding it (TIME_* below), by field index. */
        final int[] timeKinds;

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
            timeKinds = new int[fs.size()];
            for (int i = 0; i < fs.size(); i++) {
                var ie = fs.get(i).ie();
                DataType t = ie.type();
                if (ie.pen() == 0 && (ie.id() == 21 || ie.id() == 22) && (t == DataType.UNSIGNED8
                        || t == DataType.UNSIGNED16 || t == DataType.UNSIGNED32 || t == DataType.UNSIGNED64)) {
                    timeKinds[i] = TIME_UPTIME;
                } else if (t == DataType.DATE_TIME_MILLISECONDS) {
                    timeKinds[i] = TIME_MILLIS;
                } else if (t == DataType.DATE_TIME_SECONDS) {
                    timeKinds[i] = TIME_SECONDS;
                } else {
                    timeKinds[i] = TIME_DECODE;
                }
            }
        }
    }

    /** Absolute time of a field: decode it (and its "absolute" child) to see. */
    private static final int TIME_DECODE = 0;
    /** flowStartSysUpTime / flowEndSysUpTime: export time − (sysUptime − value) (RFC 3954 §8), as the decoder does. */
    private static final int TIME_UPTIME = 1;
    /** dateTimeMilliseconds (RFC 7011 §6.1.10). */
    private static final int TIME_MILLIS = 2;
    /** dateTimeSeconds (RFC 7011 §6.1.9). */
    private static final int TIME_SECONDS = 3;
    /** No absolute time (what {@link #absoluteMillis} returns then). */
    private static final long NO_TIME = Long.MIN_VALUE;
    /** An absolute time that only the full decode can give (micro/nanoseconds). */
    private static final long DECODE = Long.MIN_VALUE + 1;

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
        writeTime(FLOW_START, p, r, plan, plan.starts);
        writeTime(FLOW_END, p, r, plan, plan.ends);
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
                int n = octet(chars, 0, (int) (a >>> 24));
                chars[n++] = '.';
                n = octet(chars, n, (int) (a >>> 16) & 0xff);
                chars[n++] = '.';
                n = octet(chars, n, (int) (a >>> 8) & 0xff);
                chars[n++] = '.';
                n = octet(chars, n, (int) a & 0xff);
                g.writeString(chars, 0, n);
            } else {
                value(r.field(i).value());
            }
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private final char[] chars = new char[32];

    /** Writes a byte 0-255 in decimal at n; returns the new end. */
    private static int octet(char[] c, int n, int v) {
        if (v >= 100) {
            c[n++] = (char) ('0' + v / 100);
            c[n++] = (char) ('0' + v / 10 % 10);
        } else if (v >= 10) {
            c[n++] = (char) ('0' + v / 10);
        }
        c[n++] = (char) ('0' + v % 10);
        return n;
    }

    /**
     * Writes flowStart or flowEnd: the first absolute time among the candidate fields, worked out from the raw
     * value where the decoder's rule is simple (sysUptime-relative, dateTimeSeconds/Milliseconds), else from the
     * decoded field; nothing when none has one.
     */
    private void writeTime(SerializedString name, ExportPacket p, DataRecord r, Plan plan, int[] candidates)
            throws IOException {
        for (int i : candidates) {
            long ms = absoluteMillis(p, r, plan.timeKinds[i], i);
            if (ms == NO_TIME) {
                continue;
            }
            g.writeFieldName(name);
            if (ms == DECODE) {
                Instant t = absolute(r.field(i));
                if (t == null) {
                    throw new IllegalStateException("no absolute time"); // absoluteMillis said there was one
                }
                g.writeString(ValueDecoder.instantText(t));
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

    /** Field i's absolute time in ms, {@link #NO_TIME} when it has none, {@link #DECODE} to decode it. */
    private static long absoluteMillis(ExportPacket p, DataRecord r, int kind, int i) {
        int len = r.valueLength(i);
        switch (kind) {
            case TIME_UPTIME -> {
                if (len == 0 || len > 8 || p.sysUptimeMs() < 0) {
                    return NO_TIME;
                }
                return p.exportMillis() - ((p.sysUptimeMs() - r.unsigned(i)) & 0xffffffffL);
            }
            case TIME_MILLIS -> {
                return len == 8 || len == 4 ? r.unsigned(i) : NO_TIME;
            }
            case TIME_SECONDS -> {
                return len == 4 ? r.unsigned(i) * 1000 : NO_TIME;
            }
            default -> {
                return absolute(r.field(i)) == null ? NO_TIME : DECODE;
            }
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
