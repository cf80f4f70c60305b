package dev.flowinspector.decode;

import static dev.flowinspector.decode.IpfixFixtures.PEN;
import static dev.flowinspector.decode.IpfixFixtures.field;
import static dev.flowinspector.decode.IpfixFixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.engine.DecodingOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Frames handed to another thread while the first pass reads on ({@code Decoding.handOver}) decode as the finished
 * two-pass decoding shows them; a frame whose data had no template before it is refused, since a later template may
 * decode it. Types learned from RFC 5610 type records count from the frame after the one that taught them, in both.
 */
@DisplayName("Handed-over frames decode as the finished two passes show them")
class HandedReplayTest {

    private static final int COUNTER = 20;

    /** Template 256: one enterprise element (PEN, 20), 4 bytes; and a data set of it. */
    private static Bytes templateAndData(long seq, long value) {
        Bytes b = message(seq).set(2).u16(256).u16(1);
        field(b, COUNTER, 4, PEN);
        return b.end().set(256).u32(value).end();
    }

    private static Bytes data(long seq, long value) {
        return message(seq).set(256).u32(value).end();
    }

    /** Data of template 256 before any template; then the template, with data. */
    private static final Frame EARLY = frame(1, data(1, 5));
    private static final Frame DEFINING = frame(2, templateAndData(2, 6));

    private static dev.flowinspector.engine.Decoding decoding() {
        return new dev.flowinspector.engine.Decoding(DecodingOptions.defaults());
    }

    private static Frame frame(long n, Bytes b) {
        return new Frame(n, 1_700_000_000_000_000_000L + n, new Endpoint("192.0.2.1", 2055),
                new Endpoint("192.0.2.2", 4739), Transport.UDP, b.endAll().bytes(), -1, null, -1, null, null);
    }

    /** What a packet shows of its records: each field's name, type and text, and its problem codes. */
    private static String shown(ExportPacket p) {
        List<String> out = new ArrayList<>();
        for (FlowSet s : p.sets()) {
            for (DataRecord r : s.records()) {
                for (int i = 0; i < r.fieldCount(); i++) {
                    FieldValue f = r.field(i);
                    out.add(f.name() + ":" + f.ie().type() + "=" + f.display());
                }
            }
        }
        for (Problem x : p.problems()) {
            out.add(x.code());
        }
        return String.join(" ", out);
    }

    @Test
    @DisplayName("a type learned after a template was defined: the defining frame shows what the first pass saw")
    void typeLearnedLater() {
        List<Frame> frames = List.of(frame(1, templateAndData(1, 123_456)),
                frame(2, IpfixFixtures.teach(message(2), COUNTER, 3, "exampleCounter")),
                frame(3, data(3, 7)), frame(4, templateAndData(4, 8)));
        dev.flowinspector.engine.Decoding first = decoding();
        dev.flowinspector.engine.Replay handed = first.handedReplay();
        List<String> accepted = new ArrayList<>();
        List<String> early = new ArrayList<>();
        for (Frame f : frames) {
            accepted.add(shown(first.accept(f)));
            early.add(shown(handed.decode(first.handOver(f))));
        }
        first.finish();
        List<String> again = new ArrayList<>();
        dev.flowinspector.engine.Replay replay = first.replay();
        for (Frame f : frames) {
            again.add(shown(replay.redecode(f)));
        }
        assertEquals(accepted, again);
        assertEquals(accepted, early);
        // frame 1 parsed the template before the type was known; frame 4 defines it again with the type
        assertEquals(String.valueOf(DataType.OCTET_ARRAY), accepted.get(0).replaceAll(".*:(\\w+)=.*", "$1"));
        assertEquals("exampleCounter:" + DataType.UNSIGNED32 + "=8", accepted.get(3).split(" ")[0]);
    }

    @Test
    @DisplayName("data before its template: refused while reading on, decoded late once the capture is complete")
    void dataBeforeTemplate() {
        dev.flowinspector.engine.Decoding d = decoding();
        dev.flowinspector.engine.Replay handed = d.handedReplay();
        ExportPacket p = d.accept(EARLY);
        assertNull(d.handOver(EARLY, p), "an accepted packet that lacked a template is not handed over");
        var refused = assertThrows(dev.flowinspector.engine.LaterTemplateNeeded.class,
                () -> handed.decode(d.handOver(EARLY)));
        assertEquals(1, refused.frame());
        ExportPacket q = d.accept(DEFINING);
        assertNotNull(d.handOver(DEFINING, q));
        assertEquals(shown(q), shown(handed.decode(d.handOver(DEFINING))));
        d.finish();
        assertEquals(List.of("set 256 decoded with template 256 from frame 2 (later)"), d.replay().redecode(EARLY)
                .problems().stream().map(Problem::message).toList());
    }

    @Test
    @DisplayName("one pass: data before its template stays undecoded on the worker, as the reading thread left it")
    void onePass() {
        dev.flowinspector.engine.Decoding d = decoding();
        dev.flowinspector.engine.Replay handed = d.handedReplay().onePass();
        for (Frame f : List.of(EARLY, DEFINING)) {
            ExportPacket accepted = d.accept(f);
            assertEquals(shown(accepted), shown(handed.decode(d.handOver(f))));
        }
        assertEquals("data.template.missing", shown(d.redecode(EARLY, false)));
    }
}
