package dev.flowinspector.bench;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.session.DecodingOptions;
import dev.flowinspector.session.LiveCapture;
import dev.flowinspector.session.Session;
import dev.flowinspector.tools.collect.Collector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Live intake on loopback: replays the export packets of a capture made by {@code generate -w} over UDP at a
 * fixed rate (the simulator itself cannot generate 100 k packets/s on a small machine, so the packets are made
 * beforehand) into the collector ({@code collect}, with or without JSON+gzip output) or into a live
 * {@link Session} ({@link LiveCapture}: the GUI's UDP listener), and reports what was sent, received, decoded and
 * dropped. Prints {@code key value} lines for bench/run.sh.
 *
 * <p>Run: {@code LiveBench CAPTURE collect|collect-json|session RATE SECONDS PORT}
 */
public final class LiveBench {

    private static volatile boolean stopLive;

    private LiveBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String mode = args[1];
        double rate = Double.parseDouble(args[2]);
        double seconds = Double.parseDouble(args[3]);
        int port = Integer.parseInt(args[4]);
        InetAddress bind = InetAddress.getByName("127.0.55.1");
        List<byte[]> payloads = new ArrayList<>();
        try (CaptureReader r = CaptureFiles.open(file)) {
            Frame f;
            while ((f = r.next()) != null && payloads.size() < 200_000) {
                payloads.add(f.payload());
            }
        }

        Collector collector = null;
        LiveCapture live = null;
        Session session = null;
        Thread consumer = null;
        Path outDir = null;
        switch (mode) {
            case "collect", "collect-json" -> {
                String pattern = null;
                if (mode.equals("collect-json")) {
                    outDir = Files.createTempDirectory("flowinspector-live");
                    pattern = outDir.resolve("flows-%Y%m%d-%H%M%S.jsonl.gz").toString();
                }
                collector = new Collector(Collector.Options.of(List.of(port), pattern).withBind(bind)
                        .withQueue(65_536));
                collector.start();
            }
            case "session" -> {
                // what the GUI's "Listen on a UDP port" does: UdpListener + Session, via LiveCapture
                session = Session.empty("live", DecodingOptions.defaults());
                live = new LiveCapture(session, bind, port);
                LiveCapture lc = live;
                consumer = new Thread(() -> {
                    try {
                        lc.run((rows, problems, progress) -> { }, () -> stopLive);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "live-session");
                consumer.start();
            }
            default -> throw new IllegalArgumentException("mode: collect, collect-json or session");
        }

        long total = (long) (rate * seconds);
        long sent = 0;
        long sendFailures = 0;
        long t0;
        try (DatagramChannel ch = DatagramChannel.open(java.net.StandardProtocolFamily.INET)) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ch.bind(new InetSocketAddress(InetAddress.getByName("127.0.55.10"), 0));
            InetSocketAddress target = new InetSocketAddress(bind, port);
            ByteBuffer[] bufs = new ByteBuffer[payloads.size()];
            for (int i = 0; i < bufs.length; i++) {
                bufs[i] = ByteBuffer.wrap(payloads.get(i));
            }
            Replay replay = new Replay(payloads);
            t0 = System.nanoTime();
            while (sent < total) {
                long due = t0 + (long) (sent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 200_000) {
                    LockSupport.parkNanos(wait);
                }
                int k = (int) (sent % bufs.length);
                if (k == 0 && sent > 0) {
                    replay.next();
                }
                replay.patch(k);
                ByteBuffer b = bufs[k];
                b.clear();
                if (ch.send(b, target) == 0) {
                    sendFailures++;
                }
                sent++;
            }
        }
        long sendNanos = System.nanoTime() - t0;
        long received;
        long queueDrops;
        long packets;
        long records = -1;
        if (collector != null) {
            collector.stop();
            Collector.Stats st = collector.stats();
            packets = st.packets();
            records = st.records();
            queueDrops = st.drops();
            received = packets + queueDrops;
        } else {
            stopLive = true;
            consumer.join(TimeUnit.MINUTES.toMillis(2));
            received = live.received();
            queueDrops = live.drops();
            packets = session.size();
            session.close();
        }
        long doneNanos = System.nanoTime() - t0;
        out("sent", sent);
        out("send_rate_pps", sent / (sendNanos / 1e9));
        out("send_failures", sendFailures);
        out("received", received);
        out("decoded", packets);
        if (records >= 0) {
            out("records", records);
        }
        out("queue_drops", queueDrops);
        out("socket_drops", Math.max(0, sent - sendFailures - received));
        out("drop_percent", 100.0 * (sent - packets) / sent);
        out("sustained_pps", packets / (doneNanos / 1e9));
        out("sustained_records_per_s", records < 0 ? -1 : records / (doneNanos / 1e9));
        out("drain_ms", (doneNanos - sendNanos) / 1e6);
        if (outDir != null) {
            long bytes = 0;
            try (var s = Files.list(outDir)) {
                for (Path p : s.toList()) {
                    bytes += Files.size(p);
                    Files.delete(p);
                }
            }
            Files.delete(outDir);
            out("json_gz_mb", bytes / 1e6);
        }
        System.exit(0);
    }

    /**
     * Sending the capture again continues it rather than repeating it: NetFlow v9 headers get their sequence
     * number, sysUptime and export time moved on by one capture's worth per round, so the collector sees one
     * exporter running on, not duplicates (other versions are sent as they are).
     */
    private static final class Replay {
        private final List<byte[]> p;
        private final long[] seq;
        private final long[] uptime;
        private final long[] secs;
        private final long spanSecs;
        private int round;

        Replay(List<byte[]> payloads) {
            p = payloads;
            int n = p.size();
            seq = new long[n];
            uptime = new long[n];
            secs = new long[n];
            for (int i = 0; i < n; i++) {
                byte[] d = p.get(i);
                if (d.length >= 20 && u16(d, 0) == 9) {
                    uptime[i] = u32(d, 4);
                    secs[i] = u32(d, 8);
                    seq[i] = u32(d, 12);
                }
            }
            spanSecs = n == 0 ? 0 : Math.max(1, secs[n - 1] - secs[0] + 1);
        }

        void next() {
            round++;
        }

        void patch(int i) {
            byte[] d = p.get(i);
            if (round == 0 || d.length < 20 || u16(d, 0) != 9) {
                return;
            }
            put32(d, 4, uptime[i] + round * spanSecs * 1000);
            put32(d, 8, secs[i] + round * spanSecs);
            put32(d, 12, seq[i] + (long) round * p.size());
        }

        private static int u16(byte[] d, int o) {
            return ((d[o] & 0xff) << 8) | (d[o + 1] & 0xff);
        }

        private static long u32(byte[] d, int o) {
            return ((long) u16(d, o) << 16) | u16(d, o + 2);
        }

        private static void put32(byte[] d, int o, long v) {
            d[o] = (byte) (v >>> 24);
            d[o + 1] = (byte) (v >>> 16);
            d[o + 2] = (byte) (v >>> 8);
            d[o + 3] = (byte) v;
        }
    }

    private static void out(String key, double v) {
        System.out.println(key + " " + String.format(Locale.ROOT, "%.1f", v));
    }
}
