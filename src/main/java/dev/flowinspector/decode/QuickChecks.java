package dev.flowinspector.decode;

/**
 * A quick pass over the value and time checks of one record, for the templates most exporters send: every checked
 * value a one-byte prefix length and every time field placed without looking at the record. It reads each value
 * with one load and says whether the record is clean; only a record it does not pass goes through the full checks
 * ({@link TemplateBasedDecoder}'s value checks and {@link RecordTimeChecks#check}), which decide what to report. It
 * tests the same conditions as they do, from the same helpers, so a record it passes is one they would pass.
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

    private QuickChecks(int[] prefixAt, int[] prefixMax, int[] startAt, int[] endAt, long[] startMask,
                        long[] endMask, int[] kinds) {
        this.prefixAt = prefixAt;
        this.prefixMax = prefixMax;
        this.startAt = startAt;
        this.endAt = endAt;
        this.startMask = startMask;
        this.endMask = endMask;
        this.kinds = kinds;
    }

    /**
     * The quick pass for a template's checks, or null when it has a check it does not cover (booleans, strings,
     * MPLS labels, a prefix length that is not one byte or whose place depends on the record, a time field after a
     * variable-length one).
     *
     * @param checks  per checked field, what is checked (ValueChecks' CHECK_*)
     * @param checked the checked fields' indexes
     * @param pairs   {@link RecordTimeChecks#pairs}
     * @param window  the template's {@link RecordLayout#window}: where each placed value's 8 bytes start, its mask
     */
    static QuickChecks of(int[] checks, int[] checked, int[] pairs, long[] window) {
        int[] prefixAt = new int[checks.length];
        int[] prefixMax = new int[checks.length];
        for (int k = 0; k < checks.length; k++) {
            boolean prefix = checks[k] == ValueChecks.CHECK_PREFIX4 || checks[k] == ValueChecks.CHECK_PREFIX6;
            int i = checked[k];
            if (!prefix || window[2 * i] == RecordLayout.NO_WINDOW || window[2 * i + 1] != 0xff) { // placed, one byte
                return null;
            }
            prefixAt[k] = (int) window[2 * i] + 7; // the byte the 8 end with
            prefixMax[k] = checks[k] == ValueChecks.CHECK_PREFIX4 ? 32 : 128;
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
        return new QuickChecks(prefixAt, prefixMax, startAt, endAt, startMask, endMask, kinds);
    }

    /**
     * Whether the record at {@code p} passes every check, so that the full checks would report nothing. A record
     * starts after the export header, so every window of 8 bytes lies inside the packet.
     */
    boolean clean(byte[] d, int p, long exportMillis, long sysUptimeMs, boolean v9) {
        for (int k = 0; k < prefixAt.length; k++) {
            if ((d[p + prefixAt[k]] & 0xff) > prefixMax[k]) {
                return false;
            }
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
