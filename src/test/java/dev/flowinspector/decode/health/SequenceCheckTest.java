package dev.flowinspector.decode.health;

import static dev.flowinspector.decode.health.Feed.T0;
import static dev.flowinspector.decode.health.Feed.codes;
import static dev.flowinspector.decode.health.Hex.ipfix;
import static dev.flowinspector.decode.health.Hex.ipfixTemplate;
import static dev.flowinspector.decode.health.Hex.set;
import static dev.flowinspector.decode.health.Hex.v5;
import static dev.flowinspector.decode.health.Hex.v9;
import static dev.flowinspector.decode.health.Hex.v9Template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Problem;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sequence numbers, version by version (RFC 3954 §5.1, RFC 7011 §3.1, Cisco v5 format). */
class SequenceCheckTest {

    /** A v9 data FlowSet for template 256 (one 4-byte field) with n records. */
    private static byte[] v9Data(int n) {
        Hex h = Hex.of();
        for (int i = 0; i < n; i++) {
            h.u32(1000 + i);
        }
        return set(256, h.build());
    }

    private static byte[] ipfixData(int n) {
        return v9Data(n);
    }

    @Test
    @DisplayName("v5: next = sequence + count; a consistent stream raises nothing")
    void v5Consistent() {
        Feed f = new Feed();
        assertEquals(List.of(), f.at(0, v5(3, 10_000, T0, 100, 0, 0, 0)));
        assertEquals(List.of(), f.at(1, v5(2, 11_000, T0 + 1, 103, 0, 0, 0)));
        assertEquals(List.of(), f.at(2, v5(30, 12_000, T0 + 2, 105, 0, 0, 0)));
    }

    @Test
    @DisplayName("v5: a jump forward is loss, counted in records, pointing at the flow_sequence field")
    void v5Loss() {
        Feed f = new Feed();
        f.at(0, v5(3, 10_000, T0, 100, 0, 0, 0));
        List<Problem> ps = f.at(1, v5(2, 11_000, T0 + 1, 110, 0, 0, 0));
        assertEquals(List.of("sequence.loss"), codes(ps));
        assertEquals(16, ps.get(0).offset());
        assertEquals(4, ps.get(0).length());
        assertTrue(ps.get(0).message().contains("expected sequence 103, got 110: 7 records missing"), ps.get(0).message());
        ExporterHealth h = f.analyzer.exporters().get(0);
        assertEquals(7, h.lost());
        assertEquals(100.0 * 7 / (7 + 5), h.lossPercent(), 1e-9);
    }

    @Test
    @DisplayName("v5: engines keep their own sequence")
    void v5PerEngine() {
        Feed f = new Feed();
        assertEquals(List.of(), f.at(0, v5(3, 10_000, T0, 100, 1, 1, 0)));
        assertEquals(List.of(), f.at(0.1, v5(3, 10_100, T0, 5000, 1, 2, 0)));
        assertEquals(List.of(), f.at(0.2, v5(3, 10_200, T0, 103, 1, 1, 0)));
        assertEquals(List.of(), f.at(0.3, v5(3, 10_300, T0, 5003, 1, 2, 0)));
        assertEquals(2, f.analyzer.exporters().size());
    }

    @Test
    @DisplayName("v5: the same sequence twice is a duplicate, not loss")
    void v5Duplicate() {
        Feed f = new Feed();
        f.at(0, v5(3, 10_000, T0, 100, 0, 0, 0));
        f.at(1, v5(3, 11_000, T0 + 1, 103, 0, 0, 0));
        List<Problem> ps = f.at(1.1, v5(3, 11_000, T0 + 1, 103, 0, 0, 0));
        assertEquals(List.of("sequence.duplicate"), codes(ps));
        assertTrue(ps.get(0).message().contains("already seen in frame 2"), ps.get(0).message());
        assertEquals(0, f.analyzer.exporters().get(0).lost());
    }

    @Test
    @DisplayName("v5: a sequence wrapping around 2^32 is a note, not loss")
    void v5Wrap() {
        Feed f = new Feed();
        f.at(0, v5(3, 10_000, T0, 0xffff_fffeL, 0, 0, 0));
        List<Problem> ps = f.at(1, v5(3, 11_000, T0 + 1, 1, 0, 0, 0));
        assertEquals(List.of("sequence.wrap"), codes(ps));
    }

