package dev.flowinspector.decode.health;

/**
 * How one exporter stream (address, port, version, domain) behaves over a capture: traffic, sequence
 * findings (RFC 3954 §5.1, RFC 7011 §3.1), restarts, clock and templates. Updated by
 * {@link CrossPacketAnalyzer}; read-only to everyone else.
 */
public final class ExporterHealth {

    private final StreamKey key;
    long packets;
    long records;
    long lateRecords;
    long templateRecords;
    long firstFrame;
    long lastFrame;
    long firstNanos;
    long lastNanos;
    long lostUnits;
    long receivedUnits;
    long gaps;
    long duplicates;
    long resets;
    long wraps;
    long unknownChecks;
    long reboots;
    long lastRebootFrame;
    long exportBackwards;
    long orphanSets;
    long staleSets;
    long expiredSets;
    long clockOffsetMs;
    boolean clockKnown;
    long problems;
    long packetProblems;

    ExporterHealth(StreamKey key) {
        this.key = key;
    }

    public StreamKey key() {
        return key;
    }

    /** Export packets seen. */
    public long packets() {
        return packets;
    }

    /** Data records decoded (options data included), those decoded with a template that came later too. */
    public long records() {
        return records;
    }

    /** Of {@link #records()}, those whose template came later in the capture (decoded once it was read). */
    public long lateRecords() {
        return lateRecords;
    }

    /** Template and options template records received. */
    public long templateRecords() {
        return templateRecords;
    }

    public long firstFrame() {
        return firstFrame;
    }

    public long lastFrame() {
        return lastFrame;
    }

    /** Capture time of the first packet, ns since the epoch (0 when unknown). */
    public long firstNanos() {
        return firstNanos;
    }

    public long lastNanos() {
        return lastNanos;
    }

    /** What the sequence number counts: "records" (v5/v7/v8, IPFIX), "packets" (v9) or "" (v1). */
    public String sequenceUnit() {
        return switch (key.version()) {
            case 9 -> "packets";
            case 1 -> "";
            default -> "records";
        };
    }

    /** Records (or packets, for v9) missing according to the sequence numbers. */
    public long lost() {
        return lostUnits;
    }

    /** Loss in percent of what was sent (received + lost), or 0. */
    public double lossPercent() {
        long sent = lostUnits + receivedUnits;
        return sent <= 0 ? 0 : 100.0 * lostUnits / sent;
    }

    /** Sequence gaps seen. */
    public long gaps() {
        return gaps;
    }

    /** Duplicate or reordered packets. */
    public long duplicates() {
        return duplicates;
    }

    /** Sequence counter restarts. */
    public long resets() {
        return resets;
    }

    /** Sequence wraps around 2^32. */
    public long wraps() {
        return wraps;
    }

    /** Sequence checks skipped because a message's record count was unknown (data without template). */
    public long unknownChecks() {
        return unknownChecks;
    }

    /** Exporter restarts seen (sysUptime went backwards). */
    public long reboots() {
        return reboots;
    }

    /** Frame of the last restart, or 0. */
    public long lastRebootFrame() {
        return lastRebootFrame;
    }

    /** Packets whose export time went backwards. */
    public long exportTimeBackwards() {
        return exportBackwards;
    }

    /** Data sets that had no template when they arrived. */
    public long setsWithoutTemplate() {
        return orphanSets;
    }

    /** Data sets decoded with a template learned before the exporter restarted. */
    public long staleTemplateSets() {
        return staleSets;
    }

    /** Data sets that arrived for an expired template. */
    public long expiredTemplateSets() {
        return expiredSets;
    }

    /** Export time minus capture time of the last packet, in ms (meaningful when {@link #clockKnown()}). */
    public long clockOffsetMs() {
        return clockOffsetMs;
    }

    /** True when capture times were known, so {@link #clockOffsetMs()} means something. */
    public boolean clockKnown() {
        return clockKnown;
    }

    /** Cross-packet problems raised for this stream. */
    public long problems() {
        return problems;
    }

    /** Problems found in the stream's packets themselves, as each was decoded (lengths, counts, padding, values...). */
    public long packetProblems() {
        return packetProblems;
    }

    /** Every problem of the stream: those of its packets and the cross-packet ones (Expert Info lists both). */
    public long allProblems() {
        return packetProblems + problems;
    }
}
