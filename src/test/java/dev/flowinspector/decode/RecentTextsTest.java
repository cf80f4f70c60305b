package dev.flowinspector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Remembered texts are the texts the value would have without the memory, whatever came before. */
@DisplayName("recent texts: addresses and strings looked up say what they would say made anew")
class RecentTextsTest {

    /** More distinct values than slots, so slots are overwritten many times over. */
    private static final int VALUES = 20_000;

    private static String v4(byte[] b, int off) throws Exception {
        return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, off, off + 4)).getHostAddress();
    }

    @Test
    @DisplayName("IPv4 text is the dotted decimal of the bytes, for fresh, repeated and evicted addresses")
    void ipv4() throws Exception {
        Random rnd = new Random(3);
        byte[] b = new byte[4 * VALUES];
        rnd.nextBytes(b);
        for (int round = 0; round < 3; round++) { // first made, then mostly evicted, a few still remembered
            for (int i = 0; i < VALUES; i++) {
                assertEquals(v4(b, 4 * i), RecentTexts.ipv4(b, 4 * i));
            }
        }
        byte[] same = {10, 1, 2, 3, 10, 1, 2, 3};
        assertSame(RecentTexts.ipv4(same, 0), RecentTexts.ipv4(same, 4), "an address seen lately is looked up");
        assertEquals("0.0.0.0", RecentTexts.ipv4(new byte[4], 0));
        assertEquals("255.255.255.255", RecentTexts.ipv4(new byte[] {-1, -1, -1, -1}, 0));
    }

    @Test
    @DisplayName("IPv6 text is RFC 5952's, for fresh, repeated and evicted addresses, differing in one group or one bit")
    void ipv6() {
        Random rnd = new Random(5);
        byte[] b = new byte[16 * VALUES];
        for (int i = 0; i < VALUES; i++) {
            byte[] a = new byte[16];
            rnd.nextBytes(a);
            for (int g = 0; g < 8; g++) { // zero runs of every length and place
                if (rnd.nextInt(3) == 0) {
                    a[2 * g] = 0;
                    a[2 * g + 1] = 0;
                }
            }
            if (i > 0 && i % 7 == 0) { // the address before with one bit changed: same hash neighbourhood, other text
                System.arraycopy(b, 16 * (i - 1), a, 0, 16);
                a[rnd.nextInt(16)] ^= (byte) (1 << rnd.nextInt(8));
            }
            System.arraycopy(a, 0, b, 16 * i, 16);
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < VALUES; i++) {
                byte[] out = new byte[39];
                String made = new String(out, 0, ValueDecoder.ipv6(b, 16 * i, out, 0), StandardCharsets.ISO_8859_1);
                assertEquals(made, RecentTexts.ipv6(b, 16 * i), "address " + i);
            }
        }
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        assertEquals("::1", RecentTexts.ipv6(loopback, 0));
        assertSame(RecentTexts.ipv6(loopback, 0), RecentTexts.ipv6(loopback.clone(), 0));
    }

    @Test
    @DisplayName("a string's text drops NULs and is quoted; strings that share a prefix or differ in length stay apart")
    void strings() {
        String[] names = {"https", "http", "https\0", "dns", "", "\0", "ab\0c", "ünïcødé", "httpS", "a".repeat(48)};
        for (int round = 0; round < 3; round++) {
            for (String name : names) {
                byte[] d = ("xx" + name + "yy").getBytes(StandardCharsets.UTF_8);
                int len = name.getBytes(StandardCharsets.UTF_8).length;
                RecentTexts.Text t = RecentTexts.string(d, 2, len);
                String shown = name.replace("\0", "");
                assertEquals(shown, t.shown(), name);
                assertEquals("\"" + shown + "\"", t.display(), name);
            }
        }
        byte[] longer = "a".repeat(RecentTexts.MAX_STRING + 1).getBytes(StandardCharsets.US_ASCII);
        assertNull(RecentTexts.string(longer, 0, longer.length), "longer strings are not remembered");
        Random rnd = new Random(9);
        for (int i = 0; i < VALUES; i++) { // many strings through few slots
            byte[] d = new byte[1 + rnd.nextInt(20)];
            for (int k = 0; k < d.length; k++) {
                d[k] = (byte) ('a' + rnd.nextInt(3));
            }
            assertEquals(new String(d, StandardCharsets.US_ASCII), RecentTexts.string(d, 0, d.length).shown());
        }
    }

    @Test
    @DisplayName("threads sharing the tables each get their own values' texts")
    void threads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    int checked = 0;
                    for (int i = 0; i < 200_000; i++) {
                        byte[] a = new byte[16];
                        a[15] = (byte) rnd.nextInt(64); // few values: the threads keep replacing each other's entries
                        a[0] = (byte) seed;
                        byte[] out = new byte[39];
                        String made = new String(out, 0, ValueDecoder.ipv6(a, 0, out, 0), StandardCharsets.ISO_8859_1);
                        assertEquals(made, RecentTexts.ipv6(a, 0));
                        byte[] v4 = {(byte) seed, 0, 0, a[15]};
                        assertEquals(seed + ".0.0." + (a[15] & 0xff), RecentTexts.ipv4(v4, 0));
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(200_000, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