    @Test
    @DisplayName("v5: a sequence far back while the clocks go on is a counter reset")
    void v5Reset() {
        Feed f = new Feed();
        f.at(0, v5(30, 10_000, T0, 1_000_000, 0, 0, 0));
        List<Problem> ps = f.at(1, v5(3, 11_000, T0 + 1, 0, 0, 0, 0));
        assertEquals(List.of("sequence.reset"), codes(ps));
        assertEquals(1, f.analyzer.exporters().get(0).resets());
        assertEquals(List.of(), f.at(2, v5(3, 12_000, T0 + 2, 3, 0, 0, 0)), "checked against the new counter");
    }

    @Test
    @DisplayName("v9: next = sequence + 1 whatever the record count")
    void v9CountsPackets() {
        Feed f = new Feed();
        assertEquals(List.of(), f.at(0, v9(2, 10_000, T0, 7, 1, v9Template(256, 1, 4), v9Data(1))));
        assertEquals(List.of(), f.at(1, v9(5, 11_000, T0 + 1, 8, 1, v9Data(5))));
        List<Problem> ps = f.at(2, v9(5, 12_000, T0 + 2, 11, 1, v9Data(5)));
        assertEquals(List.of("sequence.loss"), codes(ps));
        assertEquals(12, ps.get(0).offset());
        assertTrue(ps.get(0).message().contains("2 packets missing"), ps.get(0).message());
    }

    @Test
    @DisplayName("v9: source ids keep their own sequence")
    void v9PerSourceId() {
        Feed f = new Feed();
        f.at(0, v9(1, 10_000, T0, 7, 1, v9Template(256, 1, 4)));
        f.at(0, v9(1, 10_000, T0, 900, 2, v9Template(256, 1, 4)));
        assertEquals(List.of(), f.at(1, v9(1, 11_000, T0 + 1, 8, 1, v9Data(1))));
        assertEquals(List.of(), f.at(1, v9(1, 11_000, T0 + 1, 901, 2, v9Data(1))));
    }

    @Test
    @DisplayName("IPFIX: next = sequence + data records of the message; templates do not count")
    void ipfixCountsRecords() {
        Feed f = new Feed();
        assertEquals(List.of(), f.at(0, ipfix(T0, 50, 3, ipfixTemplate(256, 1, 4), ipfixData(4))));
        assertEquals(List.of(), f.at(1, ipfix(T0 + 1, 54, 3, ipfixData(2))));
        List<Problem> ps = f.at(2, ipfix(T0 + 2, 60, 3, ipfixData(1)));
        assertEquals(List.of("sequence.loss"), codes(ps));
        assertEquals(8, ps.get(0).offset());
        assertTrue(ps.get(0).message().contains("expected sequence 56, got 60: 4 records missing"), ps.get(0).message());
    }

    @Test
    @DisplayName("IPFIX: a message going back to the sequence of a template-only message is not its duplicate")
    void ipfixTemplateOnlyMessageHasNoDuplicate() {
        // RFC 7011 §3.1: a message without data records carries the sequence of the next one, so sequence 50 names
        // no data record of the first message; the data message at 50 that comes after 60 arrives late
        Feed f = new Feed();
        assertEquals(List.of(), f.at(0, ipfix(T0, 50, 3, ipfixTemplate(256, 1, 4))));
        assertEquals(List.of("sequence.loss"), codes(f.at(1, ipfix(T0 + 1, 60, 3, ipfixData(2)))));
        List<Problem> ps = f.at(2, ipfix(T0 + 2, 50, 3, ipfixData(4)));
        assertEquals(List.of("sequence.duplicate"), codes(ps));
        assertTrue(ps.get(0).message().contains("arrives late"), ps.get(0).message());
        assertEquals(10 - 4, f.analyzer.exporters().get(0).lost(), "the 4 late records are not lost");
    }

    @Test
    @DisplayName("IPFIX: the same data message twice is still a duplicate")
    void ipfixDataMessageTwice() {
        Feed f = new Feed();
        f.at(0, ipfix(T0, 50, 3, ipfixTemplate(256, 1, 4), ipfixData(4)));
        f.at(1, ipfix(T0 + 1, 54, 3, ipfixData(2)));
        List<Problem> ps = f.at(1.1, ipfix(T0 + 1, 54, 3, ipfixData(2)));
        assertEquals(List.of("sequence.duplicate"), codes(ps));
        assertTrue(ps.get(0).message().contains("already seen in frame 2"), ps.get(0).message());
    }

