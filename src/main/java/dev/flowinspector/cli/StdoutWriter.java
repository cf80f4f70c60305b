package dev.flowinspector.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The command line's UTF-8 writer on standard output, which also lets bulk output (decode -F fields) write its
 * bytes to the stream directly instead of through a character encoder.
 */
final class StdoutWriter extends PrintWriter {

    private final OutputStream stream;

    StdoutWriter(OutputStream stream) {
        super(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
        this.stream = stream;
    }

    /** The byte stream under this writer; flush the writer before writing to it. */
    OutputStream stream() {
        return stream;
    }
}
