package dev.flowinspector.engine;



import static dev.flowinspector.decode.health.Hex.ipfix;
import static dev.flowinspector.decode.health.Hex.ipfixTemplate;
import static dev.flowinspector.decode.health.Hex.set;
import static dev.flowinspector.decode.health.Hex.v9;
import static dev.flowinspector.decode.health.Hex.v9Template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.decode.health.Hex;
import dev.flowinspector.decode.health.TemplateLife;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Decoding with cross-packet problems, template expiry, late templates (file and live). */
class DecodingHealthTest {

    static final Endpoint A = new Endpoint("192.0.2.1", 50000);
    static final Endpoint C = new Endpoint("192.0.2.100", 4739);
    static final long T0 = 1_577_836_800L;

    private long n;

    Frame frame(double secs, byte[] payload) {
        return frame(secs, payload, Transport.UDP, A);
    }

    Frame frame(double secs, byte[] payload, Transport t, Endpoint src) {
        n++;
        return new Frame(n, (long) ((T0 + secs) * 1e9), src, C, t, payload, -1, null, -1, null, List.of());
    }

    static byte[] data(int id, int records) {
        Hex h = Hex.of();
        for (int i = 0; i < records; i++) {
            h.u32(0x0a000000L + i);
        }
        return set(id, h.build());
    }

    static List<String> codes(ExportPacket p) {
        return p.problems().stream().map(Problem::code).toList();
    }

