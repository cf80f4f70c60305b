package dev.flowinspector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Transport;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadReaderTest {

    /** Frames of {@code size} bytes numbered 1 to {@code count}, counting how many were read; fails after them. */
    private static final class Source implements CaptureReader {
        final AtomicInteger read = new AtomicInteger();
        final int count;
        final int size;
        final IOException failure;

        Source(int count, int size, IOException failure) {
            this.count = count;
            this.size = size;
            this.failure = failure;
        }

        @Override
        public Frame next() throws IOException {
            int n = read.get();
            if (n == count) {
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            read.incrementAndGet();
            return new Frame(n + 1, 0, null, null, Transport.NONE, new byte[size], -1, null, -1, null, null);
        }

        @Override
        public long position() {
            return (long) read.get() * size;
        }

        @Override
        public long size() {
            return (long) count * size;
        }

        @Override
        public String damage() {
            return null;
        }

        @Override
        public long skipped() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void framesComeOutInOrderThenTheFailure() throws IOException {
        IOException failure = new IOException("cut short");
        try (ReadAheadReader r = new ReadAheadReader(new Source(1000, 100, failure), 2)) {
            for (int i = 1; i <= 1000; i++) {
                assertEquals(i, r.next().number());
            }
            assertSame(failure, assertThrows(IOException.class, r::next));
        }
        try (ReadAheadReader r = new ReadAheadReader(new Source(3, 100, null), 2)) {
            for (int i = 1; i <= 3; i++) {
                assertEquals(i, r.next().number());
            }
            assertNull(r.next());
            assertNull(r.next());
        }
    }

    /** Large frames wait in chunks of about CHUNK_BYTES, not of CHUNK frames: what waits must stay small. */
    @Test
    void readsAheadAFewChunksOfBytesNotOfFrames() throws Exception {
        int size = 10_000;
        Source src = new Source(10_000, size, null);
        try (ReadAheadReader r = new ReadAheadReader(src, 2)) {
            assertEquals(1, r.next().number());
            int before;
            do { // until the reading thread waits for room
                before = src.read.get();
                Thread.sleep(200);
            } while (src.read.get() != before);
            int perChunk = (ReadAheadReader.CHUNK_BYTES + size - 1) / size;
            // the chunk being read, two waiting and the one the reading thread is trying to hand over
            assertTrue(src.read.get() <= 4 * perChunk, src.read.get() + " frames read ahead");
            assertTrue(perChunk < ReadAheadReader.CHUNK / 4);
            for (int i = 2; i <= 10_000; i++) {
                assertEquals(i, r.next().number());
            }
            assertNull(r.next());
        }
    }
}
