package dev.flowinspector.ui.session;


import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.engine.flow.FlowExtraction;
import dev.flowinspector.engine.flow.FlowRecord;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.TemplateEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * An ordered capture as the GUI sees it: small rows for the packet list, every problem found, the template
 * history, and any packet decoded again in full (as it stood at its time) on demand. Frames of a classic pcap
 * file are re-read from the file ({@link PcapFrameStore}); others are kept in memory. Reading happens on one
 * background thread; the query methods may be called from any thread.
 */
public final class Session implements AutoCloseable {

    private final String name;
    private final Path path;
    private final ExportPorts ports;
    private final DecodingOptions options;
    private final Decoding decoding;
    private final FrameStore store;
    private final Object lock = new Object();
    private final List<PacketSummary> rows = new ArrayList<>();
    private final List<ProblemEntry> problems = new ArrayList<>();
    /** Per-exporter counts, keyed "exporter|version|domain", in order of first packet. */
    private final Map<String, ExporterCounts> exporters = new LinkedHashMap<>();
    /** The counts the last packet went to (consecutive packets mostly come from one exporter stream). */
    private ExporterCounts lastExporter;
    private final Map<Endpoint, Endpoint> interned = new HashMap<>();
    /** Cross-packet problems each row had when accepted (only rows with some), to see what finish() changed. */
    private final Map<Integer, List<Problem>> crossAtAccept = new HashMap<>();
    private volatile LoadResult result;

    private Session(String name, Path path, ExportPorts ports, DecodingOptions options, FrameStore store) {
        this.name = name;
        this.path = path;
        this.ports = ports;
        this.options = options;
        this.decoding = new Decoding(options);
        this.store = store;
    }

    /** An empty session (pasted packets, live capture). */
    public static Session empty(String name, DecodingOptions options) {
        return new Session(name, null, ExportPorts.defaults(), options, new MemoryFrameStore());
    }

    /** A session for a capture file, not read yet: call {@link #load}. */
    public static Session forFile(Path path, DecodingOptions options) throws IOException {
        return forFile(path, options, path.getFileName().toString());
    }

    /** A session for a capture file shown under another name (e.g. the demo, read from a temporary copy). */
    public static Session forFile(Path path, DecodingOptions options, String name) throws IOException {
        ExportPorts ports = ExportPorts.defaults();
        FrameStore store = null;
        try {
            store = PcapFrameStore.forFile(path, ports);
        } catch (IOException e) {
            // not a readable classic pcap: CaptureFiles.open will say why
        }
        return new Session(name, path, ports, options,
                store == null ? new MemoryFrameStore() : store);
    }

    /**
     * Reads the whole file (or until cancelled), handing rows to the listener in batches as it goes: the
     * first rows arrive within about 50 ms. A damaged file keeps everything read before the damage.
     */
    public LoadResult load(LoadListener listener, BooleanSupplier cancelled) throws IOException {
        long t0 = System.nanoTime();
        int count = 0;
        boolean stopped = false;
        try (CaptureReader reader = CaptureFiles.open(path, ports)) {
            // reading and parsing (link layers, checksums) run on a thread of their own, decoding on this one
            FrameFeed feed = new FrameFeed(reader, name);
            feed.start();
            List<PacketSummary> batchRows = new ArrayList<>();
            List<ProblemEntry> batchProblems = new ArrayList<>();
            long lastFlush = System.nanoTime();
            boolean first = true;
            double progress = -1;
            try {
                FrameFeed.Batch b;
                outer:
                while ((b = feed.take()) != FrameFeed.END) {
                    progress = b.progress();
                    for (Frame f : b.frames()) {
                        if (cancelled.getAsBoolean()) {
                            stopped = true;
                            break outer;
                        }
                        accept(f, batchRows, batchProblems);
                        count++;
                        long now = System.nanoTime();
                        if (first || now - lastFlush > 50_000_000L || batchRows.size() >= 20_000) {
                            listener.batch(List.copyOf(batchRows), List.copyOf(batchProblems), progress);
                            batchRows.clear();
                            batchProblems.clear();
                            lastFlush = now;
                            if (first) {
                                warmDetails();
                            }
                            first = false;
                        }
                    }
                }
            } finally {
                feed.stop();
            }
            finish();
            listener.batch(List.copyOf(batchRows), List.copyOf(batchProblems), 1.0);
            result = new LoadResult(count, reader.skipped(), reader.damage(), stopped,
                    (System.nanoTime() - t0) / 1_000_000);
            return result;
        }
    }

