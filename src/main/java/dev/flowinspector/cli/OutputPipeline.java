package dev.flowinspector.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Turns items (decoded packets, or frames to decode) into output bytes on worker threads and writes the bytes in
 * the order the items came, with bounded memory: the reading thread hands over batches of items ({@link #add}),
 * each worker turns a batch into bytes with its own {@link Stage}, and whichever worker finishes the oldest batch
 * not yet written writes it, and every finished batch after it (one at a time, under a lock). There is no writer
 * thread: a batch is mostly written by the worker that has just made it, while its bytes are still in that core's
 * cache, and no thread is woken to write it.
 *
 * <p>Thread safety: an item must not be touched by the handing thread once handed over, and a stage may read
 * only what no other thread changes any more: the item itself and immutable or frozen state (templates,
 * information elements, the registry, a finished {@link dev.flowinspector.engine.Decoding}). The queues publish
 * the items safely to the worker.
 *
 * <p>Failures keep the sequential behaviour: the output of every item before a failing one is written, then the
 * failure (a stage's exception, a write's IOException) is thrown on the handing thread, as it is.
 *
 * @param <T> what is handed over
 */
final class OutputPipeline<T> {

    /** What one worker does with each item: append its output (one instance per worker thread). */
    @FunctionalInterface
    interface Stage<T> {
        void format(T item, ByteText out);
    }

    /** Items per batch at most. */
    static final int BATCH_ITEMS = 256;

    /** One batch of items and, once formatted, their bytes. */
    private static final class Batch {
        final Object[] items;
        int size;
        long weight;
        ByteText out;
        /** The formatting worker's own buffers, where out goes back once written. */
        BlockingQueue<ByteText> pool;
        Throwable failure;
        /** Set by its worker once out (or failure) is complete: it may be written. */
        volatile boolean formatted;
        /** Flush the output once written ({@link #flush}). */
        boolean flush;

        Batch(int capacity) {
            items = new Object[capacity];
        }
    }

    private static final Batch END = new Batch(0);

    private final OutputStream raw;
    private final Writer w;
    private final ToIntFunction<T> weigh;
    private final long batchWeight;
    private final BlockingQueue<Batch> work;
    /** Batches handed over and not yet written, oldest first (only the holder of {@link #writing} takes from it). */
    private final BlockingQueue<Batch> ordered;
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread[] workers;
    /** The first failure in output order; once set, later batches are dropped. */
    private volatile Throwable failure;
    private Batch current;
    private boolean ended;

    /**
     * Starts the worker threads.
     *
     * @param stages      makes one stage per worker
     * @param workerCount worker threads (at least 1)
     * @param weigh       the weight of an item (say its bytes)
     * @param batchWeight a batch is handed over when its items weigh this much (or at {@link #BATCH_ITEMS} items)
     * @param raw         where the bytes go, or null to write them as UTF-8 text to {@code w}
     * @param w           the text writer used when raw is null
     */
    OutputPipeline(Supplier<? extends Stage<T>> stages, int workerCount, ToIntFunction<T> weigh, long batchWeight,
                   OutputStream raw, Writer w) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workers: " + workerCount);
        }
        this.raw = raw;
        this.w = w;
        this.weigh = weigh;
        this.batchWeight = batchWeight;
        int inFlight = 2 * workerCount + 2;
        this.work = new ArrayBlockingQueue<>(inFlight);
        this.ordered = new ArrayBlockingQueue<>(inFlight);
        this.workers = new Thread[workerCount];
        for (int i = 0; i < workerCount; i++) {
            Stage<T> f = stages.get();
            // each worker fills its own buffers again: a buffer another core wrote last costs cache-line
            // transfers on every store (measured: a fifth more CPU for the v5 text tree on 2 cores)
            BlockingQueue<ByteText> pool = new ArrayBlockingQueue<>(inFlight + 1);
            workers[i] = new Thread(() -> format(f, pool), "decode-format-" + (i + 1));
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** Hands one item over; throws a failure of a stage or of writing. */
    void add(T item) throws IOException {
        Batch b = current;
        if (b == null) {
            b = current = new Batch(BATCH_ITEMS);
        }
        b.items[b.size++] = item;
        b.weight += weigh.applyAsInt(item);
        if (b.size == b.items.length || b.weight >= batchWeight) {
            submit();
        }
    }

    /**
     * Hands over the items added so far without waiting for a full batch, and has the output flushed once they are
     * written (the caller's input has to wait for more: a pipe from a live capture). Throws a failure as {@link #add}.
     */
    void flush() throws IOException {
        Batch b = current;
        if (b != null && b.size > 0) {
            b.flush = true;
            submit();
        }
    }

    /** Writes everything handed over, stops the threads and throws the first failure, if any. */
    void finish() throws IOException {
        end(true);
        rethrow(failure);
    }

    /**
     * After a failure on the decoding thread: writes what was handed over before it and stops the threads
     * (a failure of the pipeline itself is not thrown again).
     */
    void abandon() throws IOException {
        end(false);
    }

    private void end(boolean flushFailure) throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        try {
            if (current != null && current.size > 0 && failure == null) {
                submit();
            }
        } catch (IOException | RuntimeException | Error e) {
            if (flushFailure) {
                throw e;
            }
        } finally {
            boolean interrupted = false;
            try {
                for (int i = 0; i < workers.length; i++) {
                    put(work, END);
                }
                for (Thread t : workers) {
                    t.join();
                }
                drain(); // each worker wrote what it could; nothing is left but to be sure
            } catch (InterruptedException | InterruptedIOException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing the output");
            }
        }
        if (raw != null && failure == null) {
            raw.flush();
        }
    }

    private void submit() throws IOException {
        Batch b = current;
        current = null;
        if (failure != null) {
            end(false); // stop the threads: the caller gets the failure and hands nothing more over
            rethrow(failure);
        }
        put(ordered, b);
        put(work, b);
    }

    private static void put(BlockingQueue<Batch> q, Batch b) throws InterruptedIOException {
        try {
            q.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing packets to the output");
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t == null) {
            return;
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

    /** A worker: formats batches until END. */
    @SuppressWarnings("unchecked")
    private void format(Stage<T> f, BlockingQueue<ByteText> pool) {
        while (true) {
            Batch b;
            try {
                b = work.take();
            } catch (InterruptedException e) {
                return;
            }
            if (b == END) {
                return;
            }
            int mark = 0;
            try {
                ByteText out = pool.poll();
                if (out == null) {
                    out = new ByteText(1 << 16);
                }
                b.out = out;
                b.pool = pool;
                if (failure == null) {
                    for (int i = 0; i < b.size; i++) {
                        mark = out.length();
                        f.format((T) b.items[i], out);
                        b.items[i] = null;
                    }
                }
            } catch (Throwable t) {
                if (b.out != null) {
                    b.out.truncate(mark); // what the packets before the failing one printed stays
                }
                b.failure = t;
            } finally {
                b.formatted = true;
            }
            drain();
        }
    }

    /**
     * Writes the oldest batches while they are formatted, unless another thread is writing: that one writes them.
     * The check after unlocking covers a batch finished while this thread still held the lock (its worker's own
     * {@code drain} found the lock taken and left it to this one).
     */
    private void drain() {
        while (true) {
            if (!writing.tryLock()) {
                return;
            }
            try {
                Batch b;
                while ((b = ordered.peek()) != null && b.formatted) {
                    ordered.poll();
                    write(b);
                }
            } finally {
                writing.unlock();
            }
            Batch next = ordered.peek();
            if (next == null || !next.formatted) {
                return;
            }
        }
    }

    /** Writes one formatted batch (unless an earlier one failed) and gives its buffer back to its worker. */
    private void write(Batch b) {
        if (failure == null) {
            try {
                if (b.out != null) {
                    b.out.drainTo(raw, w);
                }
                if (b.flush) {
                    if (raw != null) {
                        raw.flush();
                    } else {
                        w.flush();
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            }
            if (failure == null && b.failure != null) {
                failure = b.failure;
            }
        }
        if (b.out != null) {
            b.out.clear();
            b.pool.offer(b.out);
            b.out = null;
        }
    }
}
