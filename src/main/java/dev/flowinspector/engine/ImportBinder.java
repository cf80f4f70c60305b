package dev.flowinspector.engine;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies templates imported from another capture to the exporters of this one: under their own key, or
 * (with {@link DecodingOptions.ImportMatch#ANY_EXPORTER}) re-keyed to each new exporter and domain that uses
 * the same version (same domain preferred). Imported templates keep origin frame 0.
 */
final class ImportBinder {

    private final List<Template> imported;
    private final DecodingOptions.ImportMatch match;
    private final ScopingPolicy policy;
    private final Set<TemplateKey> boundDomains = new HashSet<>();

    ImportBinder(List<Template> imported, DecodingOptions.ImportMatch match, ScopingPolicy policy) {
        this.imported = imported;
        this.match = match;
        this.policy = policy;
    }

    /** The imported templates under their own keys (re-keyed for this cache's policy). */
    List<Template> exact() {
        List<Template> out = new ArrayList<>();
        for (Template t : imported) {
            TemplateKey k = t.key();
            out.add(rekey(t, TemplateKey.of(policy, k.exporter(), k.version(), k.domain(), k.templateId())));
        }
        return out;
    }

    boolean active() {
        return match == DecodingOptions.ImportMatch.ANY_EXPORTER && !imported.isEmpty();
    }

    /**
     * Templates to add for the stream a packet belongs to, the first time that stream is seen: for every
     * template id imported for this version, the one of the same domain, else the first one.
     */
    List<Template> bind(Endpoint source, byte[] payload) {
        if (payload.length < 16) {
            return List.of();
        }
        int version = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        long domain;
        if (version == 9 && payload.length >= 20) {
            domain = u32(payload, 16);
        } else if (version == 10) {
            domain = u32(payload, 12);
        } else {
            return List.of();
        }
        TemplateKey dk = TemplateKey.of(policy, source, version, domain, 0);
        if (!boundDomains.add(dk)) {
            return List.of();
        }
        List<Template> out = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (int pass = 0; pass < 2; pass++) {
            for (Template t : imported) {
                TemplateKey k = t.key();
                if (k.version() != version || (pass == 0 && k.domain() != domain) || ids.contains(k.templateId())) {
                    continue;
                }
                ids.add(k.templateId());
                out.add(rekey(t, TemplateKey.of(policy, source, version, domain, k.templateId())));
            }
        }
        return out;
    }

    private static Template rekey(Template t, TemplateKey k) {
        return new Template(k, t.fields(), t.scopeCount(), t.options(), 0, t.originOffset(), t.originLength());
    }

    private static long u32(byte[] d, int o) {
        return ((long) (d[o] & 0xff) << 24) | ((d[o + 1] & 0xff) << 16) | ((d[o + 2] & 0xff) << 8) | (d[o + 3] & 0xff);
    }
}
