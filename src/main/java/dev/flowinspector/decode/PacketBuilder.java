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

    void raw(int off, int len, int id) {
        if (len > 0) {
            sets.add(new FlowSet(id, SetKind.RAW, off, len, null, null, false, null, -1, 0));
        }
    }

    ExportPacket build() {
        return new ExportPacket(ctx, data, version, sets, problems, events, domain, sequence, exportMillis,
                sysUptimeMs, headerCount);
    }
}
