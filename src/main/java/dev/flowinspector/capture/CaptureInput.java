package dev.flowinspector.capture;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A capture's byte stream: reads fully or reports how much was there, counts the bytes it read. */
final class CaptureInput {

    /** Counts bytes read from the underlying (possibly compressed) file, for progress. */
    static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        private long markCount;

        // a stream buffered itself (FileInput) is peeked at through this one: bytes read again are not counted again
        @Override
        public synchronized void mark(int readlimit) {
            super.mark(readlimit);
            markCount = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = markCount;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }

    /** Writes every byte read through it to a channel as well (a compressed capture's content to its spill file). */
    static final class Tee extends FilterInputStream {
        private final java.nio.channels.WritableByteChannel out;

        Tee(InputStream in, java.nio.channels.WritableByteChannel out) {
            super(in);
            this.out = out;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b, off, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(n, 8192)];
            int r = read(scratch, 0, scratch.length);
            return Math.max(r, 0);
        }
    }

    private final InputStream in;
    private final Counting raw;
    private final boolean compressed;
    private long pos;

    CaptureInput(InputStream in, Counting raw, boolean compressed) {
        this.in = in;
        this.raw = raw;
        this.compressed = compressed;
    }

    /** Offset in the (uncompressed) capture of the next byte. */
    long pos() {
        return pos;
    }

    /** Bytes of the file read so far (compressed bytes for a gzip file). */
    long fileBytesRead() {
        return raw == null ? pos : raw.count();
    }

    boolean compressed() {
        return compressed;
    }

    /** Reads up to {@code len} bytes; returns fewer only at the end of the stream. */
    int read(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int r = in.read(b, off + done, len - done);
            if (r < 0) {
                break;
            }
            done += r;
        }
        pos += done;
        return done;
    }

    /** Skips up to {@code n} bytes; returns fewer only at the end of the stream. */
    long skip(long n) throws IOException {
        long done = 0;
        byte[] scratch = null;
        while (done < n) {
            long s = in.skip(n - done);
            if (s <= 0) {
                if (scratch == null) {
                    scratch = new byte[8192];
                }
                int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
                if (r < 0) {
                    break;
                }
                s = r;
            }
            done += s;
        }
        pos += done;
        return done;
    }

    void close() throws IOException {
        in.close();
    }
}
