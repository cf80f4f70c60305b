package dev.flowinspector.cli;

import dev.flowinspector.capture.CaptureException;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.InterfaceCapture;
import dev.flowinspector.capture.InterfaceInfo;
import dev.flowinspector.capture.RingBuffer;
import dev.flowinspector.capture.StopConditions;
import dev.flowinspector.capture.UdpListener;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.PacketTree;
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
        description = {"Capture NetFlow/IPFIX export packets on a network interface (libpcap), or receive them on a UDP "
                + "port like a collector (--udp), and print one line per packet as it arrives; optionally save the "
                + "captured frames as pcapng, in a ring buffer of files if asked (-b), and stop by itself (-a).",
            "Needs libpcap (libpcap0.8 on Debian/Ubuntu, libpcap on Fedora, Npcap on Windows) and the right to "
                + "capture (root, or CAP_NET_RAW: sudo flowinspector-capture-setup --user $USER). Without them, "
                + "'flowinspector collect' listens on a UDP port instead.",
            "Exit status: 0 when the capture ran, 2 when it could not start."},
        footer = {"", "Examples:",
            "  flowinspector capture --list-interfaces",
            "  flowinspector capture -i eth0 --count 10",
            "  flowinspector capture -i any --filter 'udp port 6000' --duration 60s -w flows.pcapng",
            "  flowinspector capture --udp 127.0.55.1:2055 -w flows.pcapng -b filesize:100000 -b files:10",
            "  flowinspector capture --udp 2055 -a packets:100000 -a filesize:50000 -w flows.pcapng"})
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

    @Option(names = {"-u", "--udp"}, paramLabel = "[ADDR:]PORT", description = "Receive on this UDP port like a "
            + "collector instead of capturing on an interface (no libpcap needed).")
    String udp;

    @Option(names = {"-a", "--autostop"}, paramLabel = "COND", description = "Stop after packets:N, duration:SECONDS "
            + "or filesize:KB (captured bytes), whichever comes first (repeatable; as dumpcap -a).")
    List<String> autostop = List.of();

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Save the captured frames to this pcapng file.")
    Path write;

    @Option(names = {"-b", "--ring-buffer"}, paramLabel = "SETTING", description = "With -w: a new file every "
            + "filesize:KB, keeping the newest files:N (repeatable; as dumpcap -b). Files are named FILE_00001_TIME.pcapng.")
    List<String> ring = List.of();

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
            if ((iface == null) == (udp == null)) {
                err.println("flowinspector capture: give an interface with --interface IFACE (see --list-interfaces)"
                        + " or a UDP port with --udp [ADDR:]PORT");
                return 2;
            }
            StopConditions stop;
            long[] ringSettings;
            try {
                long seconds = duration == null ? 0 : (GenerateCommand.parseDuration(duration).toMillis() + 999) / 1000;
                stop = new StopConditions(Math.max(0, count), seconds, 0).with(autostop);
                ringSettings = RingBuffer.parse(ring);
                if (!ring.isEmpty() && write == null) {
                    throw new IllegalArgumentException("-b needs -w FILE (the name the ring's files are made from)");
                }
            } catch (IllegalArgumentException e) {
                err.println("flowinspector capture: " + e.getMessage());
                return 2;
            }
            return run(out, err, stop, ringSettings);
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

    /** A live source: an interface (libpcap) or a UDP port. */
    private interface Source extends AutoCloseable {
        Frame poll() throws InterruptedException;

        boolean running();

        void stop();

        String summary();

        String damage();

        @Override
        void close() throws IOException;
    }

    private Source open() throws IOException {
        if (udp != null) {
            int colon = udp.lastIndexOf(':');
            String host = colon < 0 ? "" : udp.substring(0, colon).replace("[", "").replace("]", "");
            int port;
            try {
                port = Integer.parseInt(udp.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new CaptureException("--udp " + udp + ": expected [ADDR:]PORT, e.g. 2055 or 127.0.55.1:2055");
            }
            UdpListener l = host.isEmpty() ? UdpListener.any(List.of(port), queue)
                    : UdpListener.on(java.net.InetAddress.getByName(host), List.of(port), queue);
            return new Source() {
                public Frame poll() throws InterruptedException {
                    return l.poll(100, TimeUnit.MILLISECONDS);
                }

                public boolean running() {
                    return !l.exhausted();
                }

                public void stop() {
                    l.stop();
                }

                public String summary() {
                    return l.received() + " datagrams received, " + (l.dropped() + Math.max(0, l.kernelDrops()))
                            + " dropped";
                }

                public String damage() {
                    return null;
                }

                public void close() {
                    l.close();
                }
            };
        }
        InterfaceCapture.Options o = InterfaceCapture.Options.of(iface).withFilter(filter())
                .withPromiscuous(promiscuous).withQueue(queue).withPorts(capture.exportPorts());
        InterfaceCapture c = new InterfaceCapture(o);
        return new Source() {
            public Frame poll() throws InterruptedException {
                return c.poll(100, TimeUnit.MILLISECONDS);
            }

            public boolean running() {
                return c.running();
            }

            public void stop() {
                c.stop();
            }

            public String summary() {
                return c.stats().summary();
            }

            public String damage() {
                return c.damage();
            }

            public void close() {
                c.close();
            }
        };
    }

    private int run(PrintWriter out, PrintWriter err, StopConditions stop, long[] ringSettings)
            throws IOException, InterruptedException {
        Decoding decoding = new Decoding(capture.decodingOptions());
        RingBuffer pcapng = null;
        if (write != null) {
            try {
                pcapng = new RingBuffer(write, ringSettings[0], (int) ringSettings[1], "FlowInspector live capture on "
                        + (iface != null ? iface : "UDP " + udp));
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
        long bytes = 0;
        long lastWritten = -1;
        ZoneId zone = ZoneId.systemDefault();
        try (Source c = open()) {
            String limits = stop.describe();
            err.println((iface != null ? "Capturing on " + iface + " (filter: " + filter() + ")" : "Listening on UDP "
                    + udp) + (limits.isEmpty() ? "" : ", stopping after " + limits) + "; Ctrl-C stops");
            err.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            long t0 = System.nanoTime();
            while (!interrupted.get() && !stop.reached(packets, bytes, System.nanoTime() - t0)) {
                Frame f = c.poll();
                if (f == null) {
                    if (!c.running()) {
                        break;
                    }
                    continue;
                }
                ExportPacket p = decoding.accept(f);
                packets++;
                bytes += f.frameBytes() != null ? f.frameBytes().length : f.payload().length;
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
            err.println(PacketTree.count(packets, "export packet") + "; " + c.summary());
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
        if (pcapng != null) {
            List<Path> files = pcapng.files();
            err.println("Saved to " + (files.size() == 1 ? files.get(0) : files.size() + " files, " + files.get(0)
                    + " … " + files.get(files.size() - 1)));
        }
        return 0;
    }
}
