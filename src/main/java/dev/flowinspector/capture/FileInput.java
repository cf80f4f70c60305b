package dev.flowinspector.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file read through one direct buffer: the channel fills it without the temporary direct buffer and the
 * extra heap copy a {@code Files.newInputStream} under a {@code BufferedInputStream} costs for every 64 KiB, and
 * readers copy records straight out of it. Buffered itself, so {@link CaptureFiles} puts no
 * {@code BufferedInputStream} on top; mark and reset work within the buffer (enough for the format's first bytes).
 */
final class FileInput extends InputStream {

    static final int BUFFER = 1 << 19;

    private final FileChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
    /** File offset of buf's index 0. */
    private long bufStart;
    private long mark = -1;
    private int markLimit;
    private boolean eof;

    FileInput(Path path) throws IOException {
        ch = FileChannel.open(path, StandardOpenOption.READ);
        buf.limit(0);
    }

    /** Makes at least {@code n} bytes available when the file has them; returns what is available. */
    private int fill(int n) throws IOException {
        while (buf.remaining() < n && !eof) {
            int keep = buf.position();
            if (mark >= 0 && bufStart + keep - mark <= markLimit) {
                keep = (int) Math.min(keep, mark - bufStart); // keep the marked bytes
            } else {
                mark = -1; // read past its limit, as BufferedInputStream drops it
            }
            if (keep > 0) {
                int pos = buf.position();
                buf.position(keep);
                buf.compact();
                bufStart += keep;
                buf.flip();
                buf.position(pos - keep);
            }
            int pos = buf.position();
            buf.position(buf.limit());
            buf.limit(buf.capacity());
            if (!buf.hasRemaining()) {
                buf.flip();
                buf.position(pos);
                break; // full: a mark keeps as much as the buffer holds
            }
            int r = ch.read(buf);
            buf.flip();
            buf.position(pos);
            if (r < 0) {
                eof = true;
            }
        }
        return buf.remaining();
    }

    @Override
    public int read() throws IOException {
        return fill(1) > 0 ? buf.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int done = 0;
        while (done < len) {
            int avail = buf.remaining();
            if (avail == 0) {
                if (len - done >= BUFFER && mark < 0) { // large reads go straight into the caller's array
                    int r = ch.read(ByteBuffer.wrap(b, off + done, len - done));
                    if (r < 0) {
                        eof = true;
                        break;
                    }
                    bufStart += buf.position() + r;
                    buf.clear().limit(0);
                    done += r;
                    continue;
                }
                avail = fill(1);
                if (avail == 0) {
                    break;
                }
            }
            int k = Math.min(avail, len - done);
            buf.get(b, off + done, k);
            done += k;
        }
        return done == 0 ? -1 : done;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        int avail = buf.remaining();
        if (n <= avail) {
            buf.position(buf.position() + (int) n);
            return n;
        }
        long at = bufStart + buf.limit();
        long size = ch.size();
        long skipped = avail + Math.max(0, Math.min(n - avail, size - at));
        long to = bufStart + buf.position() + skipped;
        ch.position(to);
        bufStart = to;
        buf.clear().limit(0);
        eof = false;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return buf.remaining();
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readlimit) {
        mark = bufStart + buf.position();
        markLimit = Math.min(readlimit, BUFFER);
        try {
            fill(Math.min(readlimit, BUFFER));
        } catch (IOException e) {
            // the reads after the mark report it
        }
    }

    @Override
    public synchronized void reset() throws IOException {
        if (mark < bufStart || mark > bufStart + buf.limit()) {
            throw new IOException("mark no longer in the buffer");
        }
        buf.position((int) (mark - bufStart));
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
