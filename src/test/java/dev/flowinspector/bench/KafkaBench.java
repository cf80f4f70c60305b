package dev.flowinspector.bench;

import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.tools.collect.Collector;
import dev.flowinspector.tools.collect.RecordJson;
import dev.flowinspector.tools.generate.GeneratedPacket;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.tools.generate.PacketSink;
import dev.flowinspector.tools.generate.UdpSender;
import dev.flowinspector.tools.kafka.KafkaRecordSink;
import dev.flowinspector.tools.kafka.KafkaSettings;
import dev.flowinspector.tools.kafka.TestBroker;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Kafka output (issue 18): records per second into a broker on loopback, and how many collectors a fleet needs
 * at 100 k export packets/s. Prints {@code key value} lines.
 *
 * <ol>
 * <li>{@code producer_records_per_s}: JSON records made beforehand (NetFlow v9 from {@code generate}, as the
 * collector writes them) handed to the collector's Kafka sink as fast as it takes them, until all are delivered
 * (acks=all, lz4, linger 20 ms, batch 256 KiB: the {@code collect} defaults).</li>
 * <li>{@code collect_kafka_*}: the collector receiving NetFlow v9 over UDP on loopback from {@code generate} in
 * this JVM at RATE packets/s for SECONDS and publishing every record; more than it can take is offered, so the
 * packets it decoded and published over sending and draining its queue, per second, is its maximum
 * ({@code collect_kafka_pps}). {@code fleet_collectors_for_100k} = ceil(100 000 / that).</li>
 * </ol>
 * The broker is the in-process one of the tests ({@link TestBroker}), on the same machine, taking CPU from the
 * collector; BROKERS names another one instead.
 *
 * <p>Run: {@code KafkaBench [RATE [SECONDS [BROKERS]]]} (defaults 100000, 10, in-process broker).
 */
public final class KafkaBench {

    private static final String COLLECTOR = "127.0.55.30";
    private static final String SENDER = "127.0.55.31";

    private KafkaBench() {
    }

