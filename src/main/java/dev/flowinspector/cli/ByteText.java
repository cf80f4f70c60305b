package dev.flowinspector.cli;

import dev.flowinspector.decode.TextSink;
import dev.flowinspector.decode.ValueDecoder;
import dev.flowinspector.decode.ValueText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 text with allocation-free number formatting ({@link ValueText}), for bulk output; the
 * sink the field plans write values into.
 */
final class ByteText implements TextSink {

    private byte[] buf;
    private int len;

    ByteText(int capacity) {
        buf = new byte[capacity];
    }

    @Override
    public int length() {
        return len;
    }

    /**
     * Makes room for n more bytes. The growing is a method of its own so that this check stays small enough for the
     * compilers to inline into every writer (as one method it was a call on each write).
     */
    private void room(int n) {
        if (len + n > buf.length) {
            grow(n);
        }
    }

    private void grow(int n) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }

    ByteText put(char ascii) {
        room(1);
        buf[len++] = (byte) ascii;
        return this;
    }

    /** Decimal digits of a non-negative value. */
    ByteText putDecimal(long v) {
        room(20);
        len = ValueText.decimal(buf, len, v);
        return this;
    }

    /** Decimal digits of a non-negative int. */
    ByteText putDecimal(int v) {
        room(10);
        len = ValueText.decimal(buf, len, v);
        return this;
    }

    /** Decimal digits of any value (Long.toString). */
    ByteText putSigned(long v) {
        if (v >= 0) {
            return putDecimal(v);
        }
        if (v == Long.MIN_VALUE) {
            return put(Long.toString(v));
        }
        return put('-').putDecimal(-v);
    }

    /** Decimal digits of a value read as unsigned 64-bit (Long.toUnsignedString). */
    ByteText putUnsigned(long v) {
        return v >= 0 ? putDecimal(v) : put(Long.toUnsignedString(v));
    }

    /** Dotted-quad text of a 32-bit IPv4 address. */
    ByteText putIpv4(long a) {
        room(16);
        len = ValueText.ipv4(buf, len, a);
        return this;
    }

    /** The buffer, with room for at least n more bytes after {@link #length()}; write there, then {@link #setLength}. */
    @Override
    public byte[] reserve(int n) {
        room(n);
        return buf;
    }

    /** Sets the length (to the end of what was written into {@link #reserve}, or back to drop text). */
    @Override
    public void setLength(int n) {
        len = n;
    }

    /** "YYYY-MM-DD" of the day of the last instant written. */
    private final byte[] dayText = new byte[10];
    private long cachedDay = -1;

    /** As {@link TextSink#putInstant}, with the date text of the last day kept. */
    @Override
    public boolean putInstant(long sec, int nano) {
        if (!ValueDecoder.instantInRange(sec)) {
            return false;
        }
        long day = sec / 86_400;
        if (day != cachedDay) {
            ValueDecoder.dateText(day, dayText, 0);
            cachedDay = day;
        }
        put(dayText, dayText.length);
        room(ValueDecoder.INSTANT_MAX);
        len = ValueDecoder.timeText((int) (sec % 86_400), nano, buf, len);
        return true;
    }

    /** All of b. */
    ByteText put(byte[] b) {
        return put(b, b.length);
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
        int n = s.length();
        room(n);
        byte[] d = buf;
        int p = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return putEncoded(s);
            }
            d[p + i] = (byte) c;
        }
        len = p + n;
        return this;
    }

    private ByteText putEncoded(CharSequence s) {
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
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
}
