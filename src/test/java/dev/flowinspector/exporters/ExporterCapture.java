package dev.flowinspector.exporters;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.SetKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One capture under {@code src/test/resources/dev/flowinspector/exporters}, read with {@link CaptureFiles#open}
 * and decoded frame by frame with a single {@link ExportDecoder} (one template cache for the whole capture).
 *
 * @param name    file name
 * @param frames  the export frames, in capture order
 * @param packets the decoded packets, one per frame
 * @param damage  the reader's damage report, or null when the file was read to its end
 */
record ExporterCapture(String name, List<Frame> frames, List<ExportPacket> packets, String damage) {

    /** Reads and decodes a capture from the test resources. */
    static ExporterCapture load(String name) throws IOException {
        Path path = resource(name);
        ExportDecoder decoder = new ExportDecoder();
        List<Frame> frames = new ArrayList<>();
        List<ExportPacket> packets = new ArrayList<>();
        String damage;
        try (CaptureReader reader = CaptureFiles.open(path)) {
            for (Frame f = reader.next(); f != null; f = reader.next()) {
                frames.add(f);
                packets.add(decoder.decode(f.payload(), f.context()));
            }
            damage = reader.damage();
        }
        return new ExporterCapture(name, List.copyOf(frames), List.copyOf(packets), damage);
    }

    /** The path of a file in this package's test resources. */
    static Path resource(String name) {
        URL url = ExporterCapture.class.getResource(name);
        assertNotNull(url, "test resource " + name + " is missing");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every data record (not options data) of every packet, in order. */
    List<DataRecord> flowRecords() {
        List<DataRecord> out = new ArrayList<>();
        for (ExportPacket p : packets) {
            for (FlowSet s : p.sets()) {
                if (s.kind() == SetKind.DATA) {
                    out.addAll(s.records());
                }
            }
        }
        return out;
    }

    /** Every options data record. */
    List<DataRecord> optionsRecords() {
        List<DataRecord> out = new ArrayList<>();
        for (ExportPacket p : packets) {
            for (FlowSet s : p.sets()) {
                if (s.kind() == SetKind.OPTIONS_DATA) {
                    out.addAll(s.records());
                }
            }
        }
        return out;
    }

    /** Every problem of every packet, as "frame N: problem". */
    List<String> problems() {
        return problems(pr -> true);
    }

    /** The problems that pass {@code which}, as "frame N: problem". */
    private List<String> problems(java.util.function.Predicate<Problem> which) {
        List<String> out = new ArrayList<>();
        for (ExportPacket p : packets) {
            for (Problem pr : p.problems()) {
                if (which.test(pr)) {
                    out.add("frame " + p.frame() + ": " + pr);
                }
            }
        }
        return out;
    }

    /** Data records (not options data) of each packet, in frame order: what tshark counts as flows per frame. */
    List<Integer> recordsPerFrame() {
        List<Integer> out = new ArrayList<>();
        for (ExportPacket p : packets) {
            int n = 0;
            for (FlowSet s : p.sets()) {
                if (s.kind() == SetKind.DATA) {
                    n += s.records().size();
                }
            }
            out.add(n);
        }
        return out;
    }

    /** The codes of every problem of every packet, sorted, each once. */
    java.util.SortedSet<String> problemCodes() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (ExportPacket p : packets) {
            for (Problem pr : p.problems()) {
                out.add(pr.code());
            }
        }
        return out;
    }

    /** Every ERROR problem, as "frame N: problem". */
    List<String> errors() {
        return problems(pr -> pr.severity() == dev.flowinspector.decode.Severity.ERROR);
    }

    /** Problem codes of packet i (0-based). */
    List<String> codes(int i) {
        List<String> out = new ArrayList<>();
        for (Problem pr : packets.get(i).problems()) {
            out.add(pr.code());
        }
        return out;
    }
}
