package dev.flowinspector.capture;

import java.io.EOFException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;

/**
 * Live capture on a network interface with libpcap (through pcap4j): snaplen 65535, optional promiscuous mode,
 * a BPF filter (default: the NetFlow/IPFIX ports). A capture thread reads frames, turns them into export
 * {@link Frame}s with the same {@link PacketParser} the file readers use (link types, IP fragments, UDP, IPFIX
 * over TCP; frame numbers count every captured frame; the original bytes and link type are kept for saving)
 * and puts them in one bounded queue; when the consumer falls behind, frames are dropped and counted, nothing
 * blocks. Stop and restart keep the numbering. Missing libpcap and missing permission become a
 * {@link CaptureException} that says how to fix it.
 */
public final class InterfaceCapture implements CaptureReader {

    /** The NetFlow/IPFIX ports, IPFIX over TCP included (sFlow's 6343 is left out). */
    public static final String DEFAULT_FILTER = "udp port 2055 or udp port 2056 or udp port 4739 or udp port 4740"
            + " or udp port 9555 or udp port 9995 or udp port 9996 or tcp port 4739";
    /** Bytes kept of each frame: all of it. */
    public static final int SNAPLEN = 65535;
    /** Default queue capacity (export frames). */
    public static final int DEFAULT_QUEUE = 65536;
    /** What to do when libpcap cannot be loaded. */
    public static final String NO_LIBPCAP = "live capture needs libpcap: install libpcap0.8 (Debian/Ubuntu), "
            + "libpcap (Fedora), or Npcap (Windows)";

    private static final int READ_TIMEOUT_MS = 100;
    private static final int IDLE_MS = 2;
    private static final int KERNEL_BUFFER = 8 * 1024 * 1024;
    private static final long STATS_EVERY_NANOS = 250_000_000L;
    private static final Pattern PORT = Pattern.compile("\\bport\\s+(\\d{1,5})\\b");

