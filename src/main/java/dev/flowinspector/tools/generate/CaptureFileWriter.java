package dev.flowinspector.tools.generate;

import dev.flowinspector.capture.CaptureWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The generator's packets into a capture file through {@link CaptureWriter}: Ethernet/IP/UDP frames, classic
 * pcap, or pcapng when the name ends in {@code .pcapng}; microsecond timestamps.
 */
public final class CaptureFileWriter implements PacketSink {

    private final CaptureWriter w;

    public CaptureFileWriter(Path path) throws IOException {
        this.w = CaptureWriter.create(path);
    }

    /** True when writing pcapng. */
    public boolean pcapng() {
        return w.pcapng();
    }

    public long frames() {
        return w.frames();
    }

    @Override
    public void packet(GeneratedPacket p) throws IOException {
        w.udp(p.timeMillis() * 1_000_000L, p.source(), p.destination(), p.payload(), 0, p.payload().length);
    }

    @Override
    public void close() throws IOException {
        w.close();
    }
}
