package dev.flowinspector.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Standard input that runs an action before a read that would wait (nothing is available): reading from a pipe,
 * the packets decoded so far are written then, not when a batch is full or the input ends.
 */
final class FlushBeforeWait extends FilterInputStream {

    /** What runs before a read that would wait. */
    @FunctionalInterface
    interface Action {
        void run() throws IOException;
    }

    private final Action beforeWait;

    FlushBeforeWait(InputStream in, Action beforeWait) {
        super(in);
        this.beforeWait = beforeWait;
    }

    @Override
    public int read() throws IOException {
        if (in.available() <= 0) {
            beforeWait.run();
        }
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len > 0 && in.available() <= 0) {
            beforeWait.run();
        }
        return in.read(b, off, len);
    }
}
