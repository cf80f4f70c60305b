package dev.flowinspector.capture;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Common part of the file readers: reads record by record, hands out the export frames they complete, and
 * turns a cut-short or unreadable file into a {@link #damage()} message after everything before it.
 */
abstract class AbstractCaptureReader implements CaptureReader {

    protected final String name;
    protected final CaptureInput in;
    private final long size;
    private final ArrayDeque<Frame> pending = new ArrayDeque<>();
    protected long frameNo;
    private long skipped;
    private long exportFrames;
    private String damage;
    private boolean ended;
    /** {@link #limit}: captured frames to read at most. */
    private long limit = Long.MAX_VALUE;
    protected final List<String> fileComments = new ArrayList<>();
    protected final Map<String, String> names = new LinkedHashMap<>();
    /** The skimmer given to {@link #skim}, or null. */
    protected Skimmer skimmer;
    /** A record's bytes while skimming, read again for the next record. */
    protected byte[] scratch = new byte[0];
    /** Set by {@link #dropFrameBytes}: records are read into {@link #scratch} and frames carry no frame bytes. */
    protected boolean dropFrameBytes;

    AbstractCaptureReader(String name, CaptureInput in, long size) {
        this.name = name;
        this.in = in;
        this.size = size;
    }

    /**
     * Reads the next record and {@link #emit}s what it holds; returns false at the end of the file or when it
     * called {@link #damaged}.
     */
    protected abstract boolean readRecord() throws IOException;

    /** Hands out the export frames a record completed; counts the record as skipped when it completed none. */
    protected final void emit(List<Frame> frames) {
        if (frames.isEmpty()) {
            skipped++;
        }
        exportFrames += frames.size();
        for (int i = 0; i < frames.size(); i++) {
            pending.add(frames.get(i)); // not addAll: ArrayDeque's goes through a lambda, a call per frame in C1 code
        }
    }

    /**
     * While skimming: the skimmer's part of the next captured frame {@code d[off..off+len)} (number
     * {@code frameNo + 1}) when the parser sees in place that it holds no export packet, or an export packet the
     * skimmer does not want whole; then the frame is counted and true returned. False: parse it as ever.
     */
    protected final boolean skimmed(PacketParser parser, int linkType, byte[] d, int off, int len, long timeNanos) {
        long r = parser.skim(linkType, d, off, len);
        if (r == PacketParser.SKIM_PARSE) {
            return false;
        }
        if (r == PacketParser.SKIM_NONE) {
            frameNo++;
            skipped++;
            return true;
        }
        if (skimmer.wants(d, (int) (r >>> 32), (int) r)) {
            return false;
        }
        frameNo++;
        exportFrames++;
        skimmer.passed(frameNo, timeNanos);
        return true;
    }

    /** {@link #scratch}, at least {@code n} bytes long. */
    protected final byte[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, Math.min(2 * scratch.length, 1 << 24))];
        }
        return scratch;
    }

    /** Stops reading here; the message names the file, and what and where was wrong. */
    protected final boolean damaged(String what) {
        damage = name + ": " + what;
        return false;
    }

    /** Where an offset is, for messages (uncompressed offsets say so). */
    protected final String at(long offset) {
        return "byte offset " + offset + (in.compressed() ? " (uncompressed)" : "");
    }

    @Override
    public final Frame next() throws IOException {
        while (pending.isEmpty() && !ended) {
            if (frameNo >= limit) {
                ended = true;
                break;
            }
            boolean more;
            try {
                more = readRecord();
            } catch (IOException e) {
                // a damaged compressed stream or a read error: keep what was read
                damage = name + ": unreadable after frame " + frameNo + " at " + at(in.pos()) + ": " + why(e);
                more = false;
            }
            if (!more) {
                ended = true;
            }
        }
        return pending.poll();
    }

    /**
     * What a failed read says, in words: a compressed stream's own messages ("Unexpected end of ZLIB input stream",
     * "invalid stored block lengths") are zlib's, so they are said as what they mean for the file, zlib's kept after.
     */
    private String why(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!in.compressed()) {
            return m;
        }
        if (e instanceof java.io.EOFException) {
            return "the gzip data ends early: the file was cut short (" + m + ")";
        }
        if (e instanceof java.util.zip.ZipException) {
            return "the gzip data is damaged (" + m + ")";
        }
        return m;
    }

    /** Pcap and pcapng readers then read records into {@link #scratch}; an IPFIX file's frames carry none anyway. */
    @Override
    public boolean dropFrameBytes() {
        dropFrameBytes = true;
        return true;
    }

    @Override
    public boolean limit(long frames) {
        limit = frames;
        return true;
    }

    /** Pcap and pcapng readers skim; others do not. */
    @Override
    public boolean skim(Skimmer s) {
        return false;
    }

    @Override
    public long position() {
        return in.fileBytesRead();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String damage() {
        return damage;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public long frames() {
        return frameNo;
    }

    @Override
    public List<String> fileComments() {
        return Collections.unmodifiableList(fileComments);
    }

    @Override
    public Map<String, String> names() {
        return Collections.unmodifiableMap(names);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
