package dev.flowinspector.engine;

/**
 * Thrown by {@link Replay#decode(Handed)} when the frame has a data set whose template was not known before
 * it: the template may come later in the capture, so the frame can be decoded as {@link Decoding#redecode} shows it
 * only once the capture is complete. No stack trace.
 */
public final class LaterTemplateNeeded extends RuntimeException {
    private final long frame;

    LaterTemplateNeeded(long frame) {
        super("frame " + frame + " has data whose template may come later", null, false, false);
        this.frame = frame;
    }

    /** The frame that needs it. */
    public long frame() {
        return frame;
    }
}
