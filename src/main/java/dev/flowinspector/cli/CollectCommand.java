package dev.flowinspector.cli;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.tools.collect.Collector;
import dev.flowinspector.tools.kafka.KafkaOutput;
import dev.flowinspector.tools.kafka.KafkaSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowinspector collect}: a NetFlow v5/v9/IPFIX collector writing JSON lines to rotating gzip files. */
@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Collect NetFlow v1/v5/v7/v8/v9 and IPFIX over UDP (IPv4 and IPv6) and write one JSON object per "
                + "flow record (exporter, observation domain, template id, absolute flow times, every field by its "
                + "IANA name) to gzip files rotated by time or size.",
            "Templates are kept per exporter and domain; data that arrives before its template is held and decoded "
                + "when the template comes (marked \"lateTemplate\": true). Ctrl-C or SIGTERM stops cleanly: "
                + "everything received is written and the gzip files are complete."},
        footer = {"", "Examples:",
            "  flowinspector collect --port 2055 --port 4739 -o 'flows-%%Y%%m%%d-%%H%%M.jsonl.gz'",
            "  flowinspector collect --bind ::1 --port 9995 -o flows.jsonl.gz --rotate-size 100M --pcapng raw.pcapng",
            "  flowinspector collect --port 2055 --kafka kafka1:9092,kafka2:9092 --topic flows --template-topic flow-templates",
            "", "Read the output with:  zcat flows-*.jsonl.gz | jq .   or   flowinspector analyze flows-*.jsonl.gz"})
