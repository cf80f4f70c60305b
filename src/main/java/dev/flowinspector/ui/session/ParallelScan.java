package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.Replay;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.Predicate;

/**
 * Tests or counts every packet of a finished session on worker threads (the display filter, the Flows pane): the
 * calling thread reads the frames again in order (one sequential read of the capture), workers decode batches of
 * them as the load decoded them ({@link Replay}, one per worker) and test or count them. A session still being read (or live) is tested on
 * the calling thread with {@link Session#scan}.
 */
final class ParallelScan {

    private static final int BATCH = 1024;

    private record Batch(int first, List<Frame> frames) {
    }

    private static final Batch END = new Batch(-1, List.of());

    private ParallelScan() {
    }

    static BitSet matching(Session s, Decoding decoding, Predicate<ExportPacket> test, BooleanSupplier cancelled,
                           DoubleConsumer progress) throws IOException {
        BitSet out = new BitSet();
        each(s, decoding, () -> new Worker() {
            private final BitSet mine = new BitSet();

            @Override
            public void packet(int index, ExportPacket p) {
                if (test.test(p)) {
                    mine.set(index);
                }
            }

            @Override
            public void done() {
                synchronized (out) {
                    out.or(mine);
                }
            }
        }, cancelled, progress);
        return out;
    }

    /** What one worker does with the packets of its batches (in order within a batch; batches in any order). */
    interface Worker {
        /** A packet, decoded as at load time. */
        void packet(int index, ExportPacket p);

        /** The packets first..first+count-1 (one batch) have been handed over. */
        default void batchDone(int first, int count) {
        }

        /** No more batches (called on the worker's thread, also after a failure or cancel). */
        default void done() {
        }
    }

    /**
     * Hands every packet of a session to workers made by {@code workers}: with the load's decoding (a finished
     * session with a capture file) on one thread per core, each decoding its batches with a replay of its own;
     * without (still reading, live), one worker on this thread, fed by {@link Session#scan} one packet a batch.
     */
    static void each(Session s, Decoding decoding, java.util.function.Supplier<Worker> workers,
                     BooleanSupplier cancelled, DoubleConsumer progress) throws IOException {
        if (decoding == null) {
            Worker w = workers.get();
            try {
                s.scan((i, f, p) -> {
                    w.packet(i, p);
                    w.batchDone(i, 1);
                }, cancelled, progress);
            } finally {
                w.done();
            }
            return;
        }
        int n = s.size();
        int threadCount = Math.max(1, Runtime.getRuntime().availableProcessors());
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2 * threadCount);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < threadCount; w++) {
            Replay replay = decoding.replay();
            Worker worker = workers.get();
            Thread t = new Thread(() -> {
                try {
                    for (Batch b; (b = queue.take()) != END; ) {
                        for (int k = 0; k < b.frames.size() && failure.get() == null; k++) {
                            worker.packet(b.first + k, replay.decode(b.frames.get(k), false));
                        }
                        worker.batchDone(b.first, b.frames.size());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                    queue.clear();
                } finally {
                    worker.done();
                }
            }, "flowinspector-scan-" + w);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        try {
            List<Frame>[] batch = new List[] {new ArrayList<>(BATCH)};
            int[] first = {0};
            s.store().scan(n, (i, f) -> {
                if (cancelled.getAsBoolean() || failure.get() != null) {
                    return false;
                }
                batch[0].add(f);
                if (batch[0].size() == BATCH) {
                    put(queue, new Batch(first[0], batch[0]));
                    batch[0] = new ArrayList<>(BATCH);
                    first[0] = i + 1;
                    if (progress != null) {
                        progress.accept((double) i / n);
                    }
                }
                return true;
            });
            if (!batch[0].isEmpty() && !cancelled.getAsBoolean()) {
                put(queue, new Batch(first[0], batch[0]));
            }
        } finally {
            for (int w = 0; w < threadCount; w++) {
                try {
                    put(queue, END);
                } catch (InterruptedIOException e) {
                    threads.forEach(Thread::interrupt);
                }
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
    }

    private static void put(BlockingQueue<Batch> q, Batch b) throws InterruptedIOException {
        try {
            q.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while filtering");
        }
    }
}
