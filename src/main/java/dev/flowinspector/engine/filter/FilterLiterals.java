package dev.flowinspector.engine.filter;

import static dev.flowinspector.engine.filter.FilterValues.bytes;
import static dev.flowinspector.engine.filter.FilterValues.decimal;
import static dev.flowinspector.engine.filter.FilterValues.hexOf;
import static dev.flowinspector.engine.filter.FilterValues.ipv4;
import static dev.flowinspector.engine.filter.FilterValues.ipv6;
import static dev.flowinspector.engine.filter.FilterValues.isEndpoint;
import static dev.flowinspector.engine.filter.FilterValues.mac;
import static dev.flowinspector.engine.filter.FilterValues.number;
import static dev.flowinspector.engine.filter.FilterValues.prefixLength;
import static dev.flowinspector.engine.filter.FilterValues.textOf;
import static dev.flowinspector.engine.filter.FilterValues.time;

import dev.flowinspector.decode.ProblemType;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElementRegistry;
import dev.flowinspector.engine.filter.FieldAccess.Item;
import dev.flowinspector.engine.filter.FilterFields.Field;
import dev.flowinspector.engine.filter.FilterFields.Kind;
import dev.flowinspector.engine.filter.FilterLexer.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The typed side of a display filter test: checks a filter value against its field's type and range
 * (addresses, CIDR prefixes, numbers and enumeration names, MAC, bytes, times, problem codes, regular
 * expressions) and turns {@code field op value} into a predicate on one value of the field.
 */
final class FilterLiterals {

    private FilterLiterals() {
    }

    /** Compares an item with the filter value: negative, 0, positive, or null when they cannot be compared. */
    @FunctionalInterface
    private interface Cmp {
        Integer compare(Item it);
    }

    /** A comparison of a decoded value, and the same comparison on a record's bytes through its plan (or null). */
    private record Cmps(Cmp item, PlanCompare.Cmp plan) {
        Cmps(Cmp item) {
            this(item, null);
        }
    }

    /**
     * A test on one value: on a decoded value ({@code item}), and the same test on a record's field through its
     * plan ({@code plan}, null when only the decoded value can tell).
     */
    record Check(Predicate<Item> item, PlanCompare.Test plan) {
    }