    /**
     * Once the first rows are out, builds the details of the first packet a few times on a background thread (what
     * a click on a row does: frame, packet as it stood, tree, template snapshot), so that the code behind the first
     * click is loaded and compiled by the time a user clicks, instead of costing the first click 0.1-0.5 s.
     */
    private void warmDetails() {
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < WARM_UPS; i++) {
                    Frame f = frame(0);
                    PacketTreeBuilder.build(f, packet(0));
                    templatesAt(f.number());
                }
            } catch (IOException | RuntimeException e) {
                // only a warm-up: a real selection reports the same failure
            }
        }, "flowinspector-warm " + name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static final int WARM_UPS = 3;

    /** Reads a capture on a thread of its own and hands its frames over in batches (bounded). */
    private static final class FrameFeed {
        /** Frames read, and the fraction of the file read after them (-1 when unknown). */
        record Batch(List<Frame> frames, double progress) {
        }

        static final Batch END = new Batch(List.of(), 1.0);
        private static final int BATCH = 256;
        /**
         * Batches read ahead at most. Reading is faster than decoding, so the queue is mostly full: a few batches
         * keep both threads busy, while more would only be frames that every young collection copies again.
         */
        private static final int AHEAD = 8;

        private final CaptureReader reader;
        private final java.util.concurrent.BlockingQueue<Batch> queue = new java.util.concurrent.ArrayBlockingQueue<>(AHEAD);
        private final Thread thread;
        private volatile boolean stopping;
        private volatile Throwable failure;

        FrameFeed(CaptureReader reader, String name) {
            this.reader = reader;
            this.thread = new Thread(this::run, "flowinspector-read " + name);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            try {
                List<Frame> frames = new ArrayList<>(BATCH);
                Frame f;
                while (!stopping && (f = reader.next()) != null) {
                    frames.add(f);
                    if (frames.size() == BATCH) {
                        queue.put(new Batch(frames, progress()));
                        frames = new ArrayList<>(BATCH);
                    }
                }
                if (!frames.isEmpty() && !stopping) {
                    queue.put(new Batch(frames, progress()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            } finally {
                try {
                    if (!stopping) {
                        queue.put(END);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private double progress() {
            return reader.size() > 0 ? (double) reader.position() / reader.size() : -1;
        }

        /** The next batch, or END after the last; rethrows what stopped the reader. */
        Batch take() throws IOException {
            Batch b;
            try {
                b = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading");
            }
            if (b == END && failure != null) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                if (failure instanceof RuntimeException re) {
                    throw re;
                }
                throw (Error) failure;
            }
            return b;
        }

        /** Stops the reader (when this side stopped early) and waits for it, so the reader may be closed. */
        void stop() {
            stopping = true;
            queue.clear();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Adds one frame (pasted or captured live) and returns its row. */
    public PacketSummary add(Frame frame) {
        return add(frame, new ArrayList<>());
    }

    /** Adds one frame and returns its row; the problems found in it are added to problemsOut. */
    public PacketSummary add(Frame frame, List<ProblemEntry> problemsOut) {
        List<PacketSummary> r = new ArrayList<>(1);
        accept(frame, r, problemsOut);
        return r.get(0);
    }

    /**
     * Adds frames in order (a batch from a live capture: one lock for all of them); their rows go to rowsOut and
     * the problems found in them to problemsOut.
     */
    public void addAll(List<Frame> frames, List<PacketSummary> rowsOut, List<ProblemEntry> problemsOut) {
        synchronized (lock) {
            for (Frame f : frames) {
                accept(f, rowsOut, problemsOut);
            }
        }
    }

    private void accept(Frame f, List<PacketSummary> outRows, List<ProblemEntry> outProblems) {
        synchronized (lock) {
            ExportPacket p = decoding.accept(f);
            Endpoint ex = interned.computeIfAbsent(f.source(), e -> e);
            int index = rows.size();
            PacketSummary s = PacketSummary.of(index, p, ex);
            store.add(storable(f));
            rows.add(s);
            List<Problem> cross = decoding.crossPacketProblems(f.number());
            if (!cross.isEmpty()) {
                crossAtAccept.put(index, cross);
            }
            for (Problem pr : p.problems()) {
                ProblemEntry e = new ProblemEntry(index, f.number(), pr);
                problems.add(e);
                outProblems.add(e);
            }
            ExporterCounts ec = lastExporter;
            if (ec == null || ec.exporter != ex || ec.version != s.version() || ec.domain != s.domain()) {
                // exporters are interned, so the same stream as the last packet needs no key text
                ec = exporters.computeIfAbsent(ex + "|" + s.version() + "|" + s.domain(),
                        k -> new ExporterCounts(ex, s.version(), s.domain()));
                lastExporter = ec;
            }
            ec.add(s);
            outRows.add(s);
        }
    }

    private Frame storable(Frame f) {
        if (store instanceof PcapFrameStore && !PcapFrameStore.canStore(f)) {
            throw new IllegalStateException("frame " + f.number() + " has no file offset");
        }
        return f;
    }

    /** Decoding finished (no more frames will come): later templates may now fill in earlier gaps. */
    public void finish() {
        synchronized (lock) {
            if (decoding.finished()) {
                return;
            }
            decoding.finish();
            SettledRows.crossPacket(decoding, rows, problems, crossAtAccept);
            SettledRows.late(decoding.takeLateDecoded(), rows, problems, exporters);
        }
    }


    public String name() {
        return name;
    }

    /** The capture file, or null. */
    public Path path() {
        return path;
    }

    public DecodingOptions options() {
        return options;
    }

    /** How loading ended, or null while loading (or for a file-less session). */
    public LoadResult result() {
        return result;
    }

    /** Number of packets so far. */
    public int size() {
        synchronized (lock) {
            return rows.size();
        }
    }

    /** The row at an index. */
    public PacketSummary row(int index) {
        synchronized (lock) {
            return rows.get(index);
        }
    }

    /** The row of a frame number, or null. */
    public PacketSummary rowOfFrame(long frame) {
        synchronized (lock) {
            int i = SettledRows.indexOfFrame(rows, frame);
            return i < 0 ? null : rows.get(i);
        }
    }

    /** A copy of every row. */
    public List<PacketSummary> rows() {
        synchronized (lock) {
            return List.copyOf(rows);
        }
    }

    /** A copy of every problem found, in packet order. */
    public List<ProblemEntry> problems() {
        synchronized (lock) {
            return List.copyOf(problems);
        }
    }

    /** Exporter health (loss, resets, reboots, template cadence) from the cross-packet analysis. */
    public List<dev.flowinspector.decode.health.ExporterHealth> exporterHealth() {
        synchronized (lock) {
            return List.copyOf(decoding.exporters());
        }
    }

    /** The template timeline (first seen, refreshes, uses, changes) of the capture so far. */
    public dev.flowinspector.decode.health.TemplateLife templateLife(dev.flowinspector.decode.TemplateKey key) {
        synchronized (lock) {
            return decoding.timeline().life(key);
        }
    }

    /** Per-exporter counts. */
    public List<ExporterSummary> exporters() {
        synchronized (lock) {
            List<ExporterSummary> out = new ArrayList<>(exporters.size());
            for (ExporterCounts c : exporters.values()) {
                out.add(c.summary());
            }
            return List.copyOf(out);
        }
    }

    /** The frame at a row. */
    public Frame frame(int index) throws IOException {
        return store.get(index);
    }

    /** The packet at a row, decoded in full as it stood at its time (for the details view). */
    public ExportPacket packet(int index) throws IOException {
        Frame f = store.get(index);
        synchronized (lock) {
            return decoding.redecode(f);
        }
    }

    /** Every template event so far. */
    public List<TemplateEvent> templateHistory() {
        synchronized (lock) {
            return List.copyOf(decoding.history());
        }
    }

    /** The template cache as it stood right after a frame. */
    public TemplateSnapshot templatesAt(long frame) {
        return TemplateSnapshot.at(frame, templateHistory());
    }

    /** Visits packets in order during a {@link #scan}. */
    @FunctionalInterface
    public interface PacketVisitor {
        void visit(int index, Frame frame, ExportPacket packet);
    }

    /**
     * Decodes every packet again in order with a fresh decoder (as at load time) and hands each to the visitor;
     * for filters and the flow table. Stops when cancelled.
     */
    public void scan(PacketVisitor visitor, BooleanSupplier cancelled, java.util.function.DoubleConsumer progress)
            throws IOException {
        Decoding d = new Decoding(options);
        int n = size();
        for (int i = 0; i < n; i++) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            Frame f = store.get(i);
            visitor.visit(i, f, d.accept(f));
            if (progress != null && (i & 1023) == 0) {
                progress.accept((double) i / n);
            }
        }
    }

    /** Every data record as a flow row (stops at the limit). */
    public List<FlowRecord> flows(int limit, BooleanSupplier cancelled) throws IOException {
        List<FlowRecord> out = new ArrayList<>();
        scan((i, f, p) -> {
            for (var s : p.sets()) {
                for (var r : s.records()) {
                    if (out.size() >= limit) {
                        return;
                    }
                    if (s.kind() != dev.flowinspector.decode.SetKind.DATA) {
                        continue;
                    }
                    FlowRecord row = FlowExtraction.of(p, r, i);
                    if (row != null) {
                        out.add(row);
                    }
                }
            }
        }, () -> cancelled.getAsBoolean() || out.size() >= limit, null);
        return out;
    }

    /**
     * Writes the packets whose rows the predicate accepts to a pcapng file (frames as captured; pasted or
     * reassembled ones rebuilt as IP/UDP packets, with a comment saying so); returns how many.
     */
    public int save(Path out, java.util.function.IntPredicate rowsWanted) throws IOException {
        int n = size();
        Iterable<Frame> frames = () -> new java.util.Iterator<>() {
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < n && !rowsWanted.test(i)) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Frame next() {
                if (next >= n) {
                    throw new java.util.NoSuchElementException();
                }
                try {
                    return store.get(next);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    next = advance(next + 1);
                }
            }
        };
        int written = 0;
        try (dev.flowinspector.capture.PcapngWriter w = new dev.flowinspector.capture.PcapngWriter(
                java.nio.file.Files.newOutputStream(out), "saved by FlowInspector from " + name())) {
            for (Frame f : frames) {
                w.write(f);
                written++;
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return written;
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
