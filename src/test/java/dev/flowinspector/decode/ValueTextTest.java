package dev.flowinspector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The byte writers behind the value texts say what the usual Java renderings say. */
@DisplayName("value texts: decimals, instants, IPv6 and MAC addresses")
class ValueTextTest {

    @Test
    @DisplayName("decimal is Long.toString for every non-negative value: each digit count, its edges, random values")
    void decimals() {
        java.util.List<Long> values = new java.util.ArrayList<>();
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            values.add(p - 1);
            values.add(p);
            values.add(p + 1);
            values.add(p * 5 - 1);
        }
        values.add((long) Integer.MAX_VALUE);
        values.add((long) Integer.MAX_VALUE + 1);
        values.add(0xFFFFFFFFL);
        values.add(Long.MAX_VALUE);
        Random rnd = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            values.add(switch (i % 4) {
                case 0 -> (long) rnd.nextInt(100_000);
                case 1 -> (long) rnd.nextInt(Integer.MAX_VALUE);
                case 2 -> rnd.nextLong() >>> (1 + rnd.nextInt(63));
                default -> rnd.nextLong() & Long.MAX_VALUE;
            });
        }
        byte[] b = new byte[32];
        for (long v : values) {
            int end = ValueText.decimal(b, 3, v);
            assertEquals(Long.toString(v), new String(b, 3, end - 3, java.nio.charset.StandardCharsets.US_ASCII), "long " + v);
            if (v <= Integer.MAX_VALUE) {
                end = ValueText.decimal(b, 1, (int) v);
                assertEquals(Long.toString(v), new String(b, 1, end - 1, java.nio.charset.StandardCharsets.US_ASCII), "int " + v);
            }
        }
    }

    @Test
    @DisplayName("instantText is Instant.toString, in and out of the years 1970-9999")
    void instants() {
        Random rnd = new Random(8);
        int[] nanos = {0, 1, 999_999_999, 5_000_000, 123_000, 120_000_000, 100};
        long[] edges = {0, 1, 59, 86_399, 86_400, 951_782_400L, 253_402_300_799L, 253_402_300_800L, -1, -86_401};
        for (long sec : edges) {
            for (int n : nanos) {
                Instant t = Instant.ofEpochSecond(sec, n);
                assertEquals(t.toString(), ValueDecoder.instantText(t));
            }
        }
        for (int i = 0; i < 50_000; i++) {
            long sec = Math.floorMod(rnd.nextLong(), 253_402_300_800L + 10_000_000L) - 5_000_000L;
            int n = switch (i % 4) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(1000) * 1_000_000;
                case 2 -> rnd.nextInt(1_000_000) * 1000;
                default -> rnd.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(sec, n);
            assertEquals(t.toString(), ValueDecoder.instantText(t));
        }
    }

    @Test
    @DisplayName("ipv6 is RFC 5952 text: the longest run of two or more zero groups (the first of equals) as ::")
    void ipv6() {
        Random rnd = new Random(6);
        byte[] d = new byte[16];
        for (int i = 0; i < 50_000; i++) {
            for (int g = 0; g < 8; g++) {
                int v = switch (rnd.nextInt(4)) {
                    case 0, 1 -> 0;
                    case 2 -> rnd.nextInt(16) << (4 * rnd.nextInt(4));
                    default -> rnd.nextInt(65536);
                };
                d[2 * g] = (byte) (v >> 8);
                d[2 * g + 1] = (byte) v;
            }
            assertEquals(reference(d), ValueDecoder.ipv6(d, 0));
            byte[] inside = new byte[21]; // at an odd offset, with bytes on both sides
            java.util.Arrays.fill(inside, (byte) 0xee);
            System.arraycopy(d, 0, inside, 3, 16);
            assertEquals(reference(d), ValueDecoder.ipv6(inside, 3));
        }
        assertEquals("::", ValueDecoder.ipv6(new byte[16], 0));
        assertEquals("2001:db8::1", ValueDecoder.ipv6(new byte[] {0x20, 1, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 1}, 0));
        assertEquals("1:0:1::", ValueDecoder.ipv6(new byte[] {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0));
    }

    @Test
    @DisplayName("mac is six lower-case hex pairs")
    void mac() {
        assertEquals("00:1a:ff:09:a0:7e", ValueDecoder.mac(new byte[] {9, 0, 0x1a, (byte) 0xff, 9, (byte) 0xa0, 0x7e}, 1));
    }

    /** RFC 5952 §4 from the groups, as plain as possible. */
    private static String reference(byte[] d) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((d[2 * i] & 0xff) << 8) | (d[2 * i + 1] & 0xff);
        }
        int best = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                if (i == 7) {
                    break;
                }
                continue;
            }
            sb.append(Integer.toHexString(g[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
