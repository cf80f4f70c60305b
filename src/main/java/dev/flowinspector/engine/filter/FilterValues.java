package dev.flowinspector.engine.filter;

import dev.flowinspector.engine.filter.FieldAccess.Item;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The display filter's literal syntax: numbers, IPv4 and IPv6 addresses, prefix lengths, endpoints, MAC
 * addresses, hex bytes and times read from filter text, and decoded values as numbers or text.
 */
final class FilterValues {

    private FilterValues() {
    }

    /** "a.b.c.d:port" or "[v6]:port". */
    static boolean isEndpoint(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)
                || s.length() - colon > 6) {
            return false;
        }
        String host = s.substring(0, colon);
        return ipv4(host) >= 0 || host.startsWith("[") && host.endsWith("]") && ipv6(host.substring(1, host.length() - 1)) != null;
    }

    /** A prefix length 0..max, or -1. */
    static int prefixLength(String s, int max) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int n = Integer.parseInt(s);
        return n <= max ? n : -1;
    }

    /** A decimal or 0x hexadecimal number, or null. */
    static BigDecimal number(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return new BigDecimal(new BigInteger(s.substring(2), 16));
            }
            if (s.isEmpty() || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' || s.charAt(0) == '.')) {
                return null;
            }
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decoded number (or boolean) as a decimal, or null. */
    static BigDecimal decimal(Object x) {
        if (x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Byte) {
            return BigDecimal.valueOf(((Number) x).longValue());
        }
        if (x instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (x instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
        }
        if (x instanceof Float d) {
            return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
        }
        if (x instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return null;
    }

    /** The item as text for contains/matches: strings as they are, numbers in decimal, bytes in hex. */
    static String textOf(Item it) {
        Object x = it.value();
        if (x == null) {
            return null;
        }
        if (x instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return x.toString();
    }

    /** Dotted-quad IPv4 address as a number, or -1. */
    static long ipv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        long v = 0;
        int part = 0;
        int digits = 0;
        int parts = 0;
        for (int k = 0; k <= n; k++) {
            char c = k < n ? s.charAt(k) : '.';
            if (c == '.') {
                if (digits == 0 || part > 255) {
                    return -1;
                }
                v = (v << 8) | part;
                parts++;
                part = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                part = part * 10 + (c - '0');
                digits++;
            } else {
                return -1;
            }
        }
        return parts == 4 ? v : -1;
    }

    /** An IPv6 address (RFC 4291 text, with an optional dotted IPv4 tail) as 16 bytes, or null. */
    static byte[] ipv6(String s) {
        if (s.indexOf(':') < 0 || s.length() > 45) {
            return null;
        }
        String tail4 = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) > 0) {
            tail4 = s.substring(lastColon + 1);
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String[] head = dbl >= 0 ? split(s.substring(0, dbl)) : split(s);
        String[] rest = dbl >= 0 ? split(s.substring(dbl + 2)) : new String[0];
        if (head == null || rest == null || head.length + rest.length > (dbl >= 0 ? 7 : 8)
                || dbl < 0 && head.length != 8) {
            return null;
        }
        byte[] out = new byte[16];
        for (int k = 0; k < head.length; k++) {
            int g = Integer.parseInt(head[k], 16);
            out[2 * k] = (byte) (g >> 8);
            out[2 * k + 1] = (byte) g;
        }
        for (int k = 0; k < rest.length; k++) {
            int at = 8 - rest.length + k;
            int g = Integer.parseInt(rest[k], 16);
            out[2 * at] = (byte) (g >> 8);
            out[2 * at + 1] = (byte) g;
        }
        if (tail4 != null) {
            long a = ipv4(tail4);
            if (a < 0) {
                return null;
            }
            for (int k = 0; k < 4; k++) {
                out[12 + k] = (byte) (a >> (24 - 8 * k));
            }
        }
        return out;
    }

    private static String[] split(String s) {
        if (s.isEmpty()) {
            return new String[0];
        }
        String[] g = s.split(":", -1);
        for (String x : g) {
            if (x.isEmpty() || x.length() > 4 || !x.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        return g;
    }

    /** A MAC address with ':', '-' or no separators, as lower-case xx:xx:xx:xx:xx:xx, or null. */
    static String mac(String s) {
        String h = s.replace(":", "").replace("-", "").replace(".", "");
        if (h.length() != 12 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 12; k += 2) {
            sb.append(k == 0 ? "" : ":").append(h, k, k + 2);
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** Hex bytes (01:02:0a, 01-02-0a or 01020a), or null. */
    static byte[] bytes(String s) {
        String h = hexOf(s);
        return h == null ? null : HexFormat.of().parseHex(h);
    }

    static String hexOf(String s) {
        String h = (s.startsWith("0x") ? s.substring(2) : s).replace(":", "").replace("-", "");
        if (h.isEmpty() || h.length() % 2 != 0 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return h.toLowerCase(Locale.ROOT);
    }

    /** ISO instant, "yyyy-mm-dd hh:mm:ss[.f]" (UTC) or seconds since 1970, or null. */
    static Instant time(String s) {
        try {
            if (s.endsWith("Z") && s.indexOf('T') > 0) {
                return Instant.parse(s);
            }
            if (s.length() >= 10 && s.charAt(4) == '-') {
                return LocalDateTime.parse(s.length() == 10 ? s + "T00:00:00" : s.replace(' ', 'T'))
                        .toInstant(ZoneOffset.UTC);
            }
            BigDecimal d = number(s);
            if (d == null) {
                return null;
            }
            BigDecimal nanos = d.movePointRight(9);
            return Instant.ofEpochSecond(0, nanos.longValueExact());
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
