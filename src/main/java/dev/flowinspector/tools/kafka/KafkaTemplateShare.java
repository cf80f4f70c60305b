package dev.flowinspector.tools.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateKey;
import dev.flowinspector.engine.TemplateFile;
import dev.flowinspector.tools.collect.TemplateShare;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;

/**
 * Templates shared by a fleet of collectors over a compacted Kafka topic. Every template a collector learns from
 * an exporter (new or changed) is published as one message: key {@code EXPORTER/VERSION/DOMAIN/ID} (for
 * example {@code 192.0.2.1:50123/10/0/256}), value a FlowInspector template file holding that one template
 * (the format of {@code templates --export} and {@code --templates-from}, on one line), and a header naming the
 * collector.
 * Compaction keeps the latest definition per key. Each collector reads the whole topic from its start (no
 * consumer group: every collector needs every template), waits for that at start for a bounded time, and then
 * follows it; what others published goes into its template cache, and data sets that waited for it are
 * decoded then.
 */
public final class KafkaTemplateShare implements TemplateShare {

    /** Header that names the collector that published a template (its own messages are skipped). */
    public static final String ORIGIN_HEADER = "flowinspector-collector";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final String origin;
    private final byte[] originBytes;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;
    private final KafkaSettings settings;
    private final LinkedBlockingQueue<Template> inbox = new LinkedBlockingQueue<>(65_536);
    private final LongAdder published = new LongAdder();
    private final LongAdder publishFailed = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean closed;
    private volatile String lastError;

    private KafkaTemplateShare(KafkaSettings s, String origin) {
        this.settings = s;
        this.topic = s.templateTopic();
        this.origin = origin;
        this.originBytes = origin.getBytes(StandardCharsets.UTF_8);
        var pp = s.producer(origin + "-templates");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        pp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
        this.producer = new KafkaProducer<>(pp);
        this.consumer = new KafkaConsumer<>(s.consumer(origin + "-templates"));
        this.reader = new Thread(this::readLoop, "flowinspector-kafka-templates");
        reader.setDaemon(true);
    }

    /**
     * Connects, creates the topic (compacted) when it is missing, and reads what it holds, waiting at most
     * {@code catchUp} for that; then follows it on a thread of its own.
     *
     * @param origin names this collector in the messages it publishes (unique in the fleet)
     */
    public static KafkaTemplateShare start(KafkaSettings s, String origin, Duration catchUp) throws InterruptedException {
        KafkaTemplateShare t = new KafkaTemplateShare(s, origin);
        t.reader.start();
        t.caughtUp.await(catchUp.toMillis(), TimeUnit.MILLISECONDS);
        return t;
    }

    /** True once everything the topic held at start has been read. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** The message key of a template. */
    public static String key(TemplateKey k) {
        return k.exporter() + "/" + k.version() + "/" + k.domain() + "/" + k.templateId();
    }

    @Override
    public void learned(Template t) {
        byte[] value = compact(TemplateFile.toJson(List.of(t), origin)).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key(t.key()).getBytes(StandardCharsets.UTF_8), value);
        r.headers().add(ORIGIN_HEADER, originBytes);
        try {
            producer.send(r, (md, e) -> {
                if (e == null) {
                    published.increment();
                } else {
                    publishFailed.increment();
                    lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            });
        } catch (KafkaException e) {
            publishFailed.increment();
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The template file's JSON on one line (the file format is indented for people). */
    private static String compact(String json) {
        try {
            return JSON.readTree(json).toString();
        } catch (IOException e) {
            throw new IllegalStateException("template JSON did not parse back", e);
        }
    }

    @Override
    public List<Template> received() {
        if (inbox.isEmpty()) {
            return List.of();
        }
        List<Template> out = new ArrayList<>();
        inbox.drainTo(out);
        return out;
    }

    private void readLoop() {
        try {
            List<TopicPartition> parts = assign();
            if (parts == null) {
                return;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    take(r);
                }
                if (end != null && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    end = null;
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (KafkaException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            caughtUp.countDown();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** The topic's partitions, from the start; creates the topic when missing. Null when closed first. */
    private List<TopicPartition> assign() throws InterruptedException {
        boolean tried = false;
        while (!closed) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (KafkaException e) {
                if (e instanceof WakeupException w) {
                    throw w;
                }
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                infos = null;
            }
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                return parts;
            }
            if (!tried) {
                create();
                tried = true;
            } else {
                Thread.sleep(1000);
            }
        }
        return null;
    }

    private void create() throws InterruptedException {
        try (Admin a = Admin.create(settings.admin(origin + "-admin"))) {
            a.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                lastError = "creating topic " + topic + ": " + e.getCause().getMessage();
            }
        } catch (java.util.concurrent.TimeoutException | KafkaException e) {
            lastError = "creating topic " + topic + ": " + e.getMessage();
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> r) throws InterruptedException {
        Header h = r.headers().lastHeader(ORIGIN_HEADER);
        if (r.value() == null || (h != null && Arrays.equals(h.value(), originBytes))) {
            return;
        }
        try {
            for (Template t : TemplateFile.parse(new String(r.value(), StandardCharsets.UTF_8),
                    "topic " + topic + " partition " + r.partition() + " offset " + r.offset())) {
                inbox.put(t);
                received.increment();
            }
        } catch (IOException e) {
            unreadable.increment();
            lastError = e.getMessage();
        }
    }

    @Override
    public String status() {
        String err = lastError;
        return String.format(Locale.ROOT, "templates topic %s: %d published, %d failed, %d received from other collectors%s%s",
                topic, published.sum(), publishFailed.sum(), received.sum(),
                unreadable.sum() > 0 ? ", " + unreadable.sum() + " unreadable" : "",
                err == null ? "" : " (last error: " + err + ")");
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            reader.join(2000);
            if (reader.isAlive()) {
                reader.interrupt();
                reader.join(3000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
