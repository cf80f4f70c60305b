package dev.flowinspector.ui.session;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Severity;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The packet-list rows of a session, 44 bytes each in a {@link Slab} (no object per row): a {@link PacketSummary}
 * is made when a row is asked for (the list asks for the rows it shows). The exporter stream (exporter, version,
 * domain) and the info column's suffixes are numbers into tables of those seen; the rare row that does not fit
 * (counts beyond 65 535, a sequence number beyond 32 bits) is kept whole beside. Guarded by the session's lock.
 */
final class RowStore extends AbstractList<PacketSummary> implements RandomAccess, Closeable {

    static final int WIDTH = 44;
    private static final int NUMBER = 0;
    private static final int TIME = 8;
    private static final int SEQUENCE = 16;
    private static final int STREAM = 20;
    private static final int RECORDS = 24;
    private static final int LENGTH = 28;
    private static final int SETS = 32;
    private static final int TEMPLATES = 34;
    private static final int PROBLEMS = 36;
    private static final int WORST = 38;
    private static final int FLAGS = 39;
    private static final int SUFFIX = 40;
    private static final byte WHOLE = 1;
    private static final Severity[] SEVERITIES = Severity.values();

    private record Stream(Endpoint exporter, int version, long domain) {
    }

    /** The info column's suffixes of a row (data without its template, or with a later one). */
    private record Suffix(String missing, String late) {
    }

    private final Slab slab;
    private final List<Stream> streams = new ArrayList<>();
    private final Map<Stream, Integer> streamIds = new HashMap<>();
    private final List<Suffix> suffixes = new ArrayList<>(List.of(new Suffix(null, null)));
    private final Map<Suffix, Integer> suffixIds = new HashMap<>(Map.of(new Suffix(null, null), 0));
    private Stream lastStream;
    private int lastStreamId;
    /** Rows replaced (read without the session's lock). */
    private volatile long replaced;
    /** Rows kept whole (they do not fit the fixed layout), by index. */
    private final Map<Integer, PacketSummary> whole = new HashMap<>();

    RowStore(Slab slab) {
        this.slab = slab;
    }

    @Override
    public int size() {
        return slab.size();
    }

    @Override
    public boolean add(PacketSummary s) {
        try {
            put(slab.add(), s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the row of frame " + s.number() + ": " + e.getMessage(), e);
        }
        return true;
    }

    @Override
    public PacketSummary set(int index, PacketSummary s) {
        PacketSummary old = get(index);
        put(index, s);
        replaced = replaced + 1; // one writer: the session's lock is held
        return old;
    }

    /** Rows replaced so far ({@link #set}): a list that shows rows made before a replacement shows old ones. */
    long replaced() {
        return replaced;
    }

    private void put(int i, PacketSummary s) {
        boolean fits = s.index() == i && s.sequence() >= 0
                && s.sequence() <= 0xFFFF_FFFFL && s.sets() >= 0 && s.sets() <= 0xFFFF && s.templates() >= 0
                && s.templates() <= 0xFFFF && s.problemCount() >= 0 && s.problemCount() <= 0xFFFF;
        if (!fits) {
            slab.put(i, FLAGS, WHOLE);
            whole.put(i, s);
            return;
        }
        whole.remove(i);
        slab.put(i, FLAGS, (byte) 0);
        slab.putLong(i, NUMBER, s.number());
        slab.putLong(i, TIME, s.timeNanos());
        slab.putInt(i, SEQUENCE, (int) s.sequence());
        slab.putInt(i, STREAM, stream(s.exporter(), s.version(), s.domain()));
        slab.putInt(i, RECORDS, s.records());
        slab.putInt(i, LENGTH, s.length());
        slab.putChar(i, SETS, (char) s.sets());
        slab.putChar(i, TEMPLATES, (char) s.templates());
        slab.putChar(i, PROBLEMS, (char) s.problemCount());
        slab.put(i, WORST, (byte) (s.worst() == null ? 0 : s.worst().ordinal() + 1));
        slab.putInt(i, SUFFIX, s.missing() == null && s.late() == null ? 0
                : suffixIds.computeIfAbsent(new Suffix(s.missing(), s.late()), k -> {
                    suffixes.add(k);
                    return suffixes.size() - 1;
                }));
    }

    private int stream(Endpoint exporter, int version, long domain) {
        Stream l = lastStream;
        if (l != null && l.exporter == exporter && l.version == version && l.domain == domain) {
            return lastStreamId;
        }
        Stream k = new Stream(exporter, version, domain);
        Integer id = streamIds.get(k);
        if (id == null) {
            id = streams.size();
            streams.add(k);
            streamIds.put(k, id);
        }
        lastStream = k;
        lastStreamId = id;
        return id;
    }

    @Override
    public PacketSummary get(int i) {
        if (slab.get(i, FLAGS) == WHOLE) {
            return whole.get(i);
        }
        Stream st = streams.get(slab.getInt(i, STREAM));
        int w = slab.get(i, WORST);
        Suffix x = suffixes.get(slab.getInt(i, SUFFIX));
        return new PacketSummary(i, slab.getLong(i, NUMBER), slab.getLong(i, TIME), st.exporter, st.version, st.domain,
                slab.getInt(i, SEQUENCE) & 0xFFFF_FFFFL, slab.getChar(i, SETS), slab.getChar(i, TEMPLATES),
                slab.getInt(i, RECORDS), slab.getInt(i, LENGTH), w == 0 ? null : SEVERITIES[w - 1],
                slab.getChar(i, PROBLEMS), x.missing, x.late);
    }

    /** The frame number of a row, without making the row. */
    long number(int i) {
        return slab.get(i, FLAGS) == WHOLE ? whole.get(i).number() : slab.getLong(i, NUMBER);
    }

    /** Whether a row has a problem, without making the row. */
    boolean hasProblem(int i) {
        return slab.get(i, FLAGS) == WHOLE ? whole.get(i).worst() != null : slab.get(i, WORST) != 0;
    }

    /**
     * The first position in [from, to) whose row ({@code rowAt} of the position) has a problem, or -1: the rows are
     * read where they are kept, without being made (a million rows take milliseconds).
     */
    int firstWithProblem(int from, int to, java.util.function.IntUnaryOperator rowAt) {
        for (int p = from; p < to; p++) {
            if (hasProblem(rowAt.applyAsInt(p))) {
                return p;
            }
        }
        return -1;
    }

    /** The row of a frame number (rows are in frame order), or -1. */
    int indexOfFrame(long frame) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long n = number(mid);
            if (n < frame) {
                lo = mid + 1;
            } else if (n > frame) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        whole.clear();
        slab.close();
    }

    /** The rows of a session: on the heap for a file, in a mapped temporary file for a capture with no file. */
    static RowStore of(boolean offHeap, String name) {
        try {
            return new RowStore(offHeap ? Slab.mapped(WIDTH, 16, "rows") : Slab.onHeap(WIDTH, 12));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot make the rows of " + name + ": " + e.getMessage(), e);
        }
    }

    /** The first n rows as a list whose rows are made when asked for (no copy of a large capture's rows). */
    static List<PacketSummary> view(int n, java.util.function.IntFunction<PacketSummary> row) {
        return new AbstractList<>() {
            @Override
            public PacketSummary get(int i) {
                java.util.Objects.checkIndex(i, n);
                return row.apply(i);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }
}
