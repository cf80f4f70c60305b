package dev.flowinspector.cli;

import dev.flowinspector.engine.filter.DisplayFilter;
import dev.flowinspector.engine.filter.FilterException;
import dev.flowinspector.tools.analyze.Analyzer;
import dev.flowinspector.tools.analyze.Connection;
import dev.flowinspector.tools.analyze.FlowReader;
import dev.flowinspector.tools.analyze.FlowRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowinspector analyze}: connections and top talkers from collected JSON lines or a capture. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Summarise flows from the collector's JSON lines (.jsonl.gz) or from a capture (pcap): one line per "
                + "connection (start time, service, bytes, duration, source → destination) with the two directions of "
                + "a connection paired, and top-N tables."},
        footer = {"", "Examples:",
            "  flowinspector analyze flows-20240501-1200.jsonl.gz",
            "  flowinspector analyze --top 10 --by packets --no-connections capture.pcap",
            "  flowinspector analyze --format csv flows-*.jsonl.gz > connections.csv"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Collector output (.jsonl.gz, .jsonl) or capture files.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-F", "--format"}, defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Analyzer.Format format;

    @Option(names = "--top", paramLabel = "N", description = "Also print the top N sources, destinations, ports, protocols, AS numbers and interfaces.")
    Integer top;

    @Option(names = "--by", defaultValue = "bytes", description = "Rank top tables by ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Analyzer.By by;

    @Option(names = "--no-connections", description = "Do not print the connection lines (use with --top).")
    boolean noConnections;

    @Option(names = {"-Y", "--display-filter"}, paramLabel = "FILTER", description = "Use only the flow records that "
            + "match this display filter (record fields, e.g. -Y 'protocolIdentifier == 6 && destinationTransportPort "
            + "in {80, 443}'; Wireshark's cflow.* names work too). A bad filter exits 2.")
    String displayFilter;

    @Option(names = "--resolve", description = "Show host names from reverse DNS (off by default).")
    boolean resolve;

    @Option(names = "--resolve-timeout", paramLabel = "TIME", defaultValue = "2s", description = "Give up on a reverse lookup after this long (default: ${DEFAULT-VALUE}).")
    String resolveTimeout;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long timeout;
        try {
            timeout = GenerateCommand.parseDuration(resolveTimeout).toMillis();
        } catch (IllegalArgumentException e) {
            err.println("flowinspector analyze: --resolve-timeout: " + e.getMessage());
            return 2;
        }
        DisplayFilter filter = null;
        if (displayFilter != null) {
            try {
                filter = DisplayFilter.parse(displayFilter);
            } catch (FilterException e) {
                err.println("flowinspector analyze: -Y: " + e.getMessage());
                return 2;
            }
        }
        FlowReader reader = new FlowReader().filter(filter);
        List<FlowRow> flows = new ArrayList<>();
        int status = 0;
        for (Path f : files) {
            try {
                if (Files.isDirectory(f)) {
                    throw new IOException(f + ": is a directory");
                }
                reader.read(f, flows::add);
            } catch (NoSuchFileException e) {
                err.println("flowinspector analyze: " + f + ": no such file");
                status = 2;
            } catch (IOException e) {
                err.println("flowinspector analyze: " + e.getMessage());
                status = 2;
            }
        }
        for (String w : reader.warnings()) {
            err.println("flowinspector analyze: " + w);
        }
        Analyzer a = new Analyzer(resolve, timeout);
        List<Connection> cs = Analyzer.pair(flows);
        Writer w = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        if (!noConnections || top == null) {
            a.connections(cs, format, w);
        }
        if (top != null && top > 0) {
            a.top(cs, flows, top, by, format, w);
        }
        w.flush();
        if (format == Analyzer.Format.text) {
            err.println(Analyzer.summary(flows, cs));
        }
        return status;
    }
}
