package dev.flowinspector.cli;

import dev.flowinspector.engine.filter.DisplayFilter;
import dev.flowinspector.engine.filter.FilterException;
import dev.flowinspector.engine.flow.ExporterOptions;
import dev.flowinspector.engine.flow.FlowFields;
import dev.flowinspector.engine.flow.FlowInput;
import dev.flowinspector.engine.flow.FlowRecord;
import dev.flowinspector.tools.analyze.Analyzer;
import dev.flowinspector.tools.analyze.Connection;
import dev.flowinspector.tools.analyze.FlowStats;
import dev.flowinspector.tools.analyze.StatsRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowinspector analyze}: connections, statistics and aggregation over flows from any input. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Summarise flows from the collector's JSON lines (.jsonl, .jsonl.gz), captures (pcap, pcapng, "
                + "IPFIX files), nfcapd files (nfdump 1.6 and 1.7) or flow-tools files; '-' reads standard input, a directory is "
                + "read recursively in file name order (like nfdump -R). Without -s, -A or --top: one line per "
                + "connection with its two directions paired, over as many flows as the heap holds (it says when "
                + "it read more)."},
        footer = {"", "Keys for -s and -A: " + "srcip, dstip, ip, srcport, dstport, port, proto, srcas, dstas, as, inif, "
            + "outif, if, exporter, service, srcip4/N, dstip4/N, srcip6/N, dstip6/N; -s also takes record (top flows). "
            + "Orders: flows, packets, bytes, bps, pps, bpp.",
            "", "Examples:",
            "  flowinspector analyze flows-20240501-1200.jsonl.gz",
            "  flowinspector analyze -s srcip -s dstport/flows -n 20 /var/cache/nfdump",
            "  flowinspector analyze -A srcas,inif -t 2024-05-01T12:00/2024-05-01T13:00 --sampling auto capture.pcap",
            "  zcat flows.jsonl.gz | flowinspector analyze -s record/bytes -o json -"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files, directories, or - for standard input.")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "-F", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Analyzer.Format format;

    @Option(names = "-s", paramLabel = "KEY[/ORDER]", description = "A statistics table for a key, ordered by flows "
            + "unless ORDER says otherwise, as nfdump (repeatable); 'record' lists the top flows.")
    List<String> stats = new ArrayList<>();

    @Option(names = "-A", paramLabel = "KEY,...", description = "Aggregate flows by these keys: one row per distinct combination, ranked by -O, at most -n rows.")
    String aggregate;

    @Option(names = "-O", paramLabel = "ORDER", defaultValue = "bytes", description = "Order of the -A rows (default: ${DEFAULT-VALUE}).")
    String aggregateOrder;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--top", paramLabel = "N", description = "Shortcut: top N sources, destinations, services, protocols, "
            + "AS numbers and interfaces, ranked by --by.")
    Integer top;

    @Option(names = "--by", defaultValue = "bytes", description = "Rank --top tables by ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Analyzer.By by;

    @Option(names = "-t", paramLabel = "FROM[/TO]", description = "Only flows starting in this window (UTC; "
            + "2024-05-01T12:00[:00], 2024/05/01.12:00:00 or an ISO-8601 instant).")
    String window;

    @Option(names = "--min-packets", paramLabel = "N", defaultValue = "0", description = "Only flows with at least N packets (after sampling correction).")
    long minPackets;

    @Option(names = "--sampling", paramLabel = "auto|N", description = "Renormalise packets and bytes: auto (each "
            + "exporter's rate from its options data or the record's own sampling fields) or a fixed 1-in-N.")
    String sampling;

    @Option(names = "--max-keys", paramLabel = "N", defaultValue = "200000", description = "Keys a table counts exactly; "
            + "beyond, a heavy-hitter sketch with its error bound (default: ${DEFAULT-VALUE}).")
    int maxKeys;

    @Option(names = "--no-connections", description = "Accepted for compatibility: -s, -A and --top print tables only.")
    boolean noConnections;

    @Option(names = {"-Y", "--display-filter"}, paramLabel = "FILTER", description = "Use only the flow records that "
            + "match this display filter (record fields, e.g. -Y 'protocolIdentifier == 6 && destinationTransportPort "
            + "in {80, 443}'; Wireshark's cflow.* names work too). A bad filter exits 2.")
    String displayFilter;

    @Option(names = "--resolve", description = "Add host names from reverse DNS next to addresses (off by default).")
    boolean resolve;

    @Option(names = "--resolve-timeout", paramLabel = "TIME", defaultValue = "2s", description = "Give up on a reverse lookup after this long (default: ${DEFAULT-VALUE}).")
    String resolveTimeout;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Flows read so far (for the message when the heap runs out). */
    private long flowsRead;
    /** Connection view: flows read that are in the time window and pass the filter, held or not. */
    private long flowsSelected;

    @Override
    public Integer call() throws Exception {
        try {
            return analyze();
        } catch (OutOfMemoryError e) {
            // what was held is unreachable once analyze() has thrown: there is room for the message
            spec.commandLine().getErr().printf("flowinspector analyze: out of memory (a heap of %d MiB) after %d flows, "
                    + "before the output was complete. -s, -A and --top count every flow in bounded memory; a larger "
                    + "heap (-Xmx, for example in JAVA_TOOL_OPTIONS) holds more.%n", maxHeap.getAsLong() >> 20,
                    flowsRead);
            return 2;
        }
    }

    private int analyze() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        long timeout;
        FlowStats st;
        ExporterOptions options = new ExporterOptions();
        try {
            timeout = GenerateCommand.parseDuration(resolveTimeout).toMillis();
            st = StatsRun.configure(new FlowStats(options, Math.max(1, maxKeys)), stats, aggregate, aggregateOrder,
                    top, by.name(), window, minPackets, sampling, rows);
        } catch (IllegalArgumentException e) {
            err.println("flowinspector analyze: " + e.getMessage());
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
        boolean statsMode = !stats.isEmpty() || aggregate != null || top != null;
        FlowInput input = new FlowInput(options);
        List<FlowRecord> flows = new ArrayList<>();
        long heap = maxHeap.getAsLong();
        long held = heldFlows(heap);
        Consumer<FlowRecord> sink = f -> {
            flowsRead++;
            if (statsMode) {
                st.accept(f);
            } else if (st.inWindowAndFilter(f)) {
                // -t and -Y first: the flows held are the first ones they keep, not the first ones read
                flowsSelected++;
                if (flows.size() < held) {
                    flows.add(f);
                }
            }
        };
        boolean filtering = filter != null && !filter.matchesAll();
        if (filtering) {
            // the selection FlowStats applies with -t and --min-packets; the filter reads a record by element name,
            // the same way whatever file the record came from
            DisplayFilter f = filter;
            st.filter(r -> f.matchesNamed(name -> FlowFields.value(r, name)));
        }
        int status = 0;
        for (String in : inputs) {
            try {
                if (in.equals("-")) {
                    input.read("standard input", System.in, sink);
                } else {
                    input.read(Path.of(in), sink);
                }
            } catch (NoSuchFileException e) {
                err.println("flowinspector analyze: " + in + ": no such file");
                status = 2;
            } catch (IOException | java.io.UncheckedIOException e) {
                err.println("flowinspector analyze: " + e.getMessage());
                status = 2;
            }
        }
        for (String w : input.warnings()) {
            err.println("flowinspector analyze: " + w);
        }
        Analyzer a = new Analyzer(resolve, timeout);
        Writer w = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        if (statsMode) {
            StatsRun.report(st, resolve ? a::name : null, format, w);
            w.flush();
            return status;
        }
        if (flowsSelected > flows.size()) {
            String which = window != null && filtering ? "-t and -Y" : window != null ? "-t" : "-Y";
            String selected = flowsSelected == flowsRead ? "" : ", " + flowsSelected + " of them selected by " + which;
            err.printf("flowinspector analyze: %d flows read%s; the connections below are those of the first %d. The "
                    + "connection view pairs the two directions of flows it holds in memory, and this heap (%d MiB) "
                    + "holds about %d. -s, -A and --top count every flow in bounded memory; a larger heap (-Xmx, for "
                    + "example in JAVA_TOOL_OPTIONS) holds more.%n", flowsRead, selected, flows.size(),
                    heap >> 20, held);
        }
        for (FlowRecord f : flows) {
            st.accept(f);
        }
        st.skipped(flowsRead - flows.size()); // "Records read" counts every flow, held or not
        List<FlowRecord> kept = filtered(flows, st, filtering);
        List<Connection> cs = Analyzer.pair(kept);
        a.connections(cs, format, w);
        w.flush();
        if (format == Analyzer.Format.text) {
            err.println(Analyzer.summary(kept, cs));
            if (st.samplingMode() != FlowStats.SamplingMode.none || minPackets > 0 || window != null) {
                err.println(StatsRun.summary(st));
            }
        }
        return status;
    }

    /**
     * Heap a flow held for the connection view takes at its peak, pairing included: about 200 bytes measured (the
     * 2.2 M flows of a 100 k-packet v9 capture, a quarter of them IPv6, list in a heap of 500 MiB and not in 450),
     * with room for longer texts (JSON lines, whose addresses are not shared).
     */
    static final long HELD_FLOW_BYTES = 320;
    /** Heap kept for everything else: decoding, templates, the output. */
    static final long HEAP_RESERVE = 64L << 20;

    /** The largest heap this JVM may use (tests give a smaller one). */
    static java.util.function.LongSupplier maxHeap = () -> Runtime.getRuntime().maxMemory();

    /** How many flows the connection view holds with a heap of at most maxHeap bytes (at least 1000). */
    static long heldFlows(long maxHeap) {
        return Math.max(1000, (maxHeap - HEAP_RESERVE) / HELD_FLOW_BYTES);
    }

    /** The flows the window, the packet threshold and the display filter keep (connections mode). */
    private List<FlowRecord> filtered(List<FlowRecord> flows, FlowStats st, boolean filtering) {
        if (window == null && minPackets <= 0 && !filtering) {
            return flows;
        }
        return flows.stream().filter(st::selects).toList();
    }
}