    static {
        // pcap4j logs every device listing and close at INFO: keep its warnings only, unless the user asked
        String key = "org.slf4j.simpleLogger.log.org.pcap4j";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    /**
     * What to capture.
     *
     * @param iface         interface name (as {@link #interfaces()} lists it)
     * @param filter        BPF filter expression; null or blank: {@link #DEFAULT_FILTER}
     * @param promiscuous   also frames not addressed to this host
     * @param queueCapacity export frames buffered between capturing and the consumer
     * @param ports         which UDP/TCP payloads are export packets; the ports named in the filter are added
     */
    public record Options(String iface, String filter, boolean promiscuous, int queueCapacity, ExportPorts ports) {

        public Options {
            filter = filter == null || filter.isBlank() ? DEFAULT_FILTER : filter.strip();
            queueCapacity = Math.max(16, queueCapacity);
            ports = ports == null ? ExportPorts.defaults() : ports;
        }

        /** Defaults on this interface: default filter, not promiscuous. */
        public static Options of(String iface) {
            return new Options(iface, null, false, DEFAULT_QUEUE, null);
        }

        public Options withFilter(String f) {
            return new Options(iface, f, promiscuous, queueCapacity, ports);
        }

        public Options withPromiscuous(boolean p) {
            return new Options(iface, filter, p, queueCapacity, ports);
        }

        public Options withQueue(int capacity) {
            return new Options(iface, filter, promiscuous, capacity, ports);
        }

        public Options withPorts(ExportPorts p) {
            return new Options(iface, filter, promiscuous, queueCapacity, p);
        }

        /** The export ports plus every {@code port N} the filter names (so a collector's own port decodes). */
        ExportPorts effectivePorts() {
            Set<Integer> more = new TreeSet<>();
            Matcher m = PORT.matcher(filter.toLowerCase(Locale.ROOT));
            while (m.find()) {
                int p = Integer.parseInt(m.group(1));
                if (p <= 65535) {
                    more.add(p);
                }
            }
            return ports.withPorts(more);
        }
    }

    /**
     * Capture counters, summed over every start since this capture was created.
     *
     * @param captured           frames libpcap handed to us (export or not)
     * @param exportFrames       export frames produced (queued or dropped)
     * @param received           packets the kernel passed to libpcap (pcap_stats ps_recv), -1 when unknown
     * @param droppedByKernel    packets dropped because the capture buffer was full (ps_drop), -1 when unknown
     * @param droppedByInterface packets dropped by the interface or its driver (ps_ifdrop), -1 when unknown
     * @param queueDrops         export frames dropped because the consumer fell behind
     */
    public record Stats(long captured, long exportFrames, long received, long droppedByKernel,
                        long droppedByInterface, long queueDrops) {

        /** One line: {@code 12 captured, 10 export frames, 0 dropped by kernel, 0 by interface, 0 by queue}. */
        public String summary() {
            return captured + " captured, " + exportFrames + " export frames, " + count(droppedByKernel)
                    + " dropped by kernel, " + count(droppedByInterface) + " by interface, " + queueDrops
                    + " by queue";
        }

        private static String count(long n) {
            return n < 0 ? "?" : Long.toString(n);
        }
    }

    private final Options options;
    private final BlockingQueue<Frame> queue;
    private final AtomicLong number = new AtomicLong();
    private final AtomicLong exportFrames = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong queueDrops = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    /** pcap_stats of the handles already closed. */
    private long closedRecv;
    private long closedDrop;
    private long closedIfDrop;
    private volatile long recv;
    private volatile long drop;
    private volatile long ifDrop;
    private volatile boolean statsKnown;
    private volatile boolean stopped = true;
    private volatile String failure;
    private volatile int linkType = -1;
    private Thread thread;
    private volatile Set<String> localAddresses = Set.of();
    private final Object statsLock = new Object();

    /** Opens the interface and starts capturing; the message of the exception says what was wrong. */
    public InterfaceCapture(Options options) throws CaptureException {
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        start();
    }

    /** Opens the interface with the default filter and starts capturing. */
    public static InterfaceCapture open(String iface) throws CaptureException {
        return new InterfaceCapture(Options.of(iface));
    }

    /** What was asked for. */
    public Options options() {
        return options;
    }

    /** The interfaces libpcap can capture on, with description and addresses, in libpcap's order. */
    public static List<InterfaceInfo> interfaces() throws CaptureException {
        List<PcapNetworkInterface> devs;
        try {
            devs = Pcaps.findAllDevs();
        } catch (LinkageError e) {
            throw new CaptureException(NO_LIBPCAP, e);
        } catch (PcapNativeException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("No NIF to capture")) {
                return List.of();
            }
            throw new CaptureException("cannot list interfaces: " + m, e);
        }
        List<InterfaceInfo> out = new ArrayList<>();
        for (PcapNetworkInterface d : devs) {
            List<String> addrs = new ArrayList<>();
            for (PcapAddress a : d.getAddresses()) {
                InetAddress ip = a.getAddress();
                if (ip != null) {
                    addrs.add(text(ip));
                }
            }
            out.add(new InterfaceInfo(d.getName(), d.getDescription(), addrs, d.isLoopBack(), d.isUp()));
        }
        return out;
    }

    /** Null when libpcap can be loaded, else {@link #NO_LIBPCAP} (for greying out menu items). */
    public static String unavailable() {
        try {
            Pcaps.libVersion();
            return null;
        } catch (LinkageError e) {
            return NO_LIBPCAP;
        }
    }

    /** The libpcap version string, or null when libpcap cannot be loaded. */
    public static String libpcapVersion() {
        try {
            return Pcaps.libVersion();
        } catch (LinkageError e) {
            return null;
        }
    }

    private static String text(InetAddress ip) {
        return ip instanceof Inet6Address ? dev.flowinspector.decode.ValueDecoder.ipv6(ip.getAddress(), 0)
                : ip.getHostAddress();
    }

