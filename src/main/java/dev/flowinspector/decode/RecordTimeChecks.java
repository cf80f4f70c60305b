package dev.flowinspector.decode;

import java.util.List;

/**
 * Flow time checks on data records: start after end (RFC 7012 §5.9: flowStart/flowEnd in seconds,
 * milliseconds, microseconds, nanoseconds and sysUpTime); for NetFlow v9, first/last switched later
 * than the header's sysUptime (RFC 3954 §8: both are sysUptime values taken before the export); and absolute
 * flow times later than the header's export time (RFC 7011 §3.1, RFC 3954 §5.1: the time the packet left the
 * exporter, which no flow in it can end after), counted per packet.
 */
final class RecordTimeChecks {

    static final int SYSUPTIME = 0;
    /** Absolute times: flowStart/EndSeconds, ...Milliseconds, ...Nanoseconds (NTP format, RFC 7011 §6.1.10). */
    private static final int SECONDS = 1;
    private static final int MILLIS = 2;
    private static final int NTP = 3;
    /** NTP era 0 starts 2 208 988 800 s before the Unix epoch. */
    private static final long NTP_TO_UNIX_S = 2_208_988_800L;
    /**
     * How far past the end of the header's export second a flow time may lie before it counts as later than the
     * export: the header has whole seconds, and an exporter may read its clock for the header a moment before a
     * flow it ends while building the packet.
     */
    private static final long EXPORT_SLACK_MS = 1000;
    private static final long HALF = 1L << 31;

    private RecordTimeChecks() {
    }

