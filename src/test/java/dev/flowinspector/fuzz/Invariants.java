package dev.flowinspector.fuzz;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.DecodeNode;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Template;
import dev.flowinspector.engine.PacketJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What must hold for any decoded packet, whatever its bytes: every set, record, field, tree node and problem
 * lies inside the packet, sets cover no more bytes than the packet has, and the tree and JSON renderings
 * never throw. A broken invariant throws {@link AssertionError}, which Jazzer reports as a finding.
 */
final class Invariants {

    /** Generous bound on decoding and rendering one packet (a hang is a finding, not a speed test). */
    static final long MAX_NANOS_PER_PACKET = 5_000_000_000L;

    private Invariants() {
    }

    /** Decoded model, tree and JSON of one packet whose bytes are {@code data}. */
    static void check(ExportPacket p, byte[] data) {
        long start = System.nanoTime();
        int n = data.length;
        if (p.data().length != n) {
            fail(p, "packet data is " + p.data().length + " bytes, input was " + n);
        }
        for (FieldValue f : p.header()) {
            field(p, f, n, 0);
        }
        long covered = 0;
        for (FlowSet s : p.sets()) {
            inside(p, "set " + s.id(), s.offset(), s.length(), n);
            covered += s.length();
            if (s.paddingLength() > 0) {
                inside(p, "padding of set " + s.id(), s.paddingOffset(), s.paddingLength(), n);
            }
            for (Template t : s.templates()) {
                inside(p, "template " + t.id(), t.originOffset(), t.originLength(), n);
            }
            for (DataRecord r : s.records()) {
                inside(p, "record of set " + s.id(), r.offset(), r.length(), n);
                if (r.offset() < s.offset() || r.offset() + r.length() > s.offset() + s.length()) {
                    fail(p, "record @" + r.offset() + "+" + r.length() + " outside its set @" + s.offset() + "+"
                            + s.length());
                }
                for (FieldValue f : r.fields()) {
                    field(p, f, n, 0);
                    within(p, f, r.offset(), r.length(), "record @" + r.offset());
                }
            }
        }
        if (covered > n) {
            fail(p, "sets cover " + covered + " bytes of a " + n + "-byte packet");
        }
        for (Problem pr : p.problems()) {
            inside(p, "problem " + pr.code(), pr.offset(), pr.length(), n);
            if (pr.message() == null || pr.message().isEmpty()) {
                fail(p, "problem " + pr.code() + " without a message");
            }
        }
        node(p, PacketTree.build(p), n, 0);
        dev.flowinspector.cli.TextIdentity.check(p); // the CLI's direct text is the tree's text
        if (p.info() == null || p.toString() == null) {
            fail(p, "no summary");
        }
        p.recordCount();
        p.worstSeverity();
        StringWriter w = new StringWriter();
        try (PacketJson json = new PacketJson(w)) {
            json.write(p);
        } catch (IOException e) {
            throw new UncheckedIOException("PacketJson failed on a StringWriter", e);
        }
        if (w.getBuffer().length() == 0) {
            fail(p, "empty JSON");
        }
        long took = System.nanoTime() - start;
        if (took > MAX_NANOS_PER_PACKET) {
            fail(p, "checking took " + took / 1_000_000 + " ms");
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
            inside(p, "problem " + pr.code(), pr.offset(), pr.length(), n);
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
