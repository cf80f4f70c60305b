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

    @Override
    public String toString() {
        return exporter + " v" + version + " domain " + domain + " template " + templateId;
    }
}
