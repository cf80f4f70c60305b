package dev.flowinspector.tools.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How the collector talks to Kafka: the brokers, the records topic and (optionally) the templates topic, the
 * producer's batching, compression, acknowledgements and memory, and any other client setting (TLS, SASL, ...)
 * from a properties file and {@code key=value} pairs, which are applied after the named settings and so win.
 *
 * @param brokers       bootstrap.servers
 * @param topic         topic of the flow records
 * @param templateTopic compacted topic of template definitions shared by a fleet, or null
 * @param acks          0, 1 or all
 * @param compression   none, gzip, snappy, lz4 or zstd
 * @param lingerMs      linger.ms: how long a batch waits for more records
 * @param batchBytes    batch.size: largest batch per partition
 * @param bufferBytes   buffer.memory: all records waiting to be sent; when full, records are dropped and counted
 * @param maxBlockMs    max.block.ms: how long the collector waits for room or metadata before it drops a record
 * @param extra         further client settings (file first, then pairs), for producer and consumer alike
 */
public record KafkaSettings(String brokers, String topic, String templateTopic, String acks, String compression,
                            long lingerMs, long batchBytes, long bufferBytes, long maxBlockMs, Properties extra) {

    /** Default records topic. */
    public static final String DEFAULT_TOPIC = "flowinspector-flows";

    private static final Set<String> ACKS = Set.of("0", "1", "all", "-1");
    private static final Set<String> CODECS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    public KafkaSettings {
        if (brokers == null || brokers.isBlank()) {
            throw new IllegalArgumentException("--kafka: name at least one broker as HOST:PORT");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("--topic: a topic name is needed");
        }
        acks = acks.toLowerCase(Locale.ROOT);
        if (!ACKS.contains(acks)) {
            throw new IllegalArgumentException("--kafka-acks " + acks + ": use 0, 1 or all");
        }
        compression = compression.toLowerCase(Locale.ROOT);
        if (!CODECS.contains(compression)) {
            throw new IllegalArgumentException("--kafka-compression " + compression + ": use none, gzip, snappy, lz4 or zstd");
        }
        extra = extra == null ? new Properties() : extra;
    }

    /** Defaults for everything but the brokers and the topic. */
    public static KafkaSettings of(String brokers, String topic) {
        return new KafkaSettings(brokers, topic, null, "all", "lz4", 20, 256 * 1024, 32L << 20, 100, new Properties());
    }

    /** The same with a templates topic (null for none). */
    public KafkaSettings withTemplateTopic(String t) {
        return new KafkaSettings(brokers, topic, t, acks, compression, lingerMs, batchBytes, bufferBytes, maxBlockMs, extra);
    }

    /**
     * Client settings from a properties file (may be null) and {@code key=value} pairs (may be empty); a key that
     * no Kafka producer, consumer or admin client knows is an error naming it.
     */
    public static Properties extra(Path file, List<String> pairs) throws IOException {
        Properties p = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (NoSuchFileException e) {
                throw new IOException("--kafka-config " + file + ": no such file");
            } catch (IllegalArgumentException e) {
                throw new IOException("--kafka-config " + file + ": not a properties file (" + e.getMessage() + ")");
            }
            check(p, "--kafka-config " + file);
        }
        for (String kv : pairs) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--kafka-property " + kv + ": expected KEY=VALUE");
            }
            Properties one = new Properties();
            one.setProperty(kv.substring(0, eq).trim(), kv.substring(eq + 1));
            check(one, "--kafka-property");
            p.putAll(one);
        }
        return p;
    }

    private static void check(Properties p, String where) {
        Set<String> known = new HashSet<>(ProducerConfig.configNames());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        for (String k : p.stringPropertyNames()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(where + ": " + k + " is not a Kafka client setting");
            }
        }
    }

    /** Producer settings for the records. */
    public Properties producer(String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, acks);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(lingerMs));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Long.toString(batchBytes));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(bufferBytes));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(maxBlockMs));
        if (!acks.equals("all") && !acks.equals("-1")) {
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"); // idempotence needs acks=all
        }
        copy(extra, p, ProducerConfig.configNames());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Consumer settings for reading the templates topic from its start (no group: every collector reads it all). */
    public Properties consumer(String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        copy(extra, p, ConsumerConfig.configNames());
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"); // the templates topic is made compacted
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Admin client settings (creating the templates topic). */
    public Properties admin(String clientId) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        copy(extra, p, AdminClientConfig.configNames());
        return p;
    }

    private static void copy(Properties from, Properties to, Set<String> names) {
        for (String k : from.stringPropertyNames()) {
            if (names.contains(k)) {
                to.put(k, from.getProperty(k));
            }
        }
    }
}
