package dev.flowinspector.cli;

import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.TemplateField;
import dev.flowinspector.decode.health.Durations;
import dev.flowinspector.decode.health.FieldChange;
import dev.flowinspector.decode.health.TemplateChange;
import dev.flowinspector.decode.health.TemplateLife;
import dev.flowinspector.decode.health.TemplateTimeline;
import dev.flowinspector.engine.CaptureAnalysis;
import dev.flowinspector.engine.TemplateFile;
import dev.flowinspector.engine.TemplateImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flowinspector templates FILE}: the template cache of a capture and its history. */
@Command(name = "templates", mixinStandardHelpOptions = true,
        description = {"Every template of a capture (per exporter, domain and id): first seen, last refreshed, "
                + "refresh interval, times used, definition changes field by field, withdrawn/expired state; then "
                + "the history of template events. --export writes them as JSON for --templates-from.",
            "Exit status: 0 when the capture was read, 2 when it could not be."})
public final class TemplatesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file (pcap, pcapng, IPFIX file).")
    Path file;

    @Option(names = "--at", paramLabel = "FRAME", description = "Print the cache as it stood after this frame instead.")
    Long at;

    @Option(names = "--export", paramLabel = "JSON", description = "Write the templates (the last definition of each) to this JSON file.")
    Path export;

    @Option(names = "--no-history", description = "Do not print the event history.")
    boolean noHistory;

    @picocli.CommandLine.Mixin
    CaptureOptions capture = new CaptureOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CaptureAnalysis a = capture.analyse(file, "templates", err);
        if (a == null) {
            return 2;
        }
        TemplateTimeline t = a.decoding().timeline();
        if (at != null) {
            List<Template> cache = t.cacheAt(at);
            out.println("template cache after frame " + at + ": " + cache.size() + " template" + (cache.size() == 1 ? "" : "s"));
            for (Template x : cache) {
                out.println("  " + x.key() + (x.options() ? " (options, " + x.scopeCount() + " scope)" : "")
                        + ", from frame " + x.originFrame());
                fields(out, x, "    ");
            }
        } else {
            print(t, out, !noHistory);
        }
        out.flush();
        if (a.damage() != null) {
            err.println("flowinspector templates: " + a.damage() + " (" + PacketTree.count(a.packets(), "export packet") + " read before it)");
        }
        if (export != null) {
            List<Template> last = TemplateImport.lastDefinitions(a.decoding());
            try {
                TemplateFile.write(export, last, file.getFileName().toString());
            } catch (IOException e) {
                err.println("flowinspector templates: cannot write " + export + ": " + e.getMessage());
                return 2;
            }
            err.println("flowinspector templates: " + last.size() + " templates written to " + export);
        }
        return a.damage() != null && a.packets() == 0 ? 2 : 0; // damaged before any export packet: nothing read
    }

    /** Prints every template's life, then (optionally) the event history. */
    static void print(TemplateTimeline t, PrintWriter out, boolean history) {
        List<TemplateLife> lives = t.lives();
        out.println(lives.size() + " template" + (lives.size() == 1 ? "" : "s"));
        for (TemplateLife l : lives) {
            Template d = l.lastDefinition();
            out.println();
            out.println(l.key() + (d != null && d.options() ? " (options template, " + d.scopeCount() + " scope field"
                    + (d.scopeCount() == 1 ? "" : "s") + ")" : "") + ": " + l.state().label()
                    + (l.state() != TemplateLife.State.LIVE ? " in frame " + l.stateFrame() : ""));
            out.println("  " + (l.imported() ? "imported" : "first seen frame " + l.firstFrame())
                    + ", last sent frame " + l.lastRefreshFrame() + ", sent " + l.definitions() + " time"
                    + (l.definitions() == 1 ? "" : "s")
                    + (l.framesSent() < l.definitions() ? " in " + l.framesSent() + " frame"
                    + (l.framesSent() == 1 ? "" : "s") + " (up to " + l.mostInOneFrame() + " in one)" : "")
                    + (l.meanRefreshNanos() >= 0 ? ", refreshed every " + Durations.fine(l.meanRefreshNanos())
                    + " (min " + Durations.fine(l.minRefreshNanos()) + ", max "
                    + Durations.fine(l.maxRefreshNanos()) + ")" : ""));
            out.println("  used by " + l.timesUsed() + " data set" + (l.timesUsed() == 1 ? "" : "s") + " ("
                    + PacketTree.count(l.records(), "record") + (l.lateUses() > 0 ? ", " + l.lateUses() + " after the fact" : "") + ")");
            if (d != null) {
                fields(out, d, "    ");
            }
            for (TemplateChange c : l.changes()) {
                out.println("  changed in frame " + c.frame() + " (was from frame " + c.before().originFrame() + "):");
                for (FieldChange fc : c.diff()) {
                    out.println("    " + fc.describe());
                }
            }
        }
        if (history) {
            out.println();
            out.println("history:");
            for (TemplateTimeline.TimedEvent te : t.events()) {
                TemplateEvent e = te.event();
                out.println("  frame " + e.frame() + ": " + e.kind().label() + " " + e.key());
            }
        }
    }

    private static void fields(PrintWriter out, Template d, String indent) {
        int i = 1;
        for (TemplateField f : d.fields()) {
            out.println(indent + (i++) + ". " + FieldChange.spec(f));
        }
    }
}
