package dev.flowinspector.tools.generate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The exporter simulator: round-robins packets over its exporters, paces them to a rate and injects
 * faults on schedule. With a virtual clock (capture files) the output depends only on the options.
 */
public final class Generator {

    /** What a run produced. */
    public record Stats(long packets, long records, long bytes, long elapsedNanos) {
        public double packetsPerSecond() {
            return elapsedNanos == 0 ? 0 : packets * 1e9 / elapsedNanos;
        }

        public double recordsPerSecond() {
            return elapsedNanos == 0 ? 0 : records * 1e9 / elapsedNanos;
        }
    }

    private final GeneratorOptions o;
    private final List<Fault> scheduled = new ArrayList<>();
    private volatile boolean stop;

    public Generator(GeneratorOptions options) {
        this.o = options;
        if (options.versions.isEmpty() || options.exporters < 1) {
            throw new IllegalArgumentException("need at least one version and one exporter");
        }
        for (int v : options.versions) {
            if (v != 5 && v != 9 && v != 10) {
                throw new IllegalArgumentException("version " + v + " is not one of 5, 9, 10");
            }
        }
        for (Fault f : options.faults) {
            if (f != Fault.MISSING_TEMPLATE) {
                scheduled.add(f);
            }
        }
    }

    /** Asks a running {@link #run} to stop after the current packet. */
    public void stop() {
        stop = true;
    }

    /** Faults requested that do not apply to any of the versions generated. */
    public List<Fault> inapplicableFaults() {
        List<Fault> out = new ArrayList<>();
        for (Fault f : o.faults) {
            boolean any = false;
            for (int v : o.versions) {
                any |= f.appliesTo(v);
            }
            if (!any) {
                out.add(f);
            }
        }
        return out;
    }

    /** Generates until the count or duration is reached (or {@link #stop()}), sending every packet to sink. */
    public Stats run(PacketSink sink) throws IOException {
        boolean virtual = o.startMillis >= 0;
        long start = virtual ? o.startMillis : System.currentTimeMillis();
        SplittableRandom master = new SplittableRandom(o.seed);
        Exporter[] ex = new Exporter[o.exporters];
        for (int i = 0; i < ex.length; i++) {
            ex[i] = new Exporter(i, o.versions.get(i % o.versions.size()), o, master.split(), start);
        }
        boolean wantRecords = sink.wantsRecords();
        long t0 = System.nanoTime();
        double stepMs = o.rate > 0 ? 1000.0 / o.rate : 0.1;
        long packets = 0;
        long records = 0;
        long bytes = 0;
        for (long i = 0; !stop; i++) {
            if (o.count > 0 && i >= o.count) {
                break;
            }
            long now;
            if (virtual) {
                now = start + (long) (i * stepMs);
                if (o.durationMs > 0 && now - start >= o.durationMs) {
                    break;
                }
            } else {
                if (o.rate > 0) {
                    long due = t0 + (long) (i * 1e9 / o.rate);
                    long wait = due - System.nanoTime();
                    if (wait > 200_000) {
                        LockSupport.parkNanos(wait);
                    }
                }
                now = System.currentTimeMillis();
                if (o.durationMs > 0 && now - start >= o.durationMs) {
                    break;
                }
            }
            Exporter e = ex[(int) (i % ex.length)];
            Set<Fault> faults = faultsFor(e);
            List<GeneratedRecord> recs = wantRecords ? new ArrayList<>() : null;
            byte[] payload = e.build(now, faults, recs);
            GeneratedPacket p = new GeneratedPacket(e.index, e.version, e.domain, o.exporterEndpoint(e.index, e.version),
                    o.collectorFor(e.version), now, payload, recs == null ? List.of() : recs, false);
            sink.packet(p);
            packets++;
            bytes += payload.length;
            records += recs != null ? recs.size() : estimateRecords(e, payload);
            if (faults.contains(Fault.DUPLICATE_SEQ)) {
                sink.packet(new GeneratedPacket(p.exporter(), p.version(), p.domain(), p.source(), p.destination(),
                        now, payload, p.records(), true));
                packets++;
                bytes += payload.length;
            }
        }
        return new Stats(packets, records, bytes, System.nanoTime() - t0);
    }

    private static long estimateRecords(Exporter e, byte[] payload) {
        if (e.version == 5 && payload.length >= 4) {
            return (payload.length - Exporter.V5_HEADER) / Exporter.V5_RECORD;
        }
        return e.lastRecordCount();
    }

    private Set<Fault> faultsFor(Exporter e) {
        if (scheduled.isEmpty()) {
            return Set.of();
        }
        long k = e.packets - o.faultAt - 1;
        if (k < 0 || k >= scheduled.size()) {
            return Set.of();
        }
        Fault f = scheduled.get((int) k);
        return f.appliesTo(e.version) ? EnumSet.of(f) : Set.of();
    }
}
