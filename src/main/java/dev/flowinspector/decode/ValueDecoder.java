package dev.flowinspector.decode;

import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElement;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Renders field bytes by abstract data type (RFC 7011 §6, RFC 6313 §4.5). Stateless but for the texts of
 * addresses and short strings it remembers ({@link RecentTexts}).
 */
public final class ValueDecoder {

    /** Seconds from the NTP era (1900) to the Unix epoch (RFC 7011 §6.1.10). */
    public static final long NTP_TO_UNIX = 2_208_988_800L;
    /** Deepest RFC 6313 nesting decoded. */
    public static final int MAX_LIST_DEPTH = 8;

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** What follows the absolute time of an uptime-relative value. */
    public static final String UPTIME_NOTE = " (export time − (sysUptime − value))";
    private static final String[] TCP_FLAGS = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};

    private ValueDecoder() {
    }

    /** Big-endian unsigned value of up to 8 bytes (reduced-size encoding aware). */
    public static long readUnsigned(byte[] d, int off, int len) {
        switch (len) { // the common widths without a loop
            case 1 -> {
                return d[off] & 0xff;
            }
            case 2 -> {
                return u16(d, off);
            }
            case 4 -> {
                return u32(d, off);
            }
            case 8 -> {
                return (long) BE64.get(d, off);
            }
            default -> {
                return readOddUnsigned(d, off, len);
            }
        }
    }

    /**
     * {@link #readUnsigned} of 0, 3, 5, 6, 7 or more than 8 bytes: a method of its own, so that readUnsigned stays
     * under the size the compiler inlines hot methods up to.
     */
    private static long readOddUnsigned(byte[] d, int off, int len) {
        if (off + len >= 8 && len < 8) { // 0, 3, 5, 6 or 7 bytes: the 8 ending with them, masked
            return (long) BE64.get(d, off + len - 8) & ((1L << (len << 3)) - 1);
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (d[off + i] & 0xff);
        }
        return v;
    }

    /** The 8 bytes at off as a big-endian long. */
    static long be64(byte[] d, int off) {
        return (long) BE64.get(d, off);
    }

    public static int u8(byte[] d, int off) {
        return d[off] & 0xff;
    }

    public static int u16(byte[] d, int off) {
        return ((short) BE16.get(d, off)) & 0xffff;
    }

    public static long u32(byte[] d, int off) {
        return ((int) BE32.get(d, off)) & 0xffffffffL;
    }

    // one bounds-checked load and a byte swap instead of a load, shift and or per byte
    private static final java.lang.invoke.VarHandle BE16 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle BE32 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle BE64 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** Dotted-decimal text of a 4-byte IPv4 address (the same String for an address seen lately). */
    public static String ipv4(byte[] d, int off) {
        return RecentTexts.ipv4(d, off);
    }

    /** RFC 5952 text of a 16-byte IPv6 address (the same String for an address seen lately: {@link RecentTexts}). */
    public static String ipv6(byte[] d, int off) {
        return RecentTexts.ipv6(d, off);
    }

    /**
     * Writes the RFC 5952 text of a 16-byte IPv6 address as ASCII at out[p] (39 bytes at most); returns the end.
     * out needs those 39 bytes of room: a group's digits are stored four bytes at a time, so bytes after the
     * returned end, up to p + 39, may be overwritten.
     */
    public static int ipv6(byte[] d, int off, byte[] out, int p) {
        long hi = be64(d, off);
        long lo = be64(d, off + 8);
        int zeros = 0; // bit i: group i is 0
        for (int i = 0; i < 8; i++) {
            if (group(hi, lo, i) == 0) {
                zeros |= 1 << i;
            }
        }
        int bestStart = -1; // the longest run of two or more zero groups, the first of equal ones
        int bestLen = 1;
        for (int m = zeros; m != 0; ) {
            int s = Integer.numberOfTrailingZeros(m);
            int len = Integer.numberOfTrailingZeros(~(m >>> s));
            if (len > bestLen) {
                bestStart = s;
                bestLen = len;
            }
            m &= ~(((1 << len) - 1) << s);
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out[p++] = ':';
                out[p++] = ':';
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) {
                out[p++] = ':';
            }
            int g = group(hi, lo, i);
            int digits = (35 - Integer.numberOfLeadingZeros(g | 1)) >> 2; // no leading zeros, at least one digit
            BE32.set(out, p, hex4(g) << (8 * (4 - digits)));
            p += digits;
        }
        return p;
    }

    /** The four lower-case hex digits of a 16-bit value as ASCII, the most significant in the top byte. */
    private static int hex4(int g) {
        int x = (g & 0xf000) << 12 | (g & 0x0f00) << 8 | (g & 0x00f0) << 4 | g & 0x000f; // a nibble a byte
        int letters = ((x + 0x06060606) >>> 4) & 0x01010101; // 1 in the bytes holding 10 to 15
        return x + 0x30303030 + letters * ('a' - 10 - '0');
    }

    /** Group i (0 to 7) of the address whose first and last 8 bytes are hi and lo. */
    private static int group(long hi, long lo, int i) {
        return (int) ((i < 4 ? hi >>> (48 - 16 * i) : lo >>> (112 - 16 * i)) & 0xffff);
    }

    public static String mac(byte[] d, int off) {
        byte[] b = new byte[17];
        return new String(b, 0, mac(d, off, b, 0), StandardCharsets.ISO_8859_1);
    }

    /** Writes "aa:bb:cc:dd:ee:ff" (lower-case) of 6 bytes as ASCII at out[p]; returns the end. */
    public static int mac(byte[] d, int off, byte[] out, int p) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                out[p++] = ':';
            }
            out[p++] = HEX_DIGITS[(d[off + i] >> 4) & 0xf];
            out[p++] = HEX_DIGITS[d[off + i] & 0xf];
        }
        return p;
    }

    /** Writes the lower-case hex of len bytes (as {@link #hex}) at out[p]; returns the end. */
    public static int hex(byte[] d, int off, int len, byte[] out, int p) {
        for (int i = off; i < off + len; i++) {
            out[p++] = HEX_DIGITS[(d[i] >> 4) & 0xf];
            out[p++] = HEX_DIGITS[d[i] & 0xf];
        }
        return p;
    }

    public static String hex(byte[] d, int off, int len) {
        return HEX.formatHex(d, off, off + len);
    }

    /** True when the bytes are valid UTF-8. */
    public static boolean validUtf8(byte[] d, int off, int len) {
        if (ascii(d, off, len)) {
            return true; // the common case
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(d, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Whether these bytes are plain ASCII (so valid UTF-8): eight at a time, and the last few as the low bytes of the
     * eight that end with them when there are eight before their end (a value in an export packet, after its header).
     */
    static boolean ascii(byte[] d, int off, int len) {
        int end = off + len;
        long bits = 0;
        int i = off;
        for (; i <= end - 8; i += 8) {
            bits |= be64(d, i);
        }
        int rest = end - i;
        if (rest > 0 && end >= 8) {
            bits |= be64(d, end - 8) & -1L >>> 64 - 8 * rest;
        } else {
            for (; i < end; i++) {
                bits |= d[i]; // a byte of 0x80 or more is negative: its sign fills bit 7 among others
            }
        }
        return (bits & 0x8080_8080_8080_8080L) == 0;
    }

    /**
     * Appends the plain value of a record's field (no enumeration labels): decimal integers, dotted or
     * RFC 5952 addresses, MACs, strings; other types as their decoded value ({@link FieldPlan#plain}).
     */
    public static void appendValue(StringBuilder sb, DataRecord r, int i) {
        sb.append(r.plan().text(r, i));
    }

    /**
     * {@link Instant#toString()} (ISO-8601 UTC, fraction in groups of three digits), without the formatter
     * machinery for the years 1970-9999; other instants go through {@code toString}.
     */
    public static String instantText(Instant t) {
        byte[] b = new byte[INSTANT_MAX];
        int n = instantText(t.getEpochSecond(), t.getNano(), b, 0);
        return n < 0 ? t.toString() : new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Longest text {@link #instantText(long, int, byte[], int)} writes. */
    public static final int INSTANT_MAX = 30;

    /**
     * Writes {@link #instantText(Instant)} of (sec, nano) as ASCII at out[p] ({@link #INSTANT_MAX} bytes at
     * most); returns the end, or -1 (nothing written) outside the years 1970-9999.
     */
    public static int instantText(long sec, int nano, byte[] c, int n) {
        if (!instantInRange(sec)) {
            return -1;
        }
        n = dateText(sec / 86_400, c, n);
        return timeText((int) (sec % 86_400), nano, c, n);
    }

    /** True for seconds since the epoch in the years 1970-9999 (what the byte writers format). */
    public static boolean instantInRange(long sec) {
        return sec >= 0 && sec < 253_402_300_800L;
    }

    /** Writes "YYYY-MM-DD" of a day since the epoch (0 to 2 932 896) as ASCII at c[n]; returns the end. */
    public static int dateText(long days, byte[] c, int n) {
        // days to civil date (proleptic Gregorian), after H. Hinnant's "chrono-compatible low-level date algorithms"
        long z = days + 719_468;
        long era = z / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        n = digits(c, n, (int) y, 4);
        c[n++] = '-';
        n = digits(c, n, m, 2);
        c[n++] = '-';
        return digits(c, n, d, 2);
    }

    /** Writes "THH:MM:SS", the fraction in groups of three digits when not 0, and "Z" at c[n]; returns the end. */
    public static int timeText(int secondOfDay, int nano, byte[] c, int n) {
        int sod = secondOfDay;
        c[n++] = 'T';
        n = digits(c, n, sod / 3600, 2);
        c[n++] = ':';
        n = digits(c, n, sod / 60 % 60, 2);
        c[n++] = ':';
        n = digits(c, n, sod % 60, 2);
        if (nano > 0) {
            c[n++] = '.';
            if (nano % 1_000_000 == 0) {
                n = digits(c, n, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                n = digits(c, n, nano / 1000, 6);
            } else {
                n = digits(c, n, nano, 9);
            }
        }
        c[n++] = 'Z';
        return n;
    }

    private static int digits(byte[] c, int n, int v, int width) {
        if (width == 2) {
            int q = v / 10;
            c[n] = (byte) ('0' + q);
            c[n + 1] = (byte) ('0' + v - 10 * q);
            return n + 2;
        }
        for (int i = n + width - 1; i >= n; i--) {
            c[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return n + width;
    }

    /** Text of tcpControlBits, e.g. "0x012 (SYN, ACK)". */
    public static String tcpFlags(long v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < TCP_FLAGS.length; i++) {
            if ((v & (1L << i)) != 0) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(TCP_FLAGS[i]);
            }
        }
        String hex = Long.toHexString(v);
        String padded = hex.length() >= 3 ? hex : "000".substring(hex.length()) + hex; // as %03x
        return "0x" + padded + (sb.length() > 0 ? " (" + sb + ")" : "");
    }

    /** Instant of an NTP 64-bit timestamp; micro drops the 11 low fraction bits (RFC 7011 §6.1.9). */
    public static Instant ntp(long seconds, long fraction, boolean micro) {
        if (micro) {
            fraction &= ~0x7ffL;
        }
        long nanos = (fraction * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(seconds - NTP_TO_UNIX, nanos);
    }

    /**
     * Decodes one field value.
     *
     * @param ie     the element
     * @param d      packet bytes
     * @param off    first value byte
     * @param len    value length (prefix excluded)
     * @param ctx    record context
     * @param depth  RFC 6313 nesting depth (0 at the top)
     * @param problems where structured-data problems go, or null to ignore them
     */
    public static FieldValue decode(InformationElement ie, byte[] d, int off, int len, RecordContext ctx, int depth,
                                    List<Problem> problems) {
        return decode(ie, ctx.prefix() + "." + ie.name(), FieldPlan.Kind.of(ie.type()), d, off, len, ctx, depth, problems);
    }

    /** A 16-byte IPv6 address at off as its field's value (FieldPlan's reader takes this path without the switch). */
    static FieldValue ipv6Value(InformationElement ie, String fieldName, byte[] d, int off) {
        String a = ipv6(d, off);
        return new FieldValue(ie.name(), fieldName, ie, off, 16, a, a, null);
    }

    /**
     * As {@link #decode(InformationElement, byte[], int, int, RecordContext, int, List)}, with what a
     * {@link FieldPlan} knows beforehand: the dotted field name ({@code ctx.prefix() + "." + ie.name()}) and the kind.
     */
    static FieldValue decode(InformationElement ie, String fieldName, FieldPlan.Kind kind, byte[] d, int off, int len,
                             RecordContext ctx, int depth, List<Problem> problems) {
        DataType t = ie.type();
        if (len == 0) {
            return new FieldValue(ie.name(), fieldName, ie, off, 0, new byte[0], "(empty)", null);
        }
        switch (kind) {
            case UNSIGNED -> {
                if (len > 8) {
                    break;
                }
                long v = readUnsigned(d, off, len);
                Object value = v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
                String disp = integerDisplay(ie, v, ctx.registry());
                List<FieldValue> kids = uptimeChild(ie, v, off, len, ctx);
                return new FieldValue(ie.name(), fieldName, ie, off, len, value, disp, kids);
            }
            case UNSIGNED256 -> { // RFC 9740 §7: up to 32 bytes, reduced-size encoding allowed
                if (len > 32) {
                    break;
                }
                if (len <= 8) {
                    long v = readUnsigned(d, off, len);
                    Object value = v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
                    return new FieldValue(ie.name(), fieldName, ie, off, len, value,
                            integerDisplay(ie, v, ctx.registry()), null);
                }
                BigInteger v = new BigInteger(1, java.util.Arrays.copyOfRange(d, off, off + len));
                return new FieldValue(ie.name(), fieldName, ie, off, len, v, v.toString(), null);
            }
            case SIGNED -> {
                if (len > 8) {
                    break;
                }
                long v = readUnsigned(d, off, len);
                int shift = 64 - 8 * len;
                v = (v << shift) >> shift;
                return new FieldValue(ie.name(), fieldName, ie, off, len, v, Long.toString(v), null);
            }
            case FLOAT -> {
                double v;
                if (len == 4) {
                    v = Float.intBitsToFloat((int) readUnsigned(d, off, 4));
                } else if (len == 8) {
                    v = Double.longBitsToDouble(readUnsigned(d, off, 8));
                } else {
                    break;
                }
                return new FieldValue(ie.name(), fieldName, ie, off, len, v, Double.toString(v), null);
            }
            case BOOLEAN -> {
                if (len != 1) {
                    break;
                }
                int b = d[off] & 0xff;
                Object value = b == 1 ? Boolean.TRUE : b == 2 ? Boolean.FALSE : (Object) (long) b;
                String disp = b == 1 ? "true" : b == 2 ? "false" : b + " (invalid boolean)";
                return new FieldValue(ie.name(), fieldName, ie, off, len, value, disp, null);
            }
            case MAC -> {
                if (len != 6) {
                    break;
                }
                String m = mac(d, off);
                return new FieldValue(ie.name(), fieldName, ie, off, len, m, m, null);
            }
            case IPV4 -> {
                if (len != 4) {
                    break;
                }
                String a = ipv4(d, off);
                return new FieldValue(ie.name(), fieldName, ie, off, len, a, a, null);
            }
            case IPV6 -> {
                if (len != 16) {
                    break;
                }
                return ipv6Value(ie, fieldName, d, off);
            }
            case STRING -> {
                RecentTexts.Text known = RecentTexts.string(d, off, len);
                if (known != null) {
                    return new FieldValue(ie.name(), fieldName, ie, off, len, known.shown(), known.display(), null);
                }
                String shown = new String(d, off, len, StandardCharsets.UTF_8).replace("\0", "");
                return new FieldValue(ie.name(), fieldName, ie, off, len, shown, "\"" + shown + "\"", null);
            }
            case SECONDS -> {
                if (len != 4) {
                    break;
                }
                Instant i = Instant.ofEpochSecond(u32(d, off));
                return new FieldValue(ie.name(), fieldName, ie, off, len, i, instantText(i), null);
            }
            case MILLIS -> {
                if (len != 8 && len != 4) {
                    break;
                }
                Instant i = Instant.ofEpochMilli(readUnsigned(d, off, len));
                return new FieldValue(ie.name(), fieldName, ie, off, len, i, instantText(i), null);
            }
            case MICROS, NANOS -> {
                if (len != 8) {
                    break;
                }
                Instant i = ntp(u32(d, off), u32(d, off + 4), kind == FieldPlan.Kind.MICROS);
                return new FieldValue(ie.name(), fieldName, ie, off, len, i, instantText(i), null);
            }
            case LIST -> {
                return ListDecoder.decode(ie, d, off, len, ctx, depth, problems);
            }
            default -> {
            }
        }
        byte[] raw = java.util.Arrays.copyOfRange(d, off, off + len);
        String disp = hex(d, off, len);
        if (kind != FieldPlan.Kind.OCTETS) {
            disp += " (" + len + " bytes: not a valid " + t.ianaName() + ")";
        } else if (showsNumber(ie, len)) {
            disp += " (" + readUnsigned(d, off, len) + ")";
        }
        return new FieldValue(ie.name(), fieldName, ie, off, len, raw, disp, null);
    }

    /**
     * True when an octetArray value of ie also shows as a number after its hex: short octet arrays of known
     * elements, which are really numbers (e.g. v9 vendor fields, v5 padding).
     */
    public static boolean showsNumber(InformationElement ie, int len) {
        return len <= 8 && ie.known();
    }

    /**
     * Display of an unsigned integer value of ie: tcpControlBits as flags, enumerations as "6 (TCP)", other
     * flags in hex, else the decimal number.
     */
    public static String integerDisplay(InformationElement ie, long v, InformationElementRegistry reg) {
        String num = v >= 0 ? Long.toString(v) : Long.toUnsignedString(v);
        if ("tcpControlBits".equals(ie.name())) {
            return tcpFlags(v);
        }
        String label = reg.enumLabel(ie, v);
        if (label != null) {
            return num + " (" + label + ")";
        }
        if (ie.isFlags()) {
            return "0x" + Long.toHexString(v);
        }
        return num;
    }

    /** True when {@link #integerDisplay} shows more than the decimal number for some value of ie. */
    public static boolean labelsIntegers(InformationElement ie, InformationElementRegistry reg) {
        return "tcpControlBits".equals(ie.name()) || ie.isFlags() || reg.hasEnumeration(ie.name());
    }

    /** True for flowStartSysUpTime/flowEndSysUpTime, whose value also shows as an absolute time when it can. */
    public static boolean isUptimeRelative(InformationElement ie) {
        return ie.pen() == 0 && (ie.id() == 21 || ie.id() == 22);
    }

    /** For flowStartSysUpTime/flowEndSysUpTime (v5/v9 first/last switched): the absolute time. */
    private static List<FieldValue> uptimeChild(InformationElement ie, long v, int off, int len, RecordContext ctx) {
        if (!isUptimeRelative(ie) || ctx.sysUptimeMs() < 0) {
            return null;
        }
        long abs = ctx.absoluteFromUptime(v);
        Instant i = Instant.ofEpochMilli(abs);
        List<FieldValue> kids = new ArrayList<>(1);
        kids.add(new FieldValue("absolute", ctx.prefix() + "." + ie.name() + ".absolute", null, off, len, i,
                instantText(i) + UPTIME_NOTE, null));
        return kids;
    }
}
