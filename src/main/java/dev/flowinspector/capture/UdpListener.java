package dev.flowinspector.capture;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Transport;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens like a collector (no privileges): one UDP socket per port and address, every datagram a frame with
 * the exporter's address and port. One receiving thread serves every socket and does nothing but read: it
 * copies each datagram into a frame and hands frames over in batches (as many as the sockets hold, up to
 * {@value #BATCH}), so the consumer (decoding) runs on its own thread and the two meet once per batch, not once
 * per datagram. At most {@code queueCapacity} frames wait; when the consumer falls behind further, datagrams are
 * dropped and counted, nothing blocks. The sockets ask for a large receive buffer ({@link #receiveBuffer()}
 * tells what the system granted: Linux caps it at {@code net.core.rmem_max}, doubled). Stopping reads what the
 * sockets still hold before closing them, so nothing already received by the system is lost.
 */
public final class UdpListener implements CaptureReader {

    /** Default queue capacity (frames). */
    public static final int DEFAULT_QUEUE = 65536;
    /** Receive buffer asked for each socket (bytes); the system may grant less. */
    public static final int RECEIVE_BUFFER = 32 * 1024 * 1024;
    /** Most frames handed over at once. */
    static final int BATCH = 256;
    private static final List<Frame> END = List.of();

    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Endpoint> locals = new ArrayList<>();
    private final Selector selector;
    private final Thread thread;
    private final int capacity;
    private final LinkedBlockingQueue<List<Frame>> queue = new LinkedBlockingQueue<>();
    /** Frames received and not handed out yet (in batches queued or being filled). */
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong number = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean stopping;
    /** While stopping, a full queue is waited for (for the consumer to take frames) until then. */
    private long stopDeadline;
    private static final long STOP_WAIT_NANOS = 2_000_000_000L;
    private volatile boolean ended;
    private volatile String failure;
    private volatile long kernelDropsAtStop = -1;
    private final java.util.Set<String> inodes = new java.util.HashSet<>();
    // consumer side (one consumer thread)
    private List<Frame> current = List.of();
    private int at;
    private boolean sawEnd;

    /**
     * Binds every port on every address (e.g. {@code 0.0.0.0} and {@code ::}, or a loopback address) and starts
     * receiving.
     */
    public UdpListener(Collection<InetAddress> addresses, Collection<Integer> ports, int queueCapacity)
            throws IOException {
        this(addresses, ports, queueCapacity, false);
    }

    private UdpListener(Collection<InetAddress> addresses, Collection<Integer> ports, int queueCapacity, boolean any)
            throws IOException {
        this.capacity = Math.max(1, queueCapacity);
        this.selector = Selector.open();
        try {
            for (InetAddress a : addresses) {
                for (int port : ports) {
                    DatagramChannel ch = open(a, any);
                    channels.add(ch);
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
                    try {
                        ch.bind(new InetSocketAddress(a, port));
                    } catch (IOException e) {
                        throw new CaptureException("cannot listen on UDP "
                                + (a == null ? "*" : new Endpoint(a.getHostAddress(), port).toString())
                                + (a == null ? " port " + port : "") + ": " + e.getMessage(), e);
                    }
                    ch.configureBlocking(false);
                    ch.register(selector, SelectionKey.OP_READ, channels.size() - 1);
                    locals.add(localEndpoint(ch));
                }
            }
        } catch (IOException e) {
            closeAll();
            throw e;
        }
        inodes.addAll(socketInodes());
        this.thread = new Thread(this::loop, "udp-listener " + locals);
        thread.setDaemon(true);
        thread.start();
    }

    /** Listens on these ports on all IPv4 and IPv6 addresses (IPv4 only where the system has no IPv6). */
    public static UdpListener any(Collection<Integer> ports) throws IOException {
        return any(ports, DEFAULT_QUEUE);
    }

    /** Listens on these ports on all IPv4 and IPv6 addresses (IPv4 only where the system has no IPv6). */
    public static UdpListener any(Collection<Integer> ports, int queueCapacity) throws IOException {
        return new UdpListener(java.util.Collections.singletonList(null), ports, queueCapacity, true);
    }

    /** Listens on these ports on one address, or on all addresses when it is null. */
    public static UdpListener on(InetAddress address, Collection<Integer> ports, int queueCapacity) throws IOException {
        return address == null ? any(ports, queueCapacity) : new UdpListener(List.of(address), ports, queueCapacity);
    }

    private static DatagramChannel open(InetAddress a, boolean any) throws IOException {
        if (a == null || a instanceof Inet6Address) {
            try {
                return DatagramChannel.open(StandardProtocolFamily.INET6);
            } catch (UnsupportedOperationException | IOException e) {
                if (!any) {
                    throw e;
                }
            }
        }
        return DatagramChannel.open(StandardProtocolFamily.INET);
    }

    /** The endpoints actually bound (with the port chosen by the system for port 0). */
    public List<Endpoint> endpoints() {
        return List.copyOf(locals);
    }

    /**
     * The smallest receive buffer the system granted the sockets (bytes, as Java reports it: on Linux the asked
     * size capped at {@code net.core.rmem_max}; the kernel then books twice that for datagrams and their overhead),
     * or -1 when unknown.
     */
    public int receiveBuffer() {
        int min = -1;
        for (DatagramChannel ch : channels) {
            try {
                int n = ch.getOption(StandardSocketOptions.SO_RCVBUF);
                min = min < 0 ? n : Math.min(min, n);
            } catch (IOException | RuntimeException e) {
                // closed
            }
        }
        return min;
    }

    private static Endpoint localEndpoint(DatagramChannel ch) {
        try {
            return endpoint((InetSocketAddress) ch.getLocalAddress());
        } catch (IOException e) {
            return Endpoint.UNKNOWN;
        }
    }

    private static Endpoint endpoint(InetSocketAddress a) {
        byte[] raw = a.getAddress().getAddress();
        String text = raw.length == 4 ? dev.flowinspector.decode.ValueDecoder.ipv4(raw, 0)
                : dev.flowinspector.decode.ValueDecoder.ipv6(raw, 0);
        return new Endpoint(text, a.getPort());
    }

    // ---------------------------------------------------------------- receiving thread

    private void loop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        Map<InetSocketAddress, Endpoint> senders = new HashMap<>();
        Batch b = new Batch();
        try {
            while (!stopping) {
                if (selector.select(250) == 0) {
                    continue;
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    int i = (Integer) k.attachment();
                    read(channels.get(i), locals.get(i), buf, senders, b, 1024);
                }
                selector.selectedKeys().clear();
                b.publish();
            }
            kernelDropsAtStop = kernelDrops();
            stopDeadline = System.nanoTime() + STOP_WAIT_NANOS;
            for (int i = 0; i < channels.size(); i++) {
                // what the socket holds (at most a receive buffer's worth, unless a sender keeps sending)
                read(channels.get(i), locals.get(i), buf, senders, b, 1 << 16);
            }
            b.publish();
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                failure = "UDP " + locals + ": " + e.getMessage();
            }
            b.publish();
        } finally {
            if (kernelDropsAtStop < 0) {
                kernelDropsAtStop = kernelDrops();
            }
            closeAll();
            ended = true;
            queue.add(END);
        }
    }

    /** The batch being filled by the receiving thread. */
    private final class Batch {
        List<Frame> frames = new ArrayList<>(BATCH);

        void add(Frame f) {
            frames.add(f);
            if (frames.size() == BATCH) {
                publish();
            }
        }

        void publish() {
            if (!frames.isEmpty()) {
                queue.add(frames);
                frames = new ArrayList<>(BATCH);
            }
        }
    }

    /** Reads up to max datagrams from a socket (until it has none). */
    private void read(DatagramChannel ch, Endpoint local, ByteBuffer buf, Map<InetSocketAddress, Endpoint> senders,
                      Batch b, int max) throws IOException {
        InetSocketAddress lastFrom = null;
        Endpoint lastSource = null;
        for (int n = 0; n < max; n++) {
            buf.clear();
            InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
            if (from == null) {
                return;
            }
            long no = number.incrementAndGet();
            received.incrementAndGet();
            int len = buf.position();
            bytes.addAndGet(len);
            if (waiting.get() >= capacity && stopping) {
                b.publish();
                while (waiting.get() >= capacity && System.nanoTime() < stopDeadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // stopping: wait for room, a while
                }
            }
            if (waiting.get() >= capacity) {
                dropped.incrementAndGet();
                continue;
            }
            Endpoint source;
            if (from == lastFrom) { // the JDK hands the same object back for the same sender
                source = lastSource;
            } else {
                source = senders.get(from);
                if (source == null) {
                    if (senders.size() >= 4096) {
                        senders.clear();
                    }
                    source = endpoint(from);
                    senders.put(from, source);
                }
                lastFrom = from;
                lastSource = source;
            }
            byte[] payload = new byte[len];
            buf.flip();
            buf.get(payload);
            waiting.incrementAndGet();
            b.add(new Frame(no, System.currentTimeMillis() * 1_000_000L, source, local, Transport.UDP, payload, -1,
                    null, -1, null, List.of()));
        }
    }

    // ---------------------------------------------------------------- consumer side (one thread)

    /**
     * The frames that arrived next, as a batch (at most {@value #BATCH}), waiting at most the given time; an empty
     * list when none came in time or once stopped and every frame has been handed out ({@link #exhausted()}).
     */
    public List<Frame> take(long timeout, TimeUnit unit) throws InterruptedException {
        if (at < current.size()) {
            List<Frame> rest = current.subList(at, current.size());
            current = List.of();
            at = 0;
            waiting.addAndGet(-rest.size());
            return rest;
        }
        if (sawEnd) {
            return List.of();
        }
        List<Frame> b = queue.poll(timeout, unit);
        if (b == null) {
            return List.of();
        }
        if (b == END) {
            sawEnd = true;
            return List.of();
        }
        waiting.addAndGet(-b.size());
        return b;
    }

    /** True once stopped and every frame received has been handed out (as {@link #take} etc. found). */
    public boolean exhausted() {
        return sawEnd && at >= current.size();
    }

    /** The next datagram, waiting at most the given time; null when none came (or after {@link #stop()}). */
    public Frame poll(long timeout, TimeUnit unit) throws InterruptedException {
        if (at >= current.size()) {
            if (sawEnd) {
                return null;
            }
            List<Frame> b = queue.poll(timeout, unit);
            if (b == null) {
                return null;
            }
            if (b == END) {
                sawEnd = true;
                return null;
            }
            current = b;
            at = 0;
        }
        waiting.decrementAndGet();
        return current.get(at++);
    }

    /** Moves up to {@code max} waiting frames into {@code out}; returns how many. Never waits. */
    public int drainTo(Collection<? super Frame> out, int max) {
        int n = 0;
        while (n < max) {
            if (at >= current.size()) {
                List<Frame> b = sawEnd ? null : queue.poll();
                if (b == null) {
                    break;
                }
                if (b == END) {
                    sawEnd = true;
                    break;
                }
                current = b;
                at = 0;
            }
            int k = Math.min(max - n, current.size() - at);
            out.addAll(current.subList(at, at + k));
            at += k;
            n += k;
            waiting.addAndGet(-k);
        }
        return n;
    }

    /** Waits for the next datagram; null once stopped and every received frame has been handed out. */
    @Override
    public Frame next() throws IOException {
        try {
            while (true) {
                Frame f = poll(100, TimeUnit.MILLISECONDS);
                if (f != null || sawEnd) {
                    return f;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Datagrams received from the sockets (handed out, waiting, or dropped). */
    public long received() {
        return received.get();
    }

    /** Datagrams dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Datagrams the operating system dropped on these sockets before they were read (its receive buffer was
     * full), from /proc/net/udp and /proc/net/udp6 on Linux; -1 where that is not available.
     */
    public long kernelDrops() {
        if (ended) {
            return kernelDropsAtStop;
        }
        long sum = 0;
        boolean found = false;
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (Endpoint e : locals) {
            ports.add(e.port());
        }
        for (String file : List.of("/proc/net/udp", "/proc/net/udp6")) {
            java.nio.file.Path path = java.nio.file.Path.of(file);
            if (!java.nio.file.Files.isReadable(path)) {
                continue;
            }
            try {
                for (String line : java.nio.file.Files.readAllLines(path)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 13 || !f[1].contains(":")) {
                        continue;
                    }
                    int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                    if (ports.contains(port) && (inodes.isEmpty() || inodes.contains(f[9]))) {
                        sum += Long.parseLong(f[f.length - 1]);
                        found = true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return found ? sum : -1;
    }

    /** Socket inodes of this process (from /proc/self/fd), so other sockets on the same port are not counted. */
    private static java.util.Set<String> socketInodes() {
        java.util.Set<String> s = new java.util.HashSet<>();
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            for (java.nio.file.Path fd : (Iterable<java.nio.file.Path>) fds::iterator) {
                try {
                    String t = java.nio.file.Files.readSymbolicLink(fd).toString();
                    if (t.startsWith("socket:[")) {
                        s.add(t.substring(8, t.length() - 1));
                    }
                } catch (IOException | UnsupportedOperationException ignored) {
                    // not a link any more
                }
            }
        } catch (IOException | RuntimeException e) {
            return java.util.Set.of();
        }
        return s;
    }

    /** Frames waiting to be handed out. */
    public int queued() {
        return waiting.get();
    }

    /**
     * Stops receiving: reads what the sockets still hold, closes them and returns; frames already received can
     * still be taken.
     */
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        selector.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeAll() {
        for (DatagramChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing: nothing to keep
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
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

    /** Why a socket stopped receiving (an I/O error), or null. */
    @Override
    public String damage() {
        return failure;
    }

    /** Datagrams dropped because the consumer fell behind. */
    @Override
    public long skipped() {
        return dropped.get();
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
