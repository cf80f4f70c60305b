package dev.flowinspector.tools.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.cli.Main;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.tools.collect.Collector;
import dev.flowinspector.tools.generate.GeneratedPacket;
import dev.flowinspector.tools.generate.GeneratedRecord;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.tools.generate.PacketSink;
import dev.flowinspector.tools.generate.UdpSender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector against a real Kafka broker that this class starts in-process (KRaft, one node, loopback). */
@DisplayName("collect --kafka against an in-process KRaft broker")
class KafkaCollectTest {

    private static TestBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        for (String logger : new String[] {"org.apache.kafka", "kafka", "state.change.logger"}) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "error");
        }
        broker = TestBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("every record goes to the topic as the files' line, keyed by exporter/domain, in order per key")
    void recordsInTheTopicAreTheFilesLines() throws Exception {
        createTopic("flows-a", 3);
        InetAddress lo = InetAddress.getByName("127.0.55.1");
        KafkaSettings ks = KafkaSettings.of(broker.bootstrap(), "flows-a");
        KafkaRecordSink sink = KafkaRecordSink.open(ks, "test-a");
        assertTrue(sink.awaitReady(Duration.ofSeconds(20)), sink.status());
        Collector c = new Collector(Collector.Options.of(List.of(0), dir.resolve("flows.jsonl.gz").toString())
                .withBind(lo).withRotation(0, 0, ZoneOffset.UTC).withSink(sink, null));
        c.start();
        GeneratorOptions g = generator(List.of(5, 9, 10), 3, 90);
        long expected;
        try (UdpSender udp = new UdpSender(new InetSocketAddress(lo, c.locals().get(0).port()), g.exporters)) {
            Counting counting = new Counting(udp);
            new Generator(g).run(counting);
            expected = counting.records;
            Thread.sleep(300);
            c.stop();
        }
        assertEquals(expected, c.stats().records(), "records decoded");
        assertEquals(expected, sink.delivered(), sink.status());

        List<String> fileLines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(c.files().get(0))), StandardCharsets.UTF_8))) {
            for (String s; (s = r.readLine()) != null; ) {
                fileLines.add(s);
            }
        }
        List<ConsumerRecord<byte[], byte[]>> got = consume("flows-a", expected);
        assertEquals(expected, got.size(), "messages in the topic");
        ObjectMapper m = new ObjectMapper();
        Map<String, List<String>> fromFile = new TreeMap<>();
        for (String s : fileLines) {
            JsonNode n = m.readTree(s);
            fromFile.computeIfAbsent(n.get("exporter").asText() + "/" + n.get("domain").asLong(), k -> new ArrayList<>()).add(s);
        }
        Map<String, List<String>> fromTopic = new TreeMap<>();
        Map<String, Integer> partitionOf = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : got) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            fromTopic.computeIfAbsent(key, k -> new ArrayList<>()).add(new String(r.value(), StandardCharsets.UTF_8));
            Integer before = partitionOf.put(key, r.partition());
            assertTrue(before == null || before == r.partition(), key + " in more than one partition");
        }
        assertEquals(fromFile.keySet(), fromTopic.keySet(), "keys are exporter/domain");
        assertEquals(3, fromTopic.size());
        // same bytes, same order, for every exporter and domain
        assertEquals(fromFile, fromTopic);
    }

    @Test
    @DisplayName("two collectors, one exporter alternating between them, templates only to one: every record decoded once")
    void twoCollectorsShareTemplates() throws Exception {
        createTopic("flows-fleet", 2);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        KafkaSettings ks = KafkaSettings.of(broker.bootstrap(), "flows-fleet").withTemplateTopic("templates-fleet");
        List<Collector> fleet = new ArrayList<>();
        List<KafkaTemplateShare> shares = new ArrayList<>();
        for (String id : new String[] {"collector-a", "collector-b"}) {
            KafkaTemplateShare share = KafkaTemplateShare.start(ks, id, Duration.ofSeconds(20));
            assertTrue(share.caughtUp(), share.status());
            shares.add(share);
            KafkaRecordSink sink = KafkaRecordSink.open(ks, id);
            assertTrue(sink.awaitReady(Duration.ofSeconds(20)), sink.status());
            Collector c = new Collector(Collector.Options.of(List.of(0), null).withBind(lo).withSink(sink, share));
            c.start();
            fleet.add(c);
        }
        GeneratorOptions g = generator(List.of(9, 10), 2, 200);
        Splitter split = new Splitter(new InetSocketAddress(lo, fleet.get(0).locals().get(0).port()),
                new InetSocketAddress(lo, fleet.get(1).locals().get(0).port()), g.exporters);
        try (split) {
            new Generator(g).run(split);
        }
        assertTrue(split.templatePackets > 0 && split.toB > 50, "packets with templates went to A only, data to both");
        List<ConsumerRecord<byte[], byte[]>> got = consume("flows-fleet", split.records);
        for (Collector c : fleet) {
            c.stop();
        }
        Collector.Stats a = fleet.get(0).stats();
        Collector.Stats b = fleet.get(1).stats();
        String why = "A: " + a + fleet.get(0).shareStatus() + "\nB: " + b + fleet.get(1).shareStatus();
        assertEquals(split.records, a.records() + b.records(), why);
        assertTrue(b.records() > 0 && b.lateRecords() > 0, "B decoded data whose template it got from the topic: " + why);
        assertEquals(0, a.unresolvedSets() + b.unresolvedSets(), why);
        assertEquals(split.records, got.size(), "messages in the topic");
        // per template id, as many records as were generated
        Map<Integer, Integer> perTemplate = new TreeMap<>();
        ObjectMapper m = new ObjectMapper();
        for (ConsumerRecord<byte[], byte[]> r : got) {
            perTemplate.merge(m.readTree(r.value()).get("templateId").asInt(), 1, Integer::sum);
        }
        assertEquals(split.perTemplate, perTemplate);
    }

    @Test
    @DisplayName("no broker at all: records are dropped and counted at once, nothing waits")
    void noBroker() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // nothing listens on this TCP port either (almost surely)
        }
        KafkaSettings ks = KafkaSettings.of("127.0.0.1:" + port, "nowhere");
        KafkaRecordSink sink = new KafkaRecordSink(new KafkaProducer<>(ks.producer("test-none")), "nowhere",
                Duration.ofSeconds(1));
        long ms = offer(sink, 5000);
        assertTrue(ms < 5000, "100 000 records offered in " + ms + " ms");
        sink.close();
        assertEquals(0, sink.delivered());
        assertEquals(100_000, sink.dropped() + sink.failed(), sink.status());
    }

    @Test
    @DisplayName("broker gone while running: memory stays within buffer.memory, records are counted, nothing waits long")
    void brokerGone() throws Exception {
        KafkaRecordSink sink;
        try (TestBroker gone = TestBroker.start()) {
            KafkaSettings ks = new KafkaSettings(gone.bootstrap(), "gone", null, "all", "lz4", 20, 16 * 1024,
                    256 * 1024, 100, null);
            sink = new KafkaRecordSink(new KafkaProducer<>(ks.producer("test-gone")), "gone", Duration.ofSeconds(1));
            assertTrue(sink.awaitReady(Duration.ofSeconds(20)), sink.status());
        }
        long ms = offer(sink, 5000);
        assertTrue(ms < 5000, "100 000 records offered in " + ms + " ms");
        sink.close();
        assertEquals(0, sink.delivered());
        assertTrue(sink.failed() > 0 && sink.dropped() > 0, sink.status());
        assertEquals(100_000, sink.dropped() + sink.failed(), sink.status());
    }

    /** Offers {@code sets} data sets of 20 records; returns how long that took (ms). */
    private static long offer(KafkaRecordSink sink, int sets) {
        byte[] lines = ("{\"exporter\":\"192.0.2.1:2055\",\"octetDeltaCount\":1234}\n").repeat(20)
                .getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        for (int i = 0; i < sets; i++) {
            sink.records(new Endpoint("192.0.2.1", 2055), 0, lines, lines.length, 20);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    @DisplayName("the command line: collect --kafka publishes what generate --to sends")
    void commandLine() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.55.1"))) {
            port = s.getLocalPort();
        }
        StringWriter err = new StringWriter();
        int[] rc = {-1};
        Thread t = new Thread(() -> rc[0] = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                "collect", "--bind", "127.0.55.1", "--port", String.valueOf(port), "--no-output", "--status", "0",
                "--duration", "4s", "--kafka", broker.bootstrap(), "--topic", "flows-cli", "--kafka-acks", "1",
                "--kafka-compression", "zstd", "--kafka-property", "client.rack=r1"));
        t.start();
        Thread.sleep(1500); // the producer is up and the port bound
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "generate", "--version", "9",
                "--to", "127.0.55.1:" + port, "--count", "50", "--rate", "500", "--records", "10"));
        t.join(20_000);
        assertEquals(0, rc[0], err.toString());
        java.util.regex.Matcher mm = java.util.regex.Pattern.compile("stopped; (\\d+) records from 50 packets").matcher(err.toString());
        assertTrue(mm.find(), err.toString());
        int records = Integer.parseInt(mm.group(1));
        assertTrue(records >= 500, err.toString()); // 50 x 10 flow records and the sampling options record
        assertTrue(err.toString().contains("kafka flows-cli: " + records + " delivered, 0 in flight, 0 failed, 0 dropped"),
                err.toString());
        assertEquals(records, consume("flows-cli", records).size());
    }

    @Test
    @DisplayName("collect --help shows the Kafka options; a bad Kafka setting is one line and exit status 2")
    void helpAndErrors() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "collect", "--help"));
        for (String o : List.of("--kafka=BROKERS", "--topic=TOPIC", "--template-topic=TOPIC", "--kafka-acks",
                "--kafka-compression", "--kafka-linger", "--kafka-batch", "--kafka-buffer", "--kafka-config",
                "--kafka-property")) {
            assertTrue(out.toString().contains(o), o + " in\n" + out);
        }
        StringWriter err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "collect", "--kafka",
                "127.0.0.1:9", "--kafka-property", "no.such.setting=1"));
        assertEquals("flowinspector collect: --kafka-property: no.such.setting is not a Kafka client setting",
                err.toString().strip());
        err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "collect",
                "--template-topic", "t"));
        assertTrue(err.toString().strip().endsWith("need --kafka BROKERS"), err.toString());
        err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "collect", "--kafka",
                "127.0.0.1:9", "--kafka-acks", "2"));
        assertEquals("flowinspector collect: --kafka-acks 2: use 0, 1 or all", err.toString().strip());
    }

    // --- helpers ---

    private static GeneratorOptions generator(List<Integer> versions, int exporters, int packets) {
        GeneratorOptions g = new GeneratorOptions();
        g.versions = versions;
        g.exporters = exporters;
        g.count = packets;
        g.rate = 2000;
        g.templateRefresh = 40;
        g.seed = 7;
        return g;
    }

    private static void createTopic(String name, int partitions) throws Exception {
        try (Admin a = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            a.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating " + name, e.getCause());
        }
    }

    /** Everything in the topic, waiting until {@code expected} messages came (then half a second for extras). */
    private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, long expected) {
        KafkaSettings ks = KafkaSettings.of(broker.bootstrap(), topic);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ks.consumer("test-reader"))) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            List<PartitionInfo> infos = List.of();
            while (infos.isEmpty() && System.nanoTime() < deadline) {
                infos = c.partitionsFor(topic, Duration.ofSeconds(5));
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    /** Sends through a UDP sender and counts the records sent. */
    private static final class Counting implements PacketSink {
        final UdpSender udp;
        long records;

        Counting(UdpSender udp) {
            this.udp = udp;
        }

        @Override
        public void packet(GeneratedPacket p) throws IOException {
            records += p.records().size();
            udp.packet(p);
        }

        @Override
        public boolean wantsRecords() {
            return true;
        }
    }

    /**
     * One socket per exporter (so both collectors see the same exporter address and port): packets that carry
     * a template set go to A only, the others alternate between A and B. An exporter's first packet with
     * templates is sent after its next six data packets, so both collectors hold data waiting for templates.
     */
    private static final class Splitter implements PacketSink {
        final InetSocketAddress a;
        final InetSocketAddress b;
        final DatagramChannel[] channels;
        long records;
        int templatePackets;
        int toB;
        int alternate;
        final Map<Integer, Integer> perTemplate = new TreeMap<>();

        Splitter(InetSocketAddress a, InetSocketAddress b, int exporters) throws IOException {
            this.a = a;
            this.b = b;
            channels = new DatagramChannel[exporters];
            for (int i = 0; i < exporters; i++) {
                channels[i] = DatagramChannel.open().bind(new InetSocketAddress(a.getAddress(), 0));
            }
        }

        @Override
        public void packet(GeneratedPacket p) throws IOException {
            records += p.records().size();
            for (GeneratedRecord r : p.records()) {
                perTemplate.merge(r.templateId(), 1, Integer::sum);
            }
            int e = p.exporter();
            if (hasTemplate(p.payload())) {
                templatePackets++;
                if (!firstHeld.containsKey(e) && !released.contains(e)) {
                    firstHeld.put(e, p); // sent after the next data packets: B surely holds data that waits
                    return;
                }
                send(p, a);
                return;
            }
            InetSocketAddress to = (alternate++ & 1) == 0 ? a : b;
            if (to == b) {
                toB++;
            }
            send(p, to);
            if (firstHeld.containsKey(e) && dataSince.merge(e, 1, Integer::sum) >= 6) {
                released.add(e);
                send(firstHeld.remove(e), a);
            }
        }

        final Map<Integer, GeneratedPacket> firstHeld = new HashMap<>();
        final Map<Integer, Integer> dataSince = new HashMap<>();
        final java.util.Set<Integer> released = new java.util.HashSet<>();

        private void send(GeneratedPacket p, InetSocketAddress to) throws IOException {
            channels[p.exporter()].send(ByteBuffer.wrap(p.payload()), to);
            try {
                Thread.sleep(0, 200_000); // the loopback receive buffers need no tuning
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public boolean wantsRecords() {
            return true;
        }

        /** A v9 template set (id 0 or 1) or an IPFIX one (2 or 3). */
        static boolean hasTemplate(byte[] b) {
            int version = (b[0] & 0xff) << 8 | (b[1] & 0xff);
            int off = version == 9 ? 20 : 16;
            int end = version == 9 ? b.length : Math.min(b.length, (b[2] & 0xff) << 8 | (b[3] & 0xff));
            while (off + 4 <= end) {
                int id = (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
                int len = (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
                if (version == 9 ? id <= 1 : id == 2 || id == 3) {
                    return true;
                }
                if (len < 4) {
                    return false;
                }
                off += len;
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            for (GeneratedPacket p : firstHeld.values()) {
                send(p, a);
            }
            firstHeld.clear();
            for (DatagramChannel c : channels) {
                c.close();
            }
        }
    }
}
