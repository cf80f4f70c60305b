package dev.flowinspector.tools.kafka;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.tools.collect.RecordSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes the collector's records to a Kafka topic: one message per flow record, its value the record's JSON
 * object exactly as in the files (without the newline), its key {@code EXPORTER/DOMAIN} (for example
 * {@code 192.0.2.1:50123/0}), so every record of one exporter's observation domain goes to one partition, in
 * the order received.
 *
 * <p>Memory is bounded by the producer's {@code buffer.memory}. When it is full (the broker is slow or gone),
 * {@code send} waits at most {@code max.block.ms}; a record that still finds no room is dropped and counted, and
 * for the next second further records are dropped without waiting, so decoding and the files go on at full
 * speed. Records the producer accepted but could not deliver (after {@code delivery.timeout.ms}) are counted as
 * failed, with the last error shown in the status.
 */
public final class KafkaRecordSink implements RecordSink {

    /** How long records are dropped without waiting after one found no room. */
    private static final long BACKOFF_NANOS = 1_000_000_000L;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration closeTimeout;
    private final LongAdder handed = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Callback callback = (md, e) -> {
        if (e == null) {
            delivered.increment();
        } else {
            failed.increment();
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    };
    private volatile String lastError;
    private long skipUntil;
    private Endpoint lastExporter;
    private long lastDomain;
    private byte[] lastKey;

    public KafkaRecordSink(Producer<byte[], byte[]> producer, String topic, Duration closeTimeout) {
        this.producer = producer;
        this.topic = topic;
        this.closeTimeout = closeTimeout;
    }

    /** A sink with its own producer made from the settings. */
    public static KafkaRecordSink open(KafkaSettings s, String clientId) {
        return new KafkaRecordSink(new KafkaProducer<>(s.producer(clientId)), s.topic(), Duration.ofSeconds(10));
    }

    /** The message key of an exporter's observation domain. */
    public static String key(Endpoint exporter, long domain) {
        return exporter + "/" + domain;
    }

    @Override
    public void records(Endpoint exporter, long domain, byte[] lines, int length, int count) {
        if (skipUntil != 0) {
            if (System.nanoTime() - skipUntil < 0) {
                dropped.add(count);
                return;
            }
            skipUntil = 0;
        }
        if (exporter != lastExporter || domain != lastDomain || lastKey == null) {
            lastKey = key(exporter, domain).getBytes(StandardCharsets.UTF_8);
            lastExporter = exporter;
            lastDomain = domain;
        }
        int start = 0;
        int sent = 0;
        for (int i = 0; i < length; i++) {
            if (lines[i] != '\n') {
                continue;
            }
            try {
                producer.send(new ProducerRecord<>(topic, lastKey, Arrays.copyOfRange(lines, start, i)), callback);
            } catch (KafkaException e) {
                // no room in buffer.memory within max.block.ms, no metadata, or the producer failed
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                dropped.add(count - sent);
                skipUntil = System.nanoTime() + BACKOFF_NANOS;
                handed.add(sent);
                return;
            }
            sent++;
            start = i + 1;
        }
        handed.add(sent);
    }

    /** Records delivered (acknowledged as {@code acks} asks). */
    public long delivered() {
        return delivered.sum();
    }

    /** Records the producer took but could not deliver. */
    public long failed() {
        return failed.sum();
    }

    /** Records never handed to the producer (its buffer was full or the broker unknown). */
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public String status() {
        long d = delivered.sum();
        long f = failed.sum();
        String err = lastError;
        return String.format(Locale.ROOT, "kafka %s: %d delivered, %d in flight, %d failed, %d dropped%s", topic, d,
                Math.max(0, handed.sum() - d - f), f, dropped.sum(), err == null || f + dropped.sum() == 0 ? ""
                        : " (last error: " + err + ")");
    }

    @Override
    public void close() {
        producer.close(closeTimeout);
    }
}
