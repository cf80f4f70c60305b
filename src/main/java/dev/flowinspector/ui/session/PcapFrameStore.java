package dev.flowinspector.ui.session;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Keeps only each frame's record offset and number, and re-reads the record from the classic pcap file when a
 * frame is asked for: about 16 bytes per frame instead of the payload. The record is parsed again by the
 * capture layer, behind the file's own 24-byte header, so frames come out exactly as they were read.
 */
public final class PcapFrameStore implements FrameStore {

    private static final int MAX_RECORD = 256 * 1024;
    private final Path path;
    private final ExportPorts ports;
    private final byte[] fileHeader;
    private final boolean swapped;
    private final RandomAccessFile file;
    private long[] offsets = new long[1024];
    private long[] numbers = new long[1024];
    private int size;

    private PcapFrameStore(Path path, ExportPorts ports, byte[] fileHeader, boolean swapped) throws IOException {
        this.path = path;
        this.ports = ports;
        this.fileHeader = fileHeader;
        this.swapped = swapped;
        this.file = new RandomAccessFile(path.toFile(), "r");
    }

    /** A store for this file when it is an uncompressed classic pcap; null otherwise. */
    public static PcapFrameStore forFile(Path path, ExportPorts ports) throws IOException {
        byte[] h = new byte[24];
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
            if (f.length() < 24) {
                return null;
            }
            f.readFully(h);
        }
        int be = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        int le = Integer.reverseBytes(be);
        if (be == 0xa1b2c3d4 || be == 0xa1b23c4d) {
            return new PcapFrameStore(path, ports, h, false);
        }
        if (le == 0xa1b2c3d4 || le == 0xa1b23c4d) {
            return new PcapFrameStore(path, ports, h, true);
        }
        return null;
    }

    /** True when a frame read from this file can be found again by its offset. */
    public static boolean canStore(Frame f) {
        return f.fileOffset() >= 24;
    }

    @Override
    public synchronized void add(Frame frame) {
        if (!canStore(frame)) {
            throw new IllegalArgumentException("frame " + frame.number() + " has no file offset");
        }
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            numbers = Arrays.copyOf(numbers, size * 2);
        }
        offsets[size] = frame.fileOffset();
        numbers[size] = frame.number();
        size++;
    }

    @Override
    public synchronized Frame get(int index) throws IOException {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        long off = offsets[index];
        byte[] rh = new byte[16];
        file.seek(off);
        file.readFully(rh);
        int incl = i32(rh, 8);
        if (incl < 0 || incl > MAX_RECORD) {
            throw new IOException(path.getFileName() + ": frame " + numbers[index] + " at byte offset " + off
                    + " cannot be read again (the file changed?)");
        }
        byte[] all = new byte[24 + 16 + incl];
        System.arraycopy(fileHeader, 0, all, 0, 24);
        System.arraycopy(rh, 0, all, 24, 16);
        file.readFully(all, 40, incl);
        try (CaptureReader r = CaptureFiles.open(path.getFileName().toString(), new ByteArrayInputStream(all),
                all.length, ports)) {
            Frame f = r.next();
            if (f == null) {
                throw new IOException(path.getFileName() + ": frame " + numbers[index] + " at byte offset " + off
                        + " is no longer an export packet (the file changed?)");
            }
            return new Frame(numbers[index], f.timeNanos(), f.source(), f.destination(), f.transport(), f.payload(),
                    f.linkType(), f.frameBytes(), off, f.comment(), f.notes());
        }
    }

    private int i32(byte[] b, int o) {
        int v = ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    @Override
    public synchronized int size() {
        return size;
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
