package dev.flowinspector.engine;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.LateTemplates;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.dictionary.InformationElementRegistry;

/**
 * Redecodes frames as they stood at their time (see {@link Decoding#redecode}): the templates of the history
 * before the frame, and the types learned before it. One thread at a time.
 */
public final class Replay {
    private final Decoding decoding;
    /** The history it replays; null: the decoding's own, as it stands at each call (the decoding's thread). */
    private final HistorySnapshot fixed;
    private TemplateCache replayCache;
    private ExportDecoder replayDecoder;
    private int replayIndex;
    private int typeIndex;
    private long replayFrame;
    private boolean valueChecks = true;
    /** For {@link #decode(Handed)}: data whose template had not come stays undecoded (one pass). */
    private boolean onePass;
    /** The frame being decoded, which {@link #later} and {@link #laterNeeded} answer for. */
    private long lateFrame;
    /**
     * Templates that come later in the capture, for {@link #lateFrame}; made once, not a lambda capturing the frame
     * for each packet: the quick launcher's compiler (C1) makes such a lambda through a method handle and a native
     * allocation (docs/decisions/0039, addendum).
     */
    private final LateTemplates later;
    /** For {@link #decode(Handed)}: a template that only comes later stops the frame ({@link LaterTemplateNeeded}). */
    private final LateTemplates laterNeeded;

    Replay(Decoding decoding, HistorySnapshot fixed) {
        this.decoding = decoding;
        this.fixed = fixed;
        later = key -> decoding.later(key, lateFrame);
        laterNeeded = key -> {
            throw new LaterTemplateNeeded(lateFrame);
        };
    }

    /**
     * A replay for one pass over the capture: {@link #decode(Handed)} leaves a data set whose template had not
     * come undecoded, as {@link Decoding#accept} does, instead of refusing the frame. Returns this replay.
     */
    public Replay onePass() {
        onePass = true;
        return this;
    }

    /**
     * A replay whose packets carry no value-check problems ({@link ExportDecoder#valueChecks}): for outputs of
     * records only. Returns this replay.
     */
    public Replay withoutValueChecks() {
        valueChecks = false;
        if (replayDecoder != null) {
            replayDecoder.valueChecks(false);
        }
        return this;
    }

    /** As {@link Decoding#redecode}. */
    public ExportPacket redecode(Frame frame) {
        return decode(frame, true);
    }

    /**
     * As {@link Decoding#redecode}; without {@code lateTemplates} a data set whose template came later stays undecoded,
     * as {@link Decoding#accept} left it (what the packet list and the display filter see).
     */
    public ExportPacket decode(Frame frame, boolean lateTemplates) {
        ExportPacket pasted = decoding.decodePasted(frame);
        if (pasted != null) {
            return pasted;
        }
        lateFrame = frame.number();
        ExportPacket p = decode(frame, fixed != null ? fixed : decoding.publish(),
                lateTemplates ? later : LateTemplates.NONE);
        for (Problem x : decoding.crossPacketProblems(frame.number())) {
            p.addProblem(x);
        }
        return p;
    }

    /**
     * Decodes a frame handed over while the first pass reads on ({@link Decoding#handOver}) as {@link Decoding#redecode} will
     * show it once the capture is complete, on any one thread.
     *
     * @throws LaterTemplateNeeded when a data set of the frame had no template before it (a later one may decode
     *                             it: decode the frame again once the capture is complete)
     */
    public ExportPacket decode(Handed h) {
        if (h.decoded() != null) {
            return h.decoded();
        }
        lateFrame = h.frame().number();
        ExportPacket p = decode(h.frame(), h.templates(), onePass ? LateTemplates.NONE : laterNeeded);
        for (Problem x : h.cross()) {
            p.addProblem(x);
        }
        return p;
    }

    private ExportPacket decode(Frame frame, HistorySnapshot s, LateTemplates late) {
        if (replayCache == null || frame.number() <= replayFrame) {
            replayCache = new TemplateCache(decoding.options().policy());
            replayDecoder = new ExportDecoder(replayCache, InformationElementRegistry.standard(),
                    decoding.options().limits())
                    .valueChecks(valueChecks);
            replayIndex = 0;
            typeIndex = 0;
        }
        TemplateCache at = replayCache;
        while (typeIndex < s.typeCount && s.types[typeIndex].frame() < frame.number()) {
            at.learnType(s.types[typeIndex++].ie());
        }
        while (replayIndex < s.eventCount && Decoding.before(s.events[replayIndex], frame.number())) {
            at.replay(s.events[replayIndex++]);
        }
        replayFrame = frame.number();
        ExportPacket p = replayDecoder.decode(frame.payload(), frame.context(), late);
        for (Problem n : frame.notes()) {
            p.addProblem(n);
        }
        return p;
    }
}
