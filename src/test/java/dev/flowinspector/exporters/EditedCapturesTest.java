package dev.flowinspector.exporters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.TemplateEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Problem cases cut from the real exporter captures by tools/exporters/make_edited.py (see the README next to
 * the captures): the decoder must name the fault, keep decoding, and still get every record it can right.
 */
class EditedCapturesTest {

    private static List<String> all(List<String> codes, String code) {
        return codes.stream().filter(code::equals).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"softflowd-v9-data-before-template.pcap", "softflowd-v10-data-before-template.pcap"})
    @DisplayName("data before its templates: every data set of that packet is data.template.missing, nothing lost")
    void dataBeforeTemplate(String file) throws IOException {
        ExporterCapture cap = ExporterCapture.load(file);
        assertNull(cap.damage());
        ExportPacket first = cap.packets().get(0);
        assertEquals(0, first.recordCount(), "no record decoded without a template");
        List<FlowSet> data = first.sets().stream().filter(s -> s.id() >= 256).toList();
        assertEquals(10, data.size(), "softflowd's second packet holds 10 data sets (tshark: 10 × no template found)");
        for (FlowSet s : data) {
            assertNull(s.template(), "set " + s.id() + " at " + s.offset());
        }
        assertEquals(10, all(cap.codes(0), "data.template.missing").size(), String.join("\n", cap.problems()));
        assertEquals(Set.of("data.template.missing"), new TreeSet<>(cap.codes(0)));
        // the packets after the templates decode as before: 20 + 12 of the 60 flows, each one right
        assertEquals(List.of(0, 20, 12), cap.recordsPerFrame());
        boolean ipfix = file.contains("v10");
        long systemInit = ipfix ? FlowCheck.epochMs(cap.optionsRecords().get(0).field("systemInitTimeMilliseconds")) : 0;
        List<String> bad = FlowCheck.check(cap.flowRecords(), InputFlow.all(),
                ipfix ? ExporterCapturesTest.SOFTFLOWD_V10 : ExporterCapturesTest.SOFTFLOWD_V9, systemInit, false);
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    @DisplayName("two exporters define template 1024 differently under source id 0: kept apart by exporter address")
    void twoExportersSameTemplateId() throws IOException {
        ExporterCapture cap = ExporterCapture.load("two-exporters-template-1024.pcap");
        assertNull(cap.damage());
        assertEquals(14, cap.packets().size());
        List<TemplateEvent> events = new ArrayList<>();
        List<DataRecord> pmacctd = new ArrayList<>();
        List<DataRecord> softflowd = new ArrayList<>();
        for (ExportPacket p : cap.packets()) {
            assertEquals(0, p.domain(), "frame " + p.frame() + ": both exporters use source id 0");
            events.addAll(p.templateEvents());
            for (FlowSet s : p.sets()) {
                if (s.kind() == SetKind.DATA) {
                    (p.context().source().address().equals("127.0.0.2") ? softflowd : pmacctd).addAll(s.records());
                }
            }
        }
        assertFalse(cap.problems().stream().anyMatch(s -> s.contains("template.changed")),
                String.join("\n", cap.problems()));
        assertTrue(events.stream().allMatch(e -> e.kind() == TemplateEvent.Kind.ADDED), events.toString());
        List<TemplateEvent> t1024 = events.stream().filter(e -> e.key().templateId() == 1024).toList();
        assertEquals(2, t1024.size(), "template 1024 added once per exporter: " + t1024);
        assertEquals(17, t1024.get(0).template().fields().size(), "pmacctd's 1024");
        assertEquals(16, t1024.get(1).template().fields().size(), "softflowd's 1024");
        assertEquals(60, pmacctd.size());
        assertEquals(60, softflowd.size());
        List<String> bad = new ArrayList<>(FlowCheck.check(pmacctd, InputFlow.all(), ExporterCapturesTest.PMACCTD, 0,
                true));
        bad.addAll(FlowCheck.check(softflowd, InputFlow.all(), ExporterCapturesTest.SOFTFLOWD_V9, 0, true));
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    @DisplayName("v9 header count = number of FlowSets (MikroTik style): nf9.header.count.flowsets, records intact")
    void countIsFlowSets() throws IOException {
        ExporterCapture cap = ExporterCapture.load("pmacctd-v9-count-flowsets.pcap");
        List<Integer> flowsets = new ArrayList<>();
        for (int i = 0; i < cap.packets().size(); i++) {
            ExportPacket p = cap.packets().get(i);
            flowsets.add(p.sets().size());
            assertEquals(p.sets().size(), p.headerCount(), "frame " + p.frame() + ": count rewritten to FlowSets");
            // the last packet has one FlowSet with one record: count 1 is right either way
            List<String> expected = i == 10 ? List.of() : List.of("nf9.header.count.flowsets");
            assertEquals(expected, cap.codes(i), "frame " + p.frame());
        }
        assertEquals(List.of(5, 3, 2, 5, 1, 2, 3, 3, 2, 1, 1), flowsets, "FlowSets per frame (tshark's count)");
        List<String> bad = FlowCheck.check(cap.flowRecords(), InputFlow.all(), ExporterCapturesTest.PMACCTD, 0, true);
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    @DisplayName("v5 cut to 10 records and 20 bytes: nf.header.length.mismatch, the 10 whole records decoded")
    void truncatedV5() throws IOException {
        ExporterCapture cap = ExporterCapture.load("softflowd-v5-truncated.pcap");
        ExportPacket first = cap.packets().get(0);
        assertEquals(24 + 10 * 48 + 20, first.data().length);
        assertEquals(30, first.headerCount());
        assertEquals(10, first.recordCount());
        assertEquals(List.of("nf.header.length.mismatch"), cap.codes(0));
        assertEquals(List.of(), cap.codes(1));
        assertEquals(28, cap.flowRecords().size());
        List<String> bad = FlowCheck.check(cap.flowRecords(), InputFlow.ipv4(), ExporterCapturesTest.SOFTFLOWD, 0,
                false);
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"softflowd-v9-truncated.pcap", "softflowd-v10-truncated.pcap"})
    @DisplayName("v9/IPFIX packet 100 bytes short: the overrun is named, templates and 17 whole flow records kept")
    void truncatedTemplated(String file) throws IOException {
        ExporterCapture cap = ExporterCapture.load(file);
        boolean ipfix = file.contains("v10");
        ExportPacket first = cap.packets().get(0);
        assertEquals(5, first.templateCount(), "the templates come before the cut");
        assertEquals(18, first.recordCount(), "17 flow records + softflowd's options record; 3 flows cut off");
        List<String> codes = cap.codes(0);
        assertTrue(codes.contains("set.length.overrun"), codes.toString());
        if (ipfix) {
            assertTrue(codes.contains("ipfix.header.length.mismatch"), codes.toString());
        } else {
            assertTrue(codes.contains("data.record.truncated"), codes.toString());
        }
        assertEquals(List.of(28, 12), List.of(cap.packets().get(1).recordCount(), cap.packets().get(2).recordCount()));
        long systemInit = ipfix ? FlowCheck.epochMs(cap.optionsRecords().get(0).field("systemInitTimeMilliseconds")) : 0;
        List<String> bad = FlowCheck.check(cap.flowRecords(), InputFlow.all(),
                ipfix ? ExporterCapturesTest.SOFTFLOWD_V10 : ExporterCapturesTest.SOFTFLOWD_V9, systemInit, false);
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        assertEquals(57, cap.flowRecords().size());
    }

    @Test
    @DisplayName("sequence gap captures: one packet missing, the rest decodes cleanly (gap detection is elsewhere)")
    void sequenceGap() throws IOException {
        ExporterCapture v9 = ExporterCapture.load("pmacctd-v9-seqgap.pcap");
        List<Long> seq = new ArrayList<>();
        v9.packets().forEach(p -> seq.add(p.sequence()));
        assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L, 10L, 11L), seq, "v9 packet sequence 5 dropped");
        assertEquals(Collections.emptyList(), v9.problems());
        assertEquals(53, v9.flowRecords().size(), "60 − the 7 records of the dropped packet");

        ExporterCapture ipfix = ExporterCapture.load("pmacctd-v10-seqgap.pcap");
        ExportPacket before = ipfix.packets().get(3);
        ExportPacket after = ipfix.packets().get(4);
        assertEquals(14, before.sequence());
        assertEquals(27, after.sequence(), "IPFIX sequence counts records: 14 + 6 + 7 lost");
        assertEquals(before.sequence() + before.recordCount() + 7, after.sequence());
        assertEquals(Collections.emptyList(), ipfix.problems());
        List<String> bad = FlowCheck.check(ipfix.flowRecords(), InputFlow.all(), ExporterCapturesTest.PMACCTD, 0,
                false);
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }
}
