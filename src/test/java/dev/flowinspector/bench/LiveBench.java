package dev.flowinspector.bench;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.ui.session.LiveCapture;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.tools.collect.Collector;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.tools.generate.UdpSender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live intake on loopback (issue 8: "the UDP listener and the session keep up with 100 k export packets/s sent
 * on loopback by generate"): a sender sends NetFlow v9 at a fixed rate to one of three receivers, and the bench
 * reports what was sent, received, decoded and dropped. Prints {@code key value} lines for bench/run.sh.
 *
 * <p>Receivers: {@code collect} (the collector without output, {@code collect --no-output}), {@code collect-json}
 * (the collector writing JSON lines to rotating gzip files), {@code session} (what the GUI's "Listen on a UDP
 * port" does: {@link LiveCapture} feeding a {@link Session}).
 *
 * <p>Senders: {@code jar:PATH} runs {@code java -jar PATH generate --to ... --version 9 --rate R --duration S} as
 * a process of its own (what the issue asks for); {@code generate} runs the same generator in this JVM on a thread
 * of its own; {@code replay:CAPTURE} re-sends the export packets of a capture (v9 sequence numbers and clocks moved
 * on every round).
 *
 * <p>Run: {@code LiveBench collect|collect-json|session RATE SECONDS PORT SENDER}
 */
public final class LiveBench {

    private static final String COLLECTOR = "127.0.55.20";
    private static final String SENDER = "127.0.55.21";
    private static volatile boolean stopLive;

    private LiveBench() {
    }

    /** What a sender did. */
    private record Sent(long packets, double seconds, long failures, double cpuSeconds) {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        double rate = Double.parseDouble(args[1]);
        double seconds = Double.parseDouble(args[2]);
        int port = Integer.parseInt(args[3]);
        String sender = args[4];
        InetAddress bind = InetAddress.getByName(COLLECTOR);

        Collector collector = null;
        LiveCapture live = null;
        Session session = null;
        Thread consumer = null;
        Path outDir = null;
        int rcvbuf;
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
                rcvbuf = collector.receiveBuffer();
            }
            case "session" -> {
                session = Session.empty("live", DecodingOptions.defaults());
                live = new LiveCapture(session, bind, port);
                rcvbuf = live.receiveBuffer();
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

        // counters every 250 ms: the steady state is measured after a warm-up (JIT compilation, first GCs)
        Collector c = collector;
        LiveCapture l = live;
        Session ss = session;
        List<long[]> samples = new ArrayList<>(); // {nanos, received, decoded, queue drops, socket drops}
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long[] x;
                if (c != null) {
                    Collector.Stats st = c.stats();
                    x = new long[] {System.nanoTime(), st.packets() + st.drops(), st.packets(), st.drops(),
                            Math.max(0, st.socketDrops())};
                } else {
                    x = new long[] {System.nanoTime(), l.received(), ss.size(), l.queueDrops(),
                            Math.max(0, l.kernelDrops())};
                }
                synchronized (samples) {
                    samples.add(x);
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sampler");
        sampler.setDaemon(true);
        sampler.start();
        long cpu0 = processCpuNanos();
        Sent sent;
        if (sender.startsWith("jar:")) {
            sent = sendWithProcess(Path.of(sender.substring(4)), port, rate, seconds);
        } else if (sender.equals("generate")) {
            sent = sendInProcess(port, rate, seconds);
        } else if (sender.startsWith("replay:")) {
            sent = replay(Path.of(sender.substring(7)), port, rate, seconds);
        } else {
            throw new IllegalArgumentException("sender: jar:PATH, generate or replay:CAPTURE");
        }
        long sendEnd = System.nanoTime();
        sampler.interrupt();
        sampler.join();
        long received;
        long queueDrops;
        long socketDrops;
        long packets;
        long records = -1;
        if (collector != null) {
            collector.stop();
            Collector.Stats st = collector.stats();
            packets = st.packets();
            records = st.records();
            queueDrops = st.drops();
            socketDrops = st.socketDrops();
            received = packets + queueDrops;
        } else {
            stopLive = true;
            consumer.join(TimeUnit.MINUTES.toMillis(2));
            received = live.received();
            queueDrops = live.queueDrops();
            socketDrops = live.kernelDrops();
            packets = session.size();
            session.close();
        }
        long done = System.nanoTime();
        double drainSeconds = (done - sendEnd) / 1e9;
        double span = sent.seconds() + drainSeconds; // from the first datagram sent to the last one decoded
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        if (!sender.startsWith("jar:")) {
            cpu -= sent.cpuSeconds(); // the sender ran in this JVM
        }
        out("sent", sent.packets());
        out("send_rate_pps", sent.packets() / sent.seconds());
        out("send_failures", sent.failures());
        out("sender_cpu_s", sent.cpuSeconds());
        out("received", received);
        out("decoded", packets);
        if (records >= 0) {
            out("records", records);
        }
        out("queue_drops", queueDrops);
        out("socket_drops", socketDrops);
        out("unaccounted", sent.packets() - sent.failures() - received - Math.max(0, socketDrops));
        out("drop_percent", 100.0 * (sent.packets() - packets) / Math.max(1, sent.packets()));
        out("sustained_pps", packets / span);
        out("sustained_records_per_s", records < 0 ? -1 : records / span);
        out("drain_ms", drainSeconds * 1000);
        steady(samples, sendEnd);
        out("receiver_cpu_s", cpu);
        out("receiver_cpu_us_per_packet", packets == 0 ? 0 : cpu * 1e6 / packets);
        out("rcvbuf_kib", rcvbuf / 1024.0);
        out("rmem_max_kib", readLong("/proc/sys/net/core/rmem_max") / 1024.0);
        out("gc_ms", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum());
        System.out.println("load " + Files.readString(Path.of("/proc/loadavg")).trim());
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

    /** {@code java -jar JAR generate --to ...} as a process of its own; its summary line gives what it sent. */
    private static Sent sendWithProcess(Path jar, int port, double rate, double seconds) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "generate", "--to", COLLECTOR + ":" + port, "--from", SENDER, "--version", "9",
                "--rate", Long.toString((long) rate), "--duration", (long) (seconds * 1000) + "ms");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ProcessHandle h = p.toHandle();
        double cpu = 0;
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(l);
                    }
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        reader.start();
        while (p.isAlive()) {
            cpu = Math.max(cpu, h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9);
            Thread.sleep(50);
        }
        reader.join();
        Pattern summary = Pattern.compile("^(\\d+) packets, \\d+ records, \\d+ bytes to .* in ([0-9.]+) s");
        Pattern refused = Pattern.compile("^(\\d+) datagrams not sent");
        long packets = -1;
        double secs = 0;
        long failures = 0;
        for (String l : lines) {
            Matcher m = summary.matcher(l);
            if (m.find()) {
                packets = Long.parseLong(m.group(1));
                secs = Double.parseDouble(m.group(2));
            }
            Matcher f = refused.matcher(l);
            if (f.find()) {
                failures = Long.parseLong(f.group(1));
            }
        }
        if (packets < 0) {
            throw new IllegalStateException("generate said: " + lines);
        }
        System.out.println("generate " + lines.get(0));
        return new Sent(packets, secs, failures, cpu);
    }

    /** The generator of {@code generate --to} in this JVM, on a thread of its own. */
    private static Sent sendInProcess(int port, double rate, double seconds) throws Exception {
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.of(9);
        o.rate = rate;
        o.count = 0;
        o.durationMs = (long) (seconds * 1000);
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(COLLECTOR), port);
        Generator.Stats[] st = new Generator.Stats[1];
        long[] failures = new long[1];
        long[] cpu = new long[1];
        Thread t = new Thread(() -> {
            try (UdpSender s = new UdpSender(to, 1, InetAddress.getByName(SENDER))) {
                st[0] = new Generator(o).run(s);
                failures[0] = s.sendErrors();
                cpu[0] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "generate");
        t.start();
        t.join();
        return new Sent(st[0].packets(), st[0].elapsedNanos() / 1e9, failures[0], cpu[0] / 1e9);
    }

    /** Re-sends the export packets of a capture at the rate (v9 headers moved on each round). */
    private static Sent replay(Path file, int port, double rate, double seconds) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        try (CaptureReader r = CaptureFiles.open(file)) {
            Frame f;
            while ((f = r.next()) != null && payloads.size() < 200_000) {
                payloads.add(f.payload());
            }
        }
        long total = (long) (rate * seconds);
        long sent = 0;
        long failures = 0;
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0;
        try (DatagramChannel ch = DatagramChannel.open(java.net.StandardProtocolFamily.INET)) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ch.bind(new InetSocketAddress(InetAddress.getByName(SENDER), 0));
            ch.connect(new InetSocketAddress(InetAddress.getByName(COLLECTOR), port));
            ByteBuffer[] bufs = new ByteBuffer[payloads.size()];
            for (int i = 0; i < bufs.length; i++) {
                bufs[i] = ByteBuffer.wrap(payloads.get(i));
            }
            Replay replay = new Replay(payloads);
            t0 = System.nanoTime();
            while (sent < total) {
                long due = (long) ((System.nanoTime() - t0) * rate / 1e9) + 1;
                if (sent >= due) { // burst pacing: send what is due, then park (at least 100 us)
                    LockSupport.parkNanos(Math.max(100_000, t0 + (long) (sent * 1e9 / rate) - System.nanoTime()));
                    continue;
                }
                for (long n = Math.min(due, total); sent < n; sent++) {
                    int k = (int) (sent % bufs.length);
                    if (k == 0 && sent > 0) {
                        replay.next();
                    }
                    replay.patch(k);
                    ByteBuffer b = bufs[k];
                    b.clear();
                    try {
                        if (ch.write(b) == 0) {
                            failures++;
                        }
                    } catch (java.net.PortUnreachableException e) {
                        failures++;
                    }
                }
            }
        }
        return new Sent(sent, (System.nanoTime() - t0) / 1e9, failures,
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9);
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

    /** Warm-up excluded from the steady-state figures (seconds after the first datagram arrived). */
    private static final double WARMUP = 2.0;

    /**
     * Steady state: from {@link #WARMUP} s after the first datagram arrived to the end of sending, what arrived
     * (received + dropped by the system) per second, what was decoded per second and what was lost (queue and
     * socket drops) in that window.
     */
    private static void steady(List<long[]> samples, long sendEnd) {
        long first = -1;
        long[] from = null;
        long[] to = null;
        for (long[] x : samples) {
            if (first < 0 && x[1] + x[4] > 0) {
                first = x[0];
            }
            if (first >= 0 && from == null && x[0] - first >= WARMUP * 1e9) {
                from = x;
            }
            if (x[0] <= sendEnd) {
                to = x;
            }
        }
        if (from == null || to == null || to[0] - from[0] < 1e9) {
            out("steady_seconds", 0);
            return;
        }
        double secs = (to[0] - from[0]) / 1e9;
        long arrived = (to[1] + to[4]) - (from[1] + from[4]);
        long lost = (to[3] + to[4]) - (from[3] + from[4]);
        out("steady_seconds", secs);
        out("steady_arrival_pps", arrived / secs);
        out("steady_decoded_pps", (to[2] - from[2]) / secs);
        out("steady_lost", lost);
        out("steady_lost_percent", 100.0 * lost / Math.max(1, arrived));
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }

    private static long readLong(String file) {
        try {
            try (BufferedReader r = Files.newBufferedReader(Path.of(file))) {
                return Long.parseLong(r.readLine().trim());
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void out(String key, double v) {
        System.out.println(key + " " + String.format(Locale.ROOT, "%.1f", v));
    }
}
