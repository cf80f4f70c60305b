package dev.flowinspector.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The texts of values decoded lately: addresses and short strings, the values whose text costs most to
 * make. Flow records repeat them (the same hosts, next hops and application names, record after
 * record), so a value seen before is looked up instead of written out again.
 *
 * <p>Each kind is a direct-mapped table of immutable entries: a slot holds the last value that hashed to
 * it, and a new value simply replaces it. Threads share the tables without locks: an entry's fields are
 * final, so a thread that sees an entry sees it whole, and a slot overwritten by another thread only costs
 * a miss. A miss costs a hash and one compare more than making the text alone; the tables stay at a fixed
 * size (under half a megabyte full) whatever the capture holds.
 */
final class RecentTexts {

    private static final int SLOTS = 1024;
    /** Shifts that keep the top bits of a 64- and a 32-bit hash: a slot's index. */
    private static final int SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(SLOTS);
    private static final int SHIFT32 = Integer.SIZE - Integer.numberOfTrailingZeros(SLOTS);
    /** Longest string remembered: longer ones are rarely repeated names and cost more to compare. */
    static final int MAX_STRING = 48;

    private record Address6(long hi, long lo, String text) {
    }

    /** A string field's bytes and what they decode to: the value shown (NULs dropped) and its quoted display. */
    record Text(byte[] bytes, String shown, String display) {
    }

    private record Address4(int value, String text) {
    }

    private static final Address4[] ADDRESSES4 = new Address4[SLOTS];
    private static final Address6[] ADDRESSES6 = new Address6[SLOTS];
    private static final Text[] STRINGS = new Text[SLOTS];

    private RecentTexts() {
    }

    /** Dotted-decimal text of the 4-byte IPv4 address at off. */
    static String ipv4(byte[] d, int off) {
        int v = (int) ValueDecoder.u32(d, off);
        int slot = (v * 0x9E3779B9) >>> SHIFT32;
        Address4 a = ADDRESSES4[slot];
        if (a != null && a.value == v) {
            return a.text;
        }
        String text = (v >>> 24) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
        ADDRESSES4[slot] = new Address4(v, text);
        return text;
    }

    /** RFC 5952 text of the 16-byte IPv6 address at off. */
    static String ipv6(byte[] d, int off) {
        long hi = ValueDecoder.be64(d, off);
        long lo = ValueDecoder.be64(d, off + 8);
        int slot = (int) (((hi * 0x9E3779B97F4A7C15L) ^ lo) * 0xC2B2AE3D27D4EB4FL >>> SHIFT);
        Address6 a = ADDRESSES6[slot];
        if (a != null && a.hi == hi && a.lo == lo) {
            return a.text;
        }
        byte[] b = new byte[39];
        String text = new String(b, 0, ValueDecoder.ipv6(d, off, b, 0), StandardCharsets.ISO_8859_1);
        ADDRESSES6[slot] = new Address6(hi, lo, text);
        return text;
    }

    /**
     * The text of a string field of len bytes at off (UTF-8, NULs dropped), or null when it is longer than
     * {@link #MAX_STRING} and not remembered.
     */
    static Text string(byte[] d, int off, int len) {
        if (len > MAX_STRING) {
            return null;
        }
        long h = len;
        for (int i = off, end = off + len; i < end; i++) {
            h = h * 31 + d[i];
        }
        int slot = (int) (h * 0x9E3779B97F4A7C15L >>> SHIFT);
        Text t = STRINGS[slot];
        if (t != null && Arrays.equals(t.bytes, 0, t.bytes.length, d, off, off + len)) {
            return t;
        }
        String shown = new String(d, off, len, StandardCharsets.UTF_8).replace("\0", "");
        t = new Text(Arrays.copyOfRange(d, off, off + len), shown, "\"" + shown + "\"");
        STRINGS[slot] = t;
        return t;
    }
}
