package dev.flowinspector.decode;

/**
 * Where an export packet came from.
 *
 * @param frame       1-based frame number in the capture
 * @param timeNanos   capture time, nanoseconds since the epoch (0 when unknown)
 * @param source      exporter endpoint
 * @param destination collector endpoint
 * @param transport   transport protocol
 */
public record DecodeContext(long frame, long timeNanos, Endpoint source, Endpoint destination, Transport transport) {

    /** A context for bytes with no capture around them (a pasted payload). */
    public static DecodeContext standalone(long frame) {
        return new DecodeContext(frame, 0, Endpoint.UNKNOWN, Endpoint.UNKNOWN, Transport.NONE);
    }
}
