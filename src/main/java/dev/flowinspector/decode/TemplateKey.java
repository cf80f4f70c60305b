package dev.flowinspector.decode;

/**
 * Identity of a template in the cache (RFC 7011 §8, RFC 3954 §5.2).
 *
 * @param exporter   exporter endpoint (port 0 under {@link ScopingPolicy#ADDRESS_DOMAIN};
 *                   {@link Endpoint#UNKNOWN} under {@link ScopingPolicy#TEMPLATE_ID})
 * @param version    9 or 10
 * @param domain     observation domain id (IPFIX) or source id (v9)
 * @param templateId template id
 */
public record TemplateKey(Endpoint exporter, int version, long domain, int templateId) {

    /** The key a template with this id has under a policy. */
    public static TemplateKey of(ScopingPolicy policy, Endpoint exporter, int version, long domain, int templateId) {
        return switch (policy) {
            case STRICT -> new TemplateKey(exporter, version, domain, templateId);
            case ADDRESS_DOMAIN -> new TemplateKey(new Endpoint(exporter.address(), 0), version, domain, templateId);
            case TEMPLATE_ID -> new TemplateKey(Endpoint.UNKNOWN, version, 0, templateId);
        };
    }

    /** The key of the domain this template lives in (template id 0). */
    public TemplateKey domainKey() {
        return new TemplateKey(exporter, version, domain, 0);
    }

    // equals and hashCode written out, with the values the record's own would give (same hash, same map order):
    // the generated ones bootstrap method handles the first time they run, which weighs in a short run's
    // start-up (docs/decisions/0024)
    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateKey k && templateId == k.templateId && domain == k.domain && version == k.version
                && java.util.Objects.equals(exporter, k.exporter);
    }

    @Override
    public int hashCode() {
        return ((java.util.Objects.hashCode(exporter) * 31 + version) * 31 + Long.hashCode(domain)) * 31 + templateId;
    }

    @Override
    public String toString() {
        return exporter + " v" + version + " domain " + domain + " template " + templateId;
    }
}
