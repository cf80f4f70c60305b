package dev.flowinspector.tools.collect;

import java.io.ByteArrayOutputStream;

/** A reusable byte buffer whose array can be read without a copy (one data set's JSON lines). */
final class LineBuffer extends ByteArrayOutputStream {

    LineBuffer() {
        super(64 * 1024);
    }

    byte[] array() {
        return buf;
    }
}
