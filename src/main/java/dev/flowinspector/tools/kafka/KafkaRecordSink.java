package dev.flowinspector.tools.kafka;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.tools.collect.RecordSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes the collector's records to a Kafka topic: one message per flow record, its value the record's JSON
 * object exactly as in the files (without the newline), its key {@code EXPORTER/DOMAIN} (for example
 * {@code 192.0.2.1:50123/0}), so every record of one exporter's observation domain goes to one partition, in
 * the order received.
 *
 * <p>Until the brokers have named the topic's partitions, records are dropped and counted (the collector waits
 * for that at start, a few seconds at most). Memory is bounded by the producer's {@code buffer.memory}. When it is full (the broker is slow or gone),
 * {@code send} waits at most {@code max.block.ms}; a record that still finds no room counts as failed, and for
 * the next second further records are dropped without waiting (counted as dropped), so decoding and the files
 * go on at nearly full speed. Records the producer accepted but could not deliver (after
 * {@code delivery.timeout.ms}, or still unsent when it is closed) count as failed too; the status shows the
 * last error.
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
    private volatile boolean closed;
    private final CountDownLatch ready = new CountDownLatch(1);
    private long skipUntil;
    private Endpoint lastExporter;
    private long lastDomain;
    private byte[] lastKey;

    public KafkaRecordSink(Producer<byte[], byte[]> producer, String topic, Duration closeTimeout) {
        this.producer = producer;
        this.topic = topic;
        this.closeTimeout = closeTimeout;
        Thread t = new Thread(this::learnTopic, "flowinspector-kafka-metadata");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Asks for the topic's partitions until the brokers answer: until then records are dropped (counted) rather
     * than each waiting max.block.ms for metadata that is not there.
     */
    private void learnTopic() {
        while (!closed) {
            try {
                producer.partitionsFor(topic);
                ready.countDown();
                return;
            } catch (KafkaException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException x) {
                    return;
                }
            }
        }
    }

    /** Waits until the brokers told the topic's partitions; false when that took longer than {@code d}. */
    public boolean awaitReady(Duration d) throws InterruptedException {
        return ready.await(d.toMillis(), TimeUnit.MILLISECONDS);
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
        if (ready.getCount() > 0) {
            dropped.add(count);
            return;
        }
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
            Future<RecordMetadata> f;
            try {
                f = producer.send(new ProducerRecord<>(topic, lastKey, Arrays.copyOfRange(lines, start, i)), callback);
            } catch (KafkaException e) {
                f = null; // the producer is closed or misconfigured: the callback was not called
                failed.increment();
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            sent++;
            start = i + 1;
            // send() reports "no room in buffer.memory or no metadata within max.block.ms" through a future that
            // has already failed (and the callback, which counted it): back off instead of waiting for every record
            if (f == null || f.isDone() && failedNow(f)) {
                dropped.add(count - sent);
                skipUntil = System.nanoTime() + BACKOFF_NANOS;
                break;
            }
        }
        handed.add(sent);
    }

    private static boolean failedNow(Future<RecordMetadata> f) {
        try {
            f.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The last error the producer reported, or null. */
    public String lastError() {
        return lastError;
    }

    /** Records delivered (acknowledged as {@code acks} asks). */
    public long delivered() {
        return delivered.sum();
    }

    /** Records the producer could not deliver (no room or no broker within max.block.ms, or delivery failed). */
    public long failed() {
        return failed.sum();
    }

    /**
     * Records not offered to the producer: they came before the brokers answered, or within a second after one
     * found no room or no broker.
     */
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
        closed = true;
        producer.close(closeTimeout);
    }
}
