package dev.flowinspector.ui.session;

import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a capture on a thread of its own and hands its frames over to the session's loader in batches (bounded). */
final class FrameFeed {
    /** Frames read, and the fraction of the file read after them (-1 when unknown). */
    record Batch(List<Frame> frames, double progress) {
    }

    static final Batch END = new Batch(List.of(), 1.0);
    private static final int BATCH = 256;
    /**
     * Batches read ahead at most. Reading is faster than decoding, so the queue is mostly full: a few batches
     * keep both threads busy, while more would only be frames that every young collection copies again.
     */
    private static final int AHEAD = 8;

    private final CaptureReader reader;
    private final java.util.concurrent.BlockingQueue<Batch> queue = new java.util.concurrent.ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;

    FrameFeed(CaptureReader reader, String name) {
        this.reader = reader;
        this.thread = new Thread(this::run, "flowinspector-read " + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            List<Frame> frames = new ArrayList<>(BATCH);
            Frame f;
            while (!stopping && (f = reader.next()) != null) {
                frames.add(f);
                if (frames.size() == BATCH) {
                    queue.put(new Batch(frames, progress()));
                    frames = new ArrayList<>(BATCH);
                }
            }
            if (!frames.isEmpty() && !stopping) {
                queue.put(new Batch(frames, progress()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        } finally {
            try {
                if (!stopping) {
                    queue.put(END);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private double progress() {
        return reader.size() > 0 ? (double) reader.position() / reader.size() : -1;
    }

    /** The next batch, or END after the last; rethrows what stopped the reader. */
    Batch take() throws IOException {
        Batch b;
        try {
            b = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading");
        }
        if (b == END && failure != null) {
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) failure;
        }
        return b;
    }

    /** Stops the reader (when this side stopped early) and waits for it, so the reader may be closed. */
    void stop() {
        stopping = true;
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
