package dev.flowinspector.tools.collect;

import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.CaptureWriter;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.UdpListener;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.TemplateKey;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A NetFlow/IPFIX collector: receives datagrams ({@link UdpListener}: a thread that only reads the sockets and
 * hands frames over in batches), decodes them on a thread of its own in arrival order with
 * one {@link Decoding} whose template cache is keyed per exporter and domain, buffers data sets that arrive
 * before their template and decodes them when it comes, and writes every record as a JSON line to rotating
 * gzip files. {@link #stop()} drains everything already received before closing the files.
 */
public final class Collector {

    /**
     * Collector settings.
     *
     * @param bind             address to listen on, null for all (IPv6 and IPv4)
     * @param ports            UDP ports
     * @param output           output file pattern ({@code %Y%m%d-%H%M} fields), null for no JSON output
     * @param rotateBytes      rotate after this many compressed bytes (0: never)
     * @param rotateIntervalMs align file times to this interval (0: the pattern decides)
     * @param zone             time zone of file names
     * @param raw              also write raw datagrams to this capture (pcapng when named so), or null
     * @param queueCapacity    datagrams buffered between receiving and decoding
     * @param statusIntervalMs status line period (0: none)
     * @param status           where status lines go
     * @param policy           template scoping
     * @param maxPendingSets   data sets held while waiting for their template
     * @param maxPendingMs     how long a data set waits for its template before it is given up (0: no limit)
     * @param sink             where records also go (Kafka), or null
     * @param share            templates shared with other collectors (Kafka), or null
     */
    public record Options(InetAddress bind, List<Integer> ports, String output, long rotateBytes, long rotateIntervalMs,
                          ZoneId zone, Path raw, int queueCapacity, long statusIntervalMs, PrintStream status,
                          ScopingPolicy policy, int maxPendingSets, long maxPendingMs, RecordSink sink,
                          TemplateShare share) {

        /** Defaults for the given ports and output pattern. */
        public static Options of(List<Integer> ports, String output) {
            return new Options(null, ports, output, 0, 0, ZoneId.systemDefault(), null, 65_536, 0, System.err,
                    ScopingPolicy.STRICT, 100_000, 0, null, null);
        }

        public Options withBind(InetAddress a) {
            return new Options(a, ports, output, rotateBytes, rotateIntervalMs, zone, raw, queueCapacity,
                    statusIntervalMs, status, policy, maxPendingSets, maxPendingMs, sink, share);
        }

        public Options withStatus(long ms, PrintStream s) {
            return new Options(bind, ports, output, rotateBytes, rotateIntervalMs, zone, raw, queueCapacity, ms, s,
                    policy, maxPendingSets, maxPendingMs, sink, share);
        }

        public Options withRotation(long bytes, long intervalMs, ZoneId z) {
            return new Options(bind, ports, output, bytes, intervalMs, z, raw, queueCapacity, statusIntervalMs, status,
                    policy, maxPendingSets, maxPendingMs, sink, share);
        }

        public Options withRaw(Path p) {
            return new Options(bind, ports, output, rotateBytes, rotateIntervalMs, zone, p, queueCapacity,
                    statusIntervalMs, status, policy, maxPendingSets, maxPendingMs, sink, share);
        }

        public Options withQueue(int capacity) {
            return new Options(bind, ports, output, rotateBytes, rotateIntervalMs, zone, raw, capacity,
                    statusIntervalMs, status, policy, maxPendingSets, maxPendingMs, sink, share);
        }

        public Options withPolicy(ScopingPolicy p) {
            return new Options(bind, ports, output, rotateBytes, rotateIntervalMs, zone, raw, queueCapacity,
                    statusIntervalMs, status, p, maxPendingSets, maxPendingMs, sink, share);
        }

        /** Data waiting for its template: at most {@code sets} data sets, each for at most {@code ms} (0: no limit). */
        public Options withPending(int sets, long ms) {
            return new Options(bind, ports, output, rotateBytes, rotateIntervalMs, zone, raw, queueCapacity,
                    statusIntervalMs, status, policy, sets, ms, sink, share);
        }

        /** Records also go to this sink; templates are shared through {@code t} (either may be null). */
        public Options withSink(RecordSink r, TemplateShare t) {
            return new Options(bind, ports, output, rotateBytes, rotateIntervalMs, zone, raw, queueCapacity,
                    statusIntervalMs, status, policy, maxPendingSets, maxPendingMs, r, t);
        }
    }

    /**
     * Counters (cumulative). {@code drops}: datagrams received but dropped because decoding fell behind (the
     * queue was full); {@code socketDrops}: datagrams the system dropped because the socket's receive buffer was
     * full (Linux /proc/net/udp; -1 when unknown).
     */
    public record Stats(long packets, long records, long exporters, long drops, long missingTemplateSets,
                        long waitingSets, long unresolvedSets, long lateRecords, long socketDrops) {
    }

    /**
     * What the sink and the template share report (empty when there are none), and how many templates came
     * from other collectors.
     */
    public String shareStatus() {
        StringBuilder b = new StringBuilder();
        if (o.sink() != null) {
            b.append("; ").append(o.sink().status());
        }
        if (o.share() != null) {
            b.append("; ").append(o.share().status()).append(", ").append(shared.get()).append(" taken into the cache");
        }
        return b.toString();
    }

    /** A data set waiting for its template since {@code sinceNanos} (System.nanoTime). */
    private record Pending(Frame frame, int setOffset, long sinceNanos) {
    }

    private final Options o;
    private final Decoding decoding;
    private final RecordJson json = new RecordJson();
    private final RotatingGzipOutput output;
    /** The JSON lines of one data set when they go to a {@link RecordSink} too. */
    private final LineBuffer lines = new LineBuffer();
    private final Map<TemplateKey, ArrayDeque<Pending>> pending = new HashMap<>();
    private final Set<Endpoint> exporters = ConcurrentHashMap.newKeySet();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong unresolved = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private UdpListener receiver;
    private CaptureWriter rawWriter;
    private Thread decoder;
    private Thread statusThread;
    private volatile IOException failure;
    private volatile boolean stopped;

    public Collector(Options options) {
        this.o = options;
        this.decoding = new Decoding(DecodingOptions.defaults().withPolicy(options.policy()));
        this.output = options.output() != null
                ? new RotatingGzipOutput(options.output(), options.rotateBytes(), options.rotateIntervalMs(), options.zone())
                : null;
    }

    /** Binds the ports and starts receiving and decoding. */
    public synchronized void start() throws IOException {
        if (o.raw() != null) {
            rawWriter = CaptureWriter.create(o.raw());
        }
        try {
            receiver = UdpListener.on(o.bind(), o.ports(), o.queueCapacity());
        } catch (IOException e) {
            if (rawWriter != null) {
                rawWriter.close();
            }
            throw e;
        }
        decoder = new Thread(this::decodeLoop, "flowinspector-collector");
        decoder.start();
        if (o.statusIntervalMs() > 0 && o.status() != null) {
            statusThread = new Thread(this::statusLoop, "flowinspector-status");
            statusThread.setDaemon(true);
            statusThread.start();
        }
    }

    /** The endpoints listened on. */
    public List<Endpoint> locals() {
        return receiver.endpoints();
    }

    /** The receive buffer the system granted each socket (bytes; Linux caps it at net.core.rmem_max, doubled). */
    public int receiveBuffer() {
        return receiver.receiveBuffer();
    }

    /**
     * Stops: reads what the sockets hold, decodes everything queued, writes the records and closes the files
     * (gzip trailer included). Safe to call more than once and from a shutdown hook.
     */
    public void stop() throws IOException, InterruptedException {
        synchronized (this) {
            if (stopped) {
                done.await(30, TimeUnit.SECONDS);
                return;
            }
            stopped = true;
        }
        if (receiver != null) {
            receiver.stop();
        }
        done.await(30, TimeUnit.SECONDS);
        if (statusThread != null) {
            statusThread.interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Collects the export frames of a capture instead of listening (nothing is bound): each frame is decoded and
     * written as if it had just been received, then the collector stops and closes its files. Returns the counts.
     */
    public Stats replay(CaptureReader reader) throws IOException {
        try {
            Frame f;
            while ((f = reader.next()) != null) {
                process(f);
            }
        } finally {
            finish();
            done.countDown();
        }
        if (failure != null) {
            throw failure;
        }
        return stats();
    }

    /** Waits until the collector has stopped. */
    public void await() throws InterruptedException {
        done.await();
    }

    public Stats stats() {
        return new Stats(packets.get(), records.get(), exporters.size(), receiver == null ? 0 : receiver.dropped(),
                missing.get(), waiting.get(), unresolved.get(), late.get(),
                receiver == null ? 0 : receiver.kernelDrops());
    }

    /** The JSON file being written, or null. */
    public Path currentFile() {
        return output == null ? null : output.current();
    }

    /** Every JSON file written (closed ones first, then the current one). */
    public List<Path> files() {
        List<Path> all = new ArrayList<>(output == null ? List.of() : output.finished());
        Path c = currentFile();
        if (c != null && !all.contains(c)) {
            all.add(c);
        }
        return all;
    }

    private void decodeLoop() {
        try {
            while (true) {
                List<Frame> batch = receiver.take(250, TimeUnit.MILLISECONDS);
                for (Frame f : batch) {
                    process(f);
                }
                if (o.share() != null) {
                    takeShared();
                }
                expirePending();
                tick();
                if (batch.isEmpty() && receiver.exhausted()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
            o.status().println("flowinspector collect: writing failed: " + e.getMessage());
        } catch (RuntimeException e) {
            failure = new IOException("decoder stopped: " + e, e);
            o.status().println("flowinspector collect: " + failure.getMessage());
        } finally {
            finish();
            done.countDown();
        }
    }

    private void finish() {
        for (ArrayDeque<Pending> q : pending.values()) {
            unresolved.addAndGet(q.size());
        }
        waiting.set(0);
        pending.clear();
        try {
            json.flush();
            if (output != null) {
                output.close();
            }
        } catch (IOException e) {
            failure = e;
        }
        try {
            if (rawWriter != null) {
                rawWriter.close();
            }
        } catch (IOException e) {
            failure = e;
        }
        for (java.io.Closeable c : new java.io.Closeable[] {o.sink() == null ? null : o.sink()::close,
            o.share() == null ? null : o.share()::close}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private void process(Frame f) throws IOException {
        if (rawWriter != null) {
            rawWriter.udp(f.timeNanos(), f.source(), f.destination(), f.payload(), 0, f.payload().length);
        }
        ExportPacket p = decoding.accept(f);
        packets.incrementAndGet();
        if (f.source() != lastSource) {
            exporters.add(f.source());
            lastSource = f.source();
        }
        nowMs = f.timeNanos() / 1_000_000;
        if (output != null && o.sink() == null) {
            if (output.due(nowMs)) {
                json.flush();
            }
            json.target(output.stream(nowMs));
        }
        for (FlowSet s : p.sets()) {
            if (s.kind() != SetKind.DATA && s.kind() != SetKind.OPTIONS_DATA) {
                continue;
            }
            if (s.template() != null) {
                records.addAndGet(emit(p, s, f.timeNanos()));
            } else if (s.id() >= 256 && (p.version() == 9 || p.version() == 10)) {
                missing.incrementAndGet();
                TemplateKey key = decoding.cache().key(f.source(), p.version(), p.domain(), s.id());
                ArrayDeque<Pending> q = pending.computeIfAbsent(key, k -> new ArrayDeque<>());
                q.add(new Pending(f, s.offset(), System.nanoTime()));
                if (waiting.incrementAndGet() > o.maxPendingSets()) {
                    dropOldestPending();
                }
            }
        }
        for (TemplateEvent e : p.templateEvents()) {
            // a definition (not a refresh): shared with the fleet, and what waited for it in earlier frames is
            // decoded with it (as decode's second pass does)
            if (e.template() != null && !e.template().isWithdrawal() && e.kind() != TemplateEvent.Kind.REFRESHED) {
                if (o.share() != null) {
                    o.share().learned(e.template());
                }
                if (!pending.isEmpty()) {
                    resolve(e.key(), f.number());
                }
            }
        }
    }

    /**
     * Writes a data set's records to the files and the sink; returns how many. Without a sink the JSON goes
     * straight into the file stream; with one it is made once in a buffer and goes to both.
     */
    private int emit(ExportPacket p, FlowSet s, long receivedNanos) throws IOException {
        if (o.sink() == null) {
            return output != null ? json.write(p, s, receivedNanos) : s.records().size();
        }
        lines.reset();
        json.target(lines);
        int n = json.write(p, s, receivedNanos);
        json.flush();
        if (n == 0) {
            return 0;
        }
        if (output != null) {
            output.stream(nowMs).write(lines.array(), 0, lines.size());
        }
        o.sink().records(p.context().source(), p.domain(), lines.array(), lines.size(), n);
        return n;
    }

    /** Templates other collectors learned: into the cache (when new or different here), then what waited for them. */
    private void takeShared() throws IOException {
        TemplateCache cache = decoding.cache();
        for (Template t : o.share().received()) {
            TemplateKey k = cache.key(t.key().exporter(), t.key().version(), t.key().domain(), t.key().templateId());
            Template here = cache.get(k);
            if (here != null && here.sameDefinition(t) || here == null && cache.full(k)) {
                continue; // known already, or the exporter has as many templates as a cache holds
            }
            cache.put(new Template(k, t.fields(), t.scopeCount(), t.options(), 0, 0, 0), 0, System.nanoTime());
            shared.incrementAndGet();
            if (!pending.isEmpty()) {
                resolve(k, Long.MAX_VALUE); // every waiting frame came before a template from the topic
            }
        }
    }

    /** Gives up data sets that waited longer than {@link Options#maxPendingMs()} (counted as never resolved). */
    private void expirePending() {
        if (o.maxPendingMs() <= 0 || pending.isEmpty()) {
            return;
        }
        long limit = System.nanoTime() - o.maxPendingMs() * 1_000_000;
        for (Iterator<ArrayDeque<Pending>> it = pending.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Pending> q = it.next();
            while (!q.isEmpty() && q.peekFirst().sinceNanos() - limit < 0) {
                q.pollFirst();
                waiting.decrementAndGet();
                unresolved.incrementAndGet();
            }
            if (q.isEmpty()) {
                it.remove();
            }
        }
    }

    private Endpoint lastSource;
    /** Receive time of the frame being processed (ms): the file that late records go to is the current one. */
    private long nowMs;

    private void dropOldestPending() {
        Pending oldest = null;
        TemplateKey at = null;
        for (Map.Entry<TemplateKey, ArrayDeque<Pending>> e : pending.entrySet()) {
            Pending h = e.getValue().peekFirst();
            if (h != null && (oldest == null || h.frame().number() < oldest.frame().number())) {
                oldest = h;
                at = e.getKey();
            }
        }
        if (at != null) {
            pending.get(at).pollFirst();
            if (pending.get(at).isEmpty()) {
                pending.remove(at);
            }
            waiting.decrementAndGet();
            unresolved.incrementAndGet();
        }
    }

    /**
     * A template was defined in frame {@code frame}: decode the data sets of earlier frames that waited for it, as of
     * now, and mark them late (data before it in its own frame stays undecoded, as in the tree).
     */
    private void resolve(TemplateKey key, long frame) throws IOException {
        ArrayDeque<Pending> q = pending.get(key);
        if (q == null) {
            return;
        }
        TemplateCache live = decoding.cache();
        for (Iterator<Pending> it = q.iterator(); it.hasNext(); ) {
            Pending w = it.next();
            if (w.frame().number() >= frame) {
                continue;
            }
            it.remove();
            ExportDecoder scratch = new ExportDecoder(new TemplateCache(o.policy()));
            ExportPacket p = scratch.decode(w.frame().payload(), w.frame().context(), live::get);
            for (FlowSet s : p.sets()) {
                if (s.offset() == w.setOffset() && s.template() != null) {
                    int n = emit(p, s, w.frame().timeNanos());
                    decoding.analyzer().lateSet(p, s); // the exporter's health counts what the file has
                    records.addAndGet(n);
                    late.addAndGet(n);
                }
            }
            waiting.decrementAndGet();
        }
        if (q.isEmpty()) {
            pending.remove(key);
        }
    }

    private long lastFlushMs;
    private long lastHealthMs;
    /** What the status thread prints: the decoding thread takes it at most once a second. */
    private volatile Snapshot status;

    /**
     * On the decoding thread, at most once a second: ends the current gzip member so the file being written is
     * readable up to here, and takes the per-exporter lines the status thread prints.
     */
    private void tick() throws IOException {
        long now = System.currentTimeMillis();
        if (output != null && now - lastFlushMs >= 1000) {
            json.flush();
            output.flush();
            lastFlushMs = now;
        }
        if (o.statusIntervalMs() > 0 && now - lastHealthMs >= Math.min(1000, o.statusIntervalMs())) {
            status = new Snapshot(System.nanoTime(), stats(), lines());
            lastHealthMs = now;
        }
    }

    /** One line per exporter stream: packets, records, loss, problems. On the decoding thread, or once stopped. */
    private List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (dev.flowinspector.decode.health.ExporterHealth h : decoding.exporters()) {
            lines.add(String.format(Locale.ROOT, "  %s v%d %s: %d packets, %d records, %d %s lost (%.2f%%),"
                            + " %d problems", h.key().exporter(), h.key().version(), h.key().domainLabel(),
                    h.packets(), h.records(), h.lost(), h.sequenceUnit(), h.lossPercent(), h.allProblems()));
        }
        return lines;
    }

    /**
     * The per-exporter lines as the collector stopped (records decoded late included, as in the files); empty while
     * it runs.
     */
    public List<String> exporterLines() {
        return done.getCount() == 0 ? lines() : List.of();
    }

    /** The counts and the per-exporter lines, taken together on the decoding thread, and when (System.nanoTime). */
    private record Snapshot(long nanos, Stats stats, List<String> lines) {
    }

    /**
     * Prints a status line and the per-exporter lines every interval, all from one {@link Snapshot}: the totals and
     * the exporters' figures are of the same moment (the snapshot is at most a second old).
     */
    private void statusLoop() {
        Snapshot last = new Snapshot(System.nanoTime(), new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0), List.of());
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(o.statusIntervalMs());
                Snapshot now = status;
                if (now == null) {
                    continue;
                }
                Stats s = now.stats();
                double secs = (now.nanos() - last.nanos()) / 1e9;
                long p0 = last.stats().packets();
                long r0 = last.stats().records();
                o.status().println(String.format(Locale.ROOT,
                        "%s collect: %d exporter%s, %.0f pkts/s, %.0f records/s, %d drops%s, %d missing-template sets "
                                + "(%d waiting), %d records total%s",
                        Instant.now().toString().substring(0, 19) + "Z", s.exporters(), s.exporters() == 1 ? "" : "s",
                        secs > 0 ? (s.packets() - p0) / secs : 0.0, secs > 0 ? (s.records() - r0) / secs : 0.0,
                        s.drops(), s.socketDrops() > 0 ? " (+" + s.socketDrops() + " by the system)" : "",
                        s.missingTemplateSets(), s.waitingSets(), s.records(),
                        currentFile() != null ? " -> " + currentFile() : "")
                        + shareStatus());
                for (String l : now.lines()) {
                    o.status().println(l);
                }
                last = now;
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }
}