    @Test
    @DisplayName("IPFIX: after a data set without template the next check is 'unknown', not a gap")
    void ipfixUnknownCount() {
        Feed f = new Feed();
        f.at(0, ipfix(T0, 50, 3, ipfixData(4)));
        List<Problem> ps = f.at(1, ipfix(T0 + 1, 54, 3, ipfixTemplate(256, 1, 4), ipfixData(2)));
        assertEquals(List.of("sequence.unknown"), codes(ps));
        assertTrue(ps.get(0).message().contains("[256] had no template"), ps.get(0).message());
        assertEquals(List.of(), f.at(2, ipfix(T0 + 2, 56, 3, ipfixData(1))), "known again once decodable");
        assertEquals(0, f.analyzer.exporters().get(0).lost());
        assertEquals(1, f.analyzer.exporters().get(0).unknownChecks());
    }

    @Test
    @DisplayName("A packet arriving after its successor fills the gap: reorder, and the loss is taken back")
    void reorderFillsGap() {
        Feed f = new Feed();
        f.at(0, v9(1, 10_000, T0, 1, 0, v9Template(256, 1, 4)));
        assertEquals(List.of("sequence.loss"), codes(f.at(1, v9(1, 12_000, T0 + 2, 3, 0, v9Data(1)))));
        List<Problem> ps = f.at(1.5, v9(1, 11_000, T0 + 1, 2, 0, v9Data(1)));
        assertTrue(codes(ps).contains("sequence.duplicate"), ps.toString());
        assertTrue(ps.stream().anyMatch(p -> p.message().contains("falls in the gap")), ps.toString());
        assertEquals(0, f.analyzer.exporters().get(0).lost());
        assertEquals(List.of(), f.at(2, v9(1, 13_000, T0 + 3, 4, 0, v9Data(1))), "expected from the newest packet");
    }

    @Test
    @DisplayName("IPFIX: an exporter counting the message's own records is named once, then checked its way")
    void countsCurrentMessage() {
        Feed f = new Feed();
        f.at(0, ipfix(T0, 20, 3, ipfixTemplate(256, 1, 4), ipfixData(21)));
        List<Problem> ps = f.at(1, ipfix(T0 + 1, 48, 3, ipfixData(28)));
        assertEquals(List.of("sequence.counts.current"), codes(ps));
        assertTrue(ps.get(0).message().contains("48 = previous 20 + this message's 28 records"), ps.get(0).message());
        assertEquals(List.of(), f.at(2, ipfix(T0 + 2, 60, 3, ipfixData(12))));
        assertEquals(List.of("sequence.loss"), codes(f.at(3, ipfix(T0 + 3, 80, 3, ipfixData(2)))),
                "a real gap is still a gap: 60 + 2 expected 62");
        assertEquals(0, f.analyzer.exporters().get(0).gaps() - 1);
    }

    @Test
    @DisplayName("IPFIX: equal record counts fit both readings: nothing is said")
    void countsCurrentNotWhenAmbiguous() {
        Feed f = new Feed();
        f.at(0, ipfix(T0, 20, 3, ipfixTemplate(256, 1, 4), ipfixData(5)));
        assertEquals(List.of(), f.at(1, ipfix(T0 + 1, 25, 3, ipfixData(5))));
        assertEquals(List.of(), f.at(2, ipfix(T0 + 2, 30, 3, ipfixData(7))));
    }

    @Test
    @DisplayName("IPFIX: an older message after one with an unknown count is 'older', the next one still unknown")
    void olderAfterUnknown() {
        Feed f = new Feed();
        f.at(0, ipfix(T0, 48, 3, ipfixData(3)));
        assertEquals(List.of("sequence.duplicate"), codes(f.at(1, ipfix(T0, 20, 3, ipfixTemplate(256, 1, 4), ipfixData(21)))));
        assertEquals(List.of("sequence.unknown"), codes(f.at(2, ipfix(T0, 60, 3, ipfixData(12)))));
    }
}
