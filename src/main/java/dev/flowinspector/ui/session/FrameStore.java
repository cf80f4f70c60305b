package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import java.io.Closeable;
import java.io.IOException;

/** Where a session keeps its frames: in memory, or re-read from the capture file when needed. */
public interface FrameStore extends Closeable {

    /** Keeps a frame (in capture order). */
    void add(Frame frame);

    /** The frame at a 0-based index. */
    Frame get(int index) throws IOException;

    int size();

    @Override
    default void close() throws IOException {
    }
}
