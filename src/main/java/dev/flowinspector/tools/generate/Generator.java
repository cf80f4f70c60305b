package dev.flowinspector.tools.generate;

import java.io.IOException;
import java.nio.ByteBuffer;
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

    /** Rates (packets/s) from which packets are re-stamped from a pool instead of built one by one. */
    public static final double POOL_RATE = 10_000;

    /**
     * Generates until the count or duration is reached (or {@link #stop()}), sending every packet to sink.
     * Sending over UDP at {@link #POOL_RATE} packets/s and more (or as fast as possible) without faults, data
     * packets come from a pool built beforehand and re-stamped ({@link PacketPool}); packets with templates are
     * still built as they are due.
     */
    public Stats run(PacketSink sink) throws IOException {
        boolean virtual = o.startMillis >= 0;
        long start = virtual ? o.startMillis : System.currentTimeMillis();
        SplittableRandom master = new SplittableRandom(o.seed);
        Exporter[] ex = new Exporter[o.exporters];
        for (int i = 0; i < ex.length; i++) {
            ex[i] = new Exporter(i, o.versions.get(i % o.versions.size()), o, master.split(), start);
        }
        if (!virtual && sink instanceof UdpSender udp && o.faults.isEmpty() && !sink.wantsRecords()
                && (o.rate == 0 || o.rate >= POOL_RATE)) {
            return runPooled(udp, ex, start, master.nextLong());
        }
        boolean wantRecords = sink.wantsRecords();
        long t0 = System.nanoTime();
        double stepMs = o.rate > 0 ? 1000.0 / o.rate : 0.1;
        long packets = 0;
        long records = 0;
        long bytes = 0;
        for (long i = 0; !stop; i++) {
            if (o.count > 0 && packets >= o.count) { // a duplicate sent (fault duplicate-seq) is one of the count
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
            if (faults.contains(Fault.DUPLICATE_SEQ) && (o.count <= 0 || packets < o.count)) {
                sink.packet(new GeneratedPacket(p.exporter(), p.version(), p.domain(), p.source(), p.destination(),
                        now, payload, p.records(), true));
                packets++;
                bytes += payload.length;
                records += recs != null ? recs.size() : estimateRecords(e, payload); // the copy's records are sent too
            }
        }
        return new Stats(packets, records, bytes, System.nanoTime() - t0);
    }

    /** Packets per exporter in the pool: about 8 k packets (10 MB) over all exporters, at least 4 each. */
    static int poolSize(int exporters) {
        return Math.max(4, Math.min(2048, 8192 / exporters));
    }

    /**
     * Sends re-stamped pooled packets, paced in bursts: whatever is due by now is sent at once, then the thread
     * parks until the next packet is due (at least 100 us: parking is only that fine on Linux), so the rate holds
     * however coarse the sleeps are and no core is spent spinning. Counts and times are as in {@link #run}.
     */
    private Stats runPooled(UdpSender sink, Exporter[] ex, long start, long seed) throws IOException {
        PacketPool[] pools = new PacketPool[ex.length];
        int size = poolSize(ex.length);
        for (int i = 0; i < ex.length; i++) {
            pools[i] = new PacketPool(ex[i], size, System.currentTimeMillis(), seed + i);
        }
        long t0 = System.nanoTime();
        double nanosPerPacket = o.rate > 0 ? 1e9 / o.rate : 0;
        long packets = 0;
        long records = 0;
        long bytes = 0;
        while (!stop && (o.count <= 0 || packets < o.count)) {
            long nowNanos = System.nanoTime();
            long due = nanosPerPacket > 0 ? (long) ((nowNanos - t0) / nanosPerPacket) + 1 : Long.MAX_VALUE;
            if (packets >= due) {
                long wait = t0 + (long) (packets * nanosPerPacket) - nowNanos;
                LockSupport.parkNanos(Math.max(100_000, wait));
                continue;
            }
            long now = System.currentTimeMillis();
            if (o.durationMs > 0 && now - start >= o.durationMs) {
                break;
            }
            long burst = Math.min(due - packets, 1024);
            if (o.count > 0) {
                burst = Math.min(burst, o.count - packets);
            }
            for (long b = 0; b < burst && !stop; b++) {
                int k = (int) (packets % ex.length);
                ByteBuffer buf = pools[k].next(now);
                int n = pools[k].lastRecords();
                bytes += buf.remaining();
                sink.send(k, buf);
                packets++;
                records += n;
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
