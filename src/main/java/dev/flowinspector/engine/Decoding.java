package dev.flowinspector.engine;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.Skimmer;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.TemplateKey;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.decode.health.CrossPacketAnalyzer;
import dev.flowinspector.decode.health.ExporterHealth;
import dev.flowinspector.decode.health.OptionsKnowledge;
import dev.flowinspector.decode.health.TemplateExpiry;
import dev.flowinspector.decode.health.TemplateTimeline;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes an ordered stream of frames: one template cache across the capture, problems found across
 * packets (sequence, clocks, template lifetimes: {@link CrossPacketAnalyzer}), exporter health, the template
 * timeline, and a view of any single packet as it was decoded at its time. Used by the CLI, the collector
 * and the GUI session alike. Not thread-safe: feed frames from one thread.
 */
public final class Decoding {

    private final DecodingOptions options;
    private final TemplateCache cache;
    private final ExportDecoder decoder;
    private final CrossPacketAnalyzer analyzer;
    private final TemplateExpiry expiry;
    private final OptionsKnowledge optionsData = new OptionsKnowledge();
    private final ImportBinder imports;
    private final Map<Long, List<Problem>> crossPacket = new HashMap<>();
    private final Map<TemplateKey, List<Template>> definitions = new HashMap<>();
    private final Map<TemplateKey, Transport> learnedOver = new HashMap<>();
    private final Deque<Orphan> orphans = new ArrayDeque<>();
    /** Ids of every options template seen (any exporter), for {@link #skim}. */
    private final java.util.BitSet optionsTemplateIds = new java.util.BitSet(65536);
    /** Frames whose record count was unknown (data without template), to finish skipped sequence checks. */
    private final Map<Long, Frame> uncounted = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Frame> e) {
            return size() > Math.max(1, options.orphanBuffer());
        }
    };
    private final List<LateDecoded> lateDecoded = new ArrayList<>();
    /**
     * Frames with v9/IPFIX data sets that had no template when they came, in order: {@link #finish()} decodes them
     * with the templates that came later and counts those records too (at most {@link #UNTEMPLATED_BYTES} bytes kept).
     */
    private final List<Frame> untemplated = new ArrayList<>();
    private long untemplatedBytes;
    /** Bytes of frames kept for {@link #untemplated}; beyond that, later records are not counted. */
    static final long UNTEMPLATED_BYTES = 64L << 20;
    private Consumer<LateDecoded> lateListener;
    private boolean finished;
    /** Redecoding in increasing frame order reuses the cache rebuilt so far (no quadratic replays). */
    private final Replay replay = new Replay(this, null);
    /** Template events and learned types in the order they came, for replays ({@link #publish}). */
    private final HistoryLog historyLog = new HistoryLog();
    /** Pasted frames ({@link #acceptPasted}): frame number to the templates they are decoded with. */
    private final Map<Long, Pasted> pastedAt = new java.util.concurrent.ConcurrentHashMap<>();

    /** The templates a pasted frame is decoded with: as at frame {@code at}, of {@code domain} (-1: the header's). */
    private record Pasted(long at, long domain) {
    }

    /** A frame with data sets whose templates were unknown, waiting for them (live capture). */
    private record Orphan(Frame frame, Set<TemplateKey> keys) {
    }

    public Decoding(DecodingOptions options) {
        this.options = options;
        this.cache = new TemplateCache(options.policy());
        this.decoder = new ExportDecoder(cache, InformationElementRegistry.standard(), options.limits());
        this.analyzer = new CrossPacketAnalyzer(options.health(), options.policy());
        this.expiry = new TemplateExpiry(options.templateTimeout(), k -> learnedOver.get(k) == Transport.UDP);
        this.imports = new ImportBinder(options.importedTemplates(), options.importMatch(), options.policy());
        for (Template t : imports.exact()) {
            cache.put(t, 0, 0);
            analyzer.timeline().imported(t);
        }
    }

    public DecodingOptions options() {
        return options;
    }

    /** Decodes the next frame in capture order, with every problem found so far for it. */
    public ExportPacket accept(Frame frame) {
        bindImports(frame);
        List<TemplateEvent> expired = expiry.expire(cache, frame.number(), frame.timeNanos());
        if (!expired.isEmpty()) {
            analyzer.templateEvents(expired, frame.timeNanos());
        }
        ExportPacket p = decoder.decode(frame.payload(), frame.context());
        historyLog.logLearnedTypes(cache, frame.number());
        for (Problem n : frame.notes()) {
            p.addProblem(n);
        }
        List<Problem> cross = analyzer.accept(p);
        if (!cross.isEmpty()) {
            crossPacket.put(frame.number(), List.copyOf(cross));
            for (Problem x : cross) {
                p.addProblem(x);
            }
        }
        optionsData.accept(p);
        Set<TemplateKey> defined = new HashSet<>();
        for (TemplateEvent e : p.templateEvents()) {
            if (e.template() != null) {
                learnedOver.put(e.key(), frame.transport());
                if (e.template().options()) {
                    optionsTemplateIds.set(e.key().templateId() & 0xffff);
                }
                if (e.kind() != TemplateEvent.Kind.REFRESHED) {
                    // a refresh is never the first definition after a frame that lacked the template
                    definitions.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.template());
                    defined.add(e.key());
                }
            }
        }
        if (!defined.isEmpty() && !orphans.isEmpty()) {
            resolveOrphans(defined, frame.number());
        }
        keepOrphan(frame, p);
        keepUntemplated(frame, p);
        return p;
    }

    /**
     * Decodes a pasted frame beside the capture, with the template cache as it stood right after frame {@code at}
     * (the last frame before it: the capture's end; or a frame the user picked; 0: no templates). Templates the
     * pasted packet defines are learned at its own frame number, so packets pasted after it use them. A pasted
     * packet takes no part in the cross-packet checks (its sequence numbers and times are not the exporter stream's),
     * expires no template and waits for no later template; it counts in its exporter's health and as uses of its
     * templates as any packet does ({@link CrossPacketAnalyzer#pasted}). {@link #redecode} and {@link Replay#decode}
     * give the same packet again for it.
     */
    public ExportPacket acceptPasted(Frame frame, long at) {
        return acceptPasted(frame, at, -1);
    }

    /**
     * As {@link #acceptPasted(Frame, long)}, with the templates of observation domain (IPFIX) / source id (v9)
     * {@code domain} of the same exporter looked up for the packet's sets instead of those of the domain in its
     * header ({@link #decodeAt(Frame, long, long)}); -1: the header's. The bytes are not changed: the header still
     * shows its own domain, and templates the packet defines are learned under it.
     */
    public ExportPacket acceptPasted(Frame frame, long at, long domain) {
        long templatesAt = Math.max(0, Math.min(at, frame.number() - 1));
        ExportPacket learned = decoder.decode(frame.payload(), frame.context());
        historyLog.logLearnedTypes(cache, frame.number());
        for (TemplateEvent e : learned.templateEvents()) {
            if (e.template() != null && e.kind() != TemplateEvent.Kind.REFRESHED) {
                learnedOver.put(e.key(), frame.transport());
                definitions.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.template());
            }
        }
        pastedAt.put(frame.number(), new Pasted(templatesAt, domain));
        ExportPacket p = decodeAt(frame, templatesAt, domain);
        analyzer.pasted(p, domain);
        return p;
    }

    /** A pasted frame decoded with the templates it was pasted with ({@link #acceptPasted}), or null: not pasted. */
    ExportPacket decodePasted(Frame frame) {
        Pasted p = pastedAt.isEmpty() ? null : pastedAt.get(frame.number());
        return p == null ? null : decodeAt(frame, p.at(), p.domain());
    }

    /** The frame whose templates a pasted frame is decoded with, or -1 when the frame was not pasted. */
    public long pastedAt(long frame) {
        Pasted p = pastedAt.get(frame);
        return p == null ? -1 : p.at();
    }

    /**
     * The observation domain whose templates a pasted frame is decoded with when it is not the header's
     * ({@link #acceptPasted(Frame, long, long)}), or -1 (not pasted, or the header's own).
     */
    public long pastedDomain(long frame) {
        Pasted p = pastedAt.get(frame);
        return p == null ? -1 : p.domain();
    }

    /**
     * The observation domain id (IPFIX) or source id (v9) in an export header, or -1 for other versions and
     * packets too short to have one.
     */
    public static long headerDomain(byte[] payload) {
        if (payload.length < 2) {
            return -1;
        }
        int version = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        int at = version == 10 ? 12 : version == 9 ? 16 : -1;
        if (at < 0 || payload.length < at + 4) {
            return -1;
        }
        return ((long) (payload[at] & 0xff) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
                | (payload[at + 3] & 0xff);
    }

    /**
     * Decodes a frame with the templates known right after frame {@code at} (a cache of its own, rebuilt from the
     * history), keeping nothing: no template learned, no problem counted. For pasted frames and their preview.
     */
    public ExportPacket decodeAt(Frame frame, long at) {
        return decodeAt(frame, at, -1);
    }

    /**
     * As {@link #decodeAt(Frame, long)}, with the templates of {@code domain} (-1: the header's) of the packet's
     * exporter and version standing in for those of the domain in its header: the header's own domain's templates
     * are left out, the other domain's are looked up under the header's. The bytes, and so the header shown, stay as
     * they are. Only v9 and IPFIX have domains with templates; other versions decode as without it.
     */
    public ExportPacket decodeAt(Frame frame, long at, long domain) {
        TemplateCache c = new TemplateCache(options.policy());
        HistorySnapshot s = publish();
        for (int i = 0; i < s.typeCount && s.types[i].frame() <= at; i++) {
            c.learnType(s.types[i].ie());
        }
        for (TemplateEvent e : cache.history()) {
            if (before(e, at + 1)) {
                c.replay(e);
            }
        }
        long header = headerDomain(frame.payload());
        if (domain >= 0 && header >= 0 && domain != header) {
            c = withDomain(c, ((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff), domain, header);
        }
        ExportPacket p = new ExportDecoder(c, InformationElementRegistry.standard(), options.limits())
                .decode(frame.payload(), frame.context());
        for (Problem n : frame.notes()) {
            p.addProblem(n);
        }
        return p;
    }

    /** A copy of a cache in which the templates of {@code from} (of a version) stand under domain {@code to}. */
    private TemplateCache withDomain(TemplateCache c, int version, long from, long to) {
        TemplateCache out = new TemplateCache(options.policy());
        for (var ie : c.learnedTypes()) {
            out.learnType(ie);
        }
        for (Template t : c.templates()) {
            TemplateKey k = t.key();
            if (k.version() == version && k.domain() == to) {
                continue;
            }
            Template moved = k.version() == version && k.domain() == from ? new Template(new TemplateKey(k.exporter(),
                    k.version(), to, k.templateId()), t.fields(), t.scopeCount(), t.options(), t.originFrame(),
                    t.originOffset(), t.originLength()) : t;
            out.replay(new TemplateEvent(TemplateEvent.Kind.ADDED, t.originFrame(), moved.key(), moved, null));
        }
        return out;
    }

    private void keepUntemplated(Frame frame, ExportPacket p) {
        if (p.version() != 9 && p.version() != 10 || untemplatedBytes + frame.payload().length > UNTEMPLATED_BYTES) {
            return;
        }
        for (FlowSet s : p.sets()) {
            if (s.id() >= 256 && s.kind() == SetKind.DATA && s.template() == null) {
                untemplated.add(frame);
                untemplatedBytes += frame.payload().length;
                return;
            }
        }
    }

    /**
     * A cheap first pass for output that shows data records only (decode -F fields): keeps the template history
     * exactly as {@link #accept} would (definitions, options data that teaches types, expiry), but decodes only
     * frames that carry template sets or data of an options template. Skipped frames add no cross-packet
     * problems or exporter health.
     */
    public void skim(Frame frame) {
        if (skimmer.wants(frame.payload(), 0, frame.payload().length)) {
            accept(frame);
            return;
        }
        skimmer.passed(frame.number(), frame.timeNanos());
    }

    /**
     * {@link #skim} for a reader that looks at export payloads in place ({@link dev.flowinspector.capture.CaptureReader#skim}):
     * it wants whole the frames that {@code skim} would decode and passes the others, which only run template expiry
     * at their number and time. Frames the reader hands out whole still go to {@link #skim}.
     */
    public Skimmer skimmer() {
        return skimmer;
    }

    private final Skimmer skimmer = new Skimmer() {
        @Override
        public boolean wants(byte[] d, int off, int len) {
            return imports.active() || SetHeaders.mayDefine(d, off, len, optionsTemplateIds);
        }

        @Override
        public void passed(long number, long timeNanos) {
            List<TemplateEvent> expired = expiry.expire(cache, number, timeNanos);
            if (!expired.isEmpty()) {
                analyzer.templateEvents(expired, timeNanos);
            }
        }
    };

    private void bindImports(Frame frame) {
        if (!imports.active()) {
            return;
        }
        for (Template t : imports.bind(frame.source(), frame.payload())) {
            if (cache.get(t.key()) == null) {
                cache.put(t, 0, 0);
                analyzer.timeline().imported(t);
            }
        }
    }

    private void keepOrphan(Frame frame, ExportPacket p) {
        if (options.orphanBuffer() == 0 || (p.version() != 9 && p.version() != 10)) {
            return;
        }
        Set<TemplateKey> keys = new LinkedHashSet<>();
        for (FlowSet s : p.sets()) {
            if (s.id() >= 256 && s.kind() == SetKind.DATA && s.template() == null) {
                keys.add(cache.key(frame.source(), p.version(), p.domain(), s.id()));
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        if (p.version() == 10) {
            uncounted.put(frame.number(), frame);
        }
        if (orphans.size() >= options.orphanBuffer()) {
            orphans.removeFirst();
        }
        orphans.addLast(new Orphan(frame, keys));
    }

    private void resolveOrphans(Set<TemplateKey> defined, long templateFrame) {
        for (Iterator<Orphan> it = orphans.iterator(); it.hasNext(); ) {
            Orphan o = it.next();
            if (o.keys().removeIf(defined::contains)) {
                LateDecoded ld = new LateDecoded(o.frame(), redecode(o.frame()), templateFrame);
                lateDecoded.add(ld);
                if (lateListener != null) {
                    lateListener.accept(ld);
                }
                if (o.keys().isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    /**
     * Calls the listener, on the decoding thread, each time a buffered frame becomes decodable because its
     * template arrived (live capture). Null removes the listener.
     */
    public void onLateDecode(Consumer<LateDecoded> listener) {
        this.lateListener = listener;
    }

    /** Frames that became decodable since the last call (also delivered to the listener), oldest first. */
    public List<LateDecoded> takeLateDecoded() {
        List<LateDecoded> out = List.copyOf(lateDecoded);
        lateDecoded.clear();
        return out;
    }

    /** The capture is complete: later {@link #redecode} calls may use templates that arrived later. */
    public void finish() {
        finished = true;
        orphans.clear();
        for (CrossPacketAnalyzer.PendingCheck c : analyzer.pendingChecks()) {
            Frame f = uncounted.get(c.orphanFrame());
            if (f == null) {
                continue;
            }
            ExportPacket again = redecode(f);
            long records = 0;
            boolean complete = true;
            for (FlowSet s : again.sets()) {
                if (s.id() >= 256 && (s.kind() == SetKind.DATA || s.kind() == SetKind.OPTIONS_DATA)) {
                    records += s.records().size();
                } else if (s.id() >= 256 && s.kind() == SetKind.RAW) {
                    complete = false;
                }
                if (s.id() >= 256 && s.template() == null && s.kind() != SetKind.RAW) {
                    complete = false;
                }
            }
            if (!complete) {
                continue;
            }
            List<Problem> now = analyzer.resolve(c, records);
            List<Problem> cross = new ArrayList<>(crossPacket.getOrDefault(c.frame(), List.of()));
            cross.remove(c.problem());
            cross.addAll(now);
            crossPacket.put(c.frame(), List.copyOf(cross));
        }
        uncounted.clear();
        countLateRecords();
    }

    /**
     * Decodes the frames whose data came before its template with the templates that came later (as
     * {@link #redecode} shows them), counts those records in their exporter's health, and hands each such packet
     * over as {@link LateDecoded} ({@link #takeLateDecoded}, the listener): one count everywhere.
     */
    private void countLateRecords() {
        Replay again = new Replay(this, null);
        for (Frame f : untemplated) {
            ExportPacket p = again.redecode(f);
            long templateFrame = 0;
            for (FlowSet s : p.sets()) {
                if (s.lateTemplate()) {
                    analyzer.lateSet(p, s);
                    if (templateFrame == 0) {
                        templateFrame = s.templateFrame();
                    }
                }
            }
            if (templateFrame == 0) {
                continue;
            }
            LateDecoded ld = new LateDecoded(f, p, templateFrame);
            lateDecoded.add(ld);
            if (lateListener != null) {
                lateListener.accept(ld);
            }
        }
        untemplated.clear();
        untemplatedBytes = 0;
    }

    /** True after {@link #finish()}. */
    public boolean finished() {
        return finished;
    }

    /**
     * Decodes a frame again as it stood at its time (templates known before it), for display, with its
     * cross-packet problems. Data sets without a template at the time are decoded with the first later
     * definition seen so far (all of them after {@link #finish()}) and marked "template from frame N (later)".
     */
    public ExportPacket redecode(Frame frame) {
        return replay.redecode(frame);
    }

    /**
     * As {@link #redecode}; without {@code lateTemplates} a data set whose template came later stays undecoded, as a
     * collector reading the capture once saw it.
     */
    public ExportPacket redecode(Frame frame, boolean lateTemplates) {
        return replay.decode(frame, lateTemplates);
    }

    /**
     * A redecoder of its own, for another thread, once the capture is complete: {@link Replay#redecode} gives what
     * {@link #redecode} gives, and several replays may run at once on different threads (each one used by one
     * thread; this decoding must not accept frames any more). Each keeps its own template cache rebuilt from the
     * history, so frames given in increasing order cost no replay from the start.
     *
     * @throws IllegalStateException before {@link #finish()}
     */
    public Replay replay() {
        if (!finished) {
            throw new IllegalStateException("replay() needs a finished decoding");
        }
        return new Replay(this, publish());
    }

    /**
     * A redecoder for another thread while this decoding still accepts frames: it decodes only frames handed over
     * with {@link #handOver} ({@link Replay#decode(Handed)}), each with the templates and types that stood before
     * it. One thread at a time per replay.
     */
    public Replay handedReplay() {
        return new Replay(this, null);
    }

    /**
     * A frame skimmed (or accepted) last, with what a {@link #handedReplay} needs to decode it on another thread
     * while this decoding reads on: the template history and learned types so far, and the frame's cross-packet
     * problems. Call on the decoding thread, right after {@link #skim} or {@link #accept} of the frame.
     */
    public Handed handOver(Frame frame) {
        return new Handed(frame, publish(), crossPacket.isEmpty() ? List.of()
                : crossPacket.getOrDefault(frame.number(), List.of()), null);
    }

    /**
     * A frame with the packet {@link #accept} made of it, to hand to another thread while this decoding reads on,
     * when the packet is already what {@link #redecode} will give once the capture is complete; null when it may not
     * be: a data set had no template (one may come later). Call on the decoding thread, right after the accept;
     * the packet must not be touched here afterwards.
     */
    public Handed handOver(Frame frame, ExportPacket accepted) {
        if (accepted.version() == 9 || accepted.version() == 10) {
            for (FlowSet s : accepted.sets()) {
                if (s.id() >= 256 && s.template() == null && s.kind() != SetKind.RAW) {
                    return null;
                }
            }
        }
        return new Handed(frame, null, List.of(), accepted);
    }

    /** The template history and learned types so far, for replays. Call on the decoding thread. */
    HistorySnapshot publish() {
        return historyLog.publish(cache);
    }

    /** Events that stood before a frame was decoded: earlier frames', and expiries checked just before it. */
    static boolean before(TemplateEvent e, long frame) {
        return e.frame() < frame || e.frame() == frame && e.kind() == TemplateEvent.Kind.EXPIRED;
    }

    Template later(TemplateKey key, long frame) {
        for (Template t : definitions.getOrDefault(key, List.of())) {
            if (t.originFrame() > frame) {
                return t;
            }
        }
        return null;
    }

    /** Cross-packet problems of a frame (sequence, clocks, template lifetime), or an empty list. */
    public List<Problem> crossPacketProblems(long frame) {
        return crossPacket.getOrDefault(frame, List.of());
    }

    /** The live cache (as it stands after the last frame accepted). */
    public TemplateCache cache() {
        return cache;
    }

    /** Every template event so far. */
    public List<TemplateEvent> history() {
        return cache.history();
    }

    /** Every template over time: first seen, refreshes, uses, changes, state; the cache at any frame. */
    public TemplateTimeline timeline() {
        return analyzer.timeline();
    }

    /** Health of every exporter stream seen so far. */
    public List<ExporterHealth> exporters() {
        return analyzer.exporters();
    }

    /** The cross-packet analyzer (exporter health, refresh cadence). */
    public CrossPacketAnalyzer analyzer() {
        return analyzer;
    }

    /** What options data taught so far: sampling rates, interface, VRF and application names. */
    public OptionsKnowledge optionsData() {
        return optionsData;
    }
}
