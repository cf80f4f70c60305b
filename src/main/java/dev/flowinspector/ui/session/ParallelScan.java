package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.engine.Decoding;
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
 * Tests every packet of a finished session on worker threads (the display filter): the calling thread reads the
 * frames again in order (one sequential read of the capture), workers decode batches of them as the load decoded
 * them ({@link Decoding.Replay}, one per worker) and test them. A session still being read (or live) is tested on
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
        if (decoding == null) {
            s.scan((i, f, p) -> {
                if (test.test(p)) {
                    out.set(i);
                }
            }, cancelled, progress);
            return out;
        }
        int n = s.size();
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2 * workers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Decoding.Replay replay = decoding.replay();
            Thread t = new Thread(() -> {
                BitSet mine = new BitSet();
                try {
                    for (Batch b; (b = queue.take()) != END; ) {
                        for (int k = 0; k < b.frames.size() && failure.get() == null; k++) {
                            if (test.test(replay.decode(b.frames.get(k), false))) {
                                mine.set(b.first + k);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                    queue.clear();
                }
                synchronized (out) {
                    out.or(mine);
                }
            }, "flowinspector-filter-" + w);
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
            for (int w = 0; w < workers; w++) {
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
        return out;
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
