package dev.flowinspector.capture;

import java.io.Closeable;
import java.io.IOException;

/** A stream of export frames read from a capture, in capture order. */
public interface CaptureReader extends Closeable {

    /** The next export frame, or null at the end (or where the file is damaged: see {@link #damage()}). */
    Frame next() throws IOException;

    /** Bytes consumed so far (for progress). */
    long position();

    /** Total bytes, or -1 when unknown (a pipe, a compressed file). */
    long size();

    /**
     * Why reading stopped before the end of the file (naming the file, frame and byte offset), or null when
     * the file was read to its end. Everything before the damage has been returned by {@link #next()}.
     */
    String damage();

    /** Frames seen that were not export packets (other ports, other protocols). */
    long skipped();
}
