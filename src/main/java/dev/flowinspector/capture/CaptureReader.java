package dev.flowinspector.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A stream of export frames read from a capture, in capture order. */
public interface CaptureReader extends Closeable {

    /** The next export frame, or null at the end (or where the file is damaged: see {@link #damage()}). */
    Frame next() throws IOException;

    /** Bytes of the file consumed so far (for progress; compressed bytes for a gzip file). */
    long position();

    /** Total bytes of the file, or -1 when unknown (a pipe). */
    long size();

    /**
     * Why reading stopped before the end of the file (naming the file, frame and byte offset), or null when
     * the file was read to its end. Everything before the damage has been returned by {@link #next()}.
     */
    String damage();

    /** Frames seen that were not export packets (other ports, other protocols, fragments waiting for the rest). */
    long skipped();

    /** Captured frames read so far (export or not): the number of the last frame read. */
    default long frames() {
        return -1;
    }

    /**
     * Reads no captured frame after the first {@code frames} (export or not, as tshark's {@code -c}): {@link #next}
     * then returns null as at the end of the file. Returns false when this reader cannot stop early.
     */
    default boolean limit(long frames) {
        return false;
    }

    /**
     * Hands the export frames read from now on to a skimmer, which may take some of them as number and time only
     * ({@link Skimmer#passed}, called in order between the frames {@link #next} returns); returns false when this
     * reader cannot skim (then it hands out every frame as ever). A skimmer's decisions may depend on the frames
     * returned before: read and consume on one thread.
     */
    default boolean skim(Skimmer skimmer) {
        return false;
    }

    /**
     * Frames read from now on need not carry {@link Frame#frameBytes} (the captured frame, kept for saving): a reader
     * that can (pcap, pcapng) then reads each record into one reused buffer and copies out only the export payload;
     * returns whether the frames from now on carry no frame bytes.
     */
    default boolean dropFrameBytes() {
        return false;
    }

    /** Comments on the whole file (pcapng section header: comment, hardware, OS, application), in order. */
    default List<String> fileComments() {
        return List.of();
    }

    /** Addresses to names from a pcapng name resolution block. */
    default Map<String, String> names() {
        return Map.of();
    }
}