public final class CollectCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "UDP port to listen on, repeatable (default: 2055 and 4739).")
    List<Integer> ports = new ArrayList<>();

    @Option(names = {"-b", "--bind"}, paramLabel = "ADDR", description = "Listen on this address only (default: every IPv6 and IPv4 address).")
    String bind;

    @Option(names = {"-o", "--output"}, paramLabel = "PATTERN", defaultValue = "flows-%Y%m%d-%H%M.jsonl.gz",
            description = "Output files; %%Y %%m %%d %%H %%M %%S are replaced by the time, a new file starts when "
                    + "the name changes (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--rotate-size", paramLabel = "SIZE", description = "Also start a new file after SIZE compressed bytes (e.g. 100M, 1G).")
    String rotateSize;

    @Option(names = "--rotate-interval", paramLabel = "TIME", description = "Align file times to this interval (e.g. 5m: files start at :00, :05, ...).")
    String rotateInterval;

    @Option(names = "--utc", description = "Use UTC in file names (default: local time).")
    boolean utc;

    @Option(names = "--pcapng", paramLabel = "FILE", description = "Also write every datagram received to this capture (pcapng; classic pcap when FILE ends in .pcap).")
    Path raw;

    @Option(names = "--status", paramLabel = "TIME", defaultValue = "10s",
            description = "Print a status line this often on standard error; 0 for none (default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "65536", description = "Datagrams buffered between receiving and decoding (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--scope", defaultValue = "STRICT", description = "Template scoping: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ScopingPolicy scope;

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", description = "Stop after this long (default: run until interrupted).")
    String duration;

    @Option(names = "--no-output", description = "Decode and count only; write no JSON (for measurements).")
    boolean noOutput;

    @Option(names = "--template-wait", paramLabel = "TIME", defaultValue = "10m",
            description = "How long data waits for its template before it is given up and counted (default: ${DEFAULT-VALUE}; 0 for no limit).")
    String templateWait;

    @Option(names = "--kafka", paramLabel = "BROKERS",
            description = "Also publish every record to Kafka: bootstrap servers, HOST:PORT[,HOST:PORT...]. One message per "
                    + "record, its value the JSON object of the files' line, its key EXPORTER/DOMAIN.")
    String kafka;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = KafkaSettings.DEFAULT_TOPIC,
            description = "Kafka topic of the records (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--template-topic", paramLabel = "TOPIC",
            description = "Share templates with other collectors over this compacted Kafka topic: publish the templates "
                    + "learned here, read the topic at start and follow it (created when missing).")
    String templateTopic;

    @Option(names = "--kafka-acks", paramLabel = "0|1|all", defaultValue = "all",
            description = "Acknowledgements the brokers give before a record counts as delivered (default: ${DEFAULT-VALUE}).")
    String kafkaAcks;

    @Option(names = "--kafka-compression", paramLabel = "CODEC", defaultValue = "lz4",
            description = "none, gzip, snappy, lz4 or zstd (default: ${DEFAULT-VALUE}).")
    String kafkaCompression;

    @Option(names = "--kafka-linger", paramLabel = "TIME", defaultValue = "20ms",
            description = "How long a batch waits for more records (linger.ms; default: ${DEFAULT-VALUE}).")
    String kafkaLinger;

    @Option(names = "--kafka-batch", paramLabel = "SIZE", defaultValue = "256K",
            description = "Largest batch per partition (batch.size; default: ${DEFAULT-VALUE}).")
    String kafkaBatch;

    @Option(names = "--kafka-buffer", paramLabel = "SIZE", defaultValue = "32M",
            description = "Memory for records waiting to be sent (buffer.memory; default: ${DEFAULT-VALUE}). When it is full "
                    + "(broker slow or down) records are dropped and counted; decoding and the files go on.")
    String kafkaBuffer;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client settings from a properties file (TLS, SASL, ...); they win over the options above.")
    Path kafkaConfig;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client setting, repeatable (e.g. security.protocol=SASL_SSL); wins over the file and the options above.")
    List<String> kafkaProperties = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<Integer> ps = ports.isEmpty() ? List.of(2055, 4739) : ports;
        for (int p : ps) {
            if (p < 0 || p > 65535) {
                err.println("flowinspector collect: --port " + p + ": use 1 to 65535");
                return 2;
            }
        }
        InetAddress addr = null;
        long statusMs;
        long rotateBytes;
        long intervalMs;
        long durationMs;
        long waitMs;
        KafkaSettings ks = null;
        try {
            if (bind != null) {
                addr = InetAddress.getByName(bind.replace("[", "").replace("]", ""));
            }
            statusMs = GenerateCommand.parseDuration(status).toMillis();
            rotateBytes = rotateSize == null ? 0 : parseSize(rotateSize);
            intervalMs = rotateInterval == null ? 0 : GenerateCommand.parseDuration(rotateInterval).toMillis();
            durationMs = duration == null ? 0 : GenerateCommand.parseDuration(duration).toMillis();
            waitMs = templateWait.equals("0") ? 0 : GenerateCommand.parseDuration(templateWait).toMillis();
            if (kafka != null) {
                ks = new KafkaSettings(kafka, topic, templateTopic, kafkaAcks, kafkaCompression,
                        GenerateCommand.parseDuration(kafkaLinger).toMillis(), parseSize(kafkaBatch, "--kafka-batch"),
                        parseSize(kafkaBuffer, "--kafka-buffer"), 100, KafkaSettings.extra(kafkaConfig, kafkaProperties));
            } else if (templateTopic != null || kafkaConfig != null || !kafkaProperties.isEmpty()) {
                throw new IllegalArgumentException("--template-topic, --kafka-config and --kafka-property need --kafka BROKERS");
            }
        } catch (UnknownHostException e) {
            err.println("flowinspector collect: --bind " + bind + ": not an address of this host");
            return 2;
        } catch (IOException e) {
            err.println("flowinspector collect: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("flowinspector collect: " + e.getMessage());
            return 2;
        }
        ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
        Collector.Options o = Collector.Options.of(ps, noOutput ? null : output).withBind(addr)
                .withStatus(statusMs, System.err).withRotation(rotateBytes, intervalMs, zone).withRaw(raw)
                .withQueue(Math.max(16, queue)).withPolicy(scope);
        o = o.withPending(o.maxPendingSets(), waitMs);
        KafkaOutput k = null;
        if (ks != null) {
            k = KafkaOutput.open(ks, err);
            o = o.withSink(k.sink(), k.share());
        }
        Collector c = new Collector(o);
        try {
            c.start();
        } catch (IOException e) {
            err.println("flowinspector collect: " + e.getMessage());
            if (k != null) {
                k.close();
            }
            return 2;
        }
        List<String> on = new ArrayList<>();
        for (Endpoint e : c.locals()) {
            on.add(e.toString());
        }
        err.println("flowinspector collect: listening on " + String.join(", ", on) + (noOutput ? "" : ", writing " + output)
                + (ks == null ? "" : ", publishing to Kafka topic " + ks.topic() + " at " + ks.brokers())
                + " (receive buffer " + c.receiveBuffer() / 1024 + " KiB)");
        err.flush();
        if (!stopOnSignals()) {
            err.println("flowinspector collect: SIGINT is ignored in this process (started in the background by a"
                    + " script, which the JVM cannot undo); stop it with SIGTERM: kill " + ProcessHandle.current().pid());
        }
        Thread hook = new Thread(() -> finish(c, err), "flowinspector-collect-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (durationMs > 0) {
            Thread.sleep(durationMs);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                c.await();
                return 0;
            }
            finish(c, err);
        } else {
            c.await();
        }
        return 0;
    }

    private static void finish(Collector c, PrintWriter err) {
        try {
            c.stop();
        } catch (IOException e) {
            err.println("flowinspector collect: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Collector.Stats s = c.stats();
        err.println(String.format(Locale.ROOT, "flowinspector collect: stopped; %d records from %d packets of %d exporter%s, "
                        + "%d drops%s, %d data sets waited for a template (%d never got one, %d records decoded late)%s",
                s.records(), s.packets(), s.exporters(), s.exporters() == 1 ? "" : "s", s.drops(),
                s.socketDrops() > 0 ? " (+" + s.socketDrops() + " by the system: receive buffer full)" : "",
                s.missingTemplateSets(), s.unresolvedSets(), s.lateRecords(),
                c.files().isEmpty() ? "" : "; files: " + String.join(", ", c.files().stream().map(Path::toString).toList()))
                + c.shareStatus());
        for (String l : c.exporterLines()) {
            err.println(l);
        }
        err.flush();
    }

    /** 100M, 1G, 512k, or bytes. */
    static long parseSize(String s) {
        return parseSize(s, "--rotate-size");
    }

    /** 100M, 1G, 512k, or bytes; {@code option} names the option in the message. */
    static long parseSize(String s, String option) {
        String t = s.trim().toUpperCase(Locale.ROOT).replace("B", "");
        long mul = 1;
        if (t.endsWith("K")) {
            mul = 1L << 10;
        } else if (t.endsWith("M")) {
            mul = 1L << 20;
        } else if (t.endsWith("G")) {
            mul = 1L << 30;
        }
        try {
            long n = Long.parseLong(mul == 1 ? t : t.substring(0, t.length() - 1));
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n * mul;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + s + ": expected a size such as 100M or 1G");
        }
    }

    /**
     * SIGINT and SIGTERM end the collector through its shutdown hook (files closed, summary printed). Returns
     * false when SIGINT was ignored when the process started (a script's background job): the JVM cannot catch
     * it then, only SIGTERM.
     */
    private static boolean stopOnSignals() {
        boolean intCaught = true;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.SignalHandler old = sun.misc.Signal.handle(new sun.misc.Signal(name),
                        s -> System.exit(128 + s.getNumber()));
                if (name.equals("INT") && old == sun.misc.SignalHandler.SIG_IGN) {
                    intCaught = false;
                }
            } catch (IllegalArgumentException | LinkageError e) {
                // no such signal here (or no jdk.unsupported): the JVM's own handling stays
            }
        }
        return intCaught;
    }
}
