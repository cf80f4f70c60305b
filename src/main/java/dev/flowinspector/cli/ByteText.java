package dev.flowinspector.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable buffer of UTF-8 text with allocation-free number formatting, for bulk output. */
final class ByteText {

    private byte[] buf;
    private int len;

    ByteText(int capacity) {
        buf = new byte[capacity];
    }

    int length() {
        return len;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    ByteText put(char ascii) {
        room(1);
        buf[len++] = (byte) ascii;
        return this;
    }

    /** Decimal digits of a non-negative value. */
    ByteText putDecimal(long v) {
        if (v <= Integer.MAX_VALUE) {
            return putDecimal((int) v);
        }
        room(20);
        int digits = 10;
        for (long x = v / 10_000_000_000L; x > 0; x /= 10) {
            digits++;
        }
        int p = len + digits;
        for (long x = v; x > 0; x /= 10) {
            buf[--p] = (byte) ('0' + (int) (x % 10));
        }
        len += digits;
        return this;
    }

    /** Decimal digits of a non-negative int. */
    ByteText putDecimal(int v) {
        room(10);
        int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5
                : v < 1_000_000 ? 6 : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
        int p = len + digits;
        do {
            int q = v / 10;
            buf[--p] = (byte) ('0' + (v - q * 10));
            v = q;
        } while (v > 0);
        len += digits;
        return this;
    }

    /** Dotted-quad text of a 32-bit IPv4 address. */
    ByteText putIpv4(long a) {
        putDecimal((int) (a >>> 24) & 0xff).put('.').putDecimal((int) (a >>> 16) & 0xff).put('.')
                .putDecimal((int) (a >>> 8) & 0xff).put('.').putDecimal((int) a & 0xff);
        return this;
    }

    /** The first n bytes of b. */
    ByteText put(byte[] b, int n) {
        room(n);
        System.arraycopy(b, 0, buf, len, n);
        len += n;
        return this;
    }

    /** Any text, UTF-8 encoded (unpaired surrogates become '?'). */
    ByteText put(CharSequence s) {
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8); // a plain copy for ASCII text
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    /** Writes the buffer to a byte stream, or as text to a writer, and empties it. */
    void drainTo(OutputStream out, Writer w) throws IOException {
        if (len == 0) {
            return;
        }
        if (out != null) {
            out.write(buf, 0, len);
        } else {
            w.write(new String(buf, 0, len, StandardCharsets.UTF_8));
        }
        len = 0;
    }

    /** Drops everything after the first n bytes. */
    void truncate(int n) {
        if (n < 0 || n > len) {
            throw new IndexOutOfBoundsException(n);
        }
        len = n;
    }

    /** Empties the buffer. */
    void clear() {
        len = 0;
    }

    /**
     * Makes room for {@code n} more bytes and returns the buffer, for callers that write bytes straight into it at
     * {@link #length()} and then call {@link #length(int)}. The array changes when the buffer grows.
     */
    byte[] reserve(int n) {
        room(n);
        return buf;
    }

    /** Sets the length after bytes were written into {@link #reserve}'s array (at most the room reserved). */
    void length(int n) {
        if (n < 0 || n > buf.length) {
            throw new IndexOutOfBoundsException(n);
        }
        len = n;
    }
}
