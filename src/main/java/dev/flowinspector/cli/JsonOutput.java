package dev.flowinspector.cli;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.engine.PacketJson;
import java.io.IOException;
import java.io.Writer;

/** One JSON object per packet. */
final class JsonOutput implements DecodeCommand.Output {
    private final PacketJson json;

    JsonOutput(Writer w) throws IOException {
        this.json = new PacketJson(w);
    }

    @Override
    public void packet(ExportPacket p, Frame f) throws IOException {
        json.write(p);
    }

    @Override
    public void finish() throws IOException {
        json.close();
    }

    @Override
    public void flush() throws IOException {
        json.flush();
    }
}
