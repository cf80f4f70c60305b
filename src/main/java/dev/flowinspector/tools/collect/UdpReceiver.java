package dev.flowinspector.tools.collect;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ValueDecoder;
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
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives UDP datagrams on several ports (IPv4 and IPv6) in one thread and hands them to a bounded queue;
 * when the queue is full the datagram is dropped and counted. {@link #stop()} reads what is still in the
 * socket buffers before it closes them, so nothing already received is lost.
 */
public final class UdpReceiver {

    /** Marks the end of the stream in the queue. */
    public static final Datagram END = new Datagram(new byte[0], Endpoint.UNKNOWN, Endpoint.UNKNOWN, 0);

    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Endpoint> locals = new ArrayList<>();
    private final Selector selector;
    private final BlockingQueue<Datagram> queue;
    private final AtomicLong drops = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * Binds every port on the address (null: all addresses, IPv6 and IPv4 where the system allows).
     *
     * @param queueCapacity datagrams held between the receiver and the decoder
     */
    public UdpReceiver(InetAddress bind, List<Integer> ports, int queueCapacity) throws IOException {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.selector = Selector.open();
        try {
            for (int port : ports) {
                DatagramChannel c = open(bind);
                c.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
                c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                try {
                    c.bind(new InetSocketAddress(bind, port));
                } catch (IOException e) {
                    c.close();
                    throw new IOException("cannot listen on " + (bind == null ? "*" : bind.getHostAddress()) + " port "
                            + port + ": " + e.getMessage(), e);
                }
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ, channels.size());
                InetSocketAddress la = (InetSocketAddress) c.getLocalAddress();
                channels.add(c);
                locals.add(new Endpoint(text(la.getAddress()), la.getPort()));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        this.thread = new Thread(this::loop, "flowinspector-udp-receiver");
        thread.setDaemon(true);
    }

    private static DatagramChannel open(InetAddress bind) throws IOException {
        if (bind == null || bind instanceof Inet6Address) {
            try {
                return DatagramChannel.open(StandardProtocolFamily.INET6);
            } catch (UnsupportedOperationException | IOException e) {
                if (bind != null) {
                    throw e;
                }
            }
        }
        return DatagramChannel.open(StandardProtocolFamily.INET);
    }

    /** Canonical address text (IPv4 dotted, IPv6 RFC 5952). */
    static String text(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 ? ValueDecoder.ipv4(b, 0) : ValueDecoder.ipv6(b, 0);
    }

    public void start() {
        thread.start();
    }

    /** The endpoints listened on (ports resolved when 0 was asked). */
    public List<Endpoint> locals() {
        return List.copyOf(locals);
    }

    public BlockingQueue<Datagram> queue() {
        return queue;
    }

    /** Datagrams dropped because the queue was full. */
    public long drops() {
        return drops.get();
    }

    public long received() {
        return received.get();
    }

    /** Stops receiving: reads what the sockets still hold, closes them, then queues {@link #END}. */
    public void stop() throws InterruptedException {
        stopping = true;
        selector.wakeup();
        thread.join(10_000);
    }

    private void loop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        try {
            while (!stopping) {
                if (selector.select(250) == 0) {
                    continue;
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    int i = (Integer) k.attachment();
                    drain(channels.get(i), locals.get(i), buf, 64);
                }
                selector.selectedKeys().clear();
            }
            for (int i = 0; i < channels.size(); i++) {
                drain(channels.get(i), locals.get(i), buf, Integer.MAX_VALUE);
            }
        } catch (IOException e) {
            System.err.println("flowinspector collect: receive failed: " + e.getMessage());
        } finally {
            close();
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drain(DatagramChannel c, Endpoint local, ByteBuffer buf, int max) throws IOException {
        for (int n = 0; n < max; n++) {
            buf.clear();
            InetSocketAddress from = (InetSocketAddress) c.receive(buf);
            if (from == null) {
                return;
            }
            long t = System.currentTimeMillis() * 1_000_000L;
            buf.flip();
            byte[] data = new byte[buf.remaining()];
            buf.get(data);
            received.incrementAndGet();
            Datagram d = new Datagram(data, new Endpoint(text(from.getAddress()), from.getPort()), local, t);
            if (stopping) {
                try {
                    queue.put(d); // shutting down: wait for room rather than drop
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else if (!queue.offer(d)) {
                drops.incrementAndGet();
            }
        }
    }

    private void close() {
        for (DatagramChannel c : channels) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
