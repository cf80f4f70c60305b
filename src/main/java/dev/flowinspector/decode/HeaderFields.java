package dev.flowinspector.decode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The header fields of an export packet as {@link FieldValue}s, built only when someone looks at them
 * (a display, JSON output), never while walking a capture. Layouts: RFC 3954 §5.1 (v9), RFC 7011 §3.1
 * (IPFIX), Cisco NetFlow export datagram formats (v1, v5, v7, v8).
 */
final class HeaderFields {

    private HeaderFields() {
    }

    static List<FieldValue> of(byte[] d, int version) {
        List<FieldValue> h = new ArrayList<>(12);
        String px = PacketTree.prefix(version) + ".header";
        if (d.length < 2) {
            return h;
        }
        num(h, d, px, "version", 0, 2);
        int need = switch (version) {
            case 1 -> LegacyDecoder.V1_HEADER;
            case 5, 7 -> LegacyDecoder.V5_HEADER;
            case 8 -> LegacyDecoder.V8_HEADER;
            case 9 -> V9Decoder.HEADER;
            case 10 -> IpfixDecoder.HEADER;
            default -> Integer.MAX_VALUE;
        };
        if (d.length < need) {
            return h;
        }
        switch (version) {
            case 9 -> {
                num(h, d, px, "count", 2, 2);
                num(h, d, px, "sysUptime", 4, 4);
                secs(h, d, px, "unixSecs", 8, 0);
                num(h, d, px, "sequence", 12, 4);
                num(h, d, px, "sourceId", 16, 4);
            }
            case 10 -> {
                num(h, d, px, "length", 2, 2);
                secs(h, d, px, "exportTime", 4, 0);
                num(h, d, px, "sequenceNumber", 8, 4);
                num(h, d, px, "observationDomainId", 12, 4);
            }
            default -> legacy(h, d, px, version);
        }
        return h;
    }

    private static void legacy(List<FieldValue> h, byte[] d, String px, int version) {
        num(h, d, px, "count", 2, 2);
        num(h, d, px, "sysUptime", 4, 4);
        long nsecs = ValueDecoder.u32(d, 12);
        long secs = ValueDecoder.u32(d, 8);
        Instant exp = Instant.ofEpochSecond(secs, Math.min(nsecs, 999_999_999L));
        h.add(FieldValue.header(px, "unixSecs", 8, 4, secs, secs + " (" + ValueDecoder.instantText(exp) + ")"));
        num(h, d, px, "unixNsecs", 12, 4);
        if (version == 1) {
            return;
        }
        num(h, d, px, "flowSequence", 16, 4);
        if (version == 7) {
            num(h, d, px, "reserved", 20, 4);
            return;
        }
        num(h, d, px, "engineType", 20, 1);
        num(h, d, px, "engineId", 21, 1);
        if (version == 5) {
            int s = ValueDecoder.u16(d, 22);
            int mode = s >>> 14;
            int interval = s & 0x3fff;
            List<FieldValue> kids = List.of(
                    FieldValue.header(px + ".sampling", "samplingMode", 22, 1, (long) mode,
                            mode + " (" + samplingMode(mode) + ")"),
                    FieldValue.header(px + ".sampling", "samplingInterval", 22, 2, (long) interval,
                            Integer.toString(interval)));
            h.add(new FieldValue("sampling", px + ".sampling", null, 22, 2, (long) s,
                    "0x" + Integer.toHexString(s) + " (mode " + mode + ", interval " + interval + ")", kids));
            return;
        }
        int agg = ValueDecoder.u8(d, 22);
        String name = V8Layouts.schemeName(agg);
        h.add(FieldValue.header(px, "aggregation", 22, 1, (long) agg, agg + " (" + (name != null ? name : "unknown") + ")"));
        num(h, d, px, "aggregationVersion", 23, 1);
        num(h, d, px, "reserved", 24, 4);
    }

    static String samplingMode(int m) {
        return switch (m) {
            case 0 -> "no sampling";
            case 1 -> "deterministic";
            case 2 -> "random";
            default -> "reserved";
        };
    }

    private static void num(List<FieldValue> h, byte[] d, String px, String name, int off, int len) {
        long v = ValueDecoder.readUnsigned(d, off, len);
        h.add(FieldValue.header(px, name, off, len, v, Long.toString(v)));
    }

    /**
     * A header's export time: its value the seconds since 1970 (a number, as v1-v8's unixSecs, tshark's
     * cflow.unix_secs and cflow.exporttime, and what a filter compares), its text those seconds and the UTC time.
     */
    private static void secs(List<FieldValue> h, byte[] d, String px, String name, int off, int unused) {
        long secs = ValueDecoder.u32(d, off);
        Instant exp = Instant.ofEpochSecond(secs);
        h.add(FieldValue.header(px, name, off, 4, secs, secs + " (" + ValueDecoder.instantText(exp) + ")"));
    }
}
