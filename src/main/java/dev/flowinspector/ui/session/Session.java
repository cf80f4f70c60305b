package dev.flowinspector.ui.session;

import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.IndexedCapture;
import dev.flowinspector.capture.SpillFiles;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
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
 * history, and any packet decoded again in full (as it stood at its time) on demand. Frames are re-read, never
 * kept ({@link FrameStore}: from the capture file by offset, or from a temporary pcapng for live, pasted and
 * reassembled frames). Reading happens on one background thread; the query methods may be called from any thread.
 */
public final class Session implements AutoCloseable {

    private final String name;
    private final Path path;
    private final ExportPorts ports;
    private final DecodingOptions options;
    private final Decoding decoding;
    private final FrameStore store;
    private final Object lock = new Object();
    /** The list rows, 44 bytes each (on the heap for a file; in a mapped temporary file for live and paste). */
    private final RowStore rows;
    private final List<ProblemEntry> problems = new ArrayList<>();
    /** Per-exporter counts, keyed "exporter|version|domain", in order of first packet. */
    private final Map<String, ExporterCounts> exporters = new LinkedHashMap<>();
    /** The counts the last packet went to (consecutive packets mostly come from one exporter stream). */
    private ExporterCounts lastExporter;
    private final Map<Endpoint, Endpoint> interned = new HashMap<>();
    /** Cross-packet problems each row had when accepted (only rows with some), to see what finish() changed. */
    private final Map<Integer, List<Problem>> crossAtAccept = new HashMap<>();
    /** Rows of pasted frames ({@link #addPasted}). */
    private final java.util.BitSet pasted = new java.util.BitSet();
    /** Rows so far, published after each is added: read without the lock a load takes for every frame it decodes. */
    private volatile int rowCount;
    /** Whether any frame was pasted: {@link #pasted} answers without the lock until one is. */
    private volatile boolean anyPasted;
    private volatile LoadResult result;
    /** Rows and problems of late-decoded packets both ways, once finished; null before. */
    private SettledRows.Late late;
    /** Shown as a one-pass collector saw it (late templates not applied). */
    private boolean onePass;
    /** Rows saved by the last {@link #save} of every row (captured packets not saved yet are the rest). */
    private volatile int saved;
    /** A capture recovered from a spill file left by a crash: this session holds the file, and deletes it. */
    private SpillFiles.Spill recovered;
    /** Bytes of the frames added (payloads, or frames as captured). */
    private long bytes;
    /** Where a live capture also writes its frames (ring buffer), or null. */
    private dev.flowinspector.capture.RingBuffer ring;

    private Session(String name, Path path, ExportPorts ports, DecodingOptions options) {
        this.name = name;
        this.path = path;
        this.ports = ports;
        this.options = options;
        this.decoding = new Decoding(options);
        // a capture with no file (live, pasted) may run for hours: its index and rows go to mapped files
        boolean offHeap = path == null;
        this.store = new FrameStore(name, offHeap);
        this.rows = RowStore.of(offHeap, name);
    }

    /** An empty session (pasted packets, live capture). */
    public static Session empty(String name, DecodingOptions options) {
        return new Session(name, null, ExportPorts.defaults(), options);
    }

    /**
     * A session for a capture left in a spill file by a process that ended without closing it ({@link
     * SpillFiles#orphans}), not read yet: call {@link #load}. The session takes the file over and deletes it when
     * closed; until saved, its packets count as unsaved.
     */
    public static Session recover(Path spillFile, DecodingOptions options) throws IOException {
        SpillFiles.Spill claimed = SpillFiles.claim(spillFile);
        Session s = new Session("Recovered capture", spillFile, ExportPorts.defaults(), options);
        s.recovered = claimed;
        return s;
    }

    /** A session for a capture file, not read yet: call {@link #load}. */
    public static Session forFile(Path path, DecodingOptions options) throws IOException {
        return forFile(path, options, path.getFileName().toString());
    }

    /** A session for a capture file shown under another name (e.g. the demo, read from a temporary copy). */
    public static Session forFile(Path path, DecodingOptions options, String name) throws IOException {
        return new Session(name, path, ExportPorts.defaults(), options);
    }