    /** (start index, end index, kind) triples of the time pairs a template carries; empty when none. */
    static int[] pairs(Template t) {
        List<TemplateField> fs = t.fields();
        int[] first = new int[8];
        java.util.Arrays.fill(first, -1);
        for (int i = 0; i < fs.size(); i++) {
            TemplateField f = fs.get(i);
            if (f.pen() != 0 || f.scope() || f.isVariable() || f.length() == 0 || f.length() > 8) {
                continue;
            }
            int slot = switch (f.id()) {
                case 22 -> 0;
                case 21 -> 1;
                case 150 -> 2;
                case 151 -> 3;
                case 152 -> 4;
                case 153 -> 5;
                case 156 -> 6;
                case 157 -> 7;
                default -> -1;
            };
            if (slot >= 0 && first[slot] < 0) {
                first[slot] = i;
            }
        }
        int[] out = new int[12];
        int n = 0;
        for (int s = 0; s < 8; s += 2) {
            if (first[s] >= 0 && first[s + 1] >= 0) {
                out[n++] = first[s];
                out[n++] = first[s + 1];
                out[n++] = s == 0 ? SYSUPTIME : s == 2 ? SECONDS : s == 4 ? MILLIS : NTP;
            } else if (s == 0 && (first[0] >= 0 || first[1] >= 0)) {
                out[n++] = first[0];
                out[n++] = first[1];
                out[n++] = SYSUPTIME;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Offsets within a record of the fields of {@link #pairs} that a layout places without looking at the
     * record (fixed-length, before any variable-length field), else -1; null when none is.
     */
    static int[] fixedOffsets(int[] pairs, RecordLayout layout) {
        int[] at = new int[pairs.length];
        boolean any = false;
        for (int k = 0; k < pairs.length; k += 3) {
            for (int j = 0; j < 2; j++) {
                int i = pairs[k + j];
                at[k + j] = i >= 0 ? layout.fixedOffset(i) : -1;
                any |= at[k + j] >= 0;
            }
            at[k + 2] = -1;
        }
        return any ? at : null;
    }

    /**
     * Checks the record at {@code off} of a set whose records share {@code sh}; {@code v9} adds the "after sysUptime"
     * check for sysUpTime pairs. Fields placed at {@code at} (from {@link #fixedOffsets}) are read there directly;
     * {@code r} is the record, or null for a record of fixed-length fields only (made here when a problem needs it).
     */
    static void check(PacketBuilder pb, DataRecord.Shared sh, int off, DataRecord r, int[] pairs, int[] at,
                      int[] lengths, boolean v9) {
        byte[] d = pb.data;
        for (int k = 0; k < pairs.length; k += 3) {
            int si = pairs[k];
            int ei = pairs[k + 1];
            long s = -1;
            if (si >= 0) {
                s = at != null && at[k] >= 0 ? ValueDecoder.readUnsigned(d, off + at[k], Math.min(8, lengths[si]))
                        : (r = record(r, sh, off)).unsigned(si);
            }
            long e = -1;
            if (ei >= 0) {
                e = at != null && at[k + 1] >= 0 ? ValueDecoder.readUnsigned(d, off + at[k + 1], Math.min(8, lengths[ei]))
                        : (r = record(r, sh, off)).unsigned(ei);
            }
            if (si >= 0 && ei >= 0 && s > e) {
                boolean uptimeWrap = pairs[k + 2] == SYSUPTIME && s - e > HALF;
                if (!uptimeWrap) {
                    r = record(r, sh, off);
                    List<TemplateField> fs = sh.template.fields();
                    pb.problem(Problems.VALUE_START_AFTER_END, r.valueOffset(si), r.valueLength(si), fs.get(si).name()
                            + " = " + s + " is after " + fs.get(ei).name() + " = " + e);
                }
            }
            if (pairs[k + 2] != SYSUPTIME && pb.exportMillis > 0) {
                int last = ei >= 0 ? ei : si;
                long ms = epochMs(pairs[k + 2], ei >= 0 ? e : s);
                if (pastExport(ms, pb.exportMillis)) {
                    r = record(r, sh, off);
                    pb.laterThanExport(off, r.valueOffset(last), r.valueLength(last),
                            sh.template.fields().get(last).name(), ms - pb.exportMillis);
                }
            }
            if (v9 && pairs[k + 2] == SYSUPTIME && pb.sysUptimeMs >= 0) {
                if (si >= 0 && later(pb.sysUptimeMs, s)) {
                    afterUptime(pb, r = record(r, sh, off), si, s);
                }
                if (ei >= 0 && later(pb.sysUptimeMs, e)) {
                    afterUptime(pb, r = record(r, sh, off), ei, e);
                }
            }
        }
    }

    /** The record the decoder made, or the one at {@code off} made now (most sets make none, see RecordList). */
    private static DataRecord record(DataRecord r, DataRecord.Shared sh, int off) {
        return r != null ? r : new DataRecord(sh, off, -1, null, null);
    }

    /** A positive span in a unit that reads, rounded down: "850 ms", "42 s", "25 min", "24 h", "3 d". */
    static String span(long ms) {
        if (ms < 10_000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        if (s < 120) {
            return s + " s";
        }
        if (s < 120 * 60) {
            return s / 60 + " min";
        }
        return s < 48 * 3600 ? s / 3600 + " h" : s / 86_400 + " d";
    }

    /** An absolute flow time of this kind, in ms since the Unix epoch. */
    static long epochMs(int kind, long v) {
        return switch (kind) {
            case SECONDS -> v * 1000;
            case MILLIS -> v;
            default -> ((v >>> 32) - NTP_TO_UNIX_S) * 1000 + (((v & 0xffff_ffffL) * 1000) >>> 32);
        };
    }

    /** Whether a flow time (ms since the epoch) lies later than the header's export time allows. */
    static boolean pastExport(long ms, long exportMillis) {
        return ms - (exportMillis + 999) > EXPORT_SLACK_MS;
    }

    /** Whether a sysUpTime value lies after the header's sysUptime (and not a wrap of the counter). */
    static boolean later(long sysUptimeMs, long v) {
        return v > sysUptimeMs && v - sysUptimeMs < HALF;
    }

    private static void afterUptime(PacketBuilder pb, DataRecord r, int i, long v) {
        pb.problem(Problems.V9_SWITCHED_AFTER_UPTIME, r.valueOffset(i), r.valueLength(i),
                r.template().fields().get(i).name() + " = " + v + " ms is later than the header's sysUptime "
                        + pb.sysUptimeMs + " ms (by " + (v - pb.sysUptimeMs) + " ms)");
    }

    /**
     * IPFIX: all-zero records at the end of a set, after real ones, are padding as long as a record
     * (RFC 7011 §3.3.1: padding must be shorter than any record), decoded as records.
     */
    static void zeroRecordsAtEnd(PacketBuilder pb, int setId, List<DataRecord> records, int fixed) {
        int z = 0;
        for (int i = records.size() - 1; i > 0; i--) {
            DataRecord r = records.get(i);
            if (!V9Decoder.allZero(pb.data, r.offset(), r.offset() + r.length())) {
                break;
            }
            z++;
        }
        if (z > 0 && z < records.size()) {
            int off = records.get(records.size() - z).offset();
            pb.problem(Problems.IPFIX_PADDING_TOO_LONG, off, z * fixed, "the last " + (z == 1 ? "record" : z + " records")
                    + " of set " + setId + " (" + z * fixed + " bytes) " + (z == 1 ? "is" : "are") + " all zero: "
                    + "padding as long as a " + fixed + "-byte record, decoded as " + (z == 1 ? "a record" : "records"));
        }
    }
}
