package dev.flowinspector.decode.health;

import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.ProblemType;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.TemplateKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Looks across the packets of a capture, in capture order: sequence numbers per exporter and domain
 * (v5/v7/v8: next = sequence + count, RFC-less Cisco formats; v9: next = sequence + 1, RFC 3954 §5.1; IPFIX:
 * next = sequence + data records, RFC 7011 §3.1), export time against capture time and against the previous
 * packet, sysUptime going backwards (a restart: RFC 3954 §5.1), data for expired templates (RFC 7011 §8.4)
 * and templates learned before a restart. Keeps {@link ExporterHealth} per stream and the
 * {@link TemplateTimeline}. Not thread-safe.
 */
public final class CrossPacketAnalyzer {

    private static final long MASK = 0xffffffffL;
    private static final long HALF = 1L << 31;
    private static final int RECENT = 256;
    private static final int MAX_GAPS = 32;

    private final HealthOptions options;
    private final ScopingPolicy policy;
    private final Map<StreamKey, State> streams = new TreeMap<>();
    private final TemplateTimeline timeline = new TemplateTimeline();
    private final List<PendingCheck> pending = new ArrayList<>();
    /** Export packets of no stream ({@link #ofAStream}). */
    private final StreamlessPackets streamless = new StreamlessPackets();
    private static final int MAX_PENDING = 100_000;

    /**
     * A sequence check left "unknown" because the previous message had data without template; it can be done
     * once that message's record count is known (its template arrived later).
     *
     * @param stream       the stream
     * @param frame        the frame whose check was skipped
     * @param sequence     its sequence number
     * @param units        its record count
     * @param orphanFrame  the earlier frame whose count was unknown
     * @param orphanSeq    that frame's sequence number
     * @param inclusive    whether the exporter counts a message's own records (see sequence.counts.current)
     * @param problem      the sequence.unknown problem raised
     */
    public record PendingCheck(StreamKey stream, long frame, long sequence, long units, long orphanFrame,
                               long orphanSeq, boolean inclusive, Problem problem) {
    }

    /** Per-stream memory of the previous packets. */
    private static final class State {
        final ExporterHealth health;
        boolean started;
        long lastFrame;
        long expected;
        long maxSeq;
        boolean unknownCount;
        boolean inclusive;
        String unknownWhy;
        long unknownFrame;
        long unknownSeq;
        long unknownKnownUnits;
        long prevUptime = -1;
        long prevExport;
        long maxExport;
        long bootMs = Long.MIN_VALUE;
        long reportedSkewMs = Long.MIN_VALUE;
        final Deque<long[]> recent = new ArrayDeque<>();
        final Deque<long[]> gaps = new ArrayDeque<>();

        State(StreamKey k) {
            health = new ExporterHealth(k);
        }
    }

    public CrossPacketAnalyzer(HealthOptions options, ScopingPolicy policy) {
        this.options = options;
        this.policy = policy;
    }

    public CrossPacketAnalyzer() {
        this(HealthOptions.DEFAULTS, ScopingPolicy.STRICT);
    }

    public HealthOptions options() {
        return options;
    }

    /** The template timeline fed so far. */
    public TemplateTimeline timeline() {
        return timeline;
    }

    /** Health of every exporter stream seen, ordered by exporter, version and domain. */
    public List<ExporterHealth> exporters() {
        List<ExporterHealth> out = new ArrayList<>();
        for (State s : streams.values()) {
            out.add(s.health);
        }
        return out;
    }

    /** Health of one stream, or null. */
    public ExporterHealth exporter(StreamKey key) {
        State s = streams.get(key);
        return s == null ? null : s.health;
    }

    /** Template events that happened outside a packet (expiry before frame, imports), for the timeline. */
    public void templateEvents(List<TemplateEvent> events, long timeNanos) {
        timeline.events(events, timeNanos);
    }

