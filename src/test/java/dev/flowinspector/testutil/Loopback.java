package dev.flowinspector.testutil;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Loopback addresses for tests that send and receive. Linux and Windows route all of 127.0.0.0/8 to the
 * loopback interface, so tests use 127.0.55.N and see distinct exporters by address; macOS has only
 * 127.0.0.1 unless aliases are added ({@code ifconfig lo0 alias 127.0.55.1}), so there every N gives
 * 127.0.0.1 and exporters differ by port. Which one applies is found by binding once.
 */
public final class Loopback {

    private static final boolean WHOLE_NET = probe();

    private Loopback() {
    }

    /** 127.0.55.{@code n}, or 127.0.0.1 where that cannot be bound. */
    public static InetAddress v4(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (WHOLE_NET ? 55 : 0), (byte) (WHOLE_NET ? n : 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #v4(int)} as text, e.g. "127.0.55.1". */
    public static String v4Text(int n) {
        return v4(n).getHostAddress();
    }

    /** True when 127.0.55.N can be bound (Linux, Windows; macOS with aliases). */
    public static boolean wholeNet() {
        return WHOLE_NET;
    }

    private static boolean probe() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(
                InetAddress.getByAddress(new byte[] {127, 0, 55, 1}), 0))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
