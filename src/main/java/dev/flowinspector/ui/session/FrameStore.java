package dev.flowinspector.ui.session;

import dev.flowinspector.capture.CaptureWriter;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.FrameSpill;
import dev.flowinspector.capture.IndexedCapture;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where a session's frames are: never in memory. Per frame it keeps 16 bytes (on the heap, or for live and pasted
 * captures in a mapped temporary file, {@link Slab}), its frame number and where it is:
 * the offset of its record in the capture file ({@link IndexedCapture}: pcap, pcapng, IPFIX file, the decompressed
 * copy of a gzip file), or for frames with no file of their own (live, pasted, made by reassembly) a handle into the
 * session's temporary pcapng ({@link FrameSpill}), created when the first such frame comes. Thread-safe.
 */
final class FrameStore implements Closeable {

    private static final long SPILLED = Long.MIN_VALUE;

    private final String description;
    private IndexedCapture capture;
    private FrameSpill spill;
    private static final int WHERE = 0;
    private static final int NUMBER = 8;
    /** Per frame: where it is, its number (16 bytes, on the heap or in a mapped file). */
    private final Slab index;

    /** Keeps the index on the heap, or ({@code offHeap}: live and pasted captures) in a mapped temporary file. */
    FrameStore(String description, boolean offHeap) {
        this.description = description;
        try {
            this.index = offHeap ? Slab.mapped(16, 16, "index") : Slab.onHeap(16, 13);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the frame index of " + description + ": " + e.getMessage(), e);
        }
    }

    /** The capture file the frames added from now on were read from. */
    synchronized void attach(IndexedCapture c) {
        this.capture = c;
    }

    /** Keeps a frame (in capture order). */
    synchronized void add(Frame f) {
        try {
            long w;
            if (capture != null && capture.rereadable(f)) {
                w = f.fileOffset();
            } else {
                if (spill == null) {
                    spill = FrameSpill.create(description, capture == null);
                }
                w = SPILLED | spill.append(f);
            }
            int i = index.add();
            index.putLong(i, WHERE, w);
            index.putLong(i, NUMBER, f.number());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep frame " + f.number() + ": " + e.getMessage(), e);
        }
    }

    /** The frame at a 0-based index, read again. */
    Frame get(int index) throws IOException {
        long w;
        long n;
        IndexedCapture c;
        FrameSpill s;
        synchronized (this) {
            w = this.index.getLong(index, WHERE);
            n = this.index.getLong(index, NUMBER);
            c = capture;
            s = spill;
        }
        return (w & SPILLED) != 0 ? s.read(w & ~SPILLED, n) : c.read(w, n);
    }

    /** Hands frames to a visitor as {@link #scan} reads them. */
    interface FrameVisitor {
        /** Returns false to stop. */
        boolean visit(int index, Frame frame) throws IOException;
    }

    /**
     * Every frame up to {@code count} in order: the capture file read again from its start (one sequential read, not
     * one read per frame), spilled frames from the temporary file; stops when the visitor says so.
     */
    void scan(int count, FrameVisitor visitor) throws IOException {
        IndexedCapture c;
        synchronized (this) {
            c = capture;
        }
        if (c == null) {
            for (int i = 0; i < count; i++) {
                if (!visitor.visit(i, get(i))) {
                    return;
                }
            }
            return;
        }
        try (dev.flowinspector.capture.CaptureReader r = c.reopen()) {
            for (int i = 0; i < count; i++) {
                Frame f = r.next();
                long n;
                synchronized (this) {
                    n = index.getLong(i, NUMBER);
                }
                if (f == null || f.number() != n) {
                    f = get(i); // the file changed under us: read by offset (which says so)
                }
                if (!visitor.visit(i, f)) {
                    return;
                }
            }
        }
    }

    synchronized int size() {
        return index.size();
    }

    /** Writes buffered spilled frames to the temporary file (what a crash would leave). */
    synchronized void flush() throws IOException {
        if (spill != null) {
            spill.flush();
        }
    }

    /** The temporary file when every frame is in it (nothing read from a capture file), else null. */
    synchronized FrameSpill spillOnly() {
        return capture == null ? spill : null;
    }

    /** Temporary file of this store, or null. */
    synchronized Path spillFile() {
        return spill == null ? null : spill.file();
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (capture != null) {
                capture.close();
            }
        } finally {
            try {
                if (spill != null) {
                    spill.close();
                }
            } finally {
                index.close();
            }
        }
    }

    /**
     * Writes the first n frames the predicate accepts to a pcapng file with this comment (a copy of the spill file when
     * it holds them all and all are wanted); returns how many.
     */
    int save(java.nio.file.Path out, int n, java.util.function.IntPredicate wanted, String comment) throws IOException {
        FrameSpill all = spillOnly();
        if (all != null && java.util.stream.IntStream.range(0, n).allMatch(wanted::test) && all.frames() == n) {
            all.copyTo(out);
            return n;
        }
        int written = 0;
        try (CaptureWriter w = CaptureWriter.create(out, CaptureWriter.Format.PCAPNG, true, comment)) {
            for (int i = 0; i < n; i++) {
                if (wanted.test(i)) {
                    w.write(get(i));
                    written++;
                }
            }
        }
        return written;
    }
}
