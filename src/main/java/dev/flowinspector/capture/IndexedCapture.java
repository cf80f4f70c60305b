package dev.flowinspector.capture;

import dev.flowinspector.decode.Transport;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file read once from start to end ({@link #reader()}) and afterwards re-read frame by frame by the
 * offset of its record ({@link #read}), as Wireshark's {@code wtap_seek_read} does: a classic pcap record behind the
 * file header, a pcapng block behind its section's header and interface blocks (any section, any interface, EPB,
 * SPB or OPB), an IPFIX file's message. A gzip file is decompressed once, while it is read, into a spill file in the
 * temp directory ({@link SpillFiles}) that the frames are re-read from; it goes on {@link #close()}.
 */
public final class IndexedCapture implements Closeable {

    private static final int MAX_RECORD = PcapngReader.MAX_BLOCK;

    private final String name;
    private final ExportPorts ports;
    private final AbstractCaptureReader reader;
    private final CaptureFiles.Format format;
    private final Path content;
    private final FileChannel channel;
    private final SpillFiles.Spill spill;
    private final FileChannel spillOut;
    private volatile byte[] pcapHeader;

    private IndexedCapture(String name, ExportPorts ports, AbstractCaptureReader reader, Path content,
                           SpillFiles.Spill spill, FileChannel spillOut) throws IOException {
        this.name = name;
        this.ports = ports;
        this.reader = reader;
        this.format = reader instanceof PcapReader ? CaptureFiles.Format.PCAP
                : reader instanceof PcapngReader ? CaptureFiles.Format.PCAPNG : CaptureFiles.Format.IPFIX;
        this.content = content;
        this.spill = spill;
        this.spillOut = spillOut;
        this.channel = FileChannel.open(content, StandardOpenOption.READ);
    }

    /** Opens a capture file (format recognised from its content, as {@link CaptureFiles#open(Path)} does). */
    public static IndexedCapture open(Path path, ExportPorts ports) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new CaptureException(path + ": is a directory, not a capture file");
        }
        String name = path.getFileName().toString();
        boolean gzip;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] m = in.readNBytes(2);
            gzip = m.length == 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b;
        }
        SpillFiles.Spill spill = null;
        FileChannel out = null;
        InputStream in = Files.isRegularFile(path) ? new FileInput(path) : Files.newInputStream(path);
        try {
            if (gzip) {
                spill = SpillFiles.create(SpillFiles.UNCOMPRESSED, "content of " + path.toAbsolutePath(), ".raw");
                out = FileChannel.open(spill.file(), StandardOpenOption.WRITE);
            }
            AbstractCaptureReader r = CaptureFiles.open(name, in, Files.size(path), ports, out);
            return new IndexedCapture(name, ports, r, gzip ? spill.file() : path, spill, out);
        } catch (IOException | RuntimeException e) {
            in.close();
            if (out != null) {
                out.close();
            }
            if (spill != null) {
                spill.close();
            }
            throw e;
        }
    }

    /** The one sequential read of the file; its frames carry the offsets {@link #read} takes. */
    public CaptureReader reader() {
        return reader;
    }

    /** The format of the capture (of its content, for a gzip file). */
    public CaptureFiles.Format format() {
        return format;
    }

    /**
     * True when {@link #read} gives this frame back from its offset alone: a whole UDP datagram of a pcap or pcapng
     * file, or a message of an IPFIX file. Frames that need other frames (IP fragments reassembled, IPFIX messages
     * from a TCP stream) are not.
     */
    public boolean rereadable(Frame f) {
        if (f.fileOffset() < 0) {
            return false;
        }
        return format == CaptureFiles.Format.IPFIX ? f.transport() == Transport.NONE
                : f.transport() == Transport.UDP && f.linkType() >= 0; // a whole datagram (its frame bytes or not)
    }

    /** The frame whose record starts at an offset, read again, with its frame number. Thread-safe. */
    public Frame read(long offset, long number) throws IOException {
        byte[] prefix;
        int len;
        switch (format) {
            case PCAP -> {
                prefix = pcapHeader();
                byte[] h = readAt(offset, 16);
                boolean swapped = Integer.reverseBytes(PcapReader.be32(prefix, 0)) == PcapReader.MAGIC_US
                        || Integer.reverseBytes(PcapReader.be32(prefix, 0)) == PcapReader.MAGIC_NS;
                int incl = PcapReader.be32(h, 8);
                len = 16 + (swapped ? Integer.reverseBytes(incl) : incl);
            }
            case PCAPNG -> {
                prefix = ((PcapngReader) reader).sectionHead(offset);
                if (prefix == null) {
                    throw changed(offset, number);
                }
                boolean swapped = PcapReader.be32(prefix, 8) != PcapngReader.BYTE_ORDER_MAGIC;
                int l = PcapReader.be32(readAt(offset, 8), 4);
                len = swapped ? Integer.reverseBytes(l) : l;
            }
            default -> {
                prefix = new byte[0];
                byte[] h = readAt(offset, 4);
                len = ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            }
        }
        if (len < 4 || len > MAX_RECORD) {
            throw changed(offset, number);
        }
        byte[] all = new byte[prefix.length + len];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        readAt(offset, all, prefix.length, len);
        CaptureInput in = new CaptureInput(new ByteArrayInputStream(all), null, false);
        AbstractCaptureReader r = switch (format) {
            case PCAP -> new PcapReader(name, in, all.length, ports);
            case PCAPNG -> new PcapngReader(name, in, all.length, ports);
            case IPFIX -> new IpfixFileReader(name, in, all.length);
        };
        Frame f = r.next();
        if (f == null) {
            throw changed(offset, number);
        }
        return new Frame(number, f.timeNanos(), f.source(), f.destination(), f.transport(), f.payload(),
                f.linkType(), f.frameBytes(), offset, f.comment(), f.notes());
    }

    private IOException changed(long offset, long number) {
        return new IOException(name + ": frame " + number + " at byte offset " + offset
                + (spill != null ? " (uncompressed)" : "") + " cannot be read again (the file changed?)");
    }

    private byte[] pcapHeader() throws IOException {
        byte[] h = pcapHeader;
        if (h == null) {
            h = readAt(0, 24);
            pcapHeader = h;
        }
        return h;
    }

    private byte[] readAt(long offset, int n) throws IOException {
        byte[] b = new byte[n];
        readAt(offset, b, 0, n);
        return b;
    }

    private void readAt(long offset, byte[] b, int off, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, off, n);
        long p = offset;
        while (bb.hasRemaining()) {
            int r = channel.read(bb, p);
            if (r < 0) {
                throw new EOFException(name + ": ends before the frame at byte offset " + offset
                        + " (the file changed?)");
            }
            p += r;
        }
    }

    /**
     * A new sequential read of the capture from its start (the decompressed copy for a gzip file): the same frames,
     * numbers and offsets as {@link #reader()} gave, faster than {@link #read} one by one when every frame is wanted.
     */
    public CaptureReader reopen() throws IOException {
        InputStream in = Files.isRegularFile(content) ? new FileInput(content) : Files.newInputStream(content);
        return CaptureFiles.open(name, in, Files.size(content), ports);
    }

    /** Ends the sequential read (the file stays open for {@link #read}). */
    public void endReading() throws IOException {
        try {
            reader.close();
        } finally {
            if (spillOut != null) {
                spillOut.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            endReading();
        } finally {
            try {
                channel.close();
            } finally {
                if (spill != null) {
                    spill.close();
                }
            }
        }
    }
}
