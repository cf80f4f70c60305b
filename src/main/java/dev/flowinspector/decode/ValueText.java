package dev.flowinspector.decode;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free writers of numbers and IPv4 addresses as ASCII digits into byte buffers: what the text tree,
 * {@code -F fields} and the plans' value writers share (one set of digit and octet tables).
 */
public final class ValueText {

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

    private ValueText() {
    }

    /** Dotted quad of d[off..off+4) at b[pos]; returns the position after it. Needs 16 bytes of room. */
    public static int ipv4(byte[] b, int pos, byte[] d, int off) {
        return ipv4(b, pos, ValueDecoder.u32(d, off));
    }

    /** Dotted quad of a 32-bit address at b[pos]; returns the position after it. Needs 16 bytes of room. */
    public static int ipv4(byte[] b, int pos, long a) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            int o = OCTETS[(int) (a >>> shift) & 0xff];
            b[pos] = (byte) (o >>> 16);
            b[pos + 1] = (byte) (o >>> 8);
            b[pos + 2] = (byte) o;
            pos += o >>> 24;
            b[pos++] = '.';
        }
        return pos - 1;
    }

    /** Decimal digits of a non-negative value at b[pos]; returns the position after them. Needs 19 bytes. */
    public static int decimal(byte[] b, int pos, long v) {
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
    public static int decimal(byte[] b, int pos, int v) {
        if (v < 10) {
            b[pos] = (byte) ('0' + v);
            return pos + 1;
        }
        int digits = v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5 : v < 1_000_000 ? 6
                : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
        int end = pos + digits;
        int p = end;
        while (v >= 100) {
            // v / 100 as a multiply and shift (exact below 2^32): C2 does this for a division by a constant, C1
            // (the quick launcher's only compiler) divides
            int q = (int) ((v * 1374389535L) >>> 37);
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

    /** Decimal text of a value read as unsigned 64-bit ({@link Long#toUnsignedString}). */
    public static void unsigned(TextSink out, long v) {
        if (v >= 0) {
            byte[] b = out.reserve(20);
            out.setLength(decimal(b, out.length(), v));
        } else {
            ascii(out, Long.toUnsignedString(v));
        }
    }

    /** Decimal text of any value ({@link Long#toString}). */
    public static void signed(TextSink out, long v) {
        if (v >= 0) {
            unsigned(out, v);
        } else if (v == Long.MIN_VALUE) {
            ascii(out, Long.toString(v));
        } else {
            byte[] b = out.reserve(21);
            int p = out.length();
            b[p] = '-';
            out.setLength(decimal(b, p + 1, -v));
        }
    }

    /** All of b. */
    public static void bytes(TextSink out, byte[] b) {
        byte[] d = out.reserve(b.length);
        System.arraycopy(b, 0, d, out.length(), b.length);
        out.setLength(out.length() + b.length);
    }

    /** Any text, UTF-8 encoded (unpaired surrogates become '?'). */
    public static void text(TextSink out, CharSequence s) {
        int n = s.length();
        byte[] d = out.reserve(n);
        int p = out.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                bytes(out, s.toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
            d[p + i] = (byte) c;
        }
        out.setLength(p + n);
    }

    private static void ascii(TextSink out, String s) {
        text(out, s);
    }
}
