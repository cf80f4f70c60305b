package dev.flowinspector.tools.collect;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands what is written to a thread of its own that writes it on (to a gzip stream: compression then runs
 * beside decoding instead of on the decoding thread). Bounded: a writer that falls behind makes {@code write}
 * wait. Closing writes everything, closes the stream below and reports any error it met. Not thread-safe
 * for writers (one producer).
 */
final class BackgroundOutputStream extends OutputStream {

    private static final int CHUNK = 256 * 1024;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, int length) {
    }

    private final OutputStream out;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(32);
    private final Thread worker;
    private byte[] buf = new byte[CHUNK];
    private int n;
    private volatile IOException failure;
    private boolean closed;

    BackgroundOutputStream(OutputStream out, String threadName) {
        this.out = out;
        this.worker = new Thread(this::run, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    private void run() {
        try {
            while (true) {
                Chunk c = queue.take();
                if (c == END) {
                    break;
                }
                if (failure == null) {
                    try {
                        out.write(c.bytes(), 0, c.length());
                    } catch (IOException e) {
                        failure = e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (n == buf.length) {
            hand();
        }
        buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (n == buf.length) {
                hand();
            }
            int k = Math.min(len, buf.length - n);
            System.arraycopy(b, off, buf, n, k);
            n += k;
            off += k;
            len -= k;
        }
    }

    /** Passes buffered bytes to the writer thread (without waiting for them to be written). */
    @Override
    public void flush() throws IOException {
        if (n > 0) {
            hand();
        }
    }

    private void hand() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IOException("stream closed");
        }
        try {
            queue.put(new Chunk(buf, n));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        }
        buf = new byte[CHUNK];
        n = 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        try {
            queue.put(END);
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing");
        }
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
