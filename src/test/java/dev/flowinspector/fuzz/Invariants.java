package dev.flowinspector.fuzz;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.DecodeNode;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.ProblemType;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.decode.Template;
import dev.flowinspector.engine.PacketJson;
import dev.flowinspector.tools.collect.RecordJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What must hold for any decoded packet, whatever its bytes: every set, record, field, tree node and problem
 * lies inside the packet; sets lie after the header and do not overlap one another, nor do the records of a set;
 * every problem raised is registered in {@link Problems}; the tree renders; the packet JSON and the collector's
 * record JSON parse (Jackson, duplicate names rejected) and say what the model says. A broken invariant throws
 * {@link AssertionError}, which Jazzer reports as a finding.
 */
final class Invariants {

    /** Generous bound on decoding and rendering one packet (a hang is a finding, not a speed test). */
    static final long MAX_NANOS_PER_PACKET = 5_000_000_000L;

    /** Strict parser: a member name twice in one object is an error, as is anything after the root value. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Invariants() {
    }

    /** Decoded model, tree and JSON of one packet whose bytes are {@code data}. */
    static void check(ExportPacket p, byte[] data) {
        long start = System.nanoTime();
        int n = data.length;
        if (p.data().length != n) {
            fail(p, "packet data is " + p.data().length + " bytes, input was " + n);
        }
        int headerEnd = 0;
        for (FieldValue f : p.header()) {
            field(p, f, n, 0);
            headerEnd = Math.max(headerEnd, f.offset() + f.length());
        }
        List<FlowSet> byOffset = new ArrayList<>(p.sets());
        byOffset.sort(Comparator.comparingInt(FlowSet::offset));
        // a packet shorter than its header is shown whole as one raw set, over the header fields read
        boolean shortHeader = p.problems().stream().anyMatch(x -> x.type() == Problems.PACKET_TRUNCATED);
        int end = byOffset.size() == 1 && byOffset.get(0).kind() == SetKind.RAW && byOffset.get(0).offset() == 0
                && shortHeader ? 0 : headerEnd;
        String previous = "the header";
        for (FlowSet s : byOffset) {
            inside(p, "set " + s.id(), s.offset(), s.length(), n);
            if (s.offset() < end) {
                fail(p, "set " + s.id() + " @" + s.offset() + "+" + s.length() + " overlaps " + previous
                        + " (ending at " + end + ")");
            }
            end = s.offset() + s.length();
            previous = "set " + s.id() + " @" + s.offset();
        }
        for (FlowSet s : p.sets()) {
            if (s.paddingLength() > 0) {
                inside(p, "padding of set " + s.id(), s.paddingOffset(), s.paddingLength(), n);
                within(p, "padding of set " + s.id(), s.paddingOffset(), s.paddingLength(), s);
            }
            for (Template t : s.templates()) {
                inside(p, "template " + t.id(), t.originOffset(), t.originLength(), n);
            }
            int recordEnd = s.offset();
            for (DataRecord r : s.records()) {
                inside(p, "record of set " + s.id(), r.offset(), r.length(), n);
                within(p, "record @" + r.offset() + "+" + r.length(), r.offset(), r.length(), s);
                if (r.offset() < recordEnd) {
                    fail(p, "record @" + r.offset() + "+" + r.length() + " of set " + s.id()
                            + " overlaps the record before it (ending at " + recordEnd + ")");
                }
                recordEnd = r.offset() + r.length();
                for (FieldValue f : r.fields()) {
                    field(p, f, n, 0);
                    within(p, f, r.offset(), r.length(), "record @" + r.offset());
                }
            }
        }
        for (Problem pr : p.problems()) {
            problem(p, pr, n);
        }
        node(p, PacketTree.build(p), n, 0);
        dev.flowinspector.cli.TextIdentity.check(p); // the CLI's direct text is the tree's text
        if (p.info() == null || p.toString() == null) {
            fail(p, "no summary");
        }
        p.recordCount();
        p.worstSeverity();
        packetJson(p, n);
        recordJson(p);
        long took = System.nanoTime() - start;
        if (took > MAX_NANOS_PER_PACKET) {
            fail(p, "checking took " + took / 1_000_000 + " ms");
        }
    }

    /** A problem lies inside the packet, has a message, and its code is registered (as this very type). */
    private static void problem(ExportPacket p, Problem pr, int n) {
        inside(p, "problem " + pr.code(), pr.offset(), pr.length(), n);
        if (pr.message() == null || pr.message().isEmpty()) {
            fail(p, "problem " + pr.code() + " without a message");
        }
        registered(p, pr.code());
        if (!pr.type().equals(Problems.byCode(pr.code()))) {
            fail(p, "problem " + pr.code() + " is not the registered type of that code");
        }
    }

