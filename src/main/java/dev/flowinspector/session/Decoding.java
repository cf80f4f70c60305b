package dev.flowinspector.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.LateTemplates;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.TemplateKey;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an ordered stream of frames: one template cache across the capture, problems found across
 * packets, and a view of any single packet as it was decoded at its time. Used by the CLI, the collector
 * and the GUI session alike. Not thread-safe: feed frames from one thread.
 */
public final class Decoding {

    private final DecodingOptions options;
    private final TemplateCache cache;
    private final ExportDecoder decoder;
    private final Map<Long, List<Problem>> crossPacket = new HashMap<>();
    private final Map<TemplateKey, List<Template>> definitions = new HashMap<>();
    private boolean finished;

    public Decoding(DecodingOptions options) {
        this.options = options;
        this.cache = new TemplateCache(options.policy());
        this.decoder = new ExportDecoder(cache, InformationElementRegistry.standard(), options.limits());
        for (Template t : options.importedTemplates()) {
            cache.put(t, 0, 0);
        }
    }

    public DecodingOptions options() {
        return options;
    }

    /** Decodes the next frame in capture order, with every problem found so far for it. */
    public ExportPacket accept(Frame frame) {
        ExportPacket p = decoder.decode(frame.payload(), frame.context());
        for (Problem n : frame.notes()) {
            p.addProblem(n);
        }
        for (TemplateEvent e : p.templateEvents()) {
            if (e.template() != null) {
                definitions.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.template());
            }
        }
        return p;
    }

    /** The capture is complete: later {@link #redecode} calls may use templates that arrived later. */
    public void finish() {
        finished = true;
    }

    /**
     * Decodes a frame again as it stood at its time (templates known before it), for display. After
     * {@link #finish()}, data sets without a template at the time are decoded with the first later
     * definition and marked so.
     */
    public ExportPacket redecode(Frame frame) {
        TemplateCache at = new TemplateCache(options.policy());
        for (var ie : cache.learnedTypes()) {
            at.learnType(ie);
        }
        for (Template t : options.importedTemplates()) {
            at.put(t, 0, 0);
        }
        for (TemplateEvent e : cache.history()) {
            if (e.frame() >= frame.number()) {
                break;
            }
            if (e.frame() > 0) {
                at.replay(e);
            }
        }
        ExportDecoder d = new ExportDecoder(at, InformationElementRegistry.standard(), options.limits());
        LateTemplates late = finished ? key -> later(key, frame.number()) : LateTemplates.NONE;
        ExportPacket p = d.decode(frame.payload(), frame.context(), late);
        for (Problem n : frame.notes()) {
            p.addProblem(n);
        }
        for (Problem x : crossPacket.getOrDefault(frame.number(), List.of())) {
            p.addProblem(x);
        }
        return p;
    }

    private Template later(TemplateKey key, long frame) {
        for (Template t : definitions.getOrDefault(key, List.of())) {
            if (t.originFrame() > frame) {
                return t;
            }
        }
        return null;
    }

    /** The live cache (as it stands after the last frame accepted). */
    public TemplateCache cache() {
        return cache;
    }

    /** Every template event so far. */
    public List<TemplateEvent> history() {
        return cache.history();
    }
}
