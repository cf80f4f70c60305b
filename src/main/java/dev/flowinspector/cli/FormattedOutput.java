package dev.flowinspector.cli;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;
import java.io.IOException;
import java.io.Writer;

/** Text or fields output formatted on the decoding thread. */
final class FormattedOutput implements DecodeCommand.Output {
    private final PacketFormatter formatter;
    private final Writer w;
    private final java.io.OutputStream raw;
    private final ByteText out = new ByteText(1 << 17);

    /** With raw set, bytes go to it directly (flush w before using this), else as UTF-8 text to w. */
    FormattedOutput(PacketFormatter formatter, Writer w, java.io.OutputStream raw) {
        this.formatter = formatter;
        this.w = w;
        this.raw = raw;
    }

    @Override
    public void packet(ExportPacket p, Frame f) throws IOException {
        formatter.format(p, out);
        if (out.length() > 120_000) {
            out.drainTo(raw, w);
        }
    }

    @Override
    public void finish() throws IOException {
        out.drainTo(raw, w);
        if (raw != null) {
            raw.flush();
        }
    }

    @Override
    public void flush() throws IOException {
        finish();
        w.flush();
    }

    @Override
    public void abandon() throws IOException {
        finish();
    }
}
