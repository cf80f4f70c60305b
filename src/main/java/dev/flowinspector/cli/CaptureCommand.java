package dev.flowinspector.cli;

import dev.flowinspector.capture.CaptureException;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.InterfaceCapture;
import dev.flowinspector.capture.InterfaceInfo;
import dev.flowinspector.capture.CaptureWriter;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.engine.Decoding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowinspector capture}: live capture on a network interface, one line per export packet as it arrives. */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Capture NetFlow/IPFIX export packets on a network interface (libpcap) and print one line per "
                + "packet as it arrives; optionally save the captured frames as pcapng.",
            "Needs libpcap (libpcap0.8 on Debian/Ubuntu, libpcap on Fedora, Npcap on Windows) and the right to "
                + "capture (root, or CAP_NET_RAW: sudo flowinspector-capture-setup --user $USER). Without them, "
                + "'flowinspector collect' listens on a UDP port instead.",
            "Exit status: 0 when the capture ran, 2 when it could not start."},
        footer = {"", "Examples:",
            "  flowinspector capture --list-interfaces",
            "  flowinspector capture -i eth0 --count 10",
            "  flowinspector capture -i any --filter 'udp port 6000' --duration 60s -w flows.pcapng"})
public final class CaptureCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", description = "Interface to capture on (see --list-interfaces).")
    String iface;

    @Option(names = {"-D", "--list-interfaces"}, description = "List the interfaces with their addresses and exit.")
    boolean list;

    @Option(names = {"-f", "--filter"}, paramLabel = "BPF", description = "Capture filter (default: the NetFlow/IPFIX "
            + "ports 2055, 2056, 4739, 4740, 9555, 9995, 9996 over UDP and 4739 over TCP, plus every --port).")
    String filter;

    @Option(names = {"-p", "--promiscuous"}, description = "Promiscuous mode: also frames not addressed to this host.")
    boolean promiscuous;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N export packets.")
    long count;

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", description = "Stop after this long (e.g. 30s, 5m).")
    String duration;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Save the captured frames to this pcapng file.")
    Path write;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "65536",
            description = "Export packets buffered between capturing and printing (default: ${DEFAULT-VALUE}).")
    int queue;

    @Mixin
    CaptureOptions capture;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (list) {
                List<InterfaceInfo> all = InterfaceCapture.interfaces();
                for (InterfaceInfo i : all) {
                    out.println(i.label());
                }
                if (all.isEmpty()) {
                    err.println("flowinspector capture: no interfaces found (no permission to list them?)");
                }
                out.flush();
                return 0;
            }
            if (iface == null) {
                err.println("flowinspector capture: give an interface with --interface IFACE (see --list-interfaces)");
                return 2;
            }
            long durationMs;
            try {
                durationMs = duration == null ? 0 : GenerateCommand.parseDuration(duration).toMillis();
            } catch (IllegalArgumentException e) {
                err.println("flowinspector capture: " + e.getMessage());
                return 2;
            }
            return run(out, err, durationMs);
        } catch (CaptureException e) {
            err.println("flowinspector capture: " + e.getMessage());
            return 2;
        }
    }

    private String filter() {
        if (filter != null && !filter.isBlank()) {
            return filter;
        }
        StringBuilder f = new StringBuilder(InterfaceCapture.DEFAULT_FILTER);
        for (int p : capture.ports) {
            f.append(" or udp port ").append(p);
        }
        return f.toString();
    }

    private int run(PrintWriter out, PrintWriter err, long durationMs) throws IOException, InterruptedException {
        Decoding decoding = new Decoding(capture.decodingOptions());
        InterfaceCapture.Options o = InterfaceCapture.Options.of(iface).withFilter(filter())
                .withPromiscuous(promiscuous).withQueue(queue).withPorts(capture.exportPorts());
        CaptureWriter pcapng = null;
        if (write != null) {
            try {
                pcapng = CaptureWriter.create(write, CaptureWriter.Format.PCAPNG, true, "FlowInspector live capture on " + iface);
            } catch (IOException e) {
                err.println("flowinspector capture: cannot write " + write + ": " + e.getMessage());
                return 2;
            }
        }
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "capture-stop");
        long packets = 0;
        long lastWritten = -1;
        ZoneId zone = ZoneId.systemDefault();
        try (InterfaceCapture c = new InterfaceCapture(o)) {
            err.println("Capturing on " + iface + " (filter: " + o.filter() + ")" + (count > 0 ? ", " + count
                    + " packets" : "") + (durationMs > 0 ? ", for " + duration : "") + "; Ctrl-C stops");
            err.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            long deadline = durationMs > 0 ? System.nanoTime() + durationMs * 1_000_000L : Long.MAX_VALUE;
            while (!interrupted.get() && (count <= 0 || packets < count) && System.nanoTime() < deadline) {
                Frame f = c.poll(100, TimeUnit.MILLISECONDS);
                if (f == null) {
                    if (!c.running()) {
                        break;
                    }
                    continue;
                }
                ExportPacket p = decoding.accept(f);
                packets++;
                out.println(String.format("%6d %s %s → %s %s", f.number(),
                        TIME.format(Instant.ofEpochSecond(0, f.timeNanos()).atZone(zone)), f.source(),
                        f.destination(), p.info()));
                out.flush();
                if (pcapng != null && f.number() != lastWritten) {
                    pcapng.write(f); // a TCP segment completing several IPFIX messages is saved once
                    lastWritten = f.number();
                }
            }
            c.stop();
            decoding.finish();
            InterfaceCapture.Stats s = c.stats();
            err.println(packets + " export packets; " + s.summary());
            if (c.damage() != null) {
                err.println("flowinspector capture: " + c.damage());
            }
        } finally {
            if (pcapng != null) {
                pcapng.close();
            }
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or the hook was never added
            }
            err.flush();
        }
        if (write != null) {
            err.println("Saved to " + write);
        }
        return 0;
    }
}