    private static void registered(ExportPacket p, String code) {
        ProblemType t = Problems.byCode(code);
        if (t == null) {
            fail(p, "problem code " + code + " is not registered in Problems");
        }
    }

    /** A byte range lies within its set. */
    private static void within(ExportPacket p, String what, int off, int len, FlowSet s) {
        if (off < s.offset() || (long) off + len > (long) s.offset() + s.length()) {
            fail(p, what + " outside its set " + s.id() + " @" + s.offset() + "+" + s.length());
        }
    }

    /**
     * The packet JSON is one line holding one object that says what the model says: frame, version, each set's
     * id, kind, offset and length (inside the packet, not overlapping), its templates and records with each
     * field's position, and the problems with registered codes.
     */
    private static void packetJson(ExportPacket p, int n) {
        StringWriter w = new StringWriter();
        try (PacketJson json = new PacketJson(w)) {
            json.write(p);
        } catch (IOException e) {
            throw new UncheckedIOException("PacketJson failed on a StringWriter", e);
        }
        String text = w.toString();
        if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
            fail(p, "packet JSON is not exactly one line");
        }
        JsonNode root = parse(p, text, "packet JSON");
        if (!root.isObject()) {
            fail(p, "packet JSON is not an object");
        }
        same(p, "frame", p.frame(), root.path("frame").asLong(-1));
        same(p, "version", p.version(), root.path("version").asLong(-1));
        if (!root.path("header").isObject()) {
            fail(p, "packet JSON has no header object");
        }
        JsonNode sets = root.path("sets");
        same(p, "sets", p.sets().size(), sets.isArray() ? sets.size() : -1);
        for (int i = 0; i < p.sets().size(); i++) {
            FlowSet s = p.sets().get(i);
            JsonNode js = sets.get(i);
            String where = "JSON set " + i;
            same(p, where + " id", s.id(), js.path("id").asLong(-1));
            same(p, where + " offset", s.offset(), js.path("offset").asLong(-1));
            same(p, where + " length", s.length(), js.path("length").asLong(-1));
            if (!s.kind().label().equals(js.path("kind").asText())) {
                fail(p, where + " kind " + js.path("kind") + ", model " + s.kind().label());
            }
            JsonNode templates = js.path("templates");
            if (templates.isArray()) {
                same(p, where + " templates", s.templates().size(), templates.size());
            }
            JsonNode records = js.path("records");
            if (records.isArray()) {
                same(p, where + " records", s.records().size(), records.size());
                for (int k = 0; k < records.size(); k++) {
                    DataRecord r = s.records().get(k);
                    JsonNode jr = records.get(k);
                    same(p, where + " record " + k + " fields", r.fields().size(), jr.size());
                    for (JsonNode f : jr) {
                        long off = f.path("offset").asLong(-1);
                        long len = f.path("length").asLong(-1);
                        if (off < r.offset() || len < 0 || off + len > (long) r.offset() + r.length()) {
                            fail(p, where + " record " + k + " field " + f.path("name") + " @" + off + "+" + len
                                    + " outside its record @" + r.offset() + "+" + r.length());
                        }
                    }
                }
            } else if (!s.records().isEmpty()) {
                fail(p, where + " has " + s.records().size() + " records in the model, none in JSON");
            }
        }
        JsonNode problems = root.path("problems");
        same(p, "problems", p.problems().size(), problems.isArray() ? problems.size() : -1);
        for (int i = 0; i < problems.size(); i++) {
            JsonNode jp = problems.get(i);
            String code = jp.path("code").asText();
            registered(p, code);
            if (!code.equals(p.problems().get(i).code())) {
                fail(p, "JSON problem " + i + " is " + code + ", model " + p.problems().get(i).code());
            }
            long off = jp.path("offset").asLong(-1);
            long len = jp.path("length").asLong(-1);
            if (off < 0 || len < 0 || off + len > n) {
                fail(p, "JSON problem " + code + " @" + off + "+" + len + " outside the " + n + "-byte packet");
            }
        }
    }

    /**
     * The collector's record JSON: one object per data record of each set, each parsing on its own line, naming the
     * version and the set's template, and holding, for every value it writes by the element's name, what the
     * packet JSON holds for that field (its fast path for integers and addresses agrees with the decoded value).
     */
    private static void recordJson(ExportPacket p) {
        for (FlowSet s : p.sets()) {
            if (s.records().isEmpty()) {
                continue;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            RecordJson rj = new RecordJson();
            int written;
            try {
                rj.target(bytes);
                written = rj.write(p, s, 1_700_000_000_000_000_000L);
                rj.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("RecordJson failed on a byte array", e);
            }
            same(p, "record JSON objects written for set " + s.id(), s.records().size(), written);
            List<JsonNode> lines = new ArrayList<>();
            try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(bytes.toByteArray())) {
                while (it.hasNextValue()) {
                    lines.add(it.nextValue());
                }
            } catch (IOException | RuntimeException e) {
                fail(p, "record JSON of set " + s.id() + " does not parse: " + e.getMessage());
            }
            same(p, "record JSON objects of set " + s.id(), s.records().size(), lines.size());
            for (int k = 0; k < lines.size(); k++) {
                JsonNode o = lines.get(k);
                same(p, "record JSON version", p.version(), o.path("version").asLong(-1));
                same(p, "record JSON templateId", s.template() != null ? s.template().id() : 0,
                        o.path("templateId").asLong(-1));
                DataRecord r = s.records().get(k);
                // the members every record object has before its fields (README): a field named like one is a repeat
                java.util.Set<String> seen = new java.util.HashSet<>(List.of("exporter", "version", "domain",
                        "templateId", "options", "lateTemplate", "received", "exportTime", "sequence", "flowStart",
                        "flowEnd"));
                for (int i = 0; i < r.fields().size(); i++) {
                    FieldValue f = r.fields().get(i);
                    String name = f.name();
                    if (name.startsWith("padding")) {
                        continue;
                    }
                    int rep = 2;
                    String key = name;
                    while (!seen.add(key)) {
                        key = name + "#" + rep++;
                    }
                    JsonNode got = o.get(key);
                    if (got == null) {
                        fail(p, "record JSON of set " + s.id() + " record " + k + " has no " + key);
                    }
                    if (f.value() instanceof List<?>) {
                        continue; // RFC 6313 lists: the packet JSON's own shape
                    }
                    JsonNode want = scalarJson(p, f);
                    if (!want.equals(got) && !(want.isNumber() && got.isNumber()
                            && want.bigIntegerValue().equals(got.bigIntegerValue()))) {
                        fail(p, "record JSON of set " + s.id() + " record " + k + ": " + key + " is " + got
                                + ", the decoded value is " + want);
                    }
                }
            }
        }
    }

    /** A decoded field's value as the packet JSON writes it. */
    private static JsonNode scalarJson(ExportPacket p, FieldValue f) {
        StringWriter w = new StringWriter();
        try (var g = JSON.getFactory().createGenerator(w)) {
            PacketJson.scalar(g, f.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(p, w.toString(), "value of " + f.name());
    }

    private static JsonNode parse(ExportPacket p, String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            fail(p, what + " does not parse: " + e.getMessage());
            return null;
        }
    }

    private static void same(ExportPacket p, String what, long model, long json) {
        if (model != json) {
            fail(p, what + ": " + json + ", model " + model);
        }
    }

    private static void field(ExportPacket p, FieldValue f, int n, int depth) {
        inside(p, "field " + f.fieldName(), f.offset(), f.length(), n);
        if (f.display() == null) {
            fail(p, "field " + f.fieldName() + " has no display text");
        }
        if (depth > 64) {
            fail(p, "field tree deeper than 64");
        }
        for (FieldValue c : f.children()) {
            field(p, c, n, depth + 1);
            within(p, c, f.offset(), f.length(), "field " + f.fieldName() + " @" + f.offset());
        }
    }

    /** A field lies within its record or parent field (a zero-length value may sit just past it). */
    private static void within(ExportPacket p, FieldValue f, int off, int len, String parent) {
        if (f.offset() < off || f.offset() + f.length() > off + len) {
            fail(p, "field " + f.fieldName() + " @" + f.offset() + "+" + f.length() + " outside " + parent + "+" + len);
        }
    }

    private static void node(ExportPacket p, DecodeNode d, int n, int depth) {
        inside(p, "tree node '" + d.label() + "'", d.offset(), d.length(), n);
        if (depth > 80) {
            fail(p, "tree deeper than 80");
        }
        for (Problem pr : d.problems()) {
            problem(p, pr, n);
        }
        for (DecodeNode c : d.children()) {
            node(p, c, n, depth + 1);
        }
    }

    private static void inside(ExportPacket p, String what, int off, int len, int n) {
        if (off < 0 || len < 0 || (long) off + len > n) {
            fail(p, what + " @" + off + "+" + len + " is outside the " + n + "-byte packet");
        }
    }

    private static void fail(ExportPacket p, String msg) {
        throw new AssertionError("frame " + p.frame() + " (v" + p.version() + "): " + msg);
    }

    /** Every problem in a list lies inside [0, n). */
    static void problemsInside(List<Problem> problems, int n, String where) {
        for (Problem pr : problems) {
            if (pr.offset() < 0 || pr.length() < 0 || (long) pr.offset() + pr.length() > n) {
                throw new AssertionError(where + ": problem " + pr.code() + " @" + pr.offset() + "+" + pr.length()
                        + " outside " + n + " bytes");
            }
        }
    }
}
