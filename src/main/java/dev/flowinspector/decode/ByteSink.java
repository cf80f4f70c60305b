package dev.flowinspector.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A plain growable {@link TextSink}, for value text wanted as a String or copied elsewhere. */
public final class ByteSink implements TextSink {

    private byte[] buf = new byte[64];
    private int len;

    @Override
    public byte[] reserve(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        return buf;
    }

    @Override
    public int length() {
        return len;
    }

    @Override
    public void setLength(int n) {
        len = n;
    }

    /** The bytes written (the buffer itself: valid up to {@link #length()}). */
    public byte[] bytes() {
        return buf;
    }

    /** Empties the sink. */
    public void clear() {
        len = 0;
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
