package dev.flowinspector.cli;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.tools.generate.CaptureFileWriter;
import dev.flowinspector.tools.generate.Fault;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.tools.generate.PacketSink;
import dev.flowinspector.tools.generate.UdpSender;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowinspector generate}: an exporter simulator sending NetFlow v5/v9/IPFIX or writing a capture. */
@Command(name = "generate", sortOptions = false,
        description = {"Simulate NetFlow v5, v9 and IPFIX exporters: realistic random traffic (IPv4/IPv6, TCP/UDP/ICMP), "
                + "several templates (one IPFIX template with a variable-length applicationName), options data "
                + "(sampling, interface names), template refresh and fault injection.",
            "Sends to a collector over UDP (--to) or writes a capture file (-w); a capture file uses a virtual clock, "
                + "so the same --seed and --start give the same bytes."},
        footer = {"", "Examples:",
            "  flowinspector generate --to 127.0.55.1:2055 --version 9 --rate 1000 --exporters 3 --duration 60s",
            "  flowinspector generate -w v5.pcap --version 5 --count 100000 --seed 7",
            "  flowinspector generate -w faults.pcap --version 10 --fault missing-template,seq-gap,bad-padding",
            "", "Faults: " + "missing-template, bad-count, count-zero, seq-gap, duplicate-seq, template-change, "
                + "bad-padding, bad-set-length, reserved-set-id, template-id-low, field-length, withdrawal, bad-utf8, "
                + "varlen-overrun, bad-prefix, bad-nsecs, truncated (or all). Each is injected once per exporter, "
                + "one per packet from packet --fault-at + 1; faults that do not apply to a version are skipped."})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-v", "--version"}, split = ",", paramLabel = "5|9|10",
            defaultValue = "9", description = "Export version(s); several are spread over the exporters (default: ${DEFAULT-VALUE}).")
    List<Integer> versions = new ArrayList<>();

    @Option(names = "--to", paramLabel = "HOST:PORT", description = "Send to this collector over UDP (e.g. 127.0.55.1:2055, [::1]:4739).")
    String to;

    @Option(names = "--from", paramLabel = "ADDR",
            description = "Towards an IPv4 loopback collector: the first exporter's source address, the next ones count up (default: 127.0.55.10).")
    String from;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Write a capture instead: pcapng when FILE ends in .pcapng, else pcap.")
    Path write;

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Packets to produce (default: 1000, or no limit with --duration).")
    Long count;

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", description = "Run this long (e.g. 30s, 5m, 1h).")
    String duration;

    @Option(names = {"-r", "--rate"}, paramLabel = "PPS", defaultValue = "1000",
            description = "Packets per second over all exporters; 0 is as fast as possible (default: ${DEFAULT-VALUE}). "
                    + "Sending 10000/s or more (or 0) without faults, data packets are pre-built and re-stamped "
                    + "(clock, sequence numbers, flow times, counters).")
    double rate;

    @Option(names = {"-e", "--exporters"}, paramLabel = "N", defaultValue = "1",
            description = "Simulated exporters, each with its own address/port and domain (default: ${DEFAULT-VALUE}).")
    int exporters;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "TIME", description = "Virtual clock start for -w, ISO-8601 (default: now).")
    String start;

    @Option(names = "--template-refresh", paramLabel = "N", defaultValue = "1000",
            description = "Re-send templates and options data every N packets per exporter (default: ${DEFAULT-VALUE}).")
    int templateRefresh;

    @Option(names = "--records", paramLabel = "MIN[-MAX]", defaultValue = "20-25",
            description = "Data records per v9/IPFIX packet (default: ${DEFAULT-VALUE}; v5 always carries up to 30).")
    String records;

    @Option(names = "--v5-records", paramLabel = "N", defaultValue = "30", description = "Records per v5 packet, 1-30 (default: ${DEFAULT-VALUE}).")
    int v5Records;

    @Option(names = "--ipv6", paramLabel = "SHARE", defaultValue = "0.25", description = "Share of IPv6 flows in v9/IPFIX (default: ${DEFAULT-VALUE}).")
    double ipv6;

    @Option(names = "--sampling", paramLabel = "N", defaultValue = "1", description = "Announce 1-in-N packet sampling in options data (default: ${DEFAULT-VALUE}).")
    int sampling;

    @Option(names = "--mtu-payload", paramLabel = "BYTES", defaultValue = "1472", description = "Largest export packet (default: ${DEFAULT-VALUE}).")
    int maxPayload;

    @Option(names = "--fault", paramLabel = "LIST", description = "Inject faults, comma separated (see below).")
    String fault;

    @Option(names = "--fault-at", paramLabel = "N", defaultValue = "3", description = "Exporter packet where fault injection starts (default: ${DEFAULT-VALUE}).")
    int faultAt;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        GeneratorOptions o;
        try {
            o = options();
        } catch (IllegalArgumentException e) {
            err.println("flowinspector generate: " + e.getMessage());
            return 2;
        }
        if ((to == null) == (write == null)) {
            err.println("flowinspector generate: give either --to HOST:PORT (send) or -w FILE (write a capture)");
            return 2;
        }
        Generator g = new Generator(o);
        for (Fault f : g.inapplicableFaults()) {
            err.println("flowinspector generate: fault " + f.flag() + " does not apply to version(s) " + o.versions + "; skipped");
        }
        PacketSink sink;
        String where;
        if (write != null) {
            CaptureFileWriter w;
            try {
                w = new CaptureFileWriter(write);
            } catch (IOException e) {
                err.println("flowinspector generate: cannot write " + write + ": " + e.getMessage());
                return 2;
            }
            sink = w;
            where = write + (w.pcapng() ? " (pcapng)" : " (pcap)");
        } else {
            InetSocketAddress target = parseTarget(to);
            if (target == null) {
                err.println("flowinspector generate: --to " + to + ": expected HOST:PORT, e.g. 127.0.55.1:2055 or [::1]:4739");
                return 2;
            }
            InetAddress source = null;
            if (from != null) {
                try {
                    source = InetAddress.getByName(from);
                } catch (IOException e) {
                    err.println("flowinspector generate: --from " + from + ": " + e.getMessage());
                    return 2;
                }
            }
            sink = new UdpSender(target, o.exporters, source);
            where = "udp " + to;
        }
        Thread hook = new Thread(g::stop);
        Runtime.getRuntime().addShutdownHook(hook);
        Generator.Stats s;
        try (PacketSink k = sink) {
            s = g.run(k);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down
        }
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%d packets, %d records, %d bytes to %s in %.2f s (%.0f packets/s, %.0f records/s)%n",
                    s.packets(), s.records(), s.bytes(), where, s.elapsedNanos() / 1e9, s.packetsPerSecond(),
                    s.recordsPerSecond());
            if (sink instanceof UdpSender u && u.sendErrors() > 0) {
                out.printf(Locale.ROOT, "%d datagrams not sent (refused by the system or nobody listening)%n", u.sendErrors());
            }
            out.flush();
        }
        return 0;
    }

    GeneratorOptions options() {
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.copyOf(versions);
        for (int v : versions) {
            if (v != 5 && v != 9 && v != 10) {
                throw new IllegalArgumentException("--version " + v + ": use 5, 9 or 10 (IPFIX)");
            }
        }
        if (exporters < 1 || exporters > 10_000) {
            throw new IllegalArgumentException("--exporters " + exporters + ": use 1 to 10000");
        }
        o.exporters = exporters;
        o.rate = Math.max(0, rate);
        o.seed = seed;
        o.templateRefresh = Math.max(1, templateRefresh);
        String[] r = records.split("-");
        try {
            o.recordsMin = Integer.parseInt(r[0].trim());
            o.recordsMax = r.length > 1 ? Integer.parseInt(r[1].trim()) : o.recordsMin;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--records " + records + ": expected N or MIN-MAX");
        }
        if (o.recordsMin < 1 || o.recordsMax < o.recordsMin) {
            throw new IllegalArgumentException("--records " + records + ": expected 1 <= MIN <= MAX");
        }
        if (v5Records < 1 || v5Records > 30) {
            throw new IllegalArgumentException("--v5-records " + v5Records + ": use 1 to 30");
        }
        o.v5Records = v5Records;
        o.ipv6Share = Math.max(0, Math.min(1, ipv6));
        o.samplingInterval = Math.max(1, sampling);
        o.maxPayload = Math.max(200, Math.min(65507, maxPayload));
        o.faults = Fault.parse(fault);
        o.faultAt = Math.max(0, faultAt);
        if (duration != null) {
            o.durationMs = parseDuration(duration).toMillis();
        }
        o.count = count != null ? count : duration != null ? 0 : 1000;
        if (write != null) {
            try {
                o.startMillis = start != null ? Instant.parse(start).toEpochMilli() : System.currentTimeMillis();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--start " + start + ": expected ISO-8601, e.g. 2024-05-01T12:00:00Z");
            }
            if (to != null) {
                o.collector = endpoint(to);
            }
        } else if (to != null) {
            o.collector = endpoint(to);
        }
        return o;
    }

    private static Endpoint endpoint(String hostPort) {
        InetSocketAddress a = parseTarget(hostPort);
        if (a == null) {
            throw new IllegalArgumentException("--to " + hostPort + ": expected HOST:PORT");
        }
        byte[] b = a.getAddress().getAddress();
        return new Endpoint(b.length == 4 ? dev.flowinspector.decode.ValueDecoder.ipv4(b, 0)
                : dev.flowinspector.decode.ValueDecoder.ipv6(b, 0), a.getPort());
    }

    /** HOST:PORT, [IPv6]:PORT; null when malformed or unresolvable. */
    static InetSocketAddress parseTarget(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 1 || port > 65535) {
                return null;
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException | IOException e) {
            return null;
        }
    }

    /** 30s, 5m, 1h, 250ms, or plain seconds. */
    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.replaceAll("[smhd]$", ""));
            return switch (t.charAt(t.length() - 1)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + s + "' is not a duration (e.g. 30s, 5m, 1h, 250ms)");
        }
    }
}
