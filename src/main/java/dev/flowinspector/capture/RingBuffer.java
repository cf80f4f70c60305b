package dev.flowinspector.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Captured frames written to pcapng files of at most N bytes each, keeping the newest K (dumpcap's ring buffer,
 * {@code -b filesize:KB -b files:K}). Files are named as dumpcap names them: {@code flows.pcapng} becomes
 * {@code flows_00001_20260101120000.pcapng}, {@code flows_00002_...}; the oldest is deleted when a new one would
 * make more than K. Without a size limit it writes the one file it was given.
 */
public final class RingBuffer implements Closeable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Path base;
    private final long fileBytes;
    private final int keep;
    private final String comment;
    private final Deque<Path> files = new ArrayDeque<>();
    private CaptureWriter writer;
    private int sequence;
    private long previous;

    /**
     * A ring of files named after {@code base}; {@code fileBytes} 0 writes {@code base} itself, {@code keep} 0
     * keeps every file.
     */
    public RingBuffer(Path base, long fileBytes, int keep, String comment) throws IOException {
        if (fileBytes < 0 || keep < 0) {
            throw new IllegalArgumentException("ring buffer sizes cannot be negative");
        }
        this.base = base;
        this.fileBytes = fileBytes;
        this.keep = keep;
        this.comment = comment;
        next();
    }

    /** Ring buffer settings from dumpcap's words ({@code filesize:KB}, {@code files:N}): {size bytes, files}. */
    public static long[] parse(List<String> words) {
        long size = 0;
        long files = 0;
        for (String w : words) {
            String[] kv = w.split(":", 2);
            long v = StopConditions.value(w, kv);
            switch (kv[0].toLowerCase(Locale.ROOT)) {
                case "filesize" -> size = v * 1000;
                case "files" -> files = v;
                default -> throw new IllegalArgumentException("'" + w + "': a ring buffer setting is filesize:KB "
                        + "or files:N");
            }
        }
        if (files > 0 && size == 0) {
            throw new IllegalArgumentException("files:" + files + " needs filesize:KB (when to start the next file)");
        }
        return new long[] {size, files};
    }

    private void next() throws IOException {
        if (writer != null) {
            previous += writer.position();
            writer.close();
        }
        sequence++;
        Path p = fileBytes == 0 ? base : name(sequence);
        writer = CaptureWriter.create(p, CaptureWriter.Format.PCAPNG, true, comment);
        files.addLast(p);
        while (keep > 0 && files.size() > keep) {
            Files.deleteIfExists(files.removeFirst());
        }
    }

    private Path name(int n) {
        String file = base.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String ext = dot > 0 ? file.substring(dot) : ".pcapng";
        return base.resolveSibling(String.format(Locale.ROOT, "%s_%05d_%s%s", stem, n,
                STAMP.format(LocalDateTime.now()), ext));
    }

    /** Writes a frame, starting the next file first when this one is full. */
    public synchronized void write(Frame f) throws IOException {
        if (fileBytes > 0 && writer.frames() > 0 && writer.position() >= fileBytes) {
            next();
        }
        writer.write(f);
    }

    /** Bytes written to every file so far (deleted ones included). */
    public synchronized long bytes() {
        return previous + writer.position();
    }

    /** The files kept, oldest first. */
    public synchronized List<Path> files() {
        return new ArrayList<>(files);
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
