package dev.flowinspector.ui.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.testutil.TestPackets;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A live capture keeps no frames and no rows on the heap: the UDP listener receives at 10 000 packets/s into a
 * session (as the window's "Listen on a UDP port"), frames go to the spill file, rows and index to mapped files, and
 * after a warm-up the heap after GC stays flat, whatever the payloads weigh (about 100 bytes each here). The heap is
 * measured after GC with nothing waiting in the listener's queue (sending paused until the session has every
 * packet, and at the end); the long version also prints the slope of a least-squares line through samples taken
 * every second. A list row object per packet cost 70-120 bytes; rows on the heap, 60.
 * {@code main(SECONDS)} is the long version (docs/benchmarks.md): heap after GC printed every minute.
 */
class LiveHeapTest {

    static final int RATE = 10_000;
    /** Heap growth allowed per packet received: far below a row object (70-120 bytes before rows were compact). */
    static final double PER_PACKET = 12;

    @Test
    @DisplayName("UDP listener at 10 k packets/s for 25 s: after warm-up the heap grows by under 12 bytes a packet")
    void flatHeap() throws Exception {
        Result r = run(25, 5, false);
        System.out.println("LiveHeapTest: " + r);
        assertTrue(r.packetsAfterWarmUp > 40_000, "received after warm-up: " + r);
        // both ends measured with nothing waiting in the listener's queue (a loaded machine decodes late)
        assertTrue(r.growth <= PER_PACKET * r.packetsAfterWarmUp + (2 << 20), "heap growth " + r);
    }

    record Result(long received, long packetsAfterWarmUp, long growth, double slope, long spillBytes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d received, %d after warm-up, heap %+d bytes, slope %.2f bytes/packet, "
                    + "spill file %d MB", received, packetsAfterWarmUp, growth, slope, spillBytes >> 20);
        }
    }

    static Result run(int seconds, int warmUp, boolean report) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.55.1");
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try (Session s = Session.empty("UDP port", DecodingOptions.defaults())) {
            LiveCapture live = new LiveCapture(s, lo, 0);
            int port = live.locals().get(0).port();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean paused = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            Thread receiver = new Thread(() -> {
                try {
                    live.run((rows, problems, progress) -> { }, stop::get);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "live-heap-receiver");
            receiver.start();
            Thread sender = new Thread(() -> send(lo, port, seconds, stop, paused, sent), "live-heap-sender");
            sender.start();
            Thread.sleep(warmUp * 1000L);
            // the baseline with nothing waiting to be decoded: sending paused until the session has every packet
            paused.set(true);
            drained(s, sent);
            long used0 = usedAfterGc(mem);
            long n0 = s.size();
            paused.set(false);
            long t0 = System.nanoTime();
            java.util.List<long[]> samples = new java.util.ArrayList<>(); // {packets since warm-up, heap}
            samples.add(new long[] {0, used0});
            for (int t = warmUp; t < seconds - 1 && sender.isAlive(); t++) {
                Thread.sleep(1000);
                if (!report) {
                    continue;
                }
                long u = usedAfterGc(mem);
                samples.add(new long[] {s.size() - n0, u});
                if ((t - warmUp) % 60 == 59) {
                    System.out.printf(Locale.ROOT, "t=%ds packets=%d heap_mb=%.1f growth_since_warmup_mb=%.1f "
                            + "slope_bytes_per_packet=%.2f%n", (System.nanoTime() - t0) / 1_000_000_000L + warmUp,
                            s.size(), u / 1e6, (u - used0) / 1e6, slope(samples));
                }
            }
            sender.join();
            drained(s, sent);
            long n1 = s.size();
            long used1 = usedAfterGc(mem);
            samples.add(new long[] {n1 - n0, used1});
            stop.set(true);
            receiver.join(30_000);
            long spill = s.spillFile() == null ? 0 : java.nio.file.Files.size(s.spillFile());
            Result r = new Result(s.size(), n1 - n0, used1 - used0, slope(samples), spill);
            if (report) {
                System.out.println("sent " + sent.get() + "; " + r);
            }
            return r;
        }
    }

    /** Bytes per packet: the slope of the least-squares line through (packets, heap). */
    static double slope(java.util.List<long[]> samples) {
        double n = samples.size();
        double sx = 0;
        double sy = 0;
        for (long[] p : samples) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / n;
        double my = sy / n;
        double num = 0;
        double den = 0;
        for (long[] p : samples) {
            num += (p[0] - mx) * (p[1] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    /**
     * Sends IPFIX packets (a template every 1000) at RATE per second, in bursts every 10 ms, with sequence numbers
     * as an exporter counts them (RFC 7011 §3.1: data records sent before), so no packet has a problem to keep.
     */
    /** Waits (at most 30 s) until the session has every packet sent, or its count stops moving (a loss). */
    private static void drained(Session s, AtomicLong sent) throws InterruptedException {
        Thread.sleep(50);
        long last = -1;
        for (int i = 0; i < 300 && s.size() < sent.get(); i++) {
            Thread.sleep(100);
            if (i % 10 == 9) {
                if (s.size() == last) {
                    return;
                }
                last = s.size();
            }
        }
    }

    private static void send(InetAddress to, int port, int seconds, AtomicBoolean stop, AtomicBoolean paused,
                             AtomicLong sent) {
        byte[] template = TestPackets.ipfix(0, true, "10.0.0.1", "10.0.0.2", 1500);
        byte[] data = TestPackets.ipfix(1, false, "10.0.0.3", "10.0.0.4", 40);
        dev.flowinspector.decode.ExportDecoder d = new dev.flowinspector.decode.ExportDecoder(
                new dev.flowinspector.decode.TemplateCache());
        dev.flowinspector.decode.DecodeContext ctx = new dev.flowinspector.decode.DecodeContext(1, 0,
                new dev.flowinspector.decode.Endpoint("127.0.55.2", 1), new dev.flowinspector.decode.Endpoint(
                "127.0.55.1", port), dev.flowinspector.decode.Transport.UDP);
        int templateRecords = records(d.decode(template, ctx));
        int dataRecords = records(d.decode(data, ctx));
        long seq = 0;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(InetAddress.getByName("127.0.55.2"), 0));
            ch.connect(new InetSocketAddress(to, port));
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long n = 0;
            long pausedNanos = 0;
            while (!stop.get() && System.nanoTime() < end) {
                if (paused.get()) {
                    long p0 = System.nanoTime();
                    while (paused.get()) {
                        Thread.sleep(5);
                    }
                    pausedNanos += System.nanoTime() - p0;
                }
                long due = (System.nanoTime() - start - pausedNanos) * RATE / 1_000_000_000L;
                for (; n < due; n++) {
                    byte[] b = n % 1000 == 0 ? template : data;
                    ByteBuffer.wrap(b).putInt(8, (int) seq);
                    seq += b == template ? templateRecords : dataRecords;
                    ch.write(ByteBuffer.wrap(b));
                }
                sent.set(n);
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int records(dev.flowinspector.decode.ExportPacket p) {
        return p.sets().stream().mapToInt(x -> x.records().size()).sum();
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The long version: {@code LiveHeapTest SECONDS} (10 k packets/s; heap after GC every minute). */
    public static void main(String[] args) throws Exception {
        run(Integer.parseInt(args[0]), 10, true);
    }
}
