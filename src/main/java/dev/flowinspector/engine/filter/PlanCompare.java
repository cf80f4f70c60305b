package dev.flowinspector.engine.filter;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.FieldPlan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;

/**
 * Display filter comparisons read from a record's bytes through its {@link FieldPlan} (numbers, IPv4 and IPv6
 * addresses, MACs, times), without decoding the value: each answers as {@link FilterLiterals}' comparison of the
 * decoded value ({@code FieldValue#value()}) would, or {@link #DECODE} where only the decoded value can tell
 * (floats, booleans, lists, strings, micro/nanosecond times). Which answer a field gives depends on the record's
 * plan kind and the value's length, not on the filter field's type: a template may give a name another type.
 */
final class PlanCompare {

    /** A comparison: the value cannot be compared with the filter's value, so every operator is false. */
    static final int NONE = 2;
    /** A comparison or test: only the decoded value can tell. */
    static final int DECODE = 3;
    /** A test: passes. */
    static final int PASS = 1;
    /** A test: fails. */
    static final int FAIL = 0;

    /** Field i of r compared with the filter's value: -1, 0, 1, {@link #NONE} or {@link #DECODE}. */
    @FunctionalInterface
    interface Cmp {
        int compare(FieldPlan plan, DataRecord r, int i);
    }

    /** A test on field i of r: {@link #PASS}, {@link #FAIL} or {@link #DECODE}. */
    @FunctionalInterface
    interface Test {
        int test(FieldPlan plan, DataRecord r, int i);
    }

    /** Every value passes (a field named alone: present). */
    static final Test ALWAYS = (plan, r, i) -> PASS;

    private PlanCompare() {
    }

    /** The test of operator op ("==", "<", "<=", ">", ">=") with a comparison. */
    static Test op(Cmp c, String op) {
        return switch (op) {
            case "<" -> (plan, r, i) -> {
                int x = c.compare(plan, r, i);
                return x == DECODE ? DECODE : x == -1 ? PASS : FAIL;
            };
            case "<=" -> (plan, r, i) -> {
                int x = c.compare(plan, r, i);
                return x == DECODE ? DECODE : x == -1 || x == 0 ? PASS : FAIL;
            };
            case ">" -> (plan, r, i) -> {
                int x = c.compare(plan, r, i);
                return x == DECODE ? DECODE : x == 1 ? PASS : FAIL;
            };
            case ">=" -> (plan, r, i) -> {
                int x = c.compare(plan, r, i);
                return x == DECODE ? DECODE : x == 0 || x == 1 ? PASS : FAIL;
            };
            default -> (plan, r, i) -> {
                int x = c.compare(plan, r, i);
                return x == DECODE ? DECODE : x == 0 ? PASS : FAIL;
            };
        };
    }

    /** Passes when any test passes; {@link #DECODE} when none passes and some cannot tell. */
    static Test any(Test[] tests) {
        return (plan, r, i) -> {
            int answer = FAIL;
            for (Test t : tests) {
                int x = t.test(plan, r, i);
                if (x == PASS) {
                    return PASS;
                }
                if (x == DECODE) {
                    answer = DECODE;
                }
            }
            return answer;
        };
    }

    /** Passes when both pass (a range lo..hi); fails when either fails; else {@link #DECODE}. */
    static Test both(Test a, Test b) {
        return (plan, r, i) -> {
            int x = a.test(plan, r, i);
            if (x == FAIL) {
                return FAIL;
            }
            int y = b.test(plan, r, i);
            return y == FAIL ? FAIL : x == PASS && y == PASS ? PASS : DECODE;
        };
    }

