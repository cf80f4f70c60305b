package dev.flowinspector.tools.generate;

import dev.flowinspector.decode.Endpoint;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Sends generated packets over UDP, one socket per simulated exporter, each connected to the collector. Towards
 * a loopback collector each exporter gets its own loopback address (127.0.55.10, .11, ... for IPv4, or from a
 * given first address on; ::1 with distinct ports for IPv6). Where only 127.0.0.1 exists (macOS without loopback
 * aliases) the exporters share the collector's address and differ by port.
 */
public final class UdpSender implements PacketSink {

    private final InetSocketAddress target;
    private final DatagramChannel[] channels;
    private final Endpoint[] endpoints;
    private long sendErrors;

    public UdpSender(InetSocketAddress target, int exporters) throws IOException {
        this(target, exporters, null);
    }

    /**
     * @param firstSource IPv4 loopback address of the first exporter (the next ones count up from it), or null
     *                    for 127.0.55.10
     */
    public UdpSender(InetSocketAddress target, int exporters, InetAddress firstSource) throws IOException {
        this.target = target;
        byte[] first = firstSource instanceof java.net.Inet4Address ? firstSource.getAddress() : new byte[] {127, 0, 55, 10};
        this.channels = new DatagramChannel[exporters];
        this.endpoints = new Endpoint[exporters];
        InetAddress t = target.getAddress();
        for (int i = 0; i < exporters; i++) {
            DatagramChannel c = DatagramChannel.open(t instanceof Inet6Address
                    ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
            c.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            InetAddress bind = null;
            if (t.isLoopbackAddress() && !(t instanceof Inet6Address) && exporters <= 200) {
                int a = ((first[0] & 0xff) << 24 | (first[1] & 0xff) << 16 | (first[2] & 0xff) << 8 | (first[3] & 0xff)) + i;
                bind = InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
            } else if (t.isLoopbackAddress()) {
                bind = t;
            }
            try {
                c.bind(new InetSocketAddress(bind, 0));
            } catch (java.net.BindException e) {
                if (bind == null || bind.equals(t)) {
                    c.close();
                    throw e;
                }
                // 127.0.55.x cannot be assigned here (macOS has only 127.0.0.1 unless aliases are added)
                c.close();
                c = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
                c.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
                c.bind(new InetSocketAddress(t, 0));
            }
            c.connect(target); // one destination: no address handling per datagram
            InetSocketAddress local = (InetSocketAddress) c.getLocalAddress();
            String addr = local.getAddress().isAnyLocalAddress() ? "0.0.0.0" : canonical(local.getAddress());
            endpoints[i] = new Endpoint(addr, local.getPort());
            channels[i] = c;
        }
    }

    private static String canonical(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 ? dev.flowinspector.decode.ValueDecoder.ipv4(b, 0) : dev.flowinspector.decode.ValueDecoder.ipv6(b, 0);
    }

    /** The local endpoint of exporter i (what the collector sees as the exporter). */
    public Endpoint endpoint(int i) {
        return endpoints[i];
    }

    /** Datagrams the kernel refused (e.g. buffer full). */
    public long sendErrors() {
        return sendErrors;
    }

    /** Sends the buffer's remaining bytes as exporter i; false when the kernel refused the datagram. */
    public boolean send(int exporter, ByteBuffer b) throws IOException {
        try {
            if (channels[exporter].write(b) == 0) {
                sendErrors++;
                return false;
            }
            return true;
        } catch (java.net.PortUnreachableException e) {
            sendErrors++; // an earlier datagram found nobody listening
            return false;
        }
    }

    @Override
    public void packet(GeneratedPacket p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(p.payload());
        try {
            if (channels[p.exporter()].send(b, target) == 0) {
                sendErrors++;
            }
        } catch (java.net.PortUnreachableException e) {
            sendErrors++;
        }
    }

    @Override
    public void close() throws IOException {
        for (DatagramChannel c : channels) {
            c.close();
        }
    }
}
