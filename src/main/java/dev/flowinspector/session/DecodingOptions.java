package dev.flowinspector.session;

import dev.flowinspector.decode.DecodeOptions;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.decode.Template;
import java.time.Duration;
import java.util.List;

/**
 * How a capture is decoded.
 *
 * @param policy            template scoping
 * @param templateTimeout   UDP template lifetime without refresh (RFC 7011 §8.4); zero disables expiry
 * @param importedTemplates templates known before the capture starts (imported from another capture)
 * @param limits            decoder limits
 */
public record DecodingOptions(ScopingPolicy policy, Duration templateTimeout, List<Template> importedTemplates,
                              DecodeOptions limits) {

    public DecodingOptions {
        importedTemplates = importedTemplates == null ? List.of() : List.copyOf(importedTemplates);
    }

    /** Strict scoping, 30-minute template timeout, nothing imported. */
    public static DecodingOptions defaults() {
        return new DecodingOptions(ScopingPolicy.STRICT, Duration.ofMinutes(30), List.of(), DecodeOptions.DEFAULTS);
    }

    public DecodingOptions withPolicy(ScopingPolicy p) {
        return new DecodingOptions(p, templateTimeout, importedTemplates, limits);
    }

    public DecodingOptions withImportedTemplates(List<Template> t) {
        return new DecodingOptions(policy, templateTimeout, t, limits);
    }
}
