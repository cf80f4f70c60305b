package dev.flowinspector.cli;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.capture.HexPasteException;
import dev.flowinspector.capture.ReadAheadReader;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.dictionary.InformationElementRegistry;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.engine.Handed;
import dev.flowinspector.engine.LaterTemplateNeeded;
import dev.flowinspector.engine.Replay;
import dev.flowinspector.engine.filter.DisplayFilter;
import dev.flowinspector.engine.filter.FilterException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowinspector decode}: every export packet of a capture as a tree (like tshark -V) or JSON lines. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode the NetFlow/IPFIX export packets of a capture (pcap, pcapng, IPFIX file; '-' reads "
                + "standard input) or of one hex payload.",
            "Exit status: 0 when the input was read (problems are findings, not failures), 2 when it could not be."})
public final class DecodeCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, jsonl, fields }

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = "--hex", paramLabel = "HEX", description = "Decode pasted hex instead of a file ('-' reads it from "
            + "standard input): a hex stream, xxd, hexdump -C, od -x, tcpdump -X/-xx, Wireshark hex dump, C or Python "
            + "byte literals; starting at Ethernet, IP, UDP or the NetFlow/IPFIX header; several packets separated by "
            + "blank lines.")
    String hex;

    @Option(names = {"-F", "--format"}, defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-e", "--field"}, paramLabel = "NAME", description = "With -F fields: an element name to print "
            + "(repeatable), e.g. -e sourceIPv4Address -e octetDeltaCount; also frame, time, src, dst, version, domain, "
            + "sequence, and Wireshark's cflow.* names. An unknown name exits 2.")
    List<String> fieldNames = new ArrayList<>();

    @Option(names = {"-Y", "--display-filter"}, paramLabel = "FILTER", description = "Show only the export packets "
            + "that match this display filter (the GUI's; Wireshark's cflow.* names work too), e.g. "
            + "-Y 'sourceIPv4Address == 10.0.0.0/8 && destinationTransportPort in {80, 443}'. A bad filter exits 2.")
    String displayFilter;

    /** What each -e name shows ({@link FieldsFormatter#columns}), once checked. */
    private String[][] fieldColumns;

    /** The parsed -Y filter, or null for none. */
    private DisplayFilter filter;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Read only the first N frames of the capture "
            + "(every frame counts, export or not, as in tshark -c; both passes stop there), or the first N pasted "
            + "packets.")
    Long count;

    @Option(names = "--problems", description = "Print only the problems found, one per line.")
    boolean problemsOnly;

    @Option(names = "--one-pass", description = "Decode in one pass like tshark: data whose template comes later stays undecoded.")
    boolean onePass;

    @picocli.CommandLine.Mixin
    CaptureOptions capture = new CaptureOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", description = "Threads that turn decoded packets into text or "
            + "fields output, while one thread reads and decodes in order (default: one per processor, or the system "
            + "property flowinspector.decode.workers; 0 does everything on one thread).")
    Integer workers;

    /** Export packet bytes handed to a worker at a time (tests use tiny batches to interleave the workers). */
    @Option(names = "--batch-bytes", hidden = true, paramLabel = "BYTES")
    Integer batchBytes;

    /** Where output and messages go when {@link DecodeArgs} read the arguments (no picocli command line: spec is null). */
    private PrintWriter directOut;
    private PrintWriter directErr;

    /** Runs this command as read by {@link DecodeArgs}, as picocli would with {@link Main.Failures}: the exit status. */
    int runDirect(PrintWriter out, PrintWriter err) {
        directOut = out;
        directErr = err;
        try {
            return call();
        } catch (Exception e) {
            err.println(Main.Failures.message(e));
            return 2;
        }
    }

    private PrintWriter out() {
        return spec == null ? directOut : spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec == null ? directErr : spec.commandLine().getErr();
        Writer w = new BufferedWriter(out(), 1 << 16);
        try {
            if (format == Format.fields && fieldNames.isEmpty()) {
                err.println("flowinspector decode: -F fields needs at least one -e NAME");
                return 2;
            }
            if (format != Format.fields && !fieldNames.isEmpty()) {
                err.println("flowinspector decode: -e NAME is for -F fields (the other formats print every field)");
                return 2;
            }
            if (format == Format.fields) {
                try {
                    fieldColumns = FieldsFormatter.columns(fieldNames, InformationElementRegistry.standard());
                } catch (IllegalArgumentException e) {
                    err.println("flowinspector decode: -e: " + e.getMessage());
                    return 2;
                }
            }
            if (count != null && count < 1) {
                err.println("flowinspector decode: -c " + count + ": give a number of frames, 1 or more");
                return 2;
            }
            if (displayFilter != null && !displayFilter.isBlank()) {
                try {
                    filter = DisplayFilter.parse(displayFilter);
                } catch (FilterException e) {
                    err.println("flowinspector decode: -Y: " + e.getMessage());
                    return 2;
                }
            }
            if (hex != null) {
                return pasted(hex.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : hex,
                        output(w, 0, null), err);
            }
            if (file == null) {
                err.println("flowinspector decode: give a capture FILE, '-' for standard input, or --hex HEX");
                return 2;
            }
            ExportPorts ep = capture.exportPorts();
            if (format == Format.fields && !problemsOnly) {
                ep = ep.withoutChecksums(); // data records only: a checksum note would never be seen
            }
            DecodingOptions opts = capture.decodingOptions();
            boolean twoPass = !onePass && !file.equals("-");
            Decoding decoding = new Decoding(opts);
            int workers = workerCount();
            // with workers, text and fields are formatted (and decoded again, after a first pass) on them
            boolean pipelined = workers > 0 && !problemsOnly && format != Format.jsonl;
            long packets = 0;
            String damage = null;
            long skipped = 0;
            // frames before it were written while the first pass read on; none after it yet
            long resumeAt = 1;
            // records only, frames without templates skimmed: not with -Y, which may ask for a cross-packet problem
            boolean dataOnly = format == Format.fields && !problemsOnly && filter == null;
            // one pass of fields output: this thread skims for the templates, the workers decode the data with them
            boolean skimOnce = !twoPass && pipelined && dataOnly;
            if (twoPass || skimOnce) {
                // first pass: every template, cross-packet problem and late definition, so data sent
                // before its template decodes too; meanwhile the workers decode each frame whose templates all
                // came before it, and write it
                OutputPipeline<Handed> early = pipelined ? handedPipeline(w, workers, decoding, !twoPass)
                        : null;
                // reading ahead pays when every frame is decoded (accept), not for skimming template frames
                try (CaptureReader r = readAhead(open(ep, early == null ? null : early::flush),
                        workers > 0 && !dataOnly)) {
                    if (dataOnly && early == null) {
                        r.skim(decoding.skimmer()); // pcap and pcapng: most frames looked at in place
                    }
                    FirstPass pass = new FirstPass(decoding, early, dataOnly);
                    try {
                        pass.read(r);
                    } finally {
                        packets = pass.packets;
                        resumeAt = pass.resumeAt;
                        early = pass.early;
                    }
                    damage = r.damage();
                    skipped = r.skipped();
                } catch (Throwable e) {
                    if (early != null) {
                        abandon(early::abandon, e); // what was written before the failure stays
                    }
                    throw e;
                }
                if (early != null) {
                    try {
                        early.finish();
                        resumeAt = Long.MAX_VALUE;
                    } catch (LaterTemplateNeeded e) {
                        resumeAt = e.frame();
                    }
                }
                if (twoPass) {
                    decoding.finish();
                }
            }
            Output out = resumeAt == Long.MAX_VALUE ? null : output(w, workers, twoPass ? decoding : null);
            if (out != null) {
                packets = 0;
                try (CaptureReader r = readAhead(open(ep, out::flush), workers > 0 && !(twoPass && pipelined))) {
                    Frame f;
                    while ((f = r.next()) != null) {
                        if (f.number() >= resumeAt) {
                            out.frame(f, decoding, twoPass);
                        }
                        packets++;
                    }
                    damage = r.damage();
                    skipped = r.skipped();
                } catch (Throwable e) {
                    abandon(out::abandon, e); // what was decoded before the failure is still printed
                    throw e;
                }
                out.finish();
            }
            w.flush();
            if (damage != null) {
                err.println("flowinspector decode: " + damage + " (" + PacketTree.count(packets, "export packet") + " read before it)");
            }
            if (packets == 0 && (damage == null || skipped > 0)) {
                err.println("flowinspector decode: " + file + ": no NetFlow/IPFIX packets found (" + skipped
                        + " other frames); add a port with --port if the exporter uses an unusual one");
            }
            // damaged before its first export packet: nothing could be read (damaged later: what came before it is
            // printed, the damage named, and that is a reading)
            return damage != null && packets == 0 ? 2 : 0;
        } catch (NoSuchFileException e) {
            w.flush();
            err.println("flowinspector decode: " + e.getFile() + ": no such file");
            return 2;
        } catch (IOException e) {
            w.flush();
            err.println("flowinspector decode: " + e.getMessage());
            return 2;
        } finally {
            w.flush();
        }
    }

    /**
     * The first pass's loop, a method of its own: the compiler replaces a running loop's method while it runs, and
     * {@link #call} is large (the quick launcher's compiler spent 15 ms on it, in the same thread as the workers'
     * code). Frames before {@link #resumeAt} were handed to the workers as read; {@link #early} is null from there.
     */
    private static final class FirstPass {
        final Decoding decoding;
        final boolean dataOnly;
        OutputPipeline<Handed> early;
        long packets;
        long resumeAt = 1;

        FirstPass(Decoding decoding, OutputPipeline<Handed> early, boolean dataOnly) {
            this.decoding = decoding;
            this.early = early;
            this.dataOnly = dataOnly;
        }

        void read(CaptureReader r) throws IOException {
            Frame f;
            while ((f = r.next()) != null) {
                Handed h;
                if (dataOnly) {
                    decoding.skim(f); // templates only: fields output shows no problems
                    h = early == null ? null : decoding.handOver(f); // the workers decode it
                } else {
                    ExportPacket p = decoding.accept(f);
                    h = early == null ? null : decoding.handOver(f, p); // as decoded, unless a template lacked
                }
                packets++;
                if (early != null) {
                    long stop = -1;
                    try {
                        if (h == null) {
                            stop = f.number();
                            early.finish();
                        } else {
                            early.add(h);
                        }
                    } catch (LaterTemplateNeeded e) {
                        stop = e.frame();
                    }
                    if (stop >= 0) {
                        // written up to that frame; the rest once every template is known
                        resumeAt = stop;
                        early = null;
                        if (dataOnly) {
                            r.skim(decoding.skimmer());
                        }
                    }
                }
            }
        }
    }

    /**
     * Where decoded packets go. Text and fields output run on {@code workers} threads when more than 0: with a
     * finished decoding (two passes) each worker decodes frames again with a replay of its own and formats them;
     * otherwise the calling thread decodes and the workers format.
     */
    private Output output(Writer w, int workers, Decoding finished) throws IOException {
        if (problemsOnly) {
            return filtered(new ProblemsOutput(w));
        }
        if (format == Format.jsonl) {
            return filtered(new JsonOutput(w));
        }
        java.util.function.Supplier<PacketFormatter> formatters = formatters();
        if (workers <= 0) {
            return new FormattedOutput(formatters.get(), w, rawOut());
        }
        boolean recordsOnly = format == Format.fields;
        if (finished != null) {
            OutputPipeline<Frame> pipe = new OutputPipeline<>(() -> {
                Replay replay = finished.replay();
                if (recordsOnly && filter == null) {
                    replay.withoutValueChecks(); // fields show records only; a -Y filter may ask for problems
                }
                PacketFormatter fmt = formatters.get();
                return (f, out) -> fmt.format(replay.redecode(f), out);
            }, workers, f -> f.payload().length, batchBytes(), rawOut(), w);
            return new PipelineOutput(pipe) {
                @Override
                public void frame(Frame f, Decoding d, boolean twoPass) throws IOException {
                    pipe.add(f);
                }
            };
        }
        OutputPipeline<ExportPacket> pipe = new OutputPipeline<>(() -> formatters.get()::format, workers,
                p -> p.data().length, batchBytes(), rawOut(), w);
        return new PipelineOutput(pipe) {
            @Override
            public void packet(ExportPacket p, Frame f) throws IOException {
                pipe.add(p);
            }
        };
    }

    /**
     * Text or fields output of the frames the first pass hands over while it reads on ({@link Decoding#handOver}):
     * each worker decodes them with a replay of its own, as the second pass would (as one pass does, with
     * {@code onePass}), and formats them. Two passes: a frame with data whose template had not come yet stops it
     * ({@link LaterTemplateNeeded}, thrown by {@code add} or {@code finish}): everything before that frame is written.
     */
    private OutputPipeline<Handed> handedPipeline(Writer w, int workers, Decoding decoding, boolean onePass) {
        java.util.function.Supplier<PacketFormatter> formatters = formatters();
        boolean recordsOnly = format == Format.fields;
        return new OutputPipeline<>(() -> {
            Replay replay = decoding.handedReplay();
            if (onePass) {
                replay.onePass(); // data before its template stays undecoded, as in a collector reading once
            }
            if (recordsOnly && filter == null) {
                replay.withoutValueChecks();
            }
            PacketFormatter fmt = formatters.get();
            return (h, out) -> fmt.format(replay.decode(h), out);
        }, workers, h -> h.frame().payload().length, batchBytes(), rawOut(), w);
    }

    /**
     * Export packet bytes handed to a worker at a time: the output is about 30 times larger for text (a 128 KiB batch
     * is 3-4 MB of text), about as large for fields. Every batch costs thread wake-ups on the other core: with 16 KiB
     * text batches those were 3 s of system time in a 1 M-packet run (decisions/0030, addendum on batch size). A pipe
     * that has nothing more to read yet has its partial batch written at once ({@link FlushBeforeWait}).
     */
    private int batchBytes() {
        return batchBytes != null ? batchBytes : format == Format.fields ? 256 * 1024 : 128 * 1024;
    }

    /** Makes the text or fields formatter (one per thread), showing only the packets of the -Y filter. */
    private java.util.function.Supplier<PacketFormatter> formatters() {
        java.util.function.Supplier<PacketFormatter> unfiltered = format == Format.fields
                ? () -> new FieldsFormatter(fieldNames, fieldColumns) : () -> new TextTreeRenderer()::render;
        DisplayFilter df = filter;
        // the filter runs where the packet is formatted: on the workers, so frame order is kept by the pipeline
        return df == null ? unfiltered : () -> {
            PacketFormatter fmt = unfiltered.get();
            return (p, out) -> {
                if (df.matches(p)) {
                    fmt.format(p, out);
                }
            };
        };
    }

    /** Something that may fail with an IOException. */
    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /**
     * After a failure: writes what was handed over before it ({@code abandon}, an output's or a pipeline's); a
     * failure of that is added to the first.
     */
    private static void abandon(IoAction abandon, Throwable e) {
        try {
            abandon.run();
        } catch (Throwable e2) {
            if (e2 != e) {
                e.addSuppressed(e2);
            }
        }
    }

    /** The output, given only the packets that match the -Y filter. */
    private Output filtered(Output o) {
        DisplayFilter df = filter;
        if (df == null) {
            return o;
        }
        return new Output() {
            @Override
            public void packet(ExportPacket p, Frame f) throws IOException {
                if (df.matches(p)) {
                    o.packet(p, f);
                }
            }

            @Override
            public void finish() throws IOException {
                o.finish();
            }

            @Override
            public void flush() throws IOException {
                o.flush();
            }

            @Override
            public void abandon() throws IOException {
                o.abandon();
            }
        };
    }

    /** Output through an {@link OutputPipeline}. */
    private abstract static class PipelineOutput implements Output {
        private final OutputPipeline<?> pipe;

        PipelineOutput(OutputPipeline<?> pipe) {
            this.pipe = pipe;
        }

        @Override
        public void packet(ExportPacket p, Frame f) throws IOException {
            throw new IllegalStateException("packets go to frame()");
        }

        @Override
        public void finish() throws IOException {
            pipe.finish();
        }

        @Override
        public void flush() throws IOException {
            pipe.flush();
        }

        @Override
        public void abandon() throws IOException {
            pipe.abandon();
        }
    }

    /** Formatting threads: --workers, else the system property, else one per processor (none on one processor). */
    int workerCount() {
        if (workers != null) {
            return Math.max(0, workers);
        }
        int n = Runtime.getRuntime().availableProcessors();
        return Math.max(0, Integer.getInteger("flowinspector.decode.workers", n <= 1 ? 0 : Math.min(n, 8)));
    }

    /** The reader, read on a thread of its own when asked (not standard input: closing it early could block). */
    private CaptureReader readAhead(CaptureReader r, boolean ahead) {
        return ahead && !file.equals("-") ? new ReadAheadReader(r, 8) : r;
    }

    /** Standard output as bytes when the command writes to it (not when a caller gave its own writer). */
    private java.io.OutputStream rawOut() {
        return out() instanceof StdoutWriter so ? so.stream() : null;
    }

    /**
     * The capture to read. From standard input (a pipe from a live capture, maybe) {@code flush}, when given, writes
     * out what was decoded so far before a read that would wait for more.
     */
    private CaptureReader open(ExportPorts ep, FlushBeforeWait.Action flush) throws IOException {
        CaptureReader r;
        if (file.equals("-")) {
            InputStream in = flush == null ? System.in : new FlushBeforeWait(System.in, flush);
            r = CaptureFiles.open("standard input", in, -1, ep);
        } else {
            Path p = Path.of(file);
            if (Files.isDirectory(p)) {
                throw new IOException(file + ": is a directory");
            }
            r = CaptureFiles.open(p, ep);
        }
        r.dropFrameBytes(); // no output shows the captured frame: one copy of each export payload, no other
        if (count != null) {
            r.limit(count);
        }
        return r;
    }

    /**
     * Decodes pasted hex (any format {@link HexPaste} reads: hex stream, xxd, hexdump -C, od -x, tcpdump -X,
     * Wireshark hex dump, C or Python byte literals), several packets in order with one template cache.
     */
    private int pasted(String text, Output out, PrintWriter err) throws IOException {
        List<HexPaste.Packet> packets;
        try {
            packets = HexPaste.parse(text);
        } catch (HexPasteException e) {
            err.println("flowinspector decode: --hex: " + e.getMessage());
            return 2;
        }
        if (packets.isEmpty()) {
            err.println("flowinspector decode: --hex: no hex bytes found");
            return 2;
        }
        if (count != null && count < packets.size()) {
            packets = packets.subList(0, count.intValue());
        }
        for (HexPaste.Packet p : packets) {
            java.util.Optional<String> why = p.notExport();
            if (why.isPresent()) {
                err.println("flowinspector decode: --hex: " + why.get());
                return 2;
            }
        }
        Decoding decoding = new Decoding(capture.decodingOptions());
        int n = 0;
        for (HexPaste.Packet p : packets) {
            n++;
            if (p.frame() == null) {
                err.println("flowinspector decode: pasted packet " + n + " (" + p.layer() + "): "
                        + (p.note() != null ? p.note() : "no NetFlow/IPFIX payload"));
                continue;
            }
            Frame f = p.frame();
            if (f.number() != n) {
                f = new Frame(n, f.timeNanos(), f.source(), f.destination(), f.transport(), f.payload(), f.linkType(),
                        f.frameBytes(), f.fileOffset(), f.comment(), f.notes());
            }
            out.packet(decoding.accept(f), f);
        }
        out.finish();
        return 0;
    }

    /** Where decoded packets go. */
    interface Output {
        void packet(ExportPacket p, Frame f) throws IOException;

        /** The next frame of the capture: decoded by {@code d} (again, after a first pass) and output. */
        default void frame(Frame f, Decoding d, boolean twoPass) throws IOException {
            packet(twoPass ? d.redecode(f) : d.accept(f), f);
        }

        /** Everything was handed over: write the rest. */
        default void finish() throws IOException {
        }

        /** Write out what was handed over so far (the input has to wait for more). */
        default void flush() throws IOException {
        }

        /** Decoding failed: write what was handed over before the failure (if the output can), stop. */
        default void abandon() throws IOException {
        }
    }


}
