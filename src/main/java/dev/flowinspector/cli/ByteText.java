package dev.flowinspector.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable buffer of UTF-8 text with allocation-free number formatting, for bulk output. */
final class ByteText {

    /** "00" to "99". */
    private static final byte[] PAIRS = new byte[200];
    /** Decimal text of 0-255 for IPv4 addresses, packed: length << 24 | the digits from bit 16 down. */
    private static final int[] OCTETS = new int[256];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        for (int i = 0; i < 256; i++) {
            byte[] t = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            int packed = t.length << 24;
            for (int k = 0; k < t.length; k++) {
                packed |= (t[k] & 0xff) << (16 - 8 * k);
            }
            OCTETS[i] = packed;
        }
    }

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
        room(20);
        len = decimal(buf, len, v);
        return this;
    }

    /** Decimal digits of a non-negative int. */
    ByteText putDecimal(int v) {
        room(10);
        len = decimal(buf, len, v);
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
        room(15);
        byte[] b = buf;
        int p = len;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int o = OCTETS[(int) (a >>> shift) & 0xff];
            b[p] = (byte) (o >>> 16);
            b[p + 1] = (byte) (o >>> 8);
            b[p + 2] = (byte) o;
            p += o >>> 24;
            b[p++] = '.';
        }
        len = p - 1;
        return this;
    }

    /** The buffer, with room for at least n more bytes after {@link #length()}; write there, then {@link #setLength}. */
    byte[] reserve(int n) {
        room(n);
        return buf;
    }

    /** Sets the length (to the end of what was written into {@link #reserve}, or back to drop text). */
    void setLength(int n) {
        len = n;
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

    /** Dotted quad of d[off..off+4) at b[pos]; returns the position after it. Needs 16 bytes of room. */
    static int ipv4(byte[] b, int pos, byte[] d, int off) {
        for (int k = 0; k < 4; k++) {
            int o = OCTETS[d[off + k] & 0xff];
            b[pos] = (byte) (o >>> 16);
            b[pos + 1] = (byte) (o >>> 8);
            b[pos + 2] = (byte) o;
            pos += o >>> 24;
            b[pos++] = '.';
        }
        return pos - 1;
    }

    /** Decimal digits of a non-negative value at b[pos]; returns the position after them. Needs 19 bytes. */
    static int decimal(byte[] b, int pos, long v) {
        if (v <= Integer.MAX_VALUE) {
            return decimal(b, pos, (int) v);
        }
        int digits = 10;
        for (long x = v / 10_000_000_000L; x > 0; x /= 10) {
            digits++;
        }
        int end = pos + digits;
        int p = end;
        while (v >= 100) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            b[--p] = PAIRS[2 * r + 1];
            b[--p] = PAIRS[2 * r];
            v = q;
        }
        return pairs(b, p, (int) v, end);
    }

    /** Decimal digits of a non-negative int at b[pos]; returns the position after them. */
    static int decimal(byte[] b, int pos, int v) {
        if (v < 10) {
            b[pos] = (byte) ('0' + v);
            return pos + 1;
        }
        int digits = v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5 : v < 1_000_000 ? 6
                : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
        int end = pos + digits;
        int p = end;
        while (v >= 100) {
            int q = v / 100;
            int r = v - q * 100;
            b[--p] = PAIRS[2 * r + 1];
            b[--p] = PAIRS[2 * r];
            v = q;
        }
        return pairs(b, p, v, end);
    }

    /** The last one or two leading digits (v below 100) ending at p. */
    private static int pairs(byte[] b, int p, int v, int end) {
        if (v >= 10) {
            b[p - 1] = PAIRS[2 * v + 1];
            b[p - 2] = PAIRS[2 * v];
        } else {
            b[p - 1] = (byte) ('0' + v);
        }
        return end;
    }
}