    /** The test for {@code field op value}, checking the value against the field's type. */
    static Check compare(Field f, Token name, String op, Token opToken, Token v) throws FilterException {
        Kind k = f.kind();
        String shown = "'" + name.text() + "'" + (name.text().equals(f.name()) ? "" : " (" + f.name() + ")");
        if (op.equals("contains") || op.equals("matches")) {
            if (k == Kind.NUMBER || k == Kind.FLOAT || k == Kind.BOOL || k == Kind.TIME) {
                throw new FilterException("'" + opToken.text() + "' needs a text field; " + shown + " is "
                        + kindName(f), opToken.pos(), opToken.length(), "use ==, <, >= or in {...}");
            }
            if (op.equals("contains")) {
                String want = v.text().toLowerCase(Locale.ROOT);
                String wantHex = k == Kind.BYTES ? hexOf(v.text()) : null;
                return new Check(it -> {
                    if (wantHex != null && it.value() instanceof byte[] b && HexFormat.of().formatHex(b).contains(wantHex)) {
                        return true;
                    }
                    String s = textOf(it);
                    return s != null && s.toLowerCase(Locale.ROOT).contains(want)
                            || it.display() != null && it.display().toLowerCase(Locale.ROOT).contains(want);
                }, null);
            }
            Pattern p;
            try {
                p = Pattern.compile(v.text(), Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new FilterException("'" + v.text() + "' is not a regular expression: " + e.getDescription(),
                        v.pos(), v.length(), null);
            }
            return new Check(it -> {
                String s = textOf(it);
                return s != null && p.matcher(s).find() || it.display() != null && p.matcher(it.display()).find();
            }, null);
        }
        boolean ordering = !op.equals("==") && !op.equals("!=");
        if (ordering && (k == Kind.BOOL || k == Kind.PROBLEM || k == Kind.SEVERITY || k == Kind.ANY)) {
            throw new FilterException("'" + opToken.text() + "' cannot order " + shown + ", which is " + kindName(f),
                    opToken.pos(), opToken.length(), "use == or !=");
        }
        Cmps cs = literal(f, shown, v, ordering);
        Cmp c = cs.item();
        Predicate<Item> item = switch (op) {
            case "<" -> it -> lt(c.compare(it));
            case "<=" -> it -> le(c.compare(it));
            case ">" -> it -> gt(c.compare(it));
            case ">=" -> it -> ge(c.compare(it));
            default -> it -> eq(c.compare(it));
        };
        return new Check(item, cs.plan() == null ? null : PlanCompare.op(cs.plan(), op));
    }

    private static boolean eq(Integer c) {
        return c != null && c == 0;
    }

    private static boolean lt(Integer c) {
        return c != null && c < 0;
    }

    private static boolean le(Integer c) {
        return c != null && c <= 0;
    }

    private static boolean gt(Integer c) {
        return c != null && c > 0;
    }

    private static boolean ge(Integer c) {
        return c != null && c >= 0;
    }

    private static String kindName(Field f) {
        if (f.type() != null) {
            return f.type().ianaName();
        }
        return switch (f.kind()) {
            case NUMBER, FLOAT -> "a number";
            case IPV4 -> "an IPv4 address";
            case IPV6 -> "an IPv6 address";
            case ADDRESS -> "an address";
            case MAC -> "a MAC address";
            case TEXT -> "text";
            case BYTES -> "bytes";
            case TIME -> "a time";
            case BOOL -> "true or false";
            case PROBLEM -> "a problem code";
            case SEVERITY -> "a severity (error, warning, note)";
            default -> "a structured value";
        };
    }

    /** Reads the filter value for field {@code f}: type and range checked. */
    private static Cmps literal(Field f, String shown, Token v, boolean ordering) throws FilterException {
        String s = v.text();
        switch (f.kind()) {
            case NUMBER, FLOAT -> {
                BigDecimal d = v.quoted() ? null : number(s);
                if (d == null) {
                    Long e = v.quoted() ? null : enumValue(f, s);
                    if (e == null) {
                        boolean named = f.type() != null && InformationElementRegistry.standard().hasEnumeration(f.name());
                        throw new FilterException("'" + s + "' is not a number" + (named ? " or a name of " + f.name()
                                + "'s values" : "") + "; " + shown + " is " + kindName(f), v.pos(), v.length(), null);
                    }
                    d = BigDecimal.valueOf(e);
                } else if (f.scale() != null) {
                    d = d.multiply(f.scale());
                }
                if (f.kind() == Kind.NUMBER) {
                    BigInteger[] range = range(f);
                    if (d.compareTo(new BigDecimal(range[0])) < 0 || d.compareTo(new BigDecimal(range[1])) > 0) {
                        throw new FilterException(s + " is out of range for " + shown + " (" + kindName(f) + ": "
                                + range[0] + ".." + range[1] + ")", v.pos(), v.length(), null);
                    }
                }
                BigDecimal want = d;
                return new Cmps(it -> {
                    BigDecimal x = decimal(it.value());
                    return x == null ? null : x.compareTo(want);
                }, PlanCompare.number(want));
            }
            case IPV4 -> {
                return ipv4Literal(shown, v, ordering);
            }
            case IPV6 -> {
                return ipv6Literal(shown, v, ordering);
            }
            case ADDRESS -> {
                if (!ordering && isEndpoint(s)) { // exporter == 192.0.2.1:2055, collector == [2001:db8::1]:4739
                    return new Cmps(it -> s.equalsIgnoreCase(it.display()) ? 0 : 1);
                }
                return s.indexOf(':') >= 0 ? ipv6Literal(shown, v, ordering) : ipv4Literal(shown, v, ordering);
            }
            case MAC -> {
                String m = mac(s);
                if (m == null) {
                    throw new FilterException("'" + s + "' is not a MAC address; " + shown + " is " + kindName(f),
                            v.pos(), v.length(), "write it as 00:11:22:33:44:55");
                }
                return new Cmps(it -> it.value() instanceof String x ? Integer.valueOf(x.toLowerCase(Locale.ROOT).compareTo(m))
                        : null, PlanCompare.mac(HexFormat.ofDelimiter(":").parseHex(m)));
            }
            case BYTES -> {
                byte[] want = v.quoted() ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : bytes(s);
                if (want == null) {
                    throw new FilterException("'" + s + "' is not a byte string; " + shown + " is " + kindName(f),
                            v.pos(), v.length(), "write bytes as 01:02:0a or text in quotes");
                }
                return new Cmps(it -> it.value() instanceof byte[] b ? Integer.valueOf(Arrays.compareUnsigned(b, want))
                        : it.value() instanceof String x ? Integer.valueOf(x.compareTo(s)) : null);
            }
            case TIME -> {
                Instant want = time(s);
                if (want == null) {
                    throw new FilterException("'" + s + "' is not a time; " + shown + " is " + kindName(f),
                            v.pos(), v.length(),
                            "write \"2024-05-01 12:00:00\" (UTC), 2024-05-01T12:00:00Z or seconds since 1970");
                }
                return new Cmps(it -> {
                    Instant x = it.value() instanceof Instant i ? i
                            : it.value() instanceof String t ? time(t) : null;
                    return x == null ? null : x.compareTo(want);
                }, PlanCompare.time(want));
            }
            case BOOL -> {
                Boolean b = switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes" -> Boolean.TRUE;
                    case "false", "0", "no" -> Boolean.FALSE;
                    default -> null;
                };
                if (b == null) {
                    throw new FilterException("'" + s + "' is not true or false; " + shown + " is boolean", v.pos(),
                            v.length(), null);
                }
                // boxed on purpose: an int branch would unbox the null of a value that is no boolean (octets)
                return new Cmps(it -> it.value() instanceof Boolean x ? Integer.valueOf(x.equals(b) ? 0 : 1)
                        : it.value() instanceof Number n ? Integer.valueOf((n.longValue() != 0) == b ? 0 : 1) : null);
            }
            case PROBLEM -> {
                if (Problems.byCode(s) == null) {
                    String near = nearestCode(s);
                    throw new FilterException("unknown problem code '" + s + "'", v.pos(), v.length(),
                            near == null ? "decode --problems lists them" : "did you mean '" + near + "'?");
                }
                return new Cmps(it -> s.equals(it.value()) ? 0 : 1);
            }
            case SEVERITY -> {
                String l = s.toLowerCase(Locale.ROOT);
                if (!Set.of("error", "warning", "note").contains(l)) {
                    throw new FilterException("'" + s + "' is not a severity", v.pos(), v.length(),
                            "use error, warning or note");
                }
                return new Cmps(it -> l.equals(it.value()) ? 0 : 1);
            }
            case TEXT -> {
                return new Cmps(it -> {
                    String x = it.value() instanceof String t ? t : it.display();
                    return x == null ? null : x.compareTo(s);
                });
            }
            default -> {
                String want = s.toLowerCase(Locale.ROOT);
                return new Cmps(it -> {
                    String x = textOf(it);
                    if (x != null && x.toLowerCase(Locale.ROOT).equals(want)) {
                        return 0;
                    }
                    return it.display() != null && it.display().toLowerCase(Locale.ROOT).equals(want) ? 0 : 1;
                });
            }
        }
    }

