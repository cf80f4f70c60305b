package dev.flowinspector.tools.collect;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Gzip files (plain files when the pattern does not end in .gz) named by a strftime-like pattern ({@code %Y %m %d %H %M %S %%}), rotated when the name
 * changes (the time bucket, optionally aligned to an interval) or when a file reaches a size. A name that
 * already exists gets a counter ({@code flows-20240501-1200.1.jsonl.gz}). Closing writes the gzip trailer.
 * Not thread-safe.
 */
public final class RotatingGzipOutput implements AutoCloseable {

    private final String pattern;
    private final long maxBytes;
    private final long intervalMs;
    private final ZoneId zone;
    private final List<Path> finished = new ArrayList<>();
    private Counting counting;
    private OutputStream out;
    private String currentName;
    private Path currentPath;

    /**
     * @param pattern    file name pattern; a pattern without % fields is one file (rotated by size only)
     * @param maxBytes   rotate after this many compressed bytes; 0 for no size limit
     * @param intervalMs align times down to this interval before formatting; 0 to use the pattern's own fields
     * @param zone       time zone of the names
     */
    public RotatingGzipOutput(String pattern, long maxBytes, long intervalMs, ZoneId zone) {
        this.pattern = pattern;
        this.maxBytes = maxBytes;
        this.intervalMs = intervalMs;
        this.zone = zone;
    }

    private long nameSecond = Long.MIN_VALUE;
    private String name;

    /** The file name for a time (formatted once per second of time: the pattern's finest field). */
    private String nameAt(long nowMs) {
        long t = intervalMs > 0 ? nowMs - Math.floorMod(nowMs, intervalMs) : nowMs;
        long sec = Math.floorDiv(t, 1000);
        if (sec != nameSecond || name == null) {
            name = format(pattern, t, zone);
            nameSecond = sec;
        }
        return name;
    }

    /** The stream to write to at time nowMs, rotating first when due. */
    public OutputStream stream(long nowMs) throws IOException {
        String name = nameAt(nowMs);
        if (out == null || !name.equals(currentName) || (maxBytes > 0 && counting.count >= maxBytes)) {
            closeCurrent();
            open(name);
        }
        return out;
    }

    /**
     * True when the next write should go to a new file (the caller flushes its encoder first). With a size
     * limit the size is exact: plain output is flushed, and gzip output, once its estimated size (what is
     * written plus what is being compressed, at the ratio so far) is within 10% of the limit, is drained at
     * every call; a file ends at the first call that finds it at the limit, so it is over by at most what was
     * written since the previous call (one packet's records).
     */
    public boolean due(long nowMs) throws IOException {
        if (out == null) {
            return true;
        }
        String name = nameAt(nowMs);
        if (!name.equals(currentName)) {
            return true;
        }
        if (maxBytes <= 0) {
            return false;
        }
        if (out instanceof ParallelGzipOutputStream z) {
            long in = z.writtenInput();
            double ratio = in > 0 ? (double) counting.count / in : 0.25;
            if (counting.count + z.pendingInput() * ratio >= maxBytes * 0.9) {
                z.drain();
            }
        } else {
            out.flush();
        }
        return counting.count >= maxBytes;
    }

    private void open(String name) throws IOException {
        Path p = Path.of(name);
        Path dir = p.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path chosen = p;
        for (int i = 1; Files.exists(chosen); i++) {
            chosen = withCounter(p, i);
        }
        counting = new Counting(Files.newOutputStream(chosen));
        // compression runs on threads of their own (one per core), at gzip's fastest level: the decoding thread
        // only makes JSON. A name that does not end in .gz gets plain JSON lines: the name says the format.
        out = gzip(name) ? new ParallelGzipOutputStream(counting) : new java.io.BufferedOutputStream(counting, 1 << 16);
        currentName = name;
        currentPath = chosen;
    }

    static Path withCounter(Path p, int i) {
        String f = p.getFileName().toString();
        int dot = f.indexOf('.', 1);
        String n = dot > 0 ? f.substring(0, dot) + "." + i + f.substring(dot) : f + "." + i;
        return p.resolveSibling(n);
    }

    /** Formats %Y %m %d %H %M %S %% at a time. */
    public static String format(String pattern, long ms, ZoneId zone) {
        if (pattern.indexOf('%') < 0) {
            return pattern;
        }
        ZonedDateTime t = Instant.ofEpochMilli(ms).atZone(zone);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                sb.append(c);
                continue;
            }
            char f = pattern.charAt(++i);
            switch (f) {
                case 'Y' -> sb.append(String.format("%04d", t.getYear()));
                case 'm' -> sb.append(String.format("%02d", t.getMonthValue()));
                case 'd' -> sb.append(String.format("%02d", t.getDayOfMonth()));
                case 'H' -> sb.append(String.format("%02d", t.getHour()));
                case 'M' -> sb.append(String.format("%02d", t.getMinute()));
                case 'S' -> sb.append(String.format("%02d", t.getSecond()));
                case 's' -> sb.append(ms / 1000);
                case '%' -> sb.append('%');
                default -> sb.append('%').append(f);
            }
        }
        return sb.toString();
    }

    /** True when files of this name pattern are gzip-compressed (the name ends in .gz). */
    public static boolean gzip(String pattern) {
        return pattern.endsWith(".gz");
    }

    /**
     * Ends the current gzip member (or flushes plain output), so the file being written is readable up to here
     * while it grows.
     */
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /** The file being written, or null. */
    public Path current() {
        return currentPath;
    }

    /** Files completed so far (closed, readable). */
    public List<Path> finished() {
        return List.copyOf(finished);
    }

    private void closeCurrent() throws IOException {
        if (out != null) {
            out.close();
            finished.add(currentPath);
            out = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }

    /** Counts bytes reaching the file. */
    private static final class Counting extends FilterOutputStream {
        volatile long count; // written by the gzip thread, read by the caller

        Counting(OutputStream o) {
            super(o);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
