package dev.flowinspector.capture;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens like a collector (no privileges): one UDP socket per port and address, every datagram a frame with
 * the exporter's address and port. A receiving thread per socket puts frames in one bounded queue; when the
 * consumer falls behind, datagrams are dropped and counted, nothing blocks.
 */
public final class UdpListener implements CaptureReader {

    /** Default queue capacity (frames). */
    public static final int DEFAULT_QUEUE = 65536;
    private static final int RECEIVE_BUFFER = 8 * 1024 * 1024;

    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final BlockingQueue<Frame> queue;
    private final AtomicLong number = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean stopped;
    private volatile String failure;
    private volatile long kernelDropsAtStop = -1;

    /**
     * Binds every port on every address (e.g. {@code 0.0.0.0} and {@code ::}, or a loopback address) and starts
     * receiving.
     */
    public UdpListener(Collection<InetAddress> addresses, Collection<Integer> ports, int queueCapacity)
            throws IOException {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        try {
            for (InetAddress a : addresses) {
                for (int port : ports) {
                    DatagramChannel ch = DatagramChannel.open(a instanceof java.net.Inet6Address
                            ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
                    channels.add(ch);
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
                    try {
                        ch.bind(new InetSocketAddress(a, port));
                    } catch (IOException e) {
                        throw new CaptureException("cannot listen on UDP " + new Endpoint(a.getHostAddress(), port)
                                + ": " + e.getMessage(), e);
                    }
                }
            }
        } catch (IOException e) {
            closeAll();
            throw e;
        }
        for (DatagramChannel ch : channels) {
            Thread t = new Thread(() -> receive(ch), "udp-listener " + localEndpoint(ch));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Listens on these ports on all IPv4 and IPv6 addresses. */
    public static UdpListener any(Collection<Integer> ports) throws IOException {
        return new UdpListener(List.of(InetAddress.getByName("::")), ports, DEFAULT_QUEUE);
    }

    /** The endpoints actually bound (with the port chosen by the system for port 0). */
    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (DatagramChannel ch : channels) {
            out.add(localEndpoint(ch));
        }
        return out;
    }

    private static Endpoint localEndpoint(DatagramChannel ch) {
        try {
            InetSocketAddress a = (InetSocketAddress) ch.getLocalAddress();
            return endpoint(a);
        } catch (IOException e) {
            return Endpoint.UNKNOWN;
        }
    }

    private static Endpoint endpoint(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        byte[] raw = ip.getAddress();
        String text = raw.length == 4 ? ip.getHostAddress()
                : dev.flowinspector.decode.ValueDecoder.ipv6(raw, 0);
        return new Endpoint(text, a.getPort());
    }

    private void receive(DatagramChannel ch) {
        Endpoint local = localEndpoint(ch);
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (!stopped) {
            try {
                buf.clear();
                InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
                long now = Instant.now().toEpochMilli() * 1_000_000L;
                buf.flip();
                byte[] payload = new byte[buf.remaining()];
                buf.get(payload);
                received.incrementAndGet();
                bytes.addAndGet(payload.length);
                Frame f = new Frame(number.incrementAndGet(), now, endpoint(from), local, Transport.UDP, payload, -1,
                        null, -1, null, List.of());
                if (!queue.offer(f)) {
                    dropped.incrementAndGet();
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                failure = "UDP " + local + ": " + e.getMessage();
                return;
            }
        }
    }

    /** The next datagram, waiting at most the given time; null when none came (or after {@link #stop()}). */
    public Frame poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** Moves up to {@code max} waiting frames into {@code out}; returns how many. Never waits. */
    public int drainTo(Collection<? super Frame> out, int max) {
        return queue.drainTo(out, max);
    }

    /** Waits for the next datagram; null once stopped and every received frame has been handed out. */
    @Override
    public Frame next() throws IOException {
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
        if (stopped) {
            return kernelDropsAtStop;
        }
        long sum = 0;
        boolean found = false;
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
                    String inode = f[9];
                    if (inodes().contains(inode) || (inodes().isEmpty() && ports().contains(port))) {
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

    private java.util.Set<Integer> ports() {
        java.util.Set<Integer> s = new java.util.HashSet<>();
        for (Endpoint e : endpoints()) {
            s.add(e.port());
        }
        return s;
    }

    /** Socket inodes of our channels (from /proc/self/fd), so other sockets on the same port are not counted. */
    private java.util.Set<String> inodes() {
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

    /** Frames waiting in the queue. */
    public int queued() {
        return queue.size();
    }

    /** Stops receiving and closes the sockets; frames already queued can still be taken. */
    public void stop() {
        if (stopped) {
            return;
        }
        kernelDropsAtStop = kernelDrops();
        stopped = true;
        closeAll();
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
