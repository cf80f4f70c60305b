package dev.flowinspector.capture;

/**
 * A first pass that needs only some export frames whole (those that may define templates), and of the others only
 * their number and time: a reader given a skimmer looks at plain UDP export payloads in place and materialises a
 * {@link Frame} only when {@link #wants} says so. Fragments, TCP streams and anything unusual go through the normal
 * parser as ever, so frame numbers, reassembly and the frames handed out stay what they would be without it.
 */
public interface Skimmer {

    /** Whether the export payload {@code d[off..off+len)} must be read as a whole {@link Frame}. */
    boolean wants(byte[] d, int off, int len);

    /** An export frame that was not materialised (in capture order, between the frames handed out). */
    void passed(long number, long timeNanos);
}