    private static Cmps ipv4Literal(String shown, Token v, boolean ordering) throws FilterException {
        String s = v.text();
        int slash = s.indexOf('/');
        long a = ipv4(slash >= 0 ? s.substring(0, slash) : s);
        if (a < 0) {
            throw new FilterException("'" + s + "' is not an IPv4 address; " + shown + " is an IPv4 address", v.pos(),
                    v.length(), "write it as 10.0.0.1 or 10.0.0.0/8");
        }
        if (slash < 0) {
            return new Cmps(it -> {
                long x = it.value() instanceof String t ? ipv4(t) : -1;
                return x < 0 ? null : Long.compare(x, a);
            }, PlanCompare.ipv4(a, 0, false));
        }
        int len = prefixLength(s.substring(slash + 1), 32);
        if (len < 0) {
            throw new FilterException("the prefix length in '" + s + "' must be 0..32", v.pos(), v.length(), null);
        }
        if (ordering) {
            throw new FilterException("a prefix ('" + s + "') can only be compared with == or !=", v.pos(),
                    v.length(), null);
        }
        long mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
        return new Cmps(it -> {
            long x = it.value() instanceof String t ? ipv4(t) : -1;
            return x < 0 ? null : (x & mask) == (a & mask) ? 0 : 1;
        }, PlanCompare.ipv4(a, mask, true));
    }

