package dev.flowinspector.decode.health;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;

/**
 * One sequence space: an exporter (address and port), a protocol version and its domain: the IPFIX
 * observation domain (RFC 7011 §3.1), the v9 source id (RFC 3954 §5.1), or the v5/v8 engine type/id
 * (as {@code type << 8 | id}).
 *
 * @param exporter exporter endpoint
 * @param version  1, 5, 7, 8, 9 or 10
 * @param domain   observation domain, source id or engine
 */
public record StreamKey(Endpoint exporter, int version, long domain) implements Comparable<StreamKey> {

    /** The stream a packet belongs to. */
    public static StreamKey of(ExportPacket p) {
        return new StreamKey(p.context().source(), p.version(), p.domain());
    }

    /** "domain 5", "source id 5" or "engine 1/2", as the version names it. */
    public String domainLabel() {
        return switch (version) {
            case 10 -> "domain " + domain;
            case 9 -> "source id " + domain;
            case 5, 8 -> "engine " + (domain >> 8) + "/" + (domain & 0xff);
            default -> "";
        };
    }

    /** "IPFIX" or "NetFlow v9". */
    public String protocol() {
        return version == 10 ? "IPFIX" : "NetFlow v" + version;
    }

    @Override
    public int compareTo(StreamKey o) {
        int c = exporter.address().compareTo(o.exporter.address());
        if (c == 0) {
            c = Integer.compare(exporter.port(), o.exporter.port());
        }
        if (c == 0) {
            c = Integer.compare(version, o.version);
        }
        return c != 0 ? c : Long.compare(domain, o.domain);
    }

    // equals and hashCode written out, with the values the record's own would give (same hash, same map order):
    // the generated ones bootstrap method handles the first time they run, which weighs in a short run's
    // start-up (docs/decisions/0024)
    @Override
    public boolean equals(Object o) {
        return o instanceof StreamKey k && domain == k.domain && version == k.version
                && java.util.Objects.equals(exporter, k.exporter);
    }

    @Override
    public int hashCode() {
        return (java.util.Objects.hashCode(exporter) * 31 + version) * 31 + Long.hashCode(domain);
    }

    @Override
    public String toString() {
        String d = domainLabel();
        return exporter + " " + protocol() + (d.isEmpty() ? "" : " " + d);
    }
}
