package dev.flowinspector.capture;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.decode.Transport;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames that have no file of their own (live captures, pasted packets, frames made by reassembly) written to a
 * temporary pcapng as they arrive, as dumpcap does, and read back by the handle {@link #append} returned. The file
 * is an ordinary pcapng (frames as captured, or rebuilt as raw IP packets: {@link CaptureWriter#write}), so saving
 * is a copy and a capture left by a crash opens as any file ({@link SpillFiles#orphans}). What the file cannot say
 * (the endpoints of a payload without transport, notes of reassembly) is kept per distinct shape, and per frame only
 * when there is some. Thread-safe.
 */
public final class FrameSpill implements Closeable {

    private static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
    private static final int MAX_SHAPES = 1 << 22;

    /**
     * What frames of one kind share: endpoints, transport, link type, where the payload starts, and for frames kept
     * as captured whether their UDP checksum was noted as wrong (a capture leaves it out for this host's own packets,
     * whose checksum the network card fills in later).
     */
    private record Shape(Endpoint source, Endpoint destination, Transport transport, int linkType, int header,
                         boolean checksumNote) {
    }

    /** What only some frames have: a comment, notes, an offset in the file they came from. */
    private record Extra(String comment, List<Problem> notes, long fileOffset) {
    }

    private final SpillFiles.Spill spill;
    private final CaptureWriter writer;
    private final FileChannel in;
    private final List<Shape> shapes = new ArrayList<>();
    private final Map<Shape, Integer> shapeIds = new HashMap<>();
    private final Map<Long, Extra> extras = new HashMap<>();
    private final ExportPorts ports;
    private long flushed;

    private FrameSpill(SpillFiles.Spill spill, ExportPorts ports) throws IOException {
        this.spill = spill;
        this.ports = ports;
        this.writer = CaptureWriter.create(spill.file(), CaptureWriter.Format.PCAPNG, true,
                "FlowInspector temporary capture");
        this.in = FileChannel.open(spill.file(), StandardOpenOption.READ);
    }

    /**
     * A new spill file in the temp directory; the description says what it holds (shown when recovering). A
     * {@code recoverable} one (live, pasted: the frames exist nowhere else) is offered after a crash; frames made
     * by reassembly from a file are not (the file still has them).
     */
    public static FrameSpill create(String description, boolean recoverable) throws IOException {
        SpillFiles.Spill s = SpillFiles.create(recoverable ? SpillFiles.CAPTURE : SpillFiles.DERIVED, description,
                ".pcapng");
        try {
            // frames kept as captured were export frames once: parsed again, every UDP payload is one
            return new FrameSpill(s, ExportPorts.everything());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The spill file. */
    public Path file() {
        return spill.file();
    }

    /** Frames written. */
    public long frames() {
        return writer.frames();
    }

    /** Writes a frame; returns the handle to {@link #read} it by (non-negative). */
    public synchronized long append(Frame f) throws IOException {
        boolean original = f.frameBytes() != null && f.linkType() >= 0;
        Shape shape = new Shape(f.source(), f.destination(), f.transport(), original ? f.linkType() : -1,
                original ? -1 : CaptureWriter.rebuiltHeader(f), original && f.notes().stream()
                .anyMatch(n -> n.code().equals(Problems.UDP_CHECKSUM_BAD.code())));
        Integer id = shapeIds.get(shape);
        if (id == null) {
            if (shapes.size() >= MAX_SHAPES) {
                throw new IOException("more than " + MAX_SHAPES + " distinct exporter/collector pairs in one capture");
            }
            id = shapes.size();
            shapes.add(shape);
            shapeIds.put(shape, id);
        }
        long at = writer.write(f);
        if (at > OFFSET_MASK) {
            throw new IOException(file() + ": temporary capture larger than 1 TiB");
        }
        boolean notes = !original && !f.notes().isEmpty();
        if (f.comment() != null || notes || f.fileOffset() >= 0) {
            extras.put(at, new Extra(f.comment(), notes ? f.notes() : List.of(), f.fileOffset()));
        }
        return ((long) id << OFFSET_BITS) | at;
    }

    /** Writes what is buffered to the file (after each batch of a live capture: what a crash would leave). */
    public synchronized void flush() throws IOException {
        writer.flush();
        flushed = writer.position();
    }

    /** The frame behind a handle, with its frame number. */
    public Frame read(long handle, long number) throws IOException {
        long at = handle & OFFSET_MASK;
        Shape shape;
        Extra extra;
        synchronized (this) {
            if (at >= flushed) {
                flush();
            }
            shape = shapes.get((int) (handle >>> OFFSET_BITS));
            extra = extras.get(at);
        }
        ByteBuffer h = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        readAt(at, h);
        int blockLen = h.getInt(4);
        long time = ((h.getInt(12) & 0xffffffffL) << 32) | (h.getInt(16) & 0xffffffffL);
        int caplen = h.getInt(20);
        if (h.getInt(0) != PcapngReader.EPB || caplen < 0 || caplen > blockLen - 32) {
            throw new IOException(file() + ": frame " + number + " at byte offset " + at
                    + " cannot be read again (the temporary file changed)");
        }
        byte[] data = new byte[caplen];
        readAt(at + 28, ByteBuffer.wrap(data));
        String comment = extra == null ? null : extra.comment;
        long fileOffset = extra == null ? -1 : extra.fileOffset;
        if (shape.linkType >= 0) {
            Frame f = new PacketParser(ports).parse(number, time, shape.linkType, data, fileOffset, comment);
            if (f == null) {
                throw new IOException(file() + ": frame " + number + " is no longer an export packet");
            }
            if (!shape.checksumNote && f.notes().stream().anyMatch(n -> n.code().equals(Problems.UDP_CHECKSUM_BAD.code()))) {
                f = new Frame(f.number(), f.timeNanos(), f.source(), f.destination(), f.transport(), f.payload(),
                        f.linkType(), f.frameBytes(), f.fileOffset(), f.comment(), f.notes().stream()
                        .filter(n -> !n.code().equals(Problems.UDP_CHECKSUM_BAD.code())).toList());
            }
            return f;
        }
        return new Frame(number, time, shape.source, shape.destination, shape.transport,
                Arrays.copyOfRange(data, shape.header, data.length), -1, null, fileOffset, comment,
                extra == null ? List.of() : extra.notes);
    }

    private void readAt(long offset, ByteBuffer b) throws IOException {
        long p = offset;
        while (b.hasRemaining()) {
            int r = in.read(b, p);
            if (r < 0) {
                throw new EOFException(file() + ": ends before byte offset " + p);
            }
            p += r;
        }
    }

    /** Copies every frame written so far to a file (Save). */
    public synchronized void copyTo(Path out) throws IOException {
        flush();
        Files.copy(file(), out, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closes and deletes the file. */
    @Override
    public synchronized void close() throws IOException {
        try {
            writer.close();
            in.close();
        } finally {
            spill.close();
        }
    }
}
