package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElementRegistry;

/** NetFlow v1, v5, v7 and v8: fixed headers and fixed records (Cisco NetFlow export datagram formats). */
final class LegacyDecoder {

    static final int V1_HEADER = 16;
    static final int V5_HEADER = 24;
    static final int V7_HEADER = 24;
    static final int V8_HEADER = 28;

    private final InformationElementRegistry registry;
    private final LegacyLayout v1;
    private final LegacyLayout v5;
    private final LegacyLayout v7;
    private final V8Layouts v8;

    /** Whether records' time pairs are checked ({@link ExportDecoder#valueChecks}). */
    boolean valueChecks = true;

    LegacyDecoder(InformationElementRegistry reg) {
        this.registry = reg;
        this.v1 = LegacyLayout.of(reg, "v1", 24,
                "sourceIPv4Address", 4, "destinationIPv4Address", 4, "ipNextHopIPv4Address", 4,
                "ingressInterface", 2, "egressInterface", 2, "packetDeltaCount", 4, "octetDeltaCount", 4,
                "flowStartSysUpTime", 4, "flowEndSysUpTime", 4, "sourceTransportPort", 2,
                "destinationTransportPort", 2, "padding1", 2, "protocolIdentifier", 1, "ipClassOfService", 1,
                "tcpControlBits", 1, "padding2", 3, "reserved", 4);
        this.v5 = LegacyLayout.of(reg, "v5", 30,
                "sourceIPv4Address", 4, "destinationIPv4Address", 4, "ipNextHopIPv4Address", 4,
                "ingressInterface", 2, "egressInterface", 2, "packetDeltaCount", 4, "octetDeltaCount", 4,
                "flowStartSysUpTime", 4, "flowEndSysUpTime", 4, "sourceTransportPort", 2,
                "destinationTransportPort", 2, "padding1", 1, "tcpControlBits", 1, "protocolIdentifier", 1,
                "ipClassOfService", 1, "bgpSourceAsNumber", 2, "bgpDestinationAsNumber", 2,
                "sourceIPv4PrefixLength", 1, "destinationIPv4PrefixLength", 1, "padding2", 2);
        this.v7 = LegacyLayout.of(reg, "v7", 27,
                "sourceIPv4Address", 4, "destinationIPv4Address", 4, "ipNextHopIPv4Address", 4,
                "ingressInterface", 2, "egressInterface", 2, "packetDeltaCount", 4, "octetDeltaCount", 4,
                "flowStartSysUpTime", 4, "flowEndSysUpTime", 4, "sourceTransportPort", 2,
                "destinationTransportPort", 2, "validityFlags", 1, "tcpControlBits", 1, "protocolIdentifier", 1,
                "ipClassOfService", 1, "bgpSourceAsNumber", 2, "bgpDestinationAsNumber", 2,
                "sourceIPv4PrefixLength", 1, "destinationIPv4PrefixLength", 1, "padding2", 2, "routerSc", 4);
        this.v8 = new V8Layouts(reg);
    }

    ExportPacket decode(byte[] d, DecodeContext ctx, int version) {
        PacketBuilder pb = new PacketBuilder(ctx, d, version);
        int hdr = switch (version) {
            case 1 -> V1_HEADER;
            case 8 -> V8_HEADER;
            default -> V5_HEADER;
        };
        if (d.length < hdr) {
            pb.problem(Problems.PACKET_TRUNCATED, 0, d.length, "NetFlow v" + version + " header needs " + hdr
                    + " bytes, packet has " + d.length);
            pb.raw(0, d.length, -1);
            return pb.build();
        }
        int count = ValueDecoder.u16(d, 2);
        pb.headerCount = count;
        pb.sysUptimeMs = ValueDecoder.u32(d, 4);
        long secs = ValueDecoder.u32(d, 8);
        long nsecs = ValueDecoder.u32(d, 12);
        pb.exportMillis = secs * 1000 + Math.min(nsecs, 999_999_999L) / 1_000_000;
        if (nsecs >= 1_000_000_000L && version != 1) {
            pb.problem(Problems.V5_NSECS_RANGE, 12, 4, "unix_nsecs = " + nsecs + " is not below 10^9");
        }
        if (version != 1) {
            pb.sequence = ValueDecoder.u32(d, 16);
        }
        if (version == 5 || version == 8) {
            pb.domain = (ValueDecoder.u8(d, 20) << 8) | ValueDecoder.u8(d, 21);
        }
        LegacyLayout layout = switch (version) {
            case 1 -> v1;
            case 5 -> v5;
            case 7 -> v7;
            default -> v8.forScheme(ValueDecoder.u8(d, 22));
        };
        if (layout == null) {
            int agg = ValueDecoder.u8(d, 22);
            pb.problem(Problems.V8_AGGREGATION_UNKNOWN, 22, 1, "aggregation scheme " + agg
                    + " is not a known v8 scheme");
            pb.raw(hdr, d.length - hdr, 0);
            return pb.build();
        }
        records(pb, layout, hdr, count, version);
        return pb.build();
    }

