package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.UdpListener;
import dev.flowinspector.decode.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Listens on a UDP port like a collector ({@link UdpListener}) and feeds every datagram into a session as a
 * frame, in arrival order: the listener's thread only receives, this one decodes, batch by batch; rows reach the
 * listener in batches (at most every 100 ms). Stopping keeps every datagram already received.
 */
public final class LiveCapture {

    private final Session session;
    private final UdpListener listener;

    /** Binds the port (0: any free port) on the address (null: all IPv4 and IPv6 addresses). */
    public LiveCapture(Session session, InetAddress bind, int port) throws IOException {
        this.session = session;
        this.listener = UdpListener.on(bind, List.of(port), UdpListener.DEFAULT_QUEUE);
    }

    /** Where it listens (the port resolved when 0 was asked). */
    public List<Endpoint> locals() {
        return listener.endpoints();
    }

    /** Datagrams lost: queue full (decoding fell behind) plus kernel drops where known. */
    public long drops() {
        return listener.dropped() + Math.max(0, listener.kernelDrops());
    }

    /** Datagrams dropped because decoding fell behind (the queue between receiving and decoding was full). */
    public long queueDrops() {
        return listener.dropped();
    }

    /** Datagrams the system dropped (socket receive buffer full), -1 when unknown. */
    public long kernelDrops() {
        return listener.kernelDrops();
    }

    /** The receive buffer the system granted (bytes), -1 when unknown. */
    public int receiveBuffer() {
        return listener.receiveBuffer();
    }

    /** Datagrams received. */
    public long received() {
        return listener.received();
    }

    /** Receives until stop says so, then finishes the session; runs on the calling (background) thread. */
    public void run(LoadListener out, BooleanSupplier stop) throws InterruptedException {
        List<PacketSummary> rows = new ArrayList<>();
        List<ProblemEntry> problems = new ArrayList<>();
        long lastFlush = System.nanoTime();
        boolean stopping = false;
        try {
            while (true) {
                if (!stopping && stop.getAsBoolean()) {
                    listener.stop();
                    stopping = true;
                }
                List<Frame> batch = listener.take(50, TimeUnit.MILLISECONDS);
                if (!batch.isEmpty()) {
                    session.addAll(batch, rows, problems);
                } else if (stopping && listener.exhausted()) {
                    break;
                }
                if (!rows.isEmpty() && System.nanoTime() - lastFlush > 100_000_000L) {
                    out.batch(List.copyOf(rows), List.copyOf(problems), -1);
                    rows.clear();
                    problems.clear();
                    lastFlush = System.nanoTime();
                }
            }
        } finally {
            listener.close();
        }
        session.finish();
        out.batch(List.copyOf(rows), List.copyOf(problems), 1.0);
    }
}