    /**
     * Reads the whole file (or until cancelled), handing rows to the listener in batches as it goes: the
     * first rows arrive within about 50 ms. A damaged file keeps everything read before the damage.
     */
    public LoadResult load(LoadListener listener, BooleanSupplier cancelled) throws IOException {
        long t0 = System.nanoTime();
        int count = 0;
        boolean stopped = false;
        IndexedCapture capture = IndexedCapture.open(path, ports);
        store.attach(capture);
        CaptureReader reader = capture.reader();
        reader.dropFrameBytes(); // a frame is read again from its offset when shown; only its payload is decoded now
        try {
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
                                DetailsWarmUp.start(this);
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
        } finally {
            capture.endReading();
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
            try {
                flush(); // what a crash would leave for recovery
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * Appends pasted frames after the last frame, numbered on from it, decoded with the template cache as it stood
     * right after frame {@code templatesAt} (the last frame: the capture's end), beside the capture's own exporter
     * streams ({@link Decoding#acceptPasted}). Each gets a comment saying it was pasted and with which templates (shown
     * in the tree and kept by Save); {@link #pasted} marks its row. Returns their rows; problems go to problemsOut.
     *
     * @param frames      the pasted frames (their numbers are replaced; a time of 0 becomes the time of frame
     *                    {@code templatesAt}, or now)
     * @param templatesAt the frame whose templates to use, or a negative number for the last one
     * @param domain      the observation domain / source id whose templates are looked up instead of the header's
     *                    (-1: the header's own; {@link Decoding#acceptPasted(Frame, long, long)}); the comment
     *                    says so when it differs from the header's
     */
    public List<PacketSummary> addPasted(List<Frame> frames, long templatesAt, long domain,
                                         List<ProblemEntry> problemsOut) {
        synchronized (lock) {
            List<PacketSummary> out = new ArrayList<>(frames.size());
            for (Frame p : frames) {
                long number = rows.isEmpty() ? 1 : rows.get(rows.size() - 1).number() + 1;
                long at = templatesAt < 0 ? number - 1 : Math.min(templatesAt, number - 1);
                String comment = comment(p, at, at == number - 1 && templatesAt < 0 && path != null, domain);
                Frame f = new Frame(number, p.timeNanos() != 0 ? p.timeNanos() : timeAt(at),
                        p.source(), p.destination(), p.transport(), p.payload(), p.linkType(), p.frameBytes(), -1,
                        comment, p.notes());
                pasted.set(rows.size());
                anyPasted = true;
                keep(f, decoding.acceptPasted(f, at, domain), out, problemsOut);
            }
            return out;
        }
    }

    /**
     * What {@link #addPasted} would make of a frame (templates as at frame {@code templatesAt}, or the last frame when
     * negative, and those of {@code domain}, -1: the header's), keeping nothing: for the paste dialog's preview.
     */
    public ExportPacket previewPasted(Frame p, long templatesAt, long domain) {
        synchronized (lock) {
            long number = lastFrame() + 1;
            long at = templatesAt < 0 ? number - 1 : Math.min(templatesAt, number - 1);
            return decoding.decodeAt(new Frame(number, p.timeNanos(), p.source(), p.destination(), p.transport(),
                    p.payload(), p.linkType(), p.frameBytes(), -1, p.comment(), p.notes()), at, domain);
        }
    }

    /** "Pasted, decoded with the templates as at frame N (the end of the capture)[, with the templates of domain D]". */
    private static String comment(Frame p, long at, boolean end, long domain) {
        String how = at == 0 ? "no templates"
                : "the templates as at frame " + at + (end ? " (the end of the capture)" : "");
        long header = Decoding.headerDomain(p.payload());
        if (domain >= 0 && header >= 0 && domain != header) {
            how += (at == 0 ? "" : ",") + " with the templates of domain " + domain
                    + " (the header says " + header + ")";
        }
        return "Pasted, decoded with " + how + (p.comment() != null ? "; " + p.comment() : "");
    }

    /**
     * The time given to a frame pasted with the templates as at frame {@code at}: that frame's (so that the capture
     * read back from a saved file decodes it as pasted, templates not expired), or now when there is none.
     */
    private long timeAt(long at) {
        PacketSummary r = at > 0 ? rowOfFrame(at) : null;
        return r != null && r.timeNanos() != 0 ? r.timeNanos() : System.currentTimeMillis() * 1_000_000L;
    }

    /** Whether the row at an index was pasted ({@link #addPasted}). */
    public boolean pasted(int index) {
        if (!anyPasted) {
            return false;
        }
        synchronized (lock) {
            return pasted.get(index);
        }
    }

    /** The last frame number so far, or 0. */
    public long lastFrame() {
        synchronized (lock) {
            return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).number();
        }
    }

    private void accept(Frame f, List<PacketSummary> outRows, List<ProblemEntry> outProblems) {
        synchronized (lock) {
            keep(f, decoding.accept(f), outRows, outProblems);
        }
    }

    private void keep(Frame f, ExportPacket p, List<PacketSummary> outRows, List<ProblemEntry> outProblems) {
        synchronized (lock) {
            Endpoint ex = interned.computeIfAbsent(f.source(), e -> e);
            int index = rows.size();
            PacketSummary s = PacketSummary.of(index, p, ex);
            store.add(f);
            bytes += f.frameBytes() != null ? f.frameBytes().length : f.payload().length;
            if (ring != null) {
                try {
                    ring.write(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            rows.add(s);
            rowCount = rows.size();
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

    /** Frames added from now on are also written to a ring buffer of files (closed when the session finishes). */
    public void recordTo(dev.flowinspector.capture.RingBuffer files) {
        synchronized (lock) {
            ring = files;
        }
    }

    /** Bytes of the frames so far (frames as captured, or payloads), for stop conditions. */
    public long bytes() {
        synchronized (lock) {
            return bytes;
        }
    }

    /** Writes spilled frames still buffered to the temporary file (what a crash would leave). */
    public void flush() throws IOException {
        store.flush();
    }

    /** Decoding finished (no more frames will come): later templates may now fill in earlier gaps. */
    public void finish() {
        synchronized (lock) {
            closeRing();
            if (decoding.finished()) {
                return;
            }
            decoding.finish();
            SettledRows.crossPacket(decoding, rows, problems, crossAtAccept);
            late = SettledRows.late(decoding.takeLateDecoded(), rows, problems, exporters);
            if (onePass) {
                late.show(true, rows, problems, exporters);
            }
        }
    }

    /**
     * Shows the capture as a collector reading it once saw it ({@code true}: data whose template came later is not
     * decoded, "no template", in the rows, the problems and the details) or with late templates applied (the
     * default). Takes effect on the rows once the capture is finished.
     */
    public void setOnePass(boolean on) {
        synchronized (lock) {
            if (onePass == on) {
                return;
            }
            onePass = on;
            if (late != null) {
                late.show(on, rows, problems, exporters);
            }
        }
    }

    /** Whether the session shows the capture as a one-pass collector saw it. */
    public boolean onePass() {
        synchronized (lock) {
            return onePass;
        }
    }

    /** Packets whose data was decoded with a template that came later (0 until the capture is finished). */
    public int lateDecodedPackets() {
        synchronized (lock) {
            return late == null ? 0 : late.packets();
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
        return rowCount;
    }

    /** Rows replaced so far (settled, shown as one pass saw them or not): rows made before a change are stale. */
    public long rowReplacements() {
        return rows.replaced();
    }

    /** The row at an index. */
    public PacketSummary row(int index) {
        synchronized (lock) {
            return rows.get(index);
        }
    }

    /** The first position in [from, to) whose row ({@code rowAt} of it) has a problem, or -1; no row is made. */
    public int firstWithProblem(int from, int to, java.util.function.IntUnaryOperator rowAt) {
        synchronized (lock) {
            return rows.firstWithProblem(from, to, rowAt);
        }
    }

    /** The row of a frame number, or null. */
    public PacketSummary rowOfFrame(long frame) {
        synchronized (lock) {
            int i = rows.indexOfFrame(frame);
            return i < 0 ? null : rows.get(i);
        }
    }

    /**
     * Every row so far (those added later are not in it), each made when asked for: rows are kept compact, not as
     * objects (a copy of a large capture's rows would cost the heap the store saves).
     */
    public List<PacketSummary> rows() {
        return RowStore.view(size(), this::row);
    }

    /** A copy of every problem found, in packet order. */
    public List<ProblemEntry> problems() {
        synchronized (lock) {
            return List.copyOf(problems);
        }
    }

    /** Exporter health (loss, resets, reboots, template cadence) and the packets in no exporter stream. */
    public ExportersHealth exporterHealth() {
        synchronized (lock) {
            return ExportersHealth.of(decoding);
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
            return exporters.values().stream().map(ExporterCounts::summary).toList();
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
            return decoding.redecode(f, !onePass);
        }
    }

    /** Every template event so far. */
    public List<TemplateEvent> templateHistory() {
        synchronized (lock) {
            return List.copyOf(decoding.history());
        }
    }

    /**
     * The template cache as it stood right after a frame; for a frame pasted with the templates as at an earlier
     * frame ({@link #addPasted}), the cache it was decoded with.
     */
    public TemplateSnapshot templatesAt(long frame) {
        long at = decoding.pastedAt(frame);
        return TemplateSnapshot.at(at >= 0 && at < frame - 1 ? at : frame, templateHistory());
    }

    /** Decodes every packet again in order with a fresh decoder (as at load time) for the visitor, until cancelled. */
    public void scan(PacketVisitor visitor, BooleanSupplier cancelled, java.util.function.DoubleConsumer progress)
            throws IOException {
        Decoding d = new Decoding(options);
        int n = size();
        store.scan(n, (i, f) -> {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            long at = decoding.pastedAt(f.number());
            visitor.visit(i, f, at >= 0 ? d.acceptPasted(f, at, decoding.pastedDomain(f.number())) : d.accept(f));
            if (progress != null && (i & 1023) == 0) {
                progress.accept((double) i / n);
            }
            return true;
        });
    }

    /** The rows whose packets pass a test (display filter), on worker threads once the session is finished. */
    public java.util.BitSet matching(java.util.function.Predicate<ExportPacket> test, BooleanSupplier cancelled,
                                     java.util.function.DoubleConsumer progress) throws IOException {
        return ParallelScan.matching(this, replayable(), test, cancelled, progress);
    }

    /** The load's decoding when packets may be decoded again on worker threads (finished, from a file), else null. */
    Decoding replayable() {
        return decoding.finished() && path != null ? decoding : null;
    }

    FrameStore store() {
        return store;
    }

    /**
     * Writes the packets whose rows the predicate accepts to a pcapng file (frames as captured; pasted or
     * reassembled ones rebuilt as IP/UDP packets, with a comment saying so); returns how many. Every row of a
     * capture with no file (live, pasted) is a copy of its temporary file.
     */
    public int save(Path out, java.util.function.IntPredicate rowsWanted) throws IOException {
        int n = size();
        int written = store.save(out, n, rowsWanted, "saved by FlowInspector from " + name());
        if (written == n) {
            saved = n;
        }
        return written;
    }

    /**
     * Captured packets that exist nowhere else and were not saved: live, pasted or recovered ones (for a file, the
     * packets pasted into it since it was last saved).
     */
    public int unsaved() {
        if (path != null && recovered == null) {
            return unsavedPasted();
        }
        return Math.max(0, size() - saved);
    }

    /** How many of the {@link #unsaved} packets were pasted (the rest were captured live or recovered). */
    public int unsavedPasted() {
        synchronized (lock) {
            int from = Math.max(0, saved);
            return from >= rows.size() ? 0 : pasted.get(from, rows.size()).cardinality();
        }
    }

    /** The temporary file holding this session's live, pasted or reassembled frames, or null. */
    public Path spillFile() {
        return store.spillFile();
    }

    private void closeRing() {
        if (ring != null) {
            try {
                ring.close();
            } catch (IOException e) {
                // the files keep what was written
            }
            ring = null;
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            closeRing();
            rows.close(); // a mapped rows file goes with the session
        }
        try {
            store.close();
        } finally {
            if (recovered != null) {
                recovered.close();
            }
        }
    }
}
