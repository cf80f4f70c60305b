package dev.flowinspector.decode;

/** A transport endpoint: canonical address text (IPv4 dotted, IPv6 RFC 5952) and port. */
public record Endpoint(String address, int port) {

    /** Used when the source is unknown, e.g. a pasted payload. */
    public static final Endpoint UNKNOWN = new Endpoint("0.0.0.0", 0);

    @Override
    public String toString() {
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
