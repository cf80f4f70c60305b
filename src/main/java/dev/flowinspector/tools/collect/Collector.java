package dev.flowinspector.tools.collect;

import dev.flowinspector.capture.CaptureWriter;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.UdpListener;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.decode.SetKind;
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
     */
    public record Options(InetAddress bind, List<Integer> ports, String output, long rotateBytes, long rotateIntervalMs,
                          ZoneId zone, Path raw, int queueCapacity, long statusIntervalMs, PrintStream status,
                          ScopingPolicy policy, int maxPendingSets) {

        /** Defaults for the given ports and output pattern. */
        public static Options of(List<Integer> ports, String output) {
            return new Options(null, ports, output, 0, 0, ZoneId.systemDefault(), null, 65_536, 0, System.err,
                    ScopingPolicy.STRICT, 100_000);
        }

        public Options withBind(InetAddress a) {
            return new Options(a, ports, output, rotateBytes, rotateIntervalMs, zone, raw, queueCapacity,
                    statusIntervalMs, status, policy, maxPendingSets);
        }

        public Options withStatus(long ms, PrintStream s) {
            return new Options(bind, ports, output, rotateBytes, rotateIntervalMs, zone, raw, queueCapacity, ms, s,
                    policy, maxPendingSets);
        }

        public Options withRotation(long bytes, long intervalMs, ZoneId z) {
            return new Options(bind, ports, output, bytes, intervalMs, z, raw, queueCapacity, statusIntervalMs, status,
                    policy, maxPendingSets);
        }

        public Options withRaw(Path p) {
            return new Options(bind, ports, output, rotateBytes, rotateIntervalMs, zone, p, queueCapacity,
                    statusIntervalMs, status, policy, maxPendingSets);
        }

        public Options withQueue(int capacity) {
            return new Options(bind, ports, output, rotateBytes, rotateIntervalMs, zone, raw, capacity,
                    statusIntervalMs, status, policy, maxPendingSets);
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

    /** A data set waiting for its template. */
    private record Pending(Frame frame, int setOffset) {
    }

    private final Options o;
    private final Decoding decoding;
    private final RecordJson json = new RecordJson();
    private final RotatingGzipOutput output;
    private final Map<TemplateKey, ArrayDeque<Pending>> pending = new HashMap<>();
    private final Set<Endpoint> exporters = ConcurrentHashMap.newKeySet();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong unresolved = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
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
        long nowMs = f.timeNanos() / 1_000_000;
        if (output != null) {
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
                if (output != null) {
                    records.addAndGet(json.write(p, s, f.timeNanos()));
                } else {
                    records.addAndGet(s.records().size());
                }
            } else if (s.id() >= 256 && (p.version() == 9 || p.version() == 10)) {
                missing.incrementAndGet();
                TemplateKey key = decoding.cache().key(f.source(), p.version(), p.domain(), s.id());
                ArrayDeque<Pending> q = pending.computeIfAbsent(key, k -> new ArrayDeque<>());
                q.add(new Pending(f, s.offset()));
                if (waiting.incrementAndGet() > o.maxPendingSets()) {
                    dropOldestPending();
                }
            }
        }
        if (!pending.isEmpty()) {
            for (TemplateEvent e : p.templateEvents()) {
                if (e.template() != null && !e.template().isWithdrawal()) {
                    resolve(e.key());
                }
            }
        }
    }

    private Endpoint lastSource;

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

    /** A template arrived: decode the data sets that waited for it, as of now, and mark them late. */
    private void resolve(TemplateKey key) throws IOException {
        ArrayDeque<Pending> q = pending.remove(key);
        if (q == null) {
            return;
        }
        TemplateCache live = decoding.cache();
        for (Iterator<Pending> it = q.iterator(); it.hasNext(); ) {
            Pending w = it.next();
            ExportDecoder scratch = new ExportDecoder(new TemplateCache(o.policy()));
            ExportPacket p = scratch.decode(w.frame().payload(), w.frame().context(), live::get);
            for (FlowSet s : p.sets()) {
                if (s.offset() == w.setOffset() && s.template() != null) {
                    int n = output != null ? json.write(p, s, w.frame().timeNanos()) : s.records().size();
                    records.addAndGet(n);
                    late.addAndGet(n);
                }
            }
            waiting.decrementAndGet();
        }
    }

    private void statusLoop() {
        long lastP = 0;
        long lastR = 0;
        long lastT = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(o.statusIntervalMs());
                long t = System.nanoTime();
                Stats s = stats();
                double secs = (t - lastT) / 1e9;
                o.status().println(String.format(Locale.ROOT,
                        "%s collect: %d exporter%s, %.0f pkts/s, %.0f records/s, %d drops%s, %d missing-template sets "
                                + "(%d waiting), %d records total%s",
                        Instant.now().toString().substring(0, 19) + "Z", s.exporters(), s.exporters() == 1 ? "" : "s",
                        (s.packets() - lastP) / secs, (s.records() - lastR) / secs, s.drops(),
                        s.socketDrops() > 0 ? " (+" + s.socketDrops() + " by the system)" : "", s.missingTemplateSets(),
                        s.waitingSets(), s.records(), currentFile() != null ? " -> " + currentFile() : ""));
                lastP = s.packets();
                lastR = s.records();
                lastT = t;
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }
}
