package dev.flowinspector.fuzz;

import java.util.Arrays;

/**
 * Reads a fuzz input as a little script: control bytes and length-prefixed chunks. Past the end every read
 * returns 0 or an empty chunk, so any byte string is a valid script and seeds are easy to write by hand.
 */
final class Input {

    private final byte[] data;
    private int pos;

    Input(byte[] data) {
        this.data = data;
    }

    /** The next byte (0-255), or 0 at the end. */
    int u8() {
        return pos < data.length ? data[pos++] & 0xff : 0;
    }

    /** The next two bytes, big-endian. */
    int u16() {
        return (u8() << 8) | u8();
    }

    /** A chunk: a 16-bit length, then that many bytes (fewer at the end of the input). */
    byte[] chunk() {
        int n = Math.min(u16(), remaining());
        byte[] b = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    int remaining() {
        return data.length - pos;
    }

    /** One of the values, chosen by the next byte. */
    <T> T pick(T[] values) {
        return values[u8() % values.length];
    }
}
