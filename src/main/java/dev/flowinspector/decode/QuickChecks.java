package dev.flowinspector.decode;

/**
 * A quick pass over the value and time checks of one record, for the templates most exporters send: every checked
 * value a one-byte prefix length or a string, every time field and prefix length placed without looking at the
 * record, and each string placed too or the template's only variable-length field. It reads each number with one
 * load and each string eight bytes at a time (plain ASCII is valid UTF-8), and says whether the record is clean;
 * only a record it does not pass goes through the full checks ({@link TemplateBasedDecoder}'s value checks and
 * {@link RecordTimeChecks#check}), which decide what to report. It tests the same conditions as they do, from the
 * same helpers, so a record it passes is one they would pass.
 */
final class QuickChecks {

    /**
     * Off only in tests, which compare what decoders made with and without the quick pass report (this one and the
     * legacy records' one, {@link LegacyLayout#quickStart}).
     */
    static boolean enabled = true;

    /** A time pair without this end. */
    private static final int NONE = Integer.MIN_VALUE;

    /** Offsets in the record of the one-byte prefix lengths, and the largest each may be (32 or 128). */
    private final int[] prefixAt;
    private final int[] prefixMax;
    /** Per time pair: where the 8 bytes ending with its start and end values begin in the record (or NONE). */
    private final int[] startAt;
    private final int[] endAt;
    /** Per time pair: the masks that keep the start and end values out of those 8 bytes, and the pair's kind. */
    private final long[] startMask;
    private final long[] endMask;
    private final int[] kinds;
    /** Offsets in the record of the placed strings, and their lengths. */
    private final int[] textAt;
    private final int[] textLength;
    /** Whether the template's only variable-length field is a string (checked at the record's prefix position). */
    private final boolean varText;

    private QuickChecks(int[] prefixAt, int[] prefixMax, int[] startAt, int[] endAt, long[] startMask,
                        long[] endMask, int[] kinds, int[] textAt, int[] textLength, boolean varText) {
        this.textAt = textAt;
        this.textLength = textLength;
        this.varText = varText;
        this.prefixAt = prefixAt;
        this.prefixMax = prefixMax;
        this.startAt = startAt;
        this.endAt = endAt;
        this.startMask = startMask;
        this.endMask = endMask;
        this.kinds = kinds;
    }

    /**
     * The quick pass for a template's checks, or null when it has a check it does not cover (booleans, MPLS labels,
     * a prefix length that is not one byte or whose place depends on the record, a string after a variable-length
     * field or among several, a time field after a variable-length one).
     *
     * @param checks  per checked field, what is checked (ValueChecks' CHECK_*)
     * @param checked the checked fields' indexes
     * @param pairs   {@link RecordTimeChecks#pairs}
     * @param layout  the template's layout: where each placed value's 8 bytes start ({@link RecordLayout#window}),
     *                where each placed value starts and how long it is ({@link RecordLayout#place})
     */
    static QuickChecks of(int[] checks, int[] checked, int[] pairs, RecordLayout layout) {
        long[] window = layout.window;
        int[] place = layout.place;
        int[] prefixAt = new int[checks.length];
        int[] prefixMax = new int[checks.length];
        int[] textAt = new int[checks.length];
        int[] textLength = new int[checks.length];
        int np = 0;
        int nt = 0;
        boolean varText = false;
        for (int k = 0; k < checks.length; k++) {
            int i = checked[k];
            if (checks[k] == ValueChecks.CHECK_UTF8) {
                if (place[2 * i] >= 0) {
                    textAt[nt] = place[2 * i];
                    textLength[nt++] = place[2 * i + 1];
                } else if (layout.varCount() == 1 && layout.varFields[0] == i) {
                    varText = true;
                } else {
                    return null;
                }
                continue;
            }
            boolean prefix = checks[k] == ValueChecks.CHECK_PREFIX4 || checks[k] == ValueChecks.CHECK_PREFIX6;
            if (!prefix || window[2 * i] == RecordLayout.NO_WINDOW || window[2 * i + 1] != 0xff) { // placed, one byte
                return null;
            }
            prefixAt[np] = (int) window[2 * i] + 7; // the byte the 8 end with
            prefixMax[np++] = checks[k] == ValueChecks.CHECK_PREFIX4 ? 32 : 128;
        }
        int n = pairs.length / 3;
        int[] startAt = new int[n];
        int[] endAt = new int[n];
        long[] startMask = new long[n];
        long[] endMask = new long[n];
        int[] kinds = new int[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < 2; j++) {
                int i = pairs[3 * k + j];
                int at = NONE;
                long mask = 0;
                if (i >= 0) {
                    if (window[2 * i] == RecordLayout.NO_WINDOW) {
                        return null;
                    }
                    at = (int) window[2 * i];
                    mask = window[2 * i + 1];
                }
                if (j == 0) {
                    startAt[k] = at;
                    startMask[k] = mask;
                } else {
                    endAt[k] = at;
                    endMask[k] = mask;
                }
            }
            kinds[k] = pairs[3 * k + 2];
        }
        return new QuickChecks(java.util.Arrays.copyOf(prefixAt, np), java.util.Arrays.copyOf(prefixMax, np), startAt,
                endAt, startMask, endMask, kinds, java.util.Arrays.copyOf(textAt, nt),
                java.util.Arrays.copyOf(textLength, nt), varText);
    }

    /**
     * Whether the record at {@code p} passes every check, so that the full checks would report nothing. A record
     * starts after the export header, so every window of 8 bytes lies inside the packet.
     *
     * @param var0 the position of the length prefix of the template's only variable-length field (a record laid out
     *             by {@link RecordLayout#prefixOfOnlyVar}), or -1 when it has none
     */
    boolean clean(byte[] d, int p, int var0, long exportMillis, long sysUptimeMs, boolean v9) {
        for (int k = 0; k < prefixAt.length; k++) {
            if ((d[p + prefixAt[k]] & 0xff) > prefixMax[k]) {
                return false;
            }
        }
        for (int k = 0; k < textAt.length; k++) {
            if (!ValueDecoder.ascii(d, p + textAt[k], textLength[k])) {
                return false;
            }
        }
        if (varText && !ValueDecoder.ascii(d, RecordLayout.varStart(d, var0), RecordLayout.varLength(d, var0))) {
            return false;
        }
        for (int k = 0; k < kinds.length; k++) {
            int sa = startAt[k];
            int ea = endAt[k];
            long s = sa == NONE ? -1 : ValueDecoder.be64(d, p + sa) & startMask[k];
            long e = ea == NONE ? -1 : ValueDecoder.be64(d, p + ea) & endMask[k];
            if (sa != NONE && ea != NONE && s > e) {
                return false; // the full check tells a counter wrap from a real one
            }
            if (kinds[k] != RecordTimeChecks.SYSUPTIME) {
                if (exportMillis > 0 && RecordTimeChecks.pastExport(RecordTimeChecks.epochMs(kinds[k],
                        ea != NONE ? e : s), exportMillis)) {
                    return false;
                }
            } else if (v9 && sysUptimeMs >= 0 && (sa != NONE && RecordTimeChecks.later(sysUptimeMs, s)
                    || ea != NONE && RecordTimeChecks.later(sysUptimeMs, e))) {
                return false;
            }
        }
        return true;
    }
}
