package dev.flowinspector.tools.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip compression beside the writer, on as many threads as there are cores (up to 4), like pigz: what is written
 * is cut into 1 MiB chunks, each compressed on a pool thread into a gzip member of its own, and the members are
 * written in order by a writer thread. Concatenated members are one valid gzip file (RFC 1952 §2.2; zcat, Python and
 * Java's {@code GZIPInputStream} read them as one stream). Compression runs at {@link Deflater#BEST_SPEED}: a
 * collector must keep up, and on flow JSON level 1 compresses about 11:1 at about 450 MB/s per core, where level 6
 * gives about 17:1 at a third of the speed. Bounded: a writer far ahead of compression waits. Closing writes
 * everything (a file with nothing written still gets one empty member), closes the stream below and reports any
 * error met. One producer thread.
 */
final class ParallelGzipOutputStream extends OutputStream {

    private static final int CHUNK = 1 << 20;
    private static final Future<byte[]> END = CompletableFuture.completedFuture(null);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final OutputStream out;
    private final ExecutorService pool;
    private final BlockingQueue<Future<byte[]>> order;
    private final Thread writer;
    private byte[] buf = new byte[CHUNK];
    private int n;
    private boolean any;
    private boolean closed;
    private volatile IOException failure;
    private long accepted; // bytes written to this stream (producer thread)
    private long handedBytes; // of which handed to compression
    private long handedMembers;
    private final Object progress = new Object();
    private long writtenMembers; // guarded by progress
    private long writtenInput; // guarded by progress: input bytes of the members written

    ParallelGzipOutputStream(OutputStream out) {
        this.out = out;
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        int id = POOLS.incrementAndGet();
        AtomicInteger k = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "flowinspector-gzip-" + id + "-" + k.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.order = new ArrayBlockingQueue<>(2 * threads + 2);
        this.writer = new Thread(this::writeMembers, "flowinspector-gzip-writer-" + id);
        writer.setDaemon(true);
        writer.start();
    }

    /** One chunk as a complete gzip member. */
    private static byte[] member(byte[] data, int len) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream(len / 8 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(bo, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            z.write(data, 0, len);
        }
        return bo.toByteArray();
    }

    private void writeMembers() {
        try {
            while (true) {
                Future<byte[]> f = order.take();
                if (f == END) {
                    return;
                }
                try {
                    byte[] m = f.get();
                    if (failure == null) {
                        out.write(m);
                    }
                } catch (ExecutionException e) {
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (IOException e) {
                    failure = e;
                }
                synchronized (progress) {
                    writtenMembers++;
                    writtenInput += sizes.poll();
                    progress.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Integer> sizes = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public void write(int b) throws IOException {
        if (n == buf.length) {
            hand();
        }
        buf[n++] = (byte) b;
        accepted++;
    }

    /** Bytes written to this stream whose compressed member has not reached the stream below yet. */
    long pendingInput() {
        synchronized (progress) {
            return accepted - writtenInput;
        }
    }

    /** Input bytes whose members have reached the stream below. */
    long writtenInput() {
        synchronized (progress) {
            return writtenInput;
        }
    }

    /** Hands what is buffered to compression and waits until every member is written below: sizes are exact. */
    void drain() throws IOException {
        flush();
        synchronized (progress) {
            while (writtenMembers < handedMembers && failure == null) {
                try {
                    progress.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while draining");
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
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
            accepted += k;
        }
    }

    /** Hands buffered bytes to compression as a member of their own (without waiting for them to be written). */
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
        byte[] data = buf;
        int len = n;
        try {
            sizes.add(len);
            handedMembers++;
            handedBytes += len;
            order.put(pool.submit(() -> member(data, len)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        }
        any = true;
        buf = new byte[CHUNK];
        n = 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (n > 0 || !any) {
                hand(); // an empty file still gets one (empty) member: a valid gzip file
            }
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        closed = true;
        try {
            order.put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing");
        } finally {
            pool.shutdown();
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
