package dev.flowinspector.decode;

/** A transport endpoint: canonical address text (IPv4 dotted, IPv6 RFC 5952) and port. */
public record Endpoint(String address, int port) {

    /** Used when the source is unknown, e.g. a pasted payload. */
    public static final Endpoint UNKNOWN = new Endpoint("0.0.0.0", 0);

    // equals and hashCode written out, with the values the record's own would give (same hash, same map order):
    // the generated ones bootstrap method handles the first time they run, which weighs in a short run's
    // start-up (docs/decisions/0024)
    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && port == e.port && java.util.Objects.equals(address, e.address);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(address) * 31 + port;
    }

    @Override
    public String toString() {
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