    public static void main(String[] args) throws Exception {
        for (String logger : new String[] {"org.apache.kafka", "kafka", "state.change.logger"}) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "error");
        }
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 100_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        TestBroker broker = args.length > 2 ? null : TestBroker.start();
        String brokers = args.length > 2 ? args[2] : broker.bootstrap();
        out("cpus", Runtime.getRuntime().availableProcessors());
        try (Admin a = Admin.create(Map.of("bootstrap.servers", brokers))) {
            a.createTopics(List.of(new NewTopic("bench-producer", Optional.of(3), Optional.empty()),
                    new NewTopic("bench-collect", Optional.of(3), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        }
        producer(brokers);
        collector(brokers, rate, seconds);
        System.out.println("load " + Files.readString(Path.of("/proc/loadavg")).trim());
        if (broker != null) {
            broker.close();
        }
        System.exit(0);
    }

    /** One data set's JSON lines. */
    private record Lines(Endpoint exporter, long domain, byte[] bytes, int count) {
    }

    private static void producer(String brokers) throws Exception {
        List<Lines> sets = jsonLines();
        long perRound = sets.stream().mapToLong(Lines::count).sum();
        long target = 1_000_000;
        KafkaSettings ks = KafkaSettings.of(brokers, "bench-producer");
        KafkaRecordSink sink = new KafkaRecordSink(new KafkaProducer<>(ks.producer("bench-producer")), "bench-producer",
                Duration.ofMinutes(5));
        sink.awaitReady(Duration.ofSeconds(30));
        long offered = 0;
        long bytes = 0;
        long t0 = System.nanoTime();
        while (offered < target) {
            for (Lines l : sets) {
                sink.records(l.exporter(), l.domain(), l.bytes(), l.bytes().length, l.count());
                bytes += l.bytes().length;
            }
            offered += perRound;
        }
        long handed = System.nanoTime();
        sink.close(); // waits until everything is delivered
        double secs = (System.nanoTime() - t0) / 1e9;
        out("producer_records", offered);
        out("producer_json_mb", bytes / 1e6);
        out("producer_delivered", sink.delivered());
        out("producer_failed", sink.failed());
        out("producer_dropped", sink.dropped());
        out("producer_seconds", secs);
        out("producer_offer_seconds", (handed - t0) / 1e9);
        out("producer_records_per_s", sink.delivered() / secs);
    }

    /** NetFlow v9 from the generator, decoded and written as the collector's JSON lines, one entry per data set. */
    private static List<Lines> jsonLines() throws Exception {
        GeneratorOptions g = new GeneratorOptions();
        g.versions = List.of(9);
        g.exporters = 4;
        g.count = 4000;
        g.startMillis = System.currentTimeMillis() - 60_000;
        List<GeneratedPacket> packets = new ArrayList<>();
        new Generator(g).run(new PacketSink() {
            @Override
            public void packet(GeneratedPacket p) {
                packets.add(p);
            }
        });
        ExportDecoder d = new ExportDecoder();
        RecordJson json = new RecordJson();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<Lines> out = new ArrayList<>();
        long n = 0;
        for (GeneratedPacket p : packets) {
            ExportPacket e = d.decode(p.payload(), new DecodeContext(++n, p.timeMillis() * 1_000_000, p.source(),
                    p.destination(), Transport.UDP));
            for (FlowSet s : e.sets()) {
                if ((s.kind() == SetKind.DATA || s.kind() == SetKind.OPTIONS_DATA) && s.template() != null) {
                    buf.reset();
                    json.target(buf);
                    int c = json.write(e, s, p.timeMillis() * 1_000_000);
                    json.flush();
                    if (c > 0) {
                        out.add(new Lines(p.source(), e.domain(), buf.toByteArray(), c));
                    }
                }
            }
        }
        return out;
    }

    private static void collector(String brokers, double rate, double seconds) throws Exception {
        KafkaSettings ks = KafkaSettings.of(brokers, "bench-collect");
        KafkaRecordSink sink = new KafkaRecordSink(new KafkaProducer<>(ks.producer("bench-collect")), "bench-collect",
                Duration.ofMinutes(2));
        sink.awaitReady(Duration.ofSeconds(30));
        Collector c = new Collector(Collector.Options.of(List.of(0), null).withBind(InetAddress.getByName(COLLECTOR))
                .withSink(sink, null));
        c.start();
        int port = c.locals().get(0).port();
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.of(9);
        o.rate = rate;
        o.count = 0;
        o.durationMs = (long) (seconds * 1000);
        long[][] at = new long[2][]; // {nanos, packets, records} at 2 s and at the end of sending
        Map<Long, Long> cpu = new java.util.concurrent.ConcurrentHashMap<>(); // thread id -> CPU ns, last seen
        Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        Thread cpuSampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampleCollectorCpu(cpu, names);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        cpuSampler.setDaemon(true);
        cpuSampler.start();
        Thread sampler = new Thread(() -> {
            try {
                Thread.sleep(2000);
                Collector.Stats s = c.stats();
                at[0] = new long[] {System.nanoTime(), s.packets(), s.records()};
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sampler.start();
        Generator.Stats sent;
        try (UdpSender u = new UdpSender(new InetSocketAddress(InetAddress.getByName(COLLECTOR), port), 1,
                InetAddress.getByName(SENDER))) {
            sent = new Generator(o).run(u);
        }
        Collector.Stats s = c.stats();
        at[1] = new long[] {System.nanoTime(), s.packets(), s.records()};
        sampler.join();
        long stopStart = System.nanoTime();
        c.stop(); // drains the queue and closes the producer (waits for delivery)
        double drain = (System.nanoTime() - stopStart) / 1e9;
        cpuSampler.interrupt();
        cpuSampler.join();
        double cpuSeconds = cpu.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        Collector.Stats end = c.stats();
        double steadySecs = (at[1][0] - at[0][0]) / 1e9;
        // offered more than it takes, the collector decodes at the pace the producer allows (back-pressure) while the
        // receive queue fills and then drains: its rate is everything decoded over sending plus draining
        double span = sent.elapsedNanos() / 1e9 + drain;
        double pps = end.packets() / span;
        out("collect_kafka_sent_pps", sent.packets() / (sent.elapsedNanos() / 1e9));
        out("collect_kafka_packets", end.packets());
        out("collect_kafka_records", end.records());
        out("collect_kafka_drops", end.drops() + Math.max(0, end.socketDrops()));
        out("collect_kafka_delivered", sink.delivered());
        out("collect_kafka_failed", sink.failed());
        out("collect_kafka_dropped", sink.dropped());
        out("collect_kafka_drain_s", drain);
        out("collect_kafka_while_sending_pps", (at[1][1] - at[0][1]) / steadySecs);
        out("collect_kafka_pps", pps);
        out("collect_kafka_records_per_s", sink.delivered() / span);
        out("collect_kafka_records_per_packet", end.records() / (double) Math.max(1, end.packets()));
        out("fleet_collectors_for_100k", Math.ceil(100_000 / Math.max(1, pps)));
        // CPU of the collector's own threads (receiving, decoding + JSON, the Kafka producer's I/O thread): what
        // the machine's load does not change much
        out("collect_kafka_cpu_s", cpuSeconds);
        out("collect_kafka_cpu_us_per_packet", cpuSeconds * 1e6 / Math.max(1, end.packets()));
        out("collect_kafka_cores_for_100k", 100_000 * cpuSeconds / Math.max(1, end.packets()));
        for (String part : new String[] {"receive", "decode", "producer"}) {
            long ns = cpu.entrySet().stream().filter(e -> part.equals(names.get(e.getKey()))).mapToLong(Map.Entry::getValue).sum();
            out("collect_kafka_" + part + "_thread_us_per_packet", ns / 1e3 / Math.max(1, end.packets()));
        }
    }

    /** CPU time of the collector's threads: udp-listener, flowinspector-collector, the producer's I/O thread. */
    private static void sampleCollectorCpu(Map<Long, Long> cpu, Map<Long, String> names) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (n.startsWith("udp-listener") || n.equals("flowinspector-collector")
                    || n.equals("kafka-producer-network-thread | bench-collect")) {
                long ns = mx.getThreadCpuTime(t.getId());
                if (ns > 0) {
                    cpu.merge(t.getId(), ns, Math::max);
                    names.put(t.getId(), n.startsWith("udp-listener") ? "receive" : n.startsWith("kafka") ? "producer" : "decode");
                }
            }
        }
    }

    private static void out(String k, double v) {
        System.out.println(k + " " + String.format(Locale.ROOT, v == Math.rint(v) && Math.abs(v) < 1e15 ? "%.0f" : "%.4g", v));
    }
}