    private void records(PacketBuilder pb, LegacyLayout layout, int hdr, int count, int version) {
        byte[] d = pb.data;
        int size = layout.recordSize;
        if (count > layout.maxCount) {
            pb.problem(Problems.LEGACY_COUNT_LIMIT, 2, 2, "count " + count + " is above the v" + version
                    + (version == 8 ? " " + layout.name : "") + " maximum of " + layout.maxCount);
        }
        if (count == 0) {
            pb.problem(Problems.LEGACY_COUNT_ZERO, 2, 2, "header count is 0");
        }
        int available = (d.length - hdr) / size;
        int expectedLen = hdr + count * size;
        if (d.length < expectedLen) { // extra bytes after complete records are reported as trailing below
            pb.problem(Problems.LEGACY_LENGTH_MISMATCH, 2, 2, "count " + count + " needs " + expectedLen + " bytes ("
                    + hdr + " + " + count + " × " + size + ") but the packet has " + d.length
                    + (available < count ? "; decoding the " + available + " complete record(s) present" : ""));
        }
        int n = Math.min(count, available);
        TemplateKey key = new TemplateKey(pb.ctx.source(), version, pb.domain, 0);
        Template t = new Template(key, layout.fields, 0, false, pb.ctx.frame(), hdr, size);
        if (layout.plan == null) {
            layout.plan = FieldPlan.of(layout.fields, registry);
            layout.times = RecordTimeChecks.pairs(t);
            layout.timesAt = RecordTimeChecks.fixedOffsets(layout.times, layout.plan.layout);
            int[] ts = layout.times;
            int[] at = layout.timesAt;
            int[] lengths = layout.plan.layout.lengths;
            if (ts.length == 3 && ts[2] == RecordTimeChecks.SYSUPTIME && at != null && at[0] >= 0 && at[1] >= 0
                    && lengths[ts[0]] == 4 && lengths[ts[1]] == 4) {
                layout.quickStart = at[0];
                layout.quickEnd = at[1];
            }
        }
        RecordLayout rel = layout.plan.layout;
        RecordContext rc = new RecordContext(registry, "nf" + version, pb.sysUptimeMs, pb.exportMillis, tid -> null);
        int[] times = layout.times;
        int[] timesAt = layout.timesAt;
        int p = hdr;
        DataRecord.Shared shared = new DataRecord.Shared(d, t, layout.plan, rc);
        int qs = QuickChecks.enabled ? layout.quickStart : -1;
        int qe = layout.quickEnd;
        for (int i = 0; i < n; i++) {
            // the pair holds sysUpTime values, and without the v9 check against the header's uptime the only thing
            // the full check can report is a start after the end
            if (valueChecks && (qs < 0 || ValueDecoder.u32(d, p + qs) > ValueDecoder.u32(d, p + qe))) {
                RecordTimeChecks.check(pb, shared, p, null, times, timesAt, rel.lengths, false);
            }
            p += size;
        }
        int setLen = n * size;
        pb.sets.add(new FlowSet(0, SetKind.DATA, hdr, setLen, null, t, false, RecordList.fixed(shared, hdr, size, n),
                -1, 0));
        if (p < d.length) {
            if (available >= count && V9Decoder.allZero(d, p, d.length)) {
                pb.problem(Problems.TRAILING_BYTES, p, d.length - p, (d.length - p) + " zero bytes after record " + n);
            } else if (available >= count) {
                pb.problem(Problems.TRAILING_BYTES, p, d.length - p, (d.length - p) + " bytes after record " + n
                        + " (count says " + count + ")");
            }
            pb.raw(p, d.length - p, -1);
        }
    }
}