    static FlowSet firstData(ExportPacket p) {
        return p.sets().stream().filter(s -> s.id() >= 256).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("accept returns the packet with its cross-packet problems; redecode shows them too")
    void crossPacketOnAcceptAndRedecode() {
        Decoding d = new Decoding(DecodingOptions.defaults());
        d.accept(frame(0, ipfix(T0, 10, 1, ipfixTemplate(256, 8, 4), data(256, 2))));
        Frame f2 = frame(1, ipfix(T0 + 1, 20, 1, data(256, 1)));
        ExportPacket p = d.accept(f2);
        assertEquals(List.of("sequence.loss"), codes(p));
        assertEquals(List.of("sequence.loss"), codes(d.redecode(f2)));
        assertEquals(1, d.exporters().size());
        assertEquals(8, d.exporters().get(0).lost());
    }

    @Test
    @DisplayName("UDP template not refreshed within the timeout expires; its data is 'expired', not decoded")
    void expiry() {
        Decoding d = new Decoding(DecodingOptions.defaults().withTemplateTimeout(Duration.ofMinutes(30)));
        d.accept(frame(0, ipfix(T0, 0, 1, ipfixTemplate(256, 8, 4))));
        ExportPacket in = d.accept(frame(29 * 60, ipfix(T0 + 29 * 60, 0, 1, data(256, 1))));
        assertEquals(1, firstData(in).records().size(), "29 min: still live");
        Frame f3 = frame(61 * 60, ipfix(T0 + 61 * 60, 1, 1, data(256, 1)));
        ExportPacket late = d.accept(f3);
        assertEquals(codes(late), codes(d.redecode(f3)), "redecode sees the expiry too");
        assertTrue(codes(late).contains("data.template.missing"), codes(late).toString());
        assertTrue(codes(late).contains("data.template.expired"), codes(late).toString());
        Problem e = late.problems().stream().filter(p -> p.code().equals("data.template.expired")).findFirst().get();
        assertEquals(16, e.offset());
        assertTrue(e.message().contains("last sent in frame 1"), e.message());
        TemplateLife l = d.timeline().lives().get(0);
        assertEquals(TemplateLife.State.EXPIRED, l.state());
        assertEquals(3, l.stateFrame());
        assertEquals(1, d.exporters().get(0).expiredTemplateSets());
    }

    @Test
    @DisplayName("Templates received over TCP, or with expiry disabled, never expire")
    void noExpiry() {
        Decoding tcp = new Decoding(DecodingOptions.defaults());
        tcp.accept(frame(0, ipfix(T0, 0, 1, ipfixTemplate(256, 8, 4)), Transport.TCP, A));
        ExportPacket p = tcp.accept(frame(7200, ipfix(T0 + 7200, 0, 1, data(256, 1)), Transport.TCP, A));
        assertFalse(codes(p).contains("data.template.missing"), codes(p).toString());

        Decoding off = new Decoding(DecodingOptions.defaults().withTemplateTimeout(Duration.ZERO));
        off.accept(frame(0, ipfix(T0, 0, 1, ipfixTemplate(256, 8, 4))));
        ExportPacket q = off.accept(frame(7200, ipfix(T0 + 7200, 0, 1, data(256, 1))));
        assertFalse(codes(q).contains("data.template.missing"), codes(q).toString());
    }

    @Test
    @DisplayName("After finish(), data before its template is decoded, marked 'template from frame N (later)'")
    void lateTemplateAfterFinish() {
        Decoding d = new Decoding(DecodingOptions.defaults());
        Frame f1 = frame(0, v9(1, 1000, T0, 1, 0, data(300, 2)));
        ExportPacket p1 = d.accept(f1);
        assertTrue(codes(p1).contains("data.template.missing"));
        d.accept(frame(1, v9(1, 2000, T0 + 1, 2, 0, v9Template(300, 8, 4))));
        d.finish();
        ExportPacket again = d.redecode(f1);
        FlowSet s = firstData(again);
        assertTrue(s.lateTemplate());
        assertEquals(2, s.records().size());
        assertEquals(2, s.templateFrame());
        Problem late = again.problems().stream().filter(p -> p.code().equals("data.template.later")).findFirst()
                .orElseThrow();
        assertTrue(late.message().contains("from frame 2 (later)"), late.message());
    }

    @Test
    @DisplayName("Live: orphan data is buffered and delivered decoded when its template arrives")
    void liveOrphans() {
        Decoding d = new Decoding(DecodingOptions.defaults());
        List<LateDecoded> seen = new ArrayList<>();
        d.onLateDecode(seen::add);
        d.accept(frame(0, v9(1, 1000, T0, 1, 0, data(300, 2))));
        d.accept(frame(0.5, v9(1, 1500, T0, 2, 0, data(301, 1))));
        assertEquals(List.of(), seen);
        d.accept(frame(1, v9(1, 2000, T0 + 1, 3, 0, v9Template(300, 8, 4))));
        assertEquals(1, seen.size());
        LateDecoded ld = seen.get(0);
        assertEquals(1, ld.frame().number());
        assertEquals(3, ld.templateFrame());
        assertEquals(2, firstData(ld.packet()).records().size());
        assertTrue(firstData(ld.packet()).lateTemplate());
        assertEquals(1, d.takeLateDecoded().size());
        assertEquals(0, d.takeLateDecoded().size());
    }

    @Test
    @DisplayName("Options data: sampling interval renormalises counters; interface names name interfaces")
    void optionsApplied() {
        Decoding d = new Decoding(DecodingOptions.defaults());
        // options template 260: scope interface (2)/4; samplingInterval (34)/4, interfaceName (82)/8
        byte[] ot = Hex.v9OptionsTemplate(260, new int[] {2, 4}, new int[] {34, 4, 82, 8});
        byte[] od = set(260, Hex.of().u32(7).u32(100).bytes("Gi0/7\0\0\0".getBytes()).build());
        d.accept(frame(0, v9(2, 1000, T0, 1, 0, ot, od)));
        // data template 261: ingressInterface (10)/4, octets (1)/4, packets (2)/4
        byte[] t = v9Template(261, 10, 4, 1, 4, 2, 4);
        byte[] dd = set(261, Hex.of().u32(7).u32(1500).u32(3).build());
        ExportPacket p = d.accept(frame(1, v9(2, 2000, T0 + 1, 2, 0, t, dd)));
        var r = firstData(p).records().get(0);
        var notes = d.optionsData().annotate(p, r);
        assertEquals(List.of("ingressInterface name", "octetDeltaCount (renormalised)",
                "packetDeltaCount (renormalised)"), notes.stream().map(v -> v.name()).toList());
        assertEquals("Gi0/7", notes.get(0).value());
        assertEquals(150_000L, notes.get(1).value());
        assertTrue(notes.get(1).display().contains("raw 1500 × 100"), notes.get(1).display());
        assertTrue(notes.get(1).display().contains("options record 1 of set 260 in frame 1"), notes.get(1).display());
        assertEquals(r.valueOffset(1), notes.get(1).offset());
        assertNotNull(d.optionsData().interfaceName(
                new dev.flowinspector.decode.health.StreamKey(A, 9, 0), 7));
    }

    @Test
    @DisplayName("Options data: nothing learned, nothing added; v5 header sampling renormalises")
    void optionsNotApplied() {
        Decoding d = new Decoding(DecodingOptions.defaults());
        byte[] t = v9Template(261, 10, 4, 1, 4);
        ExportPacket p = d.accept(frame(0, v9(2, 2000, T0, 2, 0, t, set(261, Hex.of().u32(7).u32(1500).build()))));
        assertEquals(List.of(), d.optionsData().annotate(p, firstData(p).records().get(0)));

        ExportPacket v5 = d.accept(frame(1, Hex.v5(1, 1000, T0 + 1, 0, 0, 0, (1 << 14) | 64)));
        var notes = d.optionsData().annotate(v5, v5.sets().get(0).records().get(0));
        assertEquals(List.of(640L, 64_000L), notes.stream().map(v -> v.value()).toList());
        assertTrue(notes.get(0).display().contains("v5 header"), notes.get(0).display());
    }

    @Test
    @DisplayName("finish(): a sequence check skipped for data without template is done once the template is known")
    void unknownResolvedAfterFinish() {
        Decoding ok = new Decoding(DecodingOptions.defaults());
        ok.accept(frame(0, ipfix(T0, 10, 1, data(256, 3))));
        Frame g = frame(1, ipfix(T0 + 1, 13, 1, ipfixTemplate(256, 8, 4), data(256, 2)));
        assertEquals(List.of("sequence.unknown"), codes(ok.accept(g)));
        ok.finish();
        assertEquals(List.of(), ok.crossPacketProblems(g.number()));
        assertEquals(List.of(), codes(ok.redecode(g)));
        assertEquals(0, ok.exporters().get(0).unknownChecks());

        Decoding gap = new Decoding(DecodingOptions.defaults());
        gap.accept(frame(0, ipfix(T0, 10, 1, data(256, 3))));
        Frame h = frame(1, ipfix(T0 + 1, 20, 1, ipfixTemplate(256, 8, 4), data(256, 2)));
        gap.accept(h);
        gap.finish();
        List<Problem> now = gap.crossPacketProblems(h.number());
        assertEquals(List.of("sequence.loss"), now.stream().map(Problem::code).toList());
        assertTrue(now.get(0).message().contains("expected sequence 13, got 20: 7 records missing (checked after"),
                now.get(0).message());
        assertEquals(7, gap.exporters().get(0).lost());
    }
}
