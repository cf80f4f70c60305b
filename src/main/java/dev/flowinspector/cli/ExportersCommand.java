package dev.flowinspector.cli;

import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.health.Durations;
import dev.flowinspector.decode.health.ExporterHealth;
import dev.flowinspector.decode.health.StreamlessPackets;
import dev.flowinspector.engine.CaptureAnalysis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flowinspector exporters FILE}: health of every exporter and domain in a capture. */
@Command(name = "exporters", mixinStandardHelpOptions = true,
        description = {"Health of every exporter (address, port, version, domain) in a capture: packets, records, "
                + "first/last seen, sequence loss, duplicates, resets, restarts, template refresh cadence, data "
                + "sets without template, clock offset.",
            "Exit status: 0 when the capture was read, 2 when it could not be."})
public final class ExportersCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file (pcap, pcapng, IPFIX file).")
    Path file;

    @picocli.CommandLine.Mixin
    CaptureOptions capture = new CaptureOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CaptureAnalysis a = capture.analyse(file, "exporters", err);
        if (a == null) {
            return 2;
        }
        print(a, out);
        out.flush();
        if (a.damage() != null) {
            err.println("flowinspector exporters: " + a.damage() + " (" + PacketTree.count(a.packets(), "export packet") + " read before it)");
        }
        return a.damage() != null && a.packets() == 0 ? 2 : 0; // damaged before any export packet: nothing read
    }

    /** Prints the health table, one block per exporter stream. */
    static void print(CaptureAnalysis a, PrintWriter out) {
        List<ExporterHealth> hs = a.decoding().exporters();
        StreamlessPackets none = a.decoding().analyzer().streamless();
        out.println(PacketTree.count(a.packets(), "export packet") + ", " + hs.size() + " exporter stream"
                + (hs.size() == 1 ? "" : "s") + (none.packets() > 0 ? ", " + none.packets() + " in no stream" : ""));
        for (ExporterHealth h : hs) {
            out.println();
            out.println(h.key());
            out.printf(Locale.ROOT, "  packets %d, records %d%s, template records %d%n", h.packets(), h.records(),
                    h.lateRecords() > 0 ? " (" + h.lateRecords() + " with a template that came later)" : "",
                    h.templateRecords());
            out.println("  first seen frame " + h.firstFrame() + time(h.firstNanos()) + ", last seen frame "
                    + h.lastFrame() + time(h.lastNanos()));
            if (!h.sequenceUnit().isEmpty()) {
                out.printf(Locale.ROOT, "  sequence: %d %s lost (%.2f %%) in %d gap%s, %d duplicate/reordered, "
                                + "%d reset%s, %d wrap%s, %d unchecked%n", h.lost(), h.sequenceUnit(), h.lossPercent(),
                        h.gaps(), h.gaps() == 1 ? "" : "s", h.duplicates(), h.resets(), h.resets() == 1 ? "" : "s",
                        h.wraps(), h.wraps() == 1 ? "" : "s", h.unknownChecks());
            }
            out.println("  restarts " + h.reboots() + (h.reboots() > 0 ? " (last in frame " + h.lastRebootFrame() + ")" : "")
                    + ", export time went backwards " + h.exportTimeBackwards() + " time"
                    + (h.exportTimeBackwards() == 1 ? "" : "s"));
            if (h.key().version() >= 9) {
                long cadence = a.decoding().analyzer().refreshCadenceNanos(h.key());
                out.println("  templates: refresh every " + (cadence < 0 ? "- (none sent twice)"
                        : Durations.fine(cadence)) + "; data sets without template "
                        + h.setsWithoutTemplate() + ", for an expired template " + h.expiredTemplateSets()
                        + ", with a template from before a restart " + h.staleTemplateSets());
            }
            if (h.clockKnown()) {
                long o = h.clockOffsetMs();
                out.println("  clock: export time " + Durations.text(Math.abs(o)) + (o >= 0 ? " ahead of" : " behind")
                        + " capture time (last packet)");
            }
            out.println("  problems " + h.allProblems() + ": " + h.packetProblems() + " in its packets, " + h.problems()
                    + " across packets");
        }
        if (none.packets() > 0) {
            List<Long> fs = none.frames();
            out.println();
            out.println("no exporter stream: " + PacketTree.count(none.packets(), "export packet")
                    + " of a version without streams or with a header too short to say whose "
                    + (none.packets() == 1 ? "it is" : "they are") + " (frame" + (fs.size() == 1 ? " " : "s ")
                    + String.join(", ", fs.stream().map(String::valueOf).toList())
                    + (none.packets() > fs.size() ? ", ..." : "") + ")");
            out.println("  problems " + none.problems());
        }
    }

    private static String time(long nanos) {
        return nanos <= 0 ? "" : " (" + Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L) + ")";
    }
}
