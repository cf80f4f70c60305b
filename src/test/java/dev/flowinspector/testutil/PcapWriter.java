package dev.flowinspector.testutil;

import dev.flowinspector.capture.CaptureWriter;
import dev.flowinspector.decode.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A classic pcap of Ethernet/IPv4/UDP frames carrying the given payloads, written by {@link CaptureWriter}. */
public final class PcapWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CaptureWriter w;

    public PcapWriter() {
        try {
            w = CaptureWriter.on(out, CaptureWriter.Format.PCAP, false, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a UDP datagram src:sport -> dst:dport at the given epoch microseconds. */
    public PcapWriter udp(String src, int sport, String dst, int dport, long timeMicros, byte[] payload) {
        try {
            w.udp(timeMicros * 1000, new Endpoint(src, sport), new Endpoint(dst, dport), payload, 0, payload.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The file's bytes. */
    public byte[] bytes() {
        try {
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public Path write(Path p) throws IOException {
        Files.write(p, bytes());
        return p;
    }
}
