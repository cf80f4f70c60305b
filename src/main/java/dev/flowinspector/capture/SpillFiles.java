package dev.flowinspector.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary files in the system temp directory (as dumpcap's): a spill file with a marker beside it
 * ({@code NAME.lock}) that names the process, what the file holds, and that this process keeps locked while the
 * file is open. Closing deletes both; a marker no process holds any longer belongs to a process that ended without
 * closing (a crash, kill -9): {@link #orphans} finds those files, to offer the captures for recovery.
 */
public final class SpillFiles {

    /** Every spill file's name starts with this. */
    public static final String PREFIX = "flowinspector-spill-";
    /** Kind of a spill holding captured frames (pcapng): worth recovering. */
    public static final String CAPTURE = "capture";
    /** Kind of a spill holding a compressed file's content: the original still exists, never recovered. */
    public static final String UNCOMPRESSED = "uncompressed";
    /** Kind of a spill holding frames made from a file's frames (reassembly): never recovered either. */
    public static final String DERIVED = "derived";
    private static final String LOCK = ".lock";
    /** Markers this process holds (a lock held by this JVM cannot be tested with tryLock). */
    private static final Set<Path> OWN = ConcurrentHashMap.newKeySet();
    /** Spill files open in this process: deleted when it exits normally (only a crash leaves them). */
    private static final Set<Spill> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Spill s : OPEN) {
                try {
                    s.close();
                } catch (IOException | RuntimeException e) {
                    // exiting: nothing more to do
                }
            }
        }, "flowinspector-spill-cleanup"));
    }

    private SpillFiles() {
    }

    /** A spill file left by a process that is gone. */
    public record Orphan(Path file, String kind, String description, long pid, long bytes, Instant modified) {
    }

    /** One spill file of this process, locked while open; {@link #close()} deletes it. */
    public static final class Spill implements Closeable {
        private final Path file;
        private final Path marker;
        private final FileChannel lockChannel;
        private final FileLock lock;
        private boolean closed;

        private Spill(Path file, Path marker, FileChannel lockChannel, FileLock lock) {
            this.file = file;
            this.marker = marker;
            this.lockChannel = lockChannel;
            this.lock = lock;
            OWN.add(marker.toAbsolutePath());
            OPEN.add(this);
        }

        public Path file() {
            return file;
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                Files.deleteIfExists(file);
            } finally {
                lock.release();
                lockChannel.close();
                Files.deleteIfExists(marker);
                OWN.remove(marker.toAbsolutePath());
                OPEN.remove(this);
            }
        }
    }

    /** The directory spill files go to: the system temp directory ({@code java.io.tmpdir}). */
    public static Path directory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A new, empty spill file in the temp directory, locked by this process. */
    public static Spill create(String kind, String description, String suffix) throws IOException {
        Path dir = directory();
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, PREFIX, suffix);
        try {
            return lock(file, kind, description);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Takes over an orphan's file (to open it): this process now holds it, and deletes it when closed. */
    public static Spill claim(Path file) throws IOException {
        Orphan o = orphan(marker(file));
        if (o == null) {
            throw new IOException(file + ": not a spill file left by a finished process");
        }
        return lock(file, o.kind(), o.description());
    }

    /** Deletes an orphan and its marker. */
    public static void discard(Path file) throws IOException {
        if (orphan(marker(file)) == null) {
            throw new IOException(file + ": not a spill file left by a finished process");
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(marker(file));
    }

    /** Spill files in a directory whose process is gone, oldest first. */
    public static List<Orphan> orphans(Path dir) {
        List<Orphan> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + LOCK)) {
            for (Path m : ds) {
                Orphan o = orphan(m);
                if (o != null) {
                    out.add(o);
                }
            }
        } catch (IOException e) {
            return out; // no temp directory to look at: nothing to recover
        }
        out.sort(java.util.Comparator.comparing(Orphan::modified));
        return out;
    }

    /** Deletes the orphans of a kind that is never recovered (decompressed copies); returns how many. */
    public static int sweep(Path dir) {
        int n = 0;
        for (Orphan o : orphans(dir)) {
            if (!CAPTURE.equals(o.kind())) {
                try {
                    Files.deleteIfExists(o.file());
                    Files.deleteIfExists(marker(o.file()));
                    n++;
                } catch (IOException e) {
                    // left for the next start
                }
            }
        }
        return n;
    }

    private static Path marker(Path file) {
        return file.resolveSibling(file.getFileName() + LOCK);
    }

    private static Spill lock(Path file, String kind, String description) throws IOException {
        Path marker = marker(file);
        FileChannel ch = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new IOException(file + ": in use by another process");
            }
            Properties p = new Properties();
            p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
            p.setProperty("kind", kind);
            p.setProperty("description", description == null ? "" : description);
            java.io.StringWriter w = new java.io.StringWriter();
            p.store(w, "FlowInspector spill file " + file.getFileName());
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(w.toString().getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new Spill(file, marker, ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The orphan a marker describes, or null when its process still holds it (or it is no marker of ours). */
    private static Orphan orphan(Path marker) {
        if (OWN.contains(marker.toAbsolutePath()) || !Files.isRegularFile(marker)) {
            return null;
        }
        String name = marker.getFileName().toString();
        Path file = marker.resolveSibling(name.substring(0, name.length() - LOCK.length()));
        try (FileChannel ch = FileChannel.open(marker, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return null;
            }
            if (lock == null) {
                return null; // a live process holds it
            }
            try {
                Properties p = new Properties();
                p.load(new java.io.StringReader(new String(Files.readAllBytes(marker), StandardCharsets.UTF_8)));
                if (!Files.isRegularFile(file)) {
                    return null;
                }
                long pid = Long.parseLong(p.getProperty("pid", "-1"));
                return new Orphan(file, p.getProperty("kind", ""), p.getProperty("description", ""), pid,
                        Files.size(file), Files.getLastModifiedTime(file).toInstant());
            } finally {
                lock.release();
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