    /**
     * Mean time between template refreshes for a stream (over every template it sent more than once), in ns,
     * or -1 when no template was sent twice.
     */
    public long refreshCadenceNanos(StreamKey k) {
        long sum = 0;
        int n = 0;
        for (TemplateLife l : timeline.lives()) {
            TemplateKey t = l.key();
            if (t.version() == k.version() && t.domain() == k.domain() && belongs(t, k) && l.meanRefreshNanos() >= 0) {
                sum += l.meanRefreshNanos();
                n++;
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    private static boolean belongs(TemplateKey t, StreamKey k) {
        return t.exporter().address().equals(k.exporter().address())
                && (t.exporter().port() == 0 || t.exporter().port() == k.exporter().port());
    }

    /**
     * Analyses the next packet in capture order and returns the cross-packet problems found for it (the
     * packet itself is not changed).
     */
    public List<Problem> accept(ExportPacket p) {
        List<Problem> out = new ArrayList<>();
        timeline.events(p.templateEvents(), p.context().timeNanos());
        timeline.used(p);
        if (!ofAStream(p)) {
            streamless.add(p);
            return out;
        }
        State s = streams.computeIfAbsent(StreamKey.of(p), State::new);
        ExporterHealth h = s.health;
        count(p, h);

        boolean restarted = clocks(p, s, out);
        if (p.version() != 1) {
            sequence(p, s, restarted, out);
        }
        templates(p, s, out);
        s.started = true;
        s.lastFrame = p.frame();
        h.problems += out.size();
        return out;
    }

    /**
     * Counts a packet pasted beside the capture (docs/decisions/0019) as {@link #accept} counts one of the capture: in
     * its stream's health (packets, records, template records, data sets without template, first and last seen) and
     * its data sets as uses of their templates, so that both count what the tree shows. Nothing is checked: its
     * sequence number and times are not the stream's, so they are neither checked nor remembered, and the templates
     * it carries refresh nothing here.
     *
     * @param templatesDomain the domain of the same exporter whose templates decoded its sets in place of its header's
     *                        (-1: its header's own)
     */
    public void pasted(ExportPacket p, long templatesDomain) {
        timeline.used(p, templatesDomain);
        if (ofAStream(p)) {
            count(p, streams.computeIfAbsent(StreamKey.of(p), State::new).health);
        }
    }

    /** The export packets analysed that belong to no exporter stream. */
    public StreamlessPackets streamless() {
        return streamless;
    }

    /** Whether a packet belongs to an exporter stream: a known version with its whole header. */
    private static boolean ofAStream(ExportPacket p) {
        return p.version() >= 1 && p.version() <= 10 && p.version() != 2 && p.version() != 3 && p.version() != 4
                && p.version() != 6 && p.data().length >= minimumHeader(p.version());
    }

    /** Counts a packet in its stream's traffic: packets, records, template records, data sets without template. */
    private static void count(ExportPacket p, ExporterHealth h) {
        long nanos = p.context().timeNanos();
        if (h.packets == 0) {
            h.firstFrame = p.frame();
            h.firstNanos = nanos;
        }
        h.packets++;
        h.lastFrame = p.frame();
        h.lastNanos = nanos;
        h.records += p.recordCount();
        h.templateRecords += p.templateCount();
        h.packetProblems += p.problems().size();
        if (p.version() == 9 || p.version() == 10) {
            for (FlowSet fs : p.sets()) {
                if (fs.id() >= 256 && (fs.kind() == SetKind.DATA || fs.kind() == SetKind.OPTIONS_DATA)
                        && fs.template() == null) {
                    h.orphanSets++;
                }
            }
        }
    }

    private static int minimumHeader(int version) {
        return switch (version) {
            case 1, 10 -> 16;
            case 9 -> 20;
            case 8 -> 28;
            default -> 24;
        };
    }

    // ------------------------------------------------------------------ clocks

    /** Export time and sysUptime checks; returns true when the exporter restarted before this packet. */
    private boolean clocks(ExportPacket p, State s, List<Problem> out) {
        ExporterHealth h = s.health;
        long export = p.exportMillis();
        long uptime = p.sysUptimeMs();
        int timeOff = p.version() == 10 ? 4 : 8;
        int timeLen = p.version() == 10 || p.version() == 9 ? 4 : 8;
        long nanos = p.context().timeNanos();
        if (nanos > 0) {
            long offset = export - nanos / 1_000_000;
            h.clockOffsetMs = offset;
            h.clockKnown = true;
            long tol = options.clockSkew().toMillis();
            if (tol > 0 && Math.abs(offset) > tol
                    && (s.reportedSkewMs == Long.MIN_VALUE || Math.abs(offset - s.reportedSkewMs) > tol)) {
                s.reportedSkewMs = offset;
                out.add(new Problem(Problems.EXPORT_TIME_SKEW, timeOff, timeLen, "export time is "
                        + Durations.text(Math.abs(offset)) + (offset > 0 ? " ahead of" : " behind")
                        + " the capture time (exporter or capture clock wrong); reported again only if the "
                        + "offset changes by more than " + Durations.text(tol)));
            } else if (Math.abs(offset) <= tol) {
                s.reportedSkewMs = Long.MIN_VALUE;
            }
        }
        boolean restarted = false;
        long tolBoot = options.bootTolerance().toMillis() + (p.version() >= 9 ? 1000 : 0);
        long boot = uptime >= 0 ? export - uptime : Long.MIN_VALUE;
        if (s.started && uptime >= 0 && s.prevUptime >= 0 && uptime < s.prevUptime) {
            long wrapped = (s.prevUptime + Math.max(0, export - s.prevExport)) & MASK;
            boolean wrap = s.prevUptime > MASK - 86_400_000L && Math.abs(wrapped - uptime) <= tolBoot;
            boolean older = s.bootMs != Long.MIN_VALUE && Math.abs(boot - s.bootMs) <= tolBoot;
            if (!wrap && !older) {
                restarted = true;
                h.reboots++;
                h.lastRebootFrame = p.frame();
                out.add(new Problem(Problems.UPTIME_BACKWARDS, 4, 4, "sysUptime went back from "
                        + Durations.text(s.prevUptime) + " (frame " + s.lastFrame + ") to " + Durations.text(uptime)
                        + ": the exporter restarted; templates learned before this packet are stale until it "
                        + "sends them again"));
            }
        }
        // A header whose time field is out of range (v5 unix_nsecs of 10^9 or more) has an export time nobody can
        // trust: it is neither checked nor used as the reference for the packets after it, or one bad packet
        // would make every packet of the next second "go backwards".
        boolean timeInvalid = hasInvalidTime(p);
        if (s.started && export < s.maxExport && !restarted && !timeInvalid) {
            h.exportBackwards++;
            long back = s.maxExport - export;
            boolean sameBoot = boot != Long.MIN_VALUE && s.bootMs != Long.MIN_VALUE
                    && Math.abs(boot - s.bootMs) <= tolBoot;
            out.add(new Problem(Problems.EXPORT_TIME_BACKWARDS, timeOff, timeLen, "export time went back "
                    + Durations.text(back) + " from the latest seen before (frame " + s.lastFrame + ")"
                    + (sameBoot ? "; sysUptime went back as much: an older packet, delayed or reordered" : "")));
        }
        if (uptime >= 0) {
            if (restarted || s.bootMs == Long.MIN_VALUE || uptime >= s.prevUptime) {
                s.bootMs = boot;
            }
            if (restarted || uptime >= s.prevUptime || s.prevUptime < 0) {
                s.prevUptime = uptime;
            }
        }
        if (!timeInvalid && (restarted || export >= s.maxExport || !s.started)) {
            s.maxExport = export;
        }
        if (!timeInvalid || !s.started) {
            s.prevExport = export;
        }
        return restarted;
    }

    private static boolean hasInvalidTime(ExportPacket p) {
        for (Problem q : p.problems()) {
            if (q.type() == Problems.V5_NSECS_RANGE) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ sequence

    private void sequence(ExportPacket p, State s, boolean restarted, List<Problem> out) {
        ExporterHealth h = s.health;
        int v = p.version();
        long seq = p.sequence() & MASK;
        int seqOff = v == 10 ? 8 : v == 9 ? 12 : 16;
        String unit = v == 9 ? "packet" : "record";
        long units;
        boolean unknownNow = false;
        String why = null;
        if (v == 9) {
            units = 1;
        } else if (v == 10) {
            units = 0;
            List<Integer> orphanIds = new ArrayList<>();
            for (FlowSet fs : p.sets()) {
                if (fs.id() >= 256 && (fs.kind() == SetKind.DATA || fs.kind() == SetKind.OPTIONS_DATA
                        || fs.kind() == SetKind.RAW)) {
                    if (fs.template() == null || fs.lateTemplate()) {
                        orphanIds.add(fs.id());
                    } else {
                        units += fs.records().size();
                    }
                }
            }
            for (Problem pr : p.problems()) {
                if (pr.type() == Problems.LIMIT_REACHED) {
                    why = "not every record was decoded (a decoding limit was reached)";
                }
            }
            if (!orphanIds.isEmpty()) {
                why = "data set(s) " + orphanIds + " had no template, so its record count is unknown";
            }
            unknownNow = why != null;
        } else {
            units = Math.max(0, p.headerCount());
            for (Problem pr : p.problems()) {
                if (pr.type() == Problems.LEGACY_COUNT_LIMIT || pr.type() == Problems.LEGACY_LENGTH_MISMATCH) {
                    why = "the header count " + p.headerCount() + " is wrong (" + pr.code() + ")";
                }
            }
            unknownNow = why != null;
        }
        if (!s.started) {
            s.expected = (seq + units) & MASK;
            s.maxSeq = seq;
        } else if (s.unknownCount && ((seq - s.maxSeq) & MASK) >= HALF) {
            backwards(p, s, seq, units, seqOff, unit, s.expected, out);
            remember(s, seq, units, p.frame());
            h.receivedUnits += units;
            return;
        } else if (s.unknownCount) {
            h.unknownChecks++;
            Problem unknown = new Problem(Problems.SEQ_UNKNOWN, seqOff, 4, "sequence " + seq + " not checked: in frame "
                    + s.unknownFrame + " " + s.unknownWhy + ", so the sequence expected now is unknown");
            out.add(unknown);
            if (pending.size() < MAX_PENDING) {
                pending.add(new PendingCheck(StreamKey.of(p), p.frame(), seq, units, s.unknownFrame, s.unknownSeq,
                        s.inclusive, unknown));
            }
            s.expected = (seq + units) & MASK;
        } else {
            long exp = s.inclusive ? (s.maxSeq + units) & MASK : s.expected;
            long d = (seq - exp) & MASK;
            if (d != 0 && v != 9 && units > 0 && !restarted && ((seq - s.maxSeq) & MASK) == units) {
                if (!s.inclusive) {
                    out.add(new Problem(Problems.SEQ_COUNTS_CURRENT, seqOff, 4, "sequence " + seq + " = previous "
                            + s.maxSeq + " + this message's " + units + " records, not + the previous message's: "
                            + "the exporter counts the records of the message itself (RFC 7011 §3.1 counts those "
                            + "sent before it); later messages are checked the exporter's way"));
                }
                s.inclusive = true;
                d = 0;
                exp = seq;
            } else if (d != 0 && s.inclusive && seq == s.expected) {
                s.inclusive = false;
                d = 0;
                exp = seq;
            }
            if (d == 0) {
                if (seq < s.maxSeq && s.maxSeq - seq > HALF) {
                    h.wraps++;
                    out.add(new Problem(Problems.SEQ_WRAP, seqOff, 4, "sequence wrapped around 2^32 to " + seq
                            + " (previous " + s.maxSeq + ")"));
                }
                s.expected = (seq + units) & MASK;
            } else if (restarted) {
                h.resets++;
                out.add(new Problem(Problems.SEQ_RESET, seqOff, 4, "sequence restarted at " + seq + " (expected "
                        + exp + ") after the exporter restarted"));
                s.expected = (seq + units) & MASK;
                s.gaps.clear();
                s.recent.clear();
            } else if (d < HALF) {
                h.gaps++;
                h.lostUnits += d;
                boolean wrapped = seq < exp;
                out.add(new Problem(Problems.SEQ_LOSS, seqOff, 4, "expected sequence " + exp + ", got "
                        + seq + ": " + d + " " + unit + (d == 1 ? "" : "s") + " missing since frame " + s.lastFrame
                        + (wrapped ? " (the sequence wrapped around 2^32)" : "")));
                if (wrapped) {
                    h.wraps++;
                }
                if (s.gaps.size() >= MAX_GAPS) {
                    s.gaps.removeFirst();
                }
                s.gaps.addLast(new long[] {exp, seq, p.frame()});
                s.expected = (seq + units) & MASK;
            } else {
                backwards(p, s, seq, units, seqOff, unit, exp, out);
                remember(s, seq, units, p.frame());
                h.receivedUnits += units;
                return;
            }
        }
        h.receivedUnits += units;
        remember(s, seq, units, p.frame());
        s.maxSeq = seq;
        s.unknownCount = unknownNow;
        if (unknownNow) {
            s.unknownWhy = why;
            s.unknownFrame = p.frame();
            s.unknownSeq = seq;
            s.unknownKnownUnits = units;
        }
    }

    private void backwards(ExportPacket p, State s, long seq, long units, int seqOff, String unit, long expected,
                           List<Problem> out) {
        ExporterHealth h = s.health;
        long back = (expected - seq) & MASK;
        for (long[] r : s.recent) {
            if (r[0] == seq) {
                h.duplicates++;
                out.add(new Problem(Problems.SEQ_DUPLICATE, seqOff, 4, "sequence " + seq + " already seen in frame "
                        + r[1] + ": a duplicate packet"));
                return;
            }
        }
        for (Iterator<long[]> it = s.gaps.iterator(); it.hasNext(); ) {
            long[] g = it.next();
            if (((seq - g[0]) & MASK) < ((g[1] - g[0]) & MASK)) {
                h.duplicates++;
                h.lostUnits = Math.max(0, h.lostUnits - Math.max(1, units));
                out.add(new Problem(Problems.SEQ_DUPLICATE, seqOff, 4, "sequence " + seq + " arrives late: it "
                        + "falls in the gap reported in frame " + g[2] + " (" + g[0] + " to " + g[1]
                        + "), so the packet was reordered or delayed, not lost"));
                return;
            }
        }
        long window = (long) options.reorderWindow() * (p.version() == 9 ? 1 : 30);
        boolean older = p.exportMillis() < s.maxExport;
        if (back <= window || older) {
            h.duplicates++;
            out.add(new Problem(Problems.SEQ_DUPLICATE, seqOff, 4, "sequence went back from " + expected
                    + " (expected) to " + seq + " (" + back + " " + unit + (back == 1 ? "" : "s") + ")"
                    + (older ? " with an older export time" : "") + ": a reordered, delayed or duplicate packet"));
            return;
        }
        h.resets++;
        out.add(new Problem(Problems.SEQ_RESET, seqOff, 4, "sequence went back from " + expected + " (expected) to "
                + seq + " while export time did not: the exporter restarted its sequence counter"));
        s.expected = (seq + units) & MASK;
        s.maxSeq = seq;
        s.gaps.clear();
    }

    /**
     * Keeps a packet's sequence for the duplicate check, unless it counted nothing: an IPFIX message without data
     * records carries the sequence of the next message (RFC 7011 §3.1), so a later one at that sequence is not its copy.
     */
    private static void remember(State s, long seq, long units, long frame) {
        if (units == 0) {
            return;
        }
        if (s.recent.size() >= RECENT) {
            s.recent.removeFirst();
        }
        s.recent.addLast(new long[] {seq, frame});
    }

    // ------------------------------------------------------------------ templates

    private void templates(ExportPacket p, State s, List<Problem> out) {
        ExporterHealth h = s.health;
        if (p.version() != 9 && p.version() != 10) {
            return;
        }
        for (FlowSet fs : p.sets()) {
            if (fs.id() < 256 || !(fs.kind() == SetKind.DATA || fs.kind() == SetKind.OPTIONS_DATA)) {
                continue;
            }
            Template t = fs.template();
            if (t == null) {
                TemplateKey k = TemplateKey.of(policy, p.context().source(), p.version(), p.domain(), fs.id());
                TemplateLife l = timeline.life(k);
                if (l != null && l.state() == TemplateLife.State.EXPIRED) {
                    h.expiredSets++;
                    long age = p.context().timeNanos() - l.lastRefreshNanos();
                    out.add(new Problem(Problems.DATA_TEMPLATE_EXPIRED, fs.offset(), 4, "data set " + fs.id()
                            + ": its template expired in frame " + l.stateFrame() + ", last sent in frame "
                            + l.lastRefreshFrame() + " (" + Durations.text(age / 1_000_000) + " before this packet); "
                            + "the exporter refreshes templates less often than the " + Durations.text(
                            options.templateTimeout().toMillis()) + " template timeout"));
                }
            } else if (!fs.lateTemplate() && s.health.lastRebootFrame > 0 && t.originFrame() > 0
                    && t.originFrame() < s.health.lastRebootFrame) {
                h.staleSets++;
                out.add(new Problem(Problems.DATA_TEMPLATE_STALE, fs.offset(), 4, "data set " + fs.id()
                        + " decoded with template " + t.id() + " from frame " + t.originFrame()
                        + ", learned before the exporter restarted in frame " + s.health.lastRebootFrame
                        + "; the exporter has not sent it again since"));
            }
        }
    }

    /**
     * Counts a data set decoded after the fact with a template that came later (after the capture was read, or, in a
     * collector, when the template arrived): its records in its stream's health and the set as a use of its template,
     * so both count what the tree and the collector's output show.
     */
    public void lateSet(ExportPacket p, FlowSet set) {
        State s = streams.get(StreamKey.of(p));
        if (s != null) {
            s.health.records += set.records().size();
            s.health.lateRecords += set.records().size();
        }
        timeline.usedLate(set);
    }

    /** Sequence checks skipped for an unknown record count, in order (at most 100 000 kept). */
    public List<PendingCheck> pendingChecks() {
        return List.copyOf(pending);
    }

    /**
     * Does a skipped sequence check now that the earlier message's record count is known (its data decoded
     * with templates that arrived later), and returns what replaces the "unknown" note: nothing when the
     * sequence fits, else a loss or a duplicate/reorder finding. Updates the stream's health.
     */
    public List<Problem> resolve(PendingCheck c, long orphanRecords) {
        State s = streams.get(c.stream());
        if (s == null) {
            return List.of(c.problem());
        }
        ExporterHealth h = s.health;
        h.unknownChecks = Math.max(0, h.unknownChecks - 1);
        pending.remove(c);
        long expected = (c.orphanSeq() + (c.inclusive() ? c.units() : orphanRecords)) & MASK;
        long d = (c.sequence() - expected) & MASK;
        int off = c.problem().offset();
        String how = " (checked after the capture was read: frame " + c.orphanFrame() + " holds " + orphanRecords
                + " records once decoded with templates that arrived later)";
        if (d == 0) {
            return List.of();
        }
        if (d < HALF) {
            h.gaps++;
            h.lostUnits += d;
            return List.of(new Problem(Problems.SEQ_LOSS, off, 4, "expected sequence " + expected + ", got "
                    + c.sequence() + ": " + d + " record" + (d == 1 ? "" : "s") + " missing" + how));
        }
        h.duplicates++;
        return List.of(new Problem(Problems.SEQ_DUPLICATE, off, 4, "sequence went back from " + expected
                + " (expected) to " + c.sequence() + ": a reordered, delayed or duplicate packet" + how));
    }

    /** Problem types this analyzer raises. */
    public static List<ProblemType> types() {
        return List.of(Problems.SEQ_COUNTS_CURRENT, Problems.SEQ_LOSS, Problems.SEQ_DUPLICATE, Problems.SEQ_RESET, Problems.SEQ_WRAP,
                Problems.SEQ_UNKNOWN, Problems.EXPORT_TIME_SKEW, Problems.EXPORT_TIME_BACKWARDS,
                Problems.UPTIME_BACKWARDS, Problems.DATA_TEMPLATE_EXPIRED, Problems.DATA_TEMPLATE_STALE);
    }
}