    private static Cmps ipv6Literal(String shown, Token v, boolean ordering) throws FilterException {
        String s = v.text();
        int slash = s.indexOf('/');
        byte[] a = ipv6(slash >= 0 ? s.substring(0, slash) : s);
        if (a == null) {
            throw new FilterException("'" + s + "' is not an IPv6 address; " + shown + " is an IPv6 address", v.pos(),
                    v.length(), "write it as 2001:db8::1 or 2001:db8::/32");
        }
        int len = 128;
        if (slash >= 0) {
            len = prefixLength(s.substring(slash + 1), 128);
            if (len < 0) {
                throw new FilterException("the prefix length in '" + s + "' must be 0..128", v.pos(), v.length(), null);
            }
            if (ordering) {
                throw new FilterException("a prefix ('" + s + "') can only be compared with == or !=", v.pos(),
                        v.length(), null);
            }
        }
        int bits = len;
        boolean prefix = slash >= 0;
        return new Cmps(it -> {
            byte[] x = it.value() instanceof String t ? ipv6(t) : null;
            if (x == null) {
                return null;
            }
            if (!prefix) {
                return Arrays.compareUnsigned(x, a);
            }
            for (int b = 0; b < bits; b++) {
                int m = 0x80 >> (b & 7);
                if ((x[b >> 3] & m) != (a[b >> 3] & m)) {
                    return 1;
                }
            }
            return 0;
        }, PlanCompare.ipv6(a, bits, prefix));
    }

    /** Smallest and largest value of a numeric field. */
    private static BigInteger[] range(Field f) {
        DataType t = f.type();
        if (t == null) {
            return switch (f.name()) {
                case "exporter.port", "template.id", "set.id", "set.length", "version" ->
                        new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(65535)};
                default -> new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)};
            };
        }
        int bits = switch (t) {
            case UNSIGNED8, SIGNED8 -> 8;
            case UNSIGNED16, SIGNED16 -> 16;
            case UNSIGNED32, SIGNED32 -> 32;
            case UNSIGNED256 -> 256;
            default -> 64;
        };
        if (t.isSigned()) {
            BigInteger half = BigInteger.ONE.shiftLeft(bits - 1);
            return new BigInteger[] {half.negate(), half.subtract(BigInteger.ONE)};
        }
        return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)};
    }

    /** The value of an enumeration label ("tcp" for protocolIdentifier), or null. */
    private static Long enumValue(Field f, String label) {
        InformationElementRegistry reg = InformationElementRegistry.standard();
        if (f.type() == null || !reg.hasEnumeration(f.name())) {
            return null;
        }
        int max = f.type() == DataType.UNSIGNED8 ? 255 : 65535;
        for (int x = 0; x <= max; x++) {
            String l = reg.enumLabel(f.name(), x);
            if (l != null && l.equalsIgnoreCase(label)) {
                return (long) x;
            }
        }
        return null;
    }

    private static String nearestCode(String s) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (ProblemType t : Problems.all()) {
            int d = FilterFields.distance(s.toLowerCase(Locale.ROOT), t.code(), bestD);
            if (d < bestD) {
                best = t.code();
                bestD = d;
            }
        }
        return bestD <= Math.max(3, s.length() / 2) ? best : null;
    }
}
