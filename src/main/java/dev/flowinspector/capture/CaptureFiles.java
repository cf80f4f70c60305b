package dev.flowinspector.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens capture files by their content (pcap, pcapng, IPFIX file, gzip of any of these). */
public final class CaptureFiles {

    private CaptureFiles() {
    }

    /** Opens a capture file with the default export ports. */
    public static CaptureReader open(Path path) throws IOException {
        return open(path, ExportPorts.defaults());
    }

    /** Opens a capture file; the format is recognised from its first bytes. */
    public static CaptureReader open(Path path, ExportPorts ports) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        long size = Files.size(path);
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        return open(path.getFileName().toString(), in, size, ports);
    }

    /** Opens a capture from a stream (e.g. standard input). */
    public static CaptureReader open(String name, InputStream in, long size, ExportPorts ports) throws IOException {
        byte[] first = in.readNBytes(4);
        if (first.length < 4) {
            in.close();
            throw new CaptureException(name + ": too short to be a capture file (" + first.length + " bytes)");
        }
        int magic = PcapReader.be32(first, 0);
        if (magic == PcapReader.MAGIC_US || magic == PcapReader.MAGIC_NS
                || Integer.reverseBytes(magic) == PcapReader.MAGIC_US
                || Integer.reverseBytes(magic) == PcapReader.MAGIC_NS) {
            return new PcapReader(name, in, size, ports, first);
        }
        in.close();
        throw new CaptureException(name + ": not a capture file this tool reads (first bytes "
                + String.format("%08x", magic) + ")");
    }
}
