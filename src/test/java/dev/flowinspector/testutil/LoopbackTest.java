package dev.flowinspector.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The address choice the network tests rely on, on the OS running the tests. */
class LoopbackTest {

    @Test
    void addressIsBindableAndLoopback() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(Loopback.v4(7), 0))) {
            assertTrue(s.getLocalAddress().isLoopbackAddress());
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux") || os.contains("windows")) {
            assertTrue(Loopback.wholeNet(), "127.0.0.0/8 is all loopback on " + os);
            assertEquals("127.0.55.7", Loopback.v4Text(7));
        } else if (!Loopback.wholeNet()) {
            assertEquals("127.0.0.1", Loopback.v4Text(7));
        }
    }
}
