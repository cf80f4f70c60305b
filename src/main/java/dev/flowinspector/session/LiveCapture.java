package dev.flowinspector.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.tools.collect.Datagram;
import dev.flowinspector.tools.collect.UdpReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Listens on a UDP port like a collector and feeds every datagram into a session as a frame, in arrival order;
 * rows reach the listener in batches (at most every 100 ms). Stopping reads what the socket still holds.
 */
public final class LiveCapture {

    private final Session session;
    private final UdpReceiver receiver;
    private long frames;

    /** Binds the port (0: any free port) on the address (null: all addresses); the session receives the frames. */
    public LiveCapture(Session session, InetAddress bind, int port) throws IOException {
        this.session = session;
        this.receiver = new UdpReceiver(bind, List.of(port), 100_000);
    }

    /** Where it listens (the port resolved when 0 was asked). */
    public List<Endpoint> locals() {
        return receiver.locals();
    }

    /** Datagrams dropped because decoding fell behind. */
    public long drops() {
        return receiver.drops();
    }

    /** Datagrams received. */
    public long received() {
        return receiver.received();
    }

    /** Receives until stop says so, then finishes the session; runs on the calling (background) thread. */
    public void run(LoadListener listener, BooleanSupplier stop) throws IOException, InterruptedException {
        receiver.start();
        List<PacketSummary> rows = new ArrayList<>();
        List<ProblemEntry> problems = new ArrayList<>();
        long lastFlush = System.nanoTime();
        boolean stopping = false;
        while (true) {
            if (!stopping && stop.getAsBoolean()) {
                receiver.stop();
                stopping = true;
            }
            Datagram d = receiver.queue().poll(50, TimeUnit.MILLISECONDS);
            if (d == UdpReceiver.END) {
                break;
            }
            if (d != null) {
                frames++;
                Frame f = new Frame(frames, d.timeNanos(), d.source(), d.local(), Transport.UDP, d.data(), -1, null,
                        -1, null, null);
                rows.add(session.add(f, problems));
            }
            if (!rows.isEmpty() && System.nanoTime() - lastFlush > 100_000_000L) {
                listener.batch(List.copyOf(rows), List.copyOf(problems), -1);
                rows.clear();
                problems.clear();
                lastFlush = System.nanoTime();
            }
        }
        session.finish();
        listener.batch(List.copyOf(rows), List.copyOf(problems), 1.0);
    }
}
