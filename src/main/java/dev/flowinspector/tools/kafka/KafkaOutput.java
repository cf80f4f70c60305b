package dev.flowinspector.tools.kafka;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.KafkaException;

/**
 * What {@code collect --kafka} starts: the records sink and, with a templates topic, the template share. The
 * Kafka client's own log goes to standard error only for errors; the collector's status line and summary
 * count what was delivered, failed and dropped.
 *
 * @param sink  the records' producer
 * @param share the templates topic, or null
 */
public record KafkaOutput(KafkaRecordSink sink, KafkaTemplateShare share) {

    /** How long the collector waits at start for the brokers to name the records topic's partitions. */
    public static final Duration READY_WAIT = Duration.ofSeconds(10);

    /** How long the collector waits at start to read the templates the topic already holds. */
    public static final Duration TEMPLATE_CATCH_UP = Duration.ofSeconds(10);

    /** Opens the producer and, when asked, reads the templates topic (waiting at most {@link #TEMPLATE_CATCH_UP}). */
    public static KafkaOutput open(KafkaSettings s, PrintWriter err) throws IOException, InterruptedException {
        quietClientLog();
        String id = collectorId();
        KafkaRecordSink sink;
        try {
            sink = KafkaRecordSink.open(s, id);
        } catch (KafkaException e) {
            throw new IOException("--kafka " + s.brokers() + ": " + message(e));
        }
        if (!sink.awaitReady(READY_WAIT)) {
            err.println("flowinspector collect: --kafka " + s.brokers() + ": no answer about topic " + s.topic()
                    + " within " + READY_WAIT.toSeconds() + " s (" + sink.lastError() + "); going on, records are dropped "
                    + "and counted until it comes");
        }
        KafkaTemplateShare share = null;
        if (s.templateTopic() != null) {
            try {
                share = KafkaTemplateShare.start(s, id, TEMPLATE_CATCH_UP);
            } catch (KafkaException e) {
                sink.close();
                throw new IOException("--template-topic " + s.templateTopic() + ": " + message(e));
            }
            if (!share.caughtUp()) {
                err.println("flowinspector collect: templates topic " + s.templateTopic() + " not read within "
                        + TEMPLATE_CATCH_UP.toSeconds() + " s; going on, it is followed as it comes (" + share.status() + ")");
            }
        }
        return new KafkaOutput(sink, share);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
            m = m + ": " + e.getMessage();
        }
        return m;
    }

    /** Closes both (the collector does this when it stops; this is for when it never started). */
    public void close() {
        sink.close();
        if (share != null) {
            share.close();
        }
    }

    /** host-pid-random: names this collector in the client id and in the templates it publishes. */
    static String collectorId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "collector";
        }
        long pid = ProcessHandle.current().pid();
        return "flowinspector-" + host + "-" + pid + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /** The Kafka client logs every reconnect attempt at WARN; errors still show (unless set otherwise). */
    private static void quietClientLog() {
        String key = "org.slf4j.simpleLogger.log.org.apache.kafka";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "error");
        }
    }
}