    /** Starts capturing again after {@link #stop()} (frame numbers continue); does nothing while running. */
    public synchronized void start() throws CaptureException {
        if (!stopped) {
            return;
        }
        PcapHandle handle = openHandle();
        failure = null;
        stopped = false;
        PacketParser parser = new PacketParser(options.effectivePorts());
        Set<String> local = new java.util.HashSet<>();
        try {
            for (InterfaceInfo i : interfaces()) {
                local.addAll(i.addresses());
            }
        } catch (CaptureException e) {
            // only loopback addresses are then known to be this host's
        }
        localAddresses = Set.copyOf(local);
        thread = new Thread(() -> capture(handle, parser), "interface-capture " + options.iface());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops and starts again (a new capture handle; numbering and counters continue). */
    public synchronized void restart() throws CaptureException {
        stop();
        start();
    }

    private PcapHandle openHandle() throws CaptureException {
        String iface = options.iface();
        if (iface == null || iface.isBlank()) {
            throw new CaptureException("no interface given: choose one of " + interfaceNames());
        }
        PcapHandle handle = null;
        try {
            if (Pcaps.getDevByName(iface) == null) {
                throw new CaptureException(unknown(iface));
            }
            handle = new PcapHandle.Builder(iface).snaplen(SNAPLEN)
                    .promiscuousMode(options.promiscuous() ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MS).bufferSize(KERNEL_BUFFER).immediateMode(true).build();
            int dlt = handle.getDlt().value();
            if (!PacketParser.supported(dlt)) {
                throw new CaptureException(iface + ": link type " + dlt + " (" + handle.getDlt().name()
                        + ") is not supported; use an Ethernet, loopback or cooked interface such as \"any\"");
            }
            try {
                handle.setFilter(options.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
            } catch (PcapNativeException e) {
                throw new CaptureException("bad capture filter \"" + options.filter() + "\": "
                        + filterMessage(e.getMessage()), e);
            }
            // libpcap's read timeout is not honoured everywhere (Linux TPACKET_V3 blocks while the wire is quiet), so
            // the capture thread polls a non-blocking handle and naps when nothing is waiting: it can always stop
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            linkType = dlt;
            return handle;
        } catch (LinkageError e) {
            close(handle);
            throw new CaptureException(NO_LIBPCAP, e);
        } catch (CaptureException e) {
            close(handle);
            throw e;
        } catch (PcapNativeException | NotOpenException e) {
            close(handle);
            throw explain(iface, e);
        }
    }

    /** A libpcap failure to open, in the user's terms. */
    static CaptureException explain(String iface, Exception e) {
        String m = String.valueOf(e.getMessage());
        String low = m.toLowerCase(Locale.ROOT);
        if (low.contains("operation not permitted") || low.contains("permission")) {
            return new CaptureException("no permission to capture on " + iface + ": run `sudo "
                    + "flowinspector-capture-setup --user $USER` (grants CAP_NET_RAW to the capture launcher) or use "
                    + "Listen on UDP port instead", e);
        }
        if (low.contains("no such device") || low.contains("doesn't exist") || low.contains("not found")) {
            return new CaptureException(unknown(iface), e);
        }
        return new CaptureException("cannot capture on " + iface + ": " + m, e);
    }

    private static String unknown(String iface) {
        return "no interface named \"" + iface + "\": choose one of " + interfaceNames();
    }

    private static String interfaceNames() {
        try {
            List<String> n = new ArrayList<>();
            for (InterfaceInfo i : interfaces()) {
                n.add(i.name());
            }
            return n.isEmpty() ? "(none found)" : String.join(", ", n);
        } catch (CaptureException e) {
            return "(cannot list interfaces: " + e.getMessage() + ")";
        }
    }

    /** pcap4j wraps libpcap's text ("Error occurred in pcap_compile: syntax error"): keep libpcap's part. */
    private static String filterMessage(String m) {
        if (m == null) {
            return "not a valid BPF expression";
        }
        int colon = m.indexOf("pcap_compile");
        if (colon >= 0) {
            int c = m.indexOf(':', colon);
            if (c >= 0) {
                m = m.substring(c + 1).strip();
            }
        }
        return m.isEmpty() ? "not a valid BPF expression" : m;
    }

    private void capture(PcapHandle handle, PacketParser parser) {
        long lastStats = System.nanoTime();
        try {
            while (!stopped) {
                byte[] raw;
                try {
                    raw = handle.getNextRawPacketEx();
                } catch (TimeoutException e) {
                    raw = null;
                    idle();
                }
                if (raw != null) {
                    Timestamp ts = handle.getTimestamp();
                    long nanos = ts == null ? System.currentTimeMillis() * 1_000_000L
                            : Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
                    long no = number.incrementAndGet();
                    bytes.addAndGet(raw.length);
                    List<Frame> frames = parser.parseAll(no, nanos, linkType, raw, -1, null);
                    if (frames.isEmpty()) {
                        skipped.incrementAndGet();
                    }
                    for (Frame f : frames) {
                        f = withoutOffloadNote(f);
                        exportFrames.incrementAndGet();
                        if (!queue.offer(f)) {
                            queueDrops.incrementAndGet();
                        }
                    }
                }
                if (System.nanoTime() - lastStats > STATS_EVERY_NANOS) {
                    readStats(handle);
                    lastStats = System.nanoTime();
                }
            }
        } catch (PcapNativeException | NotOpenException | EOFException | RuntimeException e) {
            failure = options.iface() + ": capture stopped after frame " + number.get() + ": " + e.getMessage();
        } finally {
            readStats(handle);
            synchronized (statsLock) {
                if (statsKnown) {
                    closedRecv += recv;
                    closedDrop += drop;
                    closedIfDrop += ifDrop;
                }
                recv = 0;
                drop = 0;
                ifDrop = 0;
            }
            close(handle);
            stopped = true;
        }
    }

    /**
     * This host's own packets are captured before the network card (or the loopback driver) fills in the UDP
     * checksum (checksum offload), so a "wrong" checksum on them is no finding (Wireshark leaves checksums unchecked
     * by default for the same reason); packets from other hosts keep the note.
     */
    private Frame withoutOffloadNote(Frame f) {
        String src = f.source().address();
        if (f.notes().isEmpty() || !(src.startsWith("127.") || src.equals("::1") || localAddresses.contains(src))) {
            return f;
        }
        List<dev.flowinspector.decode.Problem> kept = f.notes().stream()
                .filter(n -> !n.code().equals(dev.flowinspector.decode.Problems.UDP_CHECKSUM_BAD.code())).toList();
        return kept.size() == f.notes().size() ? f : new Frame(f.number(), f.timeNanos(), f.source(),
                f.destination(), f.transport(), f.payload(), f.linkType(), f.frameBytes(), f.fileOffset(),
                f.comment(), kept);
    }

    private static void idle() {
        try {
            Thread.sleep(IDLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readStats(PcapHandle handle) {
        try {
            PcapStat s = handle.getStats();
            recv = s.getNumPacketsReceived();
            drop = s.getNumPacketsDropped();
            ifDrop = s.getNumPacketsDroppedByIf();
            statsKnown = true;
        } catch (PcapNativeException | NotOpenException | RuntimeException | LinkageError e) {
            // not every platform or handle has statistics: shown as unknown
        }
    }

    private static void close(PcapHandle h) {
        if (h != null && h.isOpen()) {
            h.close();
        }
    }

    /** The next export frame, waiting at most the given time; null when none came. */
    public Frame poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** Moves up to {@code max} waiting frames into {@code out}; returns how many. Never waits. */
    public int drainTo(Collection<? super Frame> out, int max) {
        return queue.drainTo(out, max);
    }

    /** Waits for the next export frame; null once stopped and every frame has been handed out. */
    @Override
    public Frame next() {
        try {
            while (true) {
                Frame f = queue.poll(100, TimeUnit.MILLISECONDS);
                if (f != null || stopped) {
                    return f != null ? f : queue.poll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** True while the capture thread runs. */
    public boolean running() {
        return !stopped;
    }

    /** The interface's pcap link type (1 Ethernet, 113 Linux cooked, ...), or -1 before it was opened. */
    public int linkType() {
        return linkType;
    }

    /** Counters so far (libpcap's are refreshed every quarter second while capturing, and at stop). */
    public Stats stats() {
        synchronized (statsLock) {
            boolean known = statsKnown;
            return new Stats(number.get(), exportFrames.get(), known ? closedRecv + recv : -1,
                    known ? closedDrop + drop : -1, known ? closedIfDrop + ifDrop : -1, queueDrops.get());
        }
    }

    /** Export frames dropped because the consumer fell behind. */
    public long queueDrops() {
        return queueDrops.get();
    }

    /** Export frames waiting in the queue. */
    public int queued() {
        return queue.size();
    }

    /** Stops capturing and closes the interface; frames already queued can still be taken. */
    public synchronized void stop() {
        Thread t = thread;
        thread = null;
        if (t == null) {
            return;
        }
        stopped = true;
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long position() {
        return bytes.get();
    }

    @Override
    public long size() {
        return -1;
    }

    /** Why capturing stopped on its own (the interface went away, a libpcap error), or null. */
    @Override
    public String damage() {
        return failure;
    }

    /** Captured frames that were not export packets (or only part of one). */
    @Override
    public long skipped() {
        return skipped.get();
    }

    @Override
    public long frames() {
        return number.get();
    }

    @Override
    public void close() {
        stop();
    }
}
