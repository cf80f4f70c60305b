package dev.flowinspector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ValueDecoder#readUnsigned}: every length from 0 to 8 at every offset gives the big-endian value of its bytes. */
class ReadUnsignedTest {

    @Test
    void everyLengthAtEveryOffset() {
        byte[] d = new byte[40];
        new Random(3).nextBytes(d);
        for (int len = 0; len <= 8; len++) {
            for (int off = 0; off + len <= d.length; off++) {
                long expected = 0;
                for (int i = 0; i < len; i++) {
                    expected = expected << 8 | (d[off + i] & 0xff);
                }
                assertEquals(expected, ValueDecoder.readUnsigned(d, off, len), "length " + len + " at " + off);
            }
        }
    }
}