    /**
     * Numbers: integers of up to 8 bytes compared exactly (unsigned or signed as the plan's kind says) with the
     * filter's decimal; values that are never numbers (addresses, text, octets, times, lengths their kind does not
     * have) are {@link #NONE}; floats, booleans, lists and 9- to 32-byte unsigned256 values are decoded.
     */
    static Cmp number(BigDecimal want) {
        Order unsigned = new Order(want, BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        Order signed = new Order(want, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
        return (plan, r, i) -> {
            FieldPlan.Kind k = plan.kind(i);
            int len = r.valueLength(i);
            return switch (k) {
                case UNSIGNED -> len >= 1 && len <= 8 ? unsigned.unsigned(plan.number(r, i, 0)) : NONE;
                case UNSIGNED256 -> len >= 1 && len <= 8 ? unsigned.unsigned(plan.number(r, i, 0))
                        : len == 0 || len > 32 ? NONE : DECODE;
                case SIGNED -> len >= 1 && len <= 8 ? signed.signed(plan.number(r, i, 0)) : NONE;
                case MAC, IPV4, IPV6, STRING, SECONDS, MILLIS, MICROS, NANOS, OCTETS -> NONE;
                default -> DECODE;
            };
        };
    }

    /** Where a decimal falls among 64-bit integers: a constant answer outside [lo, hi], else its floor and fraction. */
    private static final class Order {
        private final int constant;
        private final long floor;
        private final boolean fraction;

        Order(BigDecimal want, BigInteger lo, BigInteger hi) {
            BigInteger f = want.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            fraction = new BigDecimal(f).compareTo(want) != 0;
            constant = f.compareTo(lo) < 0 ? 1 : f.compareTo(hi) > 0 ? -1 : 0;
            floor = constant == 0 ? f.longValue() : 0; // the low 64 bits: the unsigned value's bits
        }

        int unsigned(long v) {
            if (constant != 0) {
                return constant;
            }
            int c = Long.compareUnsigned(v, floor);
            return c != 0 ? Integer.signum(c) : fraction ? -1 : 0;
        }

        int signed(long v) {
            if (constant != 0) {
                return constant;
            }
            int c = Long.compare(v, floor);
            return c != 0 ? Integer.signum(c) : fraction ? -1 : 0;
        }
    }

    /** IPv4 addresses: equal to a (or, with a mask, in its prefix: 0 or 1) or ordered; text values are decoded. */
    static Cmp ipv4(long a, long mask, boolean prefix) {
        return (plan, r, i) -> {
            FieldPlan.Kind k = plan.kind(i);
            if (k == FieldPlan.Kind.IPV4) {
                long x = plan.ipv4(r, i);
                if (x < 0) {
                    return NONE;
                }
                return prefix ? ((x & mask) == (a & mask) ? 0 : 1) : Long.compare(x, a);
            }
            return neverText(k) ? NONE : DECODE;
        };
    }

    /** IPv6 addresses: equal to a (or in its first bits bits: 0 or 1) or ordered; text values are decoded. */
    static Cmp ipv6(byte[] a, int bits, boolean prefix) {
        return (plan, r, i) -> {
            FieldPlan.Kind k = plan.kind(i);
            if (k == FieldPlan.Kind.IPV6) {
                byte[] x = new byte[16];
                if (plan.address(r, i, x) != 16) {
                    return NONE;
                }
                if (!prefix) {
                    return Integer.signum(Arrays.compareUnsigned(x, a));
                }
                for (int b = 0; b < bits; b++) {
                    int m = 0x80 >> (b & 7);
                    if ((x[b >> 3] & m) != (a[b >> 3] & m)) {
                        return 1;
                    }
                }
                return 0;
            }
            return neverText(k) ? NONE : DECODE;
        };
    }

    /** MAC addresses ordered as their lower-case text is (the same as their bytes unsigned); text values decoded. */
    static Cmp mac(byte[] m) {
        return (plan, r, i) -> {
            FieldPlan.Kind k = plan.kind(i);
            if (k == FieldPlan.Kind.MAC) {
                byte[] x = new byte[6];
                return plan.address(r, i, x) != 6 ? NONE : Integer.signum(Arrays.compareUnsigned(x, m));
            }
            return neverText(k) ? NONE : DECODE;
        };
    }

    /** Times: dateTimeSeconds and dateTimeMilliseconds from the bytes; finer times and text values are decoded. */
    static Cmp time(Instant want) {
        long wantSec = want.getEpochSecond();
        int wantNano = want.getNano();
        return (plan, r, i) -> {
            FieldPlan.Kind k = plan.kind(i);
            if (k == FieldPlan.Kind.SECONDS || k == FieldPlan.Kind.MILLIS) {
                long ms = plan.millis(r, i);
                if (ms == FieldPlan.NO_TIME || ms == FieldPlan.FINER) {
                    return DECODE; // a length the kind does not have, or a value equal to one of these markers
                }
                long sec = Math.floorDiv(ms, 1000L);
                int nano = (int) Math.floorMod(ms, 1000L) * 1_000_000;
                int c = Long.compare(sec, wantSec);
                return c != 0 ? c : Integer.compare(nano, wantNano);
            }
            return k == FieldPlan.Kind.MICROS || k == FieldPlan.Kind.NANOS || !neverText(k) ? DECODE : NONE;
        };
    }

    /**
     * Kinds whose decoded value is never text nor a time (numbers, booleans, octets; times are Instants or, at a
     * length their kind does not have, octets), so a comparison with an address or time is false.
     */
    private static boolean neverText(FieldPlan.Kind k) {
        return switch (k) {
            case UNSIGNED, UNSIGNED256, SIGNED, FLOAT, BOOLEAN, OCTETS -> true;
            default -> false;
        };
    }
}
