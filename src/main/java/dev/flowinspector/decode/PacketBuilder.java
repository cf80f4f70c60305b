package dev.flowinspector.decode;

import java.util.ArrayList;
import java.util.List;

/** Collects the parts of an export packet while a version decoder walks it. */
final class PacketBuilder {
    final DecodeContext ctx;
    final byte[] data;
    final int version;
    final List<FlowSet> sets = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    final List<TemplateEvent> events = new ArrayList<>();
    long domain;
    long sequence;
    long exportMillis;
    long sysUptimeMs = -1;
    int headerCount = -1;
    /** Records with an absolute flow time later than the export time: how many, the first one's field, the most. */
    private int later;
    private int lastLaterRecord = -1;
    private int laterOffset;
    private int laterLength;
    private String laterField;
    private long laterMostMs;
    /** Context of this packet's lazily decoded records, made on first use. */
    RecordContext lazyContext;

    PacketBuilder(DecodeContext ctx, byte[] data, int version) {
        this.ctx = ctx;
        this.data = data;
        this.version = version;
    }

    void problem(ProblemType t, int off, int len, String msg) {
        problems.add(new Problem(t, off, len, msg));
    }

    /** A record (at {@code record}) whose flow time in field {@code name} is {@code byMs} later than the export time. */
    void laterThanExport(int record, int off, int len, String name, long byMs) {
        if (later == 0) {
            laterOffset = off;
            laterLength = len;
            laterField = name;
        }
        if (record != lastLaterRecord) {
            later++;
            lastLaterRecord = record;
        }
        laterMostMs = Math.max(laterMostMs, byMs);
    }

    void raw(int off, int len, int id) {
        if (len > 0) {
            sets.add(new FlowSet(id, SetKind.RAW, off, len, null, null, false, null, -1, 0));
        }
    }

    ExportPacket build() {
        if (later > 0) {
            problem(Problems.VALUE_TIME_AFTER_EXPORT, laterOffset, laterLength, (later == 1 ? "a record ends"
                    : later + " records end") + " after the packet's export time "
                    + java.time.Instant.ofEpochSecond(exportMillis / 1000) + ", by " + (later > 1 ? "up to " : "")
                    + RecordTimeChecks.span(laterMostMs) + " (" + laterField + "): the exporter's clock or the flow times"
                    + " it writes are wrong");
        }
        return new ExportPacket(ctx, data, version, sets, problems, events, domain, sequence, exportMillis,
                sysUptimeMs, headerCount);
    }
}
