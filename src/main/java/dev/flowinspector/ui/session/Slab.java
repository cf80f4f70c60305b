package dev.flowinspector.ui.session;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Fixed-width records (a row of primitive fields per packet) in chunks: on the heap ({@code byte[]} chunks, no
 * object per record), or in a temporary file mapped chunk by chunk, so that a live capture running for hours adds
 * nothing to the heap per packet (the pages belong to the file; the system writes them out and drops them as it
 * needs). The file is deleted as soon as it is open (where the system allows; otherwise when closed), so a crash
 * leaves nothing behind. Not thread-safe: the owner locks.
 */
final class Slab implements Closeable {

    private final int width;
    private final int shift;
    private final int mask;
    private final FileChannel file;
    private ByteBuffer[] chunks = new ByteBuffer[8];
    private int size;

    private Slab(int width, int shift, FileChannel file) {
        this.width = width;
        this.shift = shift;
        this.mask = (1 << shift) - 1;
        this.file = file;
    }

    /** Records of {@code width} bytes on the heap, in chunks of 2^shift records. */
    static Slab onHeap(int width, int shift) {
        return new Slab(width, shift, null);
    }

    /** Records of {@code width} bytes in a temporary file of the system temp directory, mapped 2^shift at a time. */
    static Slab mapped(int width, int shift, String what) throws IOException {
        Path p = Files.createTempFile("flowinspector-" + what + "-", ".tmp");
        FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        try {
            Files.deleteIfExists(p); // the open channel and its mappings keep the content
        } catch (IOException e) {
            // not on this system (an open file cannot be deleted): deleted on close
        }
        return new Slab(width, shift, ch);
    }

    /** Whether the records are in a mapped file (not on the heap). */
    boolean offHeap() {
        return file != null;
    }

    int size() {
        return size;
    }

    /** Adds a zeroed record and returns its index. */
    int add() throws IOException {
        int c = size >>> shift;
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c * 2);
        }
        if (chunks[c] == null) {
            int bytes = width << shift;
            chunks[c] = file == null ? ByteBuffer.allocate(bytes)
                    : file.map(FileChannel.MapMode.READ_WRITE, (long) c * bytes, bytes);
        }
        return size++;
    }

    private ByteBuffer chunk(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException(row);
        }
        return chunks[row >>> shift];
    }

    private int at(int row, int field) {
        return (row & mask) * width + field;
    }

    long getLong(int row, int field) {
        return chunk(row).getLong(at(row, field));
    }

    void putLong(int row, int field, long v) {
        chunk(row).putLong(at(row, field), v);
    }

    int getInt(int row, int field) {
        return chunk(row).getInt(at(row, field));
    }

    void putInt(int row, int field, int v) {
        chunk(row).putInt(at(row, field), v);
    }

    char getChar(int row, int field) {
        return chunk(row).getChar(at(row, field));
    }

    void putChar(int row, int field, char v) {
        chunk(row).putChar(at(row, field), v);
    }

    byte get(int row, int field) {
        return chunk(row).get(at(row, field));
    }

    void put(int row, int field, byte v) {
        chunk(row).put(at(row, field), v);
    }

    /** Bytes this slab holds on the heap (0 when mapped), for benchmarks. */
    long heapBytes() {
        if (file != null) {
            return 0;
        }
        long n = 0;
        for (ByteBuffer b : chunks) {
            n += b == null ? 0 : b.capacity();
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        chunks = new ByteBuffer[1];
        size = 0;
        if (file != null) {
            file.close(); // the mappings go with their buffers
        }
    }
}
