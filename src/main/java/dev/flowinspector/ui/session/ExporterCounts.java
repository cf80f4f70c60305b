package dev.flowinspector.ui.session;

import dev.flowinspector.decode.Endpoint;

/** One exporter stream's counts ({@link ExporterSummary}), added to packet by packet without allocating. */
final class ExporterCounts {
    final Endpoint exporter;
    final int version;
    final long domain;
    long packets;
    long records;
    long templates;
    long problems;
    long firstNanos;
    long lastNanos;
    long firstSeq;
    long lastSeq;

    ExporterCounts(Endpoint exporter, int version, long domain) {
        this.exporter = exporter;
        this.version = version;
        this.domain = domain;
    }

    void add(PacketSummary s) {
        if (packets == 0) {
            firstNanos = s.timeNanos();
            lastNanos = s.timeNanos();
            firstSeq = s.sequence();
        } else {
            firstNanos = Math.min(firstNanos, s.timeNanos());
            lastNanos = Math.max(lastNanos, s.timeNanos());
        }
        packets++;
        records += s.records();
        templates += s.templates();
        problems += s.problemCount();
        lastSeq = s.sequence();
    }

    ExporterSummary summary() {
        return new ExporterSummary(exporter, version, domain, packets, records, templates, problems, firstNanos,
                lastNanos, firstSeq, lastSeq);
    }
}
