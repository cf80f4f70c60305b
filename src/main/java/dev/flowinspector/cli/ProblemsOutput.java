package dev.flowinspector.cli;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import java.io.IOException;
import java.io.Writer;

/** Problems only: frame, offset, severity, code, message. */
final class ProblemsOutput implements DecodeCommand.Output {
    private final Writer w;

    ProblemsOutput(Writer w) {
        this.w = w;
    }

    @Override
    public void packet(ExportPacket p, Frame f) throws IOException {
        for (Problem pr : p.problems()) {
            w.write("frame " + p.frame() + " offset " + pr.offset() + "+" + pr.length() + " " + pr.severity().label()
                    + " " + pr.code() + ": " + pr.message() + "\n");
        }
    }

    @Override
    public void flush() throws IOException {
        w.flush();
    }
}
