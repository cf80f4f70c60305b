package dev.flowinspector.tools.generate;

import dev.flowinspector.decode.ValueDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One field of a generated template: the element (IANA id, or v9 type), its length on the wire and where
 * its value comes from in a {@link Flow}.
 *
 * @param name   IANA element name (what a decoder calls it)
 * @param id     element id (v9 field type / IPFIX information element id)
 * @param length bytes on the wire, {@link #VARIABLE} for variable length (RFC 7011 §7)
 * @param kind   how the value is encoded
 * @param num    value of NUM, UPTIME and TIME_MS fields
 * @param text   value of ADDRESS (bytes) and STRING fields
 */
public record FieldSpec(String name, int id, int length, Kind kind, ToLongFunction<Flow> num,
                        Function<Flow, Object> text) {

    /** Variable-length marker (RFC 7011 §7). */
    public static final int VARIABLE = 65535;

    /** Value encodings. */
    public enum Kind {
        /** Unsigned integer, reduced-size encoded to the field length. */
        NUM,
        /** Absolute time in ms, sent relative to the exporter's boot (sysUptime clock, RFC 3954 §8). */
        UPTIME,
        /** Absolute time in ms, sent as dateTimeMilliseconds (RFC 7011 §6.1.10). */
        TIME_MS,
        /** Address bytes (4 or 16). */
        ADDRESS,
        /** UTF-8 string, fixed (zero padded) or variable length. */
        STRING,
        /** Zero bytes (v5 padding). */
        ZERO
    }

    static FieldSpec num(String name, int id, int len, ToLongFunction<Flow> v) {
        return new FieldSpec(name, id, len, Kind.NUM, v, null);
    }

    static FieldSpec uptime(String name, int id, ToLongFunction<Flow> v) {
        return new FieldSpec(name, id, 4, Kind.UPTIME, v, null);
    }

    static FieldSpec timeMs(String name, int id, ToLongFunction<Flow> v) {
        return new FieldSpec(name, id, 8, Kind.TIME_MS, v, null);
    }

    static FieldSpec addr(String name, int id, int len, Function<Flow, Object> v) {
        return new FieldSpec(name, id, len, Kind.ADDRESS, null, v);
    }

    static FieldSpec string(String name, int id, int len, Function<Flow, Object> v) {
        return new FieldSpec(name, id, len, Kind.STRING, null, v);
    }

    static FieldSpec zero(String name, int len) {
        return new FieldSpec(name, 0, len, Kind.ZERO, null, null);
    }

    public boolean variable() {
        return length == VARIABLE;
    }

    /** Writes this field of a record. */
    void write(Wire w, Flow f, long bootMs) {
        switch (kind) {
            case NUM -> w.num(num.applyAsLong(f), length);
            case UPTIME -> w.num(num.applyAsLong(f) - bootMs, length);
            case TIME_MS -> w.num(num.applyAsLong(f), length);
            case ADDRESS -> w.bytes((byte[]) text.apply(f));
            case STRING -> {
                Object o = text.apply(f);
                byte[] s = o instanceof byte[] raw ? raw : String.valueOf(o).getBytes(StandardCharsets.UTF_8);
                if (variable()) {
                    if (s.length < 255) {
                        w.u8(s.length);
                    } else {
                        w.u8(255);
                        w.u16(s.length);
                    }
                    w.bytes(s);
                } else {
                    int n = Math.min(s.length, length);
                    w.need(length);
                    System.arraycopy(s, 0, w.b, w.p, n);
                    java.util.Arrays.fill(w.b, w.p + n, w.p + length, (byte) 0);
                    w.p += length;
                }
            }
            case ZERO -> w.fill(length, 0);
            default -> throw new IllegalStateException();
        }
    }

    /**
     * The value a decoder should report for this field, as FlowInspector's decoder types it: Long for
     * integers (uptime fields relative to boot), String for addresses and strings, Instant for times;
     * null for padding.
     */
    public Object expected(Flow f, long bootMs) {
        return switch (kind) {
            case NUM -> {
                long v = num.applyAsLong(f);
                yield length >= 8 ? v : v & ((1L << (8 * length)) - 1);
            }
            case UPTIME -> (num.applyAsLong(f) - bootMs) & 0xffffffffL;
            case TIME_MS -> Instant.ofEpochMilli(num.applyAsLong(f));
            case ADDRESS -> {
                byte[] a = (byte[]) text.apply(f);
                yield a.length == 4 ? ValueDecoder.ipv4(a, 0) : ValueDecoder.ipv6(a, 0);
            }
            case STRING -> String.valueOf(text.apply(f));
            case ZERO -> null;
        };
    }
}
