package dev.flowinspector.engine;

import dev.flowinspector.decode.DecodeOptions;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.health.HealthOptions;
import java.time.Duration;
import java.util.List;

/**
 * How a capture is decoded.
 *
 * @param policy            template scoping
 * @param templateTimeout   UDP template lifetime without refresh (RFC 7011 §8.4); zero disables expiry
 * @param importedTemplates templates known before the capture starts (imported from another capture)
 * @param limits            decoder limits
 * @param health            thresholds of the cross-packet checks (its template timeout is ignored: see
 *                          {@code templateTimeout})
 * @param importMatch       how imported templates are matched to this capture's exporters
 * @param orphanBuffer      frames with data sets without template kept to decode them once their template
 *                          arrives (live capture); 0 keeps none
 */
public record DecodingOptions(ScopingPolicy policy, Duration templateTimeout, List<Template> importedTemplates,
                              DecodeOptions limits, HealthOptions health, ImportMatch importMatch,
                              int orphanBuffer) {

    /** How imported templates apply to the exporters of the capture being decoded. */
    public enum ImportMatch {
        /** Only under their own key (same exporter address, port and domain). */
        EXACT,
        /**
         * Own key first; else, for an exporter with no template of that id, the imported template with the same
         * version, domain and id; else the one with the same version and id.
         */
        ANY_EXPORTER
    }

    public DecodingOptions {
        importedTemplates = importedTemplates == null ? List.of() : List.copyOf(importedTemplates);
        policy = policy == null ? ScopingPolicy.STRICT : policy;
        templateTimeout = templateTimeout == null ? Duration.ZERO : templateTimeout;
        limits = limits == null ? DecodeOptions.DEFAULTS : limits;
        health = (health == null ? HealthOptions.DEFAULTS : health).withTemplateTimeout(templateTimeout);
        importMatch = importMatch == null ? ImportMatch.ANY_EXPORTER : importMatch;
        if (orphanBuffer < 0) {
            throw new IllegalArgumentException("orphan buffer must not be negative: " + orphanBuffer);
        }
    }

    /** Options with default health thresholds, imports matched to any exporter and a 10 000-frame orphan buffer. */
    public DecodingOptions(ScopingPolicy policy, Duration templateTimeout, List<Template> importedTemplates,
                           DecodeOptions limits) {
        this(policy, templateTimeout, importedTemplates, limits, HealthOptions.DEFAULTS, ImportMatch.ANY_EXPORTER,
                10_000);
    }

    /** Strict scoping, 30-minute template timeout, nothing imported. */
    public static DecodingOptions defaults() {
        return new DecodingOptions(ScopingPolicy.STRICT, Duration.ofMinutes(30), List.of(), DecodeOptions.DEFAULTS);
    }

    public DecodingOptions withPolicy(ScopingPolicy p) {
        return new DecodingOptions(p, templateTimeout, importedTemplates, limits, health, importMatch, orphanBuffer);
    }

    public DecodingOptions withImportedTemplates(List<Template> t) {
        return new DecodingOptions(policy, templateTimeout, t, limits, health, importMatch, orphanBuffer);
    }

    public DecodingOptions withTemplateTimeout(Duration d) {
        return new DecodingOptions(policy, d, importedTemplates, limits, health, importMatch, orphanBuffer);
    }

    public DecodingOptions withHealth(HealthOptions h) {
        return new DecodingOptions(policy, templateTimeout, importedTemplates, limits, h, importMatch, orphanBuffer);
    }

    public DecodingOptions withImportMatch(ImportMatch m) {
        return new DecodingOptions(policy, templateTimeout, importedTemplates, limits, health, m, orphanBuffer);
    }

    public DecodingOptions withOrphanBuffer(int frames) {
        return new DecodingOptions(policy, templateTimeout, importedTemplates, limits, health, importMatch, frames);
    }
}
