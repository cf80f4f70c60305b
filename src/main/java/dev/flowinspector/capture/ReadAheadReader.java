package dev.flowinspector.capture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and parses a capture on a thread of its own, a few hundred frames ahead of the caller, so that reading
 * and decoding run at once. Frames come out in the same order, and a failure of the reader (an IOException, a
 * runtime exception) is thrown by {@link #next()} where it happened, after every frame read before it. Memory stays
 * bounded: at most {@code chunks} chunks of {@value #CHUNK} frames or {@value #CHUNK_BYTES} bytes wait. One caller
 * thread.
 */
public final class ReadAheadReader implements CaptureReader {

    /** Frames per chunk handed over. */
    static final int CHUNK = 256;

    /**
     * Captured bytes per chunk at most (a chunk is handed over at {@value #CHUNK} frames or this many bytes): what
     * waits stays small enough to die young, in the young generation's survivor space. Eight chunks of 256
     * 1.5 kB frames did not: promoted at every young collection, they made a text decode of 1 M v5 packets spend
     * 2.9 of its 21 s in collector pauses, a hundred of them full collections (docs/decisions/0028).
     */
    static final int CHUNK_BYTES = 64 * 1024;

    /** A run of frames; the last one of the stream has {@code end} set (and a failure, if reading failed). */
    private record Chunk(Frame[] frames, int size, boolean end, Throwable failure) {
    }

    private final CaptureReader in;
    private final BlockingQueue<Chunk> queue;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long position;
    private Chunk current;
    private int index;
    private boolean ended;

    /**
     * Starts reading {@code in} ahead; the reader is closed with this one.
     *
     * @param chunks how many chunks may wait (at least 1)
     */
    public ReadAheadReader(CaptureReader in, int chunks) {
        this.in = in;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, chunks));
        this.thread = new Thread(this::run, "capture-read-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Frame[] frames = new Frame[CHUNK];
        int n = 0;
        long bytes = 0;
        try {
            Frame f;
            while (!closed && (f = in.next()) != null) {
                frames[n++] = f;
                bytes += f.payload().length + (f.frameBytes() == null ? 0 : f.frameBytes().length);
                if (n == CHUNK || bytes >= CHUNK_BYTES) {
                    position = in.position();
                    if (!hand(new Chunk(frames, n, false, null))) {
                        return;
                    }
                    frames = new Frame[CHUNK];
                    n = 0;
                    bytes = 0;
                }
            }
            position = in.position();
            hand(new Chunk(frames, n, true, null));
        } catch (Throwable t) {
            hand(new Chunk(frames, n, true, t));
        }
    }

    /** Queues a chunk; false when the caller closed this reader. */
    private boolean hand(Chunk c) {
        try {
            while (!closed) {
                if (queue.offer(c, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public Frame next() throws IOException {
        while (true) {
            if (current != null && index < current.size()) {
                Frame f = current.frames()[index];
                current.frames()[index++] = null;
                return f;
            }
            if (ended) {
                return null;
            }
            if (current != null && current.end()) {
                ended = true;
                Throwable t = current.failure();
                if (t == null) {
                    return null;
                }
                if (t instanceof IOException e) {
                    throw e;
                }
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new UncheckedIOException(new IOException(t));
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the capture");
            }
            index = 0;
        }
    }

    /** Bytes read by the reading thread so far (it runs ahead of the frames returned). */
    @Override
    public long position() {
        return position;
    }

    @Override
    public long size() {
        return in.size();
    }

    /** Valid once {@link #next()} returned null. */
    @Override
    public String damage() {
        return in.damage();
    }

    /** Valid once {@link #next()} returned null. */
    @Override
    public long skipped() {
        return in.skipped();
    }

    /** Valid once {@link #next()} returned null. */
    @Override
    public long frames() {
        return in.frames();
    }

    /** Valid once {@link #next()} returned null. */
    @Override
    public List<String> fileComments() {
        return in.fileComments();
    }

    /** Valid once {@link #next()} returned null. */
    @Override
    public Map<String, String> names() {
        return in.names();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        queue.clear();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        in.close();
    }
}
