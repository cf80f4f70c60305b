package dev.flowinspector.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens capture files by their content, never by their name: pcap, pcapng, IPFIX file (RFC 5655), or a gzip
 * of any of these. Files are streamed, never loaded whole.
 */
public final class CaptureFiles {

    private static final int BUFFER = 1 << 16;

    /** The kinds of capture file recognised. */
    public enum Format { PCAP, PCAPNG, IPFIX }

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
        if (Files.isDirectory(path)) {
            throw new CaptureException(path + ": is a directory, not a capture file");
        }
        long size = Files.size(path);
        return open(path.getFileName().toString(), input(path), size, ports);
    }

    /**
     * A file's bytes as the readers here take them fastest: a regular file through one direct buffer the channel
     * fills ({@link FileInput}: buffered, with mark and reset within its buffer, and {@link #open(String, InputStream,
     * long, ExportPorts)} adds no buffer of its own on top); anything else (a named pipe, a device) as a plain stream.
     */
    public static InputStream input(Path path) throws IOException {
        return Files.isRegularFile(path) ? new FileInput(path) : Files.newInputStream(path);
    }

    /** Opens a capture from a stream (e.g. standard input); {@code size} is its length or -1. */
    public static CaptureReader open(String name, InputStream stream, long size, ExportPorts ports) throws IOException {
        return open(name, stream, size, ports, null);
    }

    /** As {@link #open(String, InputStream, long, ExportPorts)}; a gzip file's content is also written to {@code tee}. */
    static AbstractCaptureReader open(String name, InputStream stream, long size, ExportPorts ports,
                                      java.nio.channels.WritableByteChannel tee) throws IOException {
        CaptureInput.Counting raw = new CaptureInput.Counting(stream);
        InputStream in = stream instanceof FileInput ? raw : new BufferedInputStream(raw, BUFFER); // buffered itself
        boolean compressed = false;
        try {
            byte[] first = peek(in, 2);
            if (first.length == 2 && (first[0] & 0xff) == 0x1f && (first[1] & 0xff) == 0x8b) {
                compressed = true;
                try {
                    InputStream gz = new GZIPInputStream(in, BUFFER);
                    in = new BufferedInputStream(tee == null ? gz : new CaptureInput.Tee(gz, tee), BUFFER);
                } catch (IOException e) {
                    throw new CaptureException(name + ": a gzip file whose header is damaged (" + e.getMessage() + ")");
                }
            }
            byte[] magic;
            try {
                magic = peek(in, 20);
            } catch (IOException e) {
                throw new CaptureException(name + ": gzip data damaged at the start (" + e.getMessage() + ")");
            }
            Format format = detect(magic);
            if (format == null) {
                if (magic.length < 4) {
                    throw new CaptureException(name + ": too short to be a capture file (" + magic.length + " bytes"
                            + (compressed ? " after decompression" : "") + ")");
                }
                throw new CaptureException(name + ": not a capture file this tool reads (pcap, pcapng, IPFIX file"
                        + ", or gzip of one); first bytes " + hex(magic, 8) + (compressed ? " after decompression" : ""));
            }
            CaptureInput input = new CaptureInput(in, raw, compressed);
            return switch (format) {
                case PCAP -> new PcapReader(name, input, size, ports);
                case PCAPNG -> new PcapngReader(name, input, size, ports);
                case IPFIX -> new IpfixFileReader(name, input, size);
            };
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The format of a capture starting with these bytes, or null. */
    public static Format detect(byte[] first) {
        if (first.length < 4) {
            return null;
        }
        int magic = PcapReader.be32(first, 0);
        if (magic == PcapReader.MAGIC_US || magic == PcapReader.MAGIC_NS
                || Integer.reverseBytes(magic) == PcapReader.MAGIC_US
                || Integer.reverseBytes(magic) == PcapReader.MAGIC_NS) {
            return Format.PCAP;
        }
        if (magic == PcapngReader.SHB) {
            return Format.PCAPNG;
        }
        if (first.length >= 16 && first[0] == 0 && first[1] == 10 && (((first[2] & 0xff) << 8) | (first[3] & 0xff)) >= 16) {
            return Format.IPFIX;
        }
        return null;
    }

    private static byte[] peek(InputStream in, int n) throws IOException {
        in.mark(n);
        byte[] b = in.readNBytes(n);
        in.reset();
        return b;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }
}
