package dev.flowinspector.engine.filter;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.ProblemType;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElementRegistry;
import dev.flowinspector.engine.filter.FieldAccess.Item;
import dev.flowinspector.engine.filter.FilterFields.Field;
import dev.flowinspector.engine.filter.FilterFields.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Wireshark-like display filter over export packets and flow records: the one filter of the GUI,
 * {@code decode -Y} and {@code analyze -Y}.
 *
 * <pre>
 * filter  := or
 * or      := and (("||" | "or") and)*
 * and     := unary (("&amp;&amp;" | "and") unary)*
 * unary   := ("!" | "not") unary | "(" or ")" | test
 * test    := field                         the field is present
 *          | field op value
 *          | field "in" "{" element ("," ? element)* "}"     element := value | value ".." value
 * op      := == | != | &lt; | &lt;= | &gt; | &gt;= | eq | ne | lt | le | gt | ge | contains | matches | ~
 * value   := number | IPv4/IPv6 address [/prefix] | MAC | word | "quoted text"
 * </pre>
 *
 * Fields are those of {@link FilterFields}: element names ({@code sourceIPv4Address}), dotted names
 * ({@code nf5.sourceIPv4Address}), Wireshark's {@code cflow.*} names, header fields and packet fields
 * ({@code version}, {@code frame}, {@code exporter}, {@code problem}, ...). Values are checked against the
 * field's type when the filter is parsed: an unknown name, {@code 10.0.0.300}, port 70000 or an address
 * compared with a number is an error naming the token and its column. As in Wireshark, a test is true when
 * any value of the field matches, {@code a != v} means "a is present and no value of a is v" (so a packet
 * without the field matches neither {@code a == v} nor {@code a != v}), {@code matches} is a
 * case-insensitive regular expression and {@code contains} ignores case.
 */
public final class DisplayFilter {

    private final String text;
    private final Node root;

    private DisplayFilter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses a filter; an empty text matches everything. */
    public static DisplayFilter parse(String text) throws FilterException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return new DisplayFilter("", s -> true);
        }
        Parser parser = new Parser(t, FilterFields.standard());
        Node n = parser.or();
        Token extra = parser.peek();
        if (extra != null) {
            throw new FilterException("unexpected '" + extra.text + "'", extra.pos, extra.length, extra.text.equals(")")
                    ? "no '(' opens it" : "join tests with && or ||");
        }
        return new DisplayFilter(t, n);
    }

    /** The filter text as parsed. */
    public String text() {
        return text;
    }

    /** True for the empty filter. */
    public boolean matchesAll() {
        return text.isEmpty();
    }

    /** True when the packet matches: any value of a field anywhere in the packet (header, any record). */
    public boolean matches(ExportPacket p) {
        return root.eval((f, sink) -> FieldAccess.packet(p, f, sink));
    }

    /** True when one flow record matches: element fields from this record, packet fields from its packet. */
    public boolean matchesRecord(ExportPacket p, DataRecord r) {
        return root.eval((f, sink) -> FieldAccess.record(p, r, f, sink));
    }

    /**
     * True when a flow record given by name matches (the collector's JSON lines): {@code record} returns
     * an element's value (Long, Double, Boolean, String, a List of them) or null when absent; packet fields
     * other than {@code exporter} are absent.
     */
    public boolean matchesNamed(Function<String, Object> record) {
        return root.eval((f, sink) -> FieldAccess.named(record, f, sink));
    }

    /** Every field name the filter accepts (for completion). */
    public static List<String> fieldNames() {
        return FilterFields.standard().names();
    }

    /** Where a filter reads values: calls the sink with each value of a field until it returns true. */
    @FunctionalInterface
    private interface Subject {
        boolean values(Field f, FieldAccess.Sink sink);
    }

    @FunctionalInterface
    private interface Node {
        boolean eval(Subject s);
    }

    private record Token(String text, int pos, int length, boolean quoted) {
        boolean is(String... words) {
            if (quoted) {
                return false;
            }
            for (String w : words) {
                if (text.equalsIgnoreCase(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A test on one field: true when some value passes. */
    private record Test(Field field, Predicate<Item> pass) {
    }

    private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=", "eq", "ne", "lt", "le", "gt",
            "ge", "contains", "matches", "~", "in");
    private static final String STOP = "()!<>=&|\"{},~";

    private static final class Parser {
        private final List<Token> tokens = new ArrayList<>();
        private final FilterFields fields;
        private int i;

        Parser(String s, FilterFields fields) throws FilterException {
            this.fields = fields;
            int p = 0;
            while (p < s.length()) {
                char c = s.charAt(p);
                if (Character.isWhitespace(c)) {
                    p++;
                } else if (c == '"') {
                    StringBuilder sb = new StringBuilder();
                    int q = p + 1;
                    while (q < s.length() && s.charAt(q) != '"') {
                        if (s.charAt(q) == '\\' && q + 1 < s.length()) {
                            q++;
                        }
                        sb.append(s.charAt(q++));
                    }
                    if (q >= s.length()) {
                        throw new FilterException("unterminated quoted text", p, s.length() - p, "close it with \"");
                    }
                    tokens.add(new Token(sb.toString(), p, q + 1 - p, true));
                    p = q + 1;
                } else if ("(){},".indexOf(c) >= 0) {
                    tokens.add(new Token(String.valueOf(c), p, 1, false));
                    p++;
                } else if (s.startsWith("&&", p) || s.startsWith("||", p) || s.startsWith("==", p)
                        || s.startsWith("!=", p) || s.startsWith("<=", p) || s.startsWith(">=", p)) {
                    tokens.add(new Token(s.substring(p, p + 2), p, 2, false));
                    p += 2;
                } else if ("!<>~".indexOf(c) >= 0) {
                    tokens.add(new Token(String.valueOf(c), p, 1, false));
                    p++;
                } else if (c == '=' || c == '&' || c == '|') {
                    throw new FilterException("'" + c + "' is not an operator", p, 1, "use ==, && or ||");
                } else {
                    int start = p;
                    while (p < s.length() && !Character.isWhitespace(s.charAt(p)) && STOP.indexOf(s.charAt(p)) < 0) {
                        p++;
                    }
                    tokens.add(new Token(s.substring(start, p), start, p - start, false));
                }
            }
        }

        Token peek() {
            return i < tokens.size() ? tokens.get(i) : null;
        }

        boolean accept(String... words) {
            Token t = peek();
            if (t != null && t.is(words)) {
                i++;
                return true;
            }
            return false;
        }

        int end() {
            if (tokens.isEmpty()) {
                return 0;
            }
            Token last = tokens.get(tokens.size() - 1);
            return last.pos + last.length;
        }

        Node or() throws FilterException {
            Node left = and();
            while (accept("||", "or")) {
                Node a = left;
                Node b = and();
                left = s -> a.eval(s) || b.eval(s);
            }
            return left;
        }

        Node and() throws FilterException {
            Node left = unary();
            while (accept("&&", "and")) {
                Node a = left;
                Node b = unary();
                left = s -> a.eval(s) && b.eval(s);
            }
            return left;
        }

        Node unary() throws FilterException {
            if (accept("!", "not")) {
                Node n = unary();
                return s -> !n.eval(s);
            }
            Token t = peek();
            if (t == null) {
                throw new FilterException("the filter ends where a field was expected", end());
            }
            if (accept("(")) {
                Token open = t;
                Node n = or();
                if (!accept(")")) {
                    Token at = peek();
                    throw new FilterException("missing ')'", at == null ? end() : at.pos, 0,
                            "for the '(' at column " + (open.pos + 1));
                }
                return n;
            }
            return test();
        }

        Node test() throws FilterException {
            Token f = tokens.get(i++);
            if (f.quoted || !isName(f.text)) {
                throw new FilterException("'" + f.text + "' is not a field name", f.pos, f.length,
                        "write field == value, e.g. sourceIPv4Address == 10.0.0.1");
            }
            List<Field> targets = fields.resolve(f.text);
            if (targets.isEmpty()) {
                throw new FilterException("unknown field '" + f.text + "'", f.pos, f.length, fields.suggest(f.text));
            }
            Token op = peek();
            if (op == null || op.quoted || !COMPARE.contains(op.text.toLowerCase(Locale.ROOT))) {
                List<Test> tests = new ArrayList<>();
                for (Field t : targets) {
                    tests.add(new Test(t, it -> true));
                }
                return any(tests);
            }
            i++;
            String o = switch (op.text.toLowerCase(Locale.ROOT)) {
                case "eq" -> "==";
                case "ne" -> "!=";
                case "gt" -> ">";
                case "lt" -> "<";
                case "ge" -> ">=";
                case "le" -> "<=";
                case "~" -> "matches";
                default -> op.text.toLowerCase(Locale.ROOT);
            };
            if (o.equals("in")) {
                return in(f, targets);
            }
            Token v = peek();
            if (v == null || !v.quoted && (v.is("&&", "||", "(", ")", "!", "{", "}", ",", "and", "or", "not")
                    || COMPARE.contains(v.text))) {
                throw new FilterException("a value is needed after '" + op.text + "'", v == null ? end() : v.pos,
                        v == null ? 0 : v.length, null);
            }
            i++;
            List<Test> tests = new ArrayList<>();
            FilterException first = null;
            for (Field t : targets) {
                try {
                    tests.add(new Test(t, compare(t, f, o, op, v)));
                } catch (FilterException e) {
                    first = first == null ? e : first;
                }
            }
            if (tests.isEmpty()) {
                throw first;
            }
            Node n = any(tests);
            if (o.equals("!=")) {
                // Wireshark 4: present, and no value equal ("all not equal"); a missing field matches neither
                List<Test> present = new ArrayList<>();
                for (Test t : tests) {
                    present.add(new Test(t.field, it -> true));
                }
                Node has = any(present);
                return s -> has.eval(s) && !n.eval(s);
            }
            return n;
        }

        /** {@code field in {a, b, c..d}}. */
        Node in(Token f, List<Field> targets) throws FilterException {
            Token open = peek();
            if (!accept("{")) {
                throw new FilterException("'in' needs a set such as {80, 443, 8000..8080}",
                        open == null ? end() : open.pos, open == null ? 0 : open.length, null);
            }
            List<Token[]> elements = new ArrayList<>();
            while (true) {
                Token t = peek();
                if (t == null) {
                    throw new FilterException("missing '}'", end(), 0, "for the '{' at column " + (open.pos + 1));
                }
                i++;
                if (t.is("}")) {
                    break;
                }
                if (t.is(",")) {
                    continue;
                }
                if (!t.quoted && STOP.indexOf(t.text.charAt(0)) >= 0) {
                    throw new FilterException("'" + t.text + "' cannot be in a set", t.pos, t.length, null);
                }
                int dots = t.quoted ? -1 : t.text.indexOf("..");
                if (dots > 0 && dots + 2 < t.text.length()) {
                    elements.add(new Token[] {
                        new Token(t.text.substring(0, dots), t.pos, dots, false),
                        new Token(t.text.substring(dots + 2), t.pos + dots + 2, t.length - dots - 2, false)});
                } else if (peek() != null && peek().is("..") && i + 1 < tokens.size()) {
                    i++;
                    elements.add(new Token[] {t, tokens.get(i++)});
                } else {
                    elements.add(new Token[] {t});
                }
            }
            if (elements.isEmpty()) {
                throw new FilterException("the set is empty", open.pos, 2, null);
            }
            List<Test> tests = new ArrayList<>();
            FilterException first = null;
            for (Field t : targets) {
                try {
                    List<Predicate<Item>> any = new ArrayList<>();
                    for (Token[] e : elements) {
                        if (e.length == 1) {
                            any.add(compare(t, f, "==", e[0], e[0]));
                        } else {
                            Predicate<Item> lo = compare(t, f, ">=", e[0], e[0]);
                            Predicate<Item> hi = compare(t, f, "<=", e[1], e[1]);
                            any.add(it -> lo.test(it) && hi.test(it));
                        }
                    }
                    tests.add(new Test(t, it -> {
                        for (Predicate<Item> p : any) {
                            if (p.test(it)) {
                                return true;
                            }
                        }
                        return false;
                    }));
                } catch (FilterException e) {
                    first = first == null ? e : first;
                }
            }
            if (tests.isEmpty()) {
                throw first;
            }
            return any(tests);
        }

        static Node any(List<Test> tests) {
            if (tests.size() == 1) {
                Test t = tests.get(0);
                return s -> s.values(t.field, it -> t.pass.test(it));
            }
            return s -> {
                for (Test t : tests) {
                    if (s.values(t.field, it -> t.pass.test(it))) {
                        return true;
                    }
                }
                return false;
            };
        }

        static boolean isName(String s) {
            if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
                return false;
            }
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                    return false;
                }
            }
            return true;
        }
    }

    // ------------------------------------------------------------------ values and comparisons

    /** Compares an item with the filter value: negative, 0, positive, or null when they cannot be compared. */
    @FunctionalInterface
    private interface Cmp {
        Integer compare(Item it);
    }

    /** The predicate for {@code field op value}, checking the value against the field's type. */
    static Predicate<Item> compare(Field f, Token name, String op, Token opToken, Token v) throws FilterException {
        Kind k = f.kind();
        String shown = "'" + name.text + "'" + (name.text.equals(f.name()) ? "" : " (" + f.name() + ")");
        if (op.equals("contains") || op.equals("matches")) {
            if (k == Kind.NUMBER || k == Kind.FLOAT || k == Kind.BOOL || k == Kind.TIME) {
                throw new FilterException("'" + opToken.text + "' needs a text field; " + shown + " is " + kindName(f),
                        opToken.pos, opToken.length, "use ==, <, >= or in {...}");
            }
            if (op.equals("contains")) {
                String want = v.text.toLowerCase(Locale.ROOT);
                String wantHex = k == Kind.BYTES ? hexOf(v.text) : null;
                return it -> {
                    if (wantHex != null && it.value() instanceof byte[] b && HexFormat.of().formatHex(b).contains(wantHex)) {
                        return true;
                    }
                    String s = textOf(it);
                    return s != null && s.toLowerCase(Locale.ROOT).contains(want)
                            || it.display() != null && it.display().toLowerCase(Locale.ROOT).contains(want);
                };
            }
            Pattern p;
            try {
                p = Pattern.compile(v.text, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new FilterException("'" + v.text + "' is not a regular expression: " + e.getDescription(), v.pos,
                        v.length, null);
            }
            return it -> {
                String s = textOf(it);
                return s != null && p.matcher(s).find() || it.display() != null && p.matcher(it.display()).find();
            };
        }
        boolean ordering = !op.equals("==") && !op.equals("!=");
        if (ordering && (k == Kind.BOOL || k == Kind.PROBLEM || k == Kind.SEVERITY || k == Kind.ANY)) {
            throw new FilterException("'" + opToken.text + "' cannot order " + shown + ", which is " + kindName(f),
                    opToken.pos, opToken.length, "use == or !=");
        }
        Cmp c = literal(f, shown, v, ordering);
        return switch (op) {
            case "<" -> it -> lt(c.compare(it));
            case "<=" -> it -> le(c.compare(it));
            case ">" -> it -> gt(c.compare(it));
            case ">=" -> it -> ge(c.compare(it));
            default -> it -> eq(c.compare(it));
        };
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
    private static Cmp literal(Field f, String shown, Token v, boolean ordering) throws FilterException {
        String s = v.text;
        switch (f.kind()) {
            case NUMBER, FLOAT -> {
                BigDecimal d = v.quoted ? null : number(s);
                if (d == null) {
                    Long e = v.quoted ? null : enumValue(f, s);
                    if (e == null) {
                        boolean named = f.type() != null && InformationElementRegistry.standard().hasEnumeration(f.name());
                        throw new FilterException("'" + s + "' is not a number" + (named ? " or a name of " + f.name()
                                + "'s values" : "") + "; " + shown + " is " + kindName(f), v.pos, v.length, null);
                    }
                    d = BigDecimal.valueOf(e);
                } else if (f.scale() != null) {
                    d = d.multiply(f.scale());
                }
                if (f.kind() == Kind.NUMBER) {
                    BigInteger[] range = range(f);
                    if (d.compareTo(new BigDecimal(range[0])) < 0 || d.compareTo(new BigDecimal(range[1])) > 0) {
                        throw new FilterException(s + " is out of range for " + shown + " (" + kindName(f) + ": "
                                + range[0] + ".." + range[1] + ")", v.pos, v.length, null);
                    }
                }
                BigDecimal want = d;
                return it -> {
                    BigDecimal x = decimal(it.value());
                    return x == null ? null : x.compareTo(want);
                };
            }
            case IPV4 -> {
                return ipv4Literal(shown, v, ordering);
            }
            case IPV6 -> {
                return ipv6Literal(shown, v, ordering);
            }
            case ADDRESS -> {
                if (!ordering && isEndpoint(s)) { // exporter == 192.0.2.1:2055, collector == [2001:db8::1]:4739
                    return it -> s.equalsIgnoreCase(it.display()) ? 0 : 1;
                }
                return s.indexOf(':') >= 0 ? ipv6Literal(shown, v, ordering) : ipv4Literal(shown, v, ordering);
            }
            case MAC -> {
                String m = mac(s);
                if (m == null) {
                    throw new FilterException("'" + s + "' is not a MAC address; " + shown + " is " + kindName(f),
                            v.pos, v.length, "write it as 00:11:22:33:44:55");
                }
                return it -> it.value() instanceof String x ? Integer.valueOf(x.toLowerCase(Locale.ROOT).compareTo(m))
                        : null;
            }
            case BYTES -> {
                byte[] want = v.quoted ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : bytes(s);
                if (want == null) {
                    throw new FilterException("'" + s + "' is not a byte string; " + shown + " is " + kindName(f),
                            v.pos, v.length, "write bytes as 01:02:0a or text in quotes");
                }
                return it -> it.value() instanceof byte[] b ? Integer.valueOf(Arrays.compareUnsigned(b, want))
                        : it.value() instanceof String x ? Integer.valueOf(x.compareTo(s)) : null;
            }
            case TIME -> {
                Instant want = time(s);
                if (want == null) {
                    throw new FilterException("'" + s + "' is not a time; " + shown + " is " + kindName(f), v.pos,
                            v.length, "write \"2024-05-01 12:00:00\" (UTC), 2024-05-01T12:00:00Z or seconds since 1970");
                }
                return it -> {
                    Instant x = it.value() instanceof Instant i ? i
                            : it.value() instanceof String t ? time(t) : null;
                    return x == null ? null : x.compareTo(want);
                };
            }
            case BOOL -> {
                Boolean b = switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes" -> Boolean.TRUE;
                    case "false", "0", "no" -> Boolean.FALSE;
                    default -> null;
                };
                if (b == null) {
                    throw new FilterException("'" + s + "' is not true or false; " + shown + " is boolean", v.pos,
                            v.length, null);
                }
                return it -> it.value() instanceof Boolean x ? (x.equals(b) ? 0 : 1)
                        : it.value() instanceof Number n ? ((n.longValue() != 0) == b ? 0 : 1) : null;
            }
            case PROBLEM -> {
                if (Problems.byCode(s) == null) {
                    String near = nearestCode(s);
                    throw new FilterException("unknown problem code '" + s + "'", v.pos, v.length,
                            near == null ? "decode --problems lists them" : "did you mean '" + near + "'?");
                }
                return it -> s.equals(it.value()) ? 0 : 1;
            }
            case SEVERITY -> {
                String l = s.toLowerCase(Locale.ROOT);
                if (!Set.of("error", "warning", "note").contains(l)) {
                    throw new FilterException("'" + s + "' is not a severity", v.pos, v.length, "use error, warning or note");
                }
                return it -> l.equals(it.value()) ? 0 : 1;
            }
            case TEXT -> {
                return it -> {
                    String x = it.value() instanceof String t ? t : it.display();
                    return x == null ? null : x.compareTo(s);
                };
            }
            default -> {
                String want = s.toLowerCase(Locale.ROOT);
                return it -> {
                    String x = textOf(it);
                    if (x != null && x.toLowerCase(Locale.ROOT).equals(want)) {
                        return 0;
                    }
                    return it.display() != null && it.display().toLowerCase(Locale.ROOT).equals(want) ? 0 : 1;
                };
            }
        }
    }

    private static Cmp ipv4Literal(String shown, Token v, boolean ordering) throws FilterException {
        String s = v.text;
        int slash = s.indexOf('/');
        long a = ipv4(slash >= 0 ? s.substring(0, slash) : s);
        if (a < 0) {
            throw new FilterException("'" + s + "' is not an IPv4 address; " + shown + " is an IPv4 address", v.pos,
                    v.length, "write it as 10.0.0.1 or 10.0.0.0/8");
        }
        if (slash < 0) {
            return it -> {
                long x = it.value() instanceof String t ? ipv4(t) : -1;
                return x < 0 ? null : Long.compare(x, a);
            };
        }
        int len = prefixLength(s.substring(slash + 1), 32);
        if (len < 0) {
            throw new FilterException("the prefix length in '" + s + "' must be 0..32", v.pos, v.length, null);
        }
        if (ordering) {
            throw new FilterException("a prefix ('" + s + "') can only be compared with == or !=", v.pos, v.length, null);
        }
        long mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
        return it -> {
            long x = it.value() instanceof String t ? ipv4(t) : -1;
            return x < 0 ? null : (x & mask) == (a & mask) ? 0 : 1;
        };
    }

    private static Cmp ipv6Literal(String shown, Token v, boolean ordering) throws FilterException {
        String s = v.text;
        int slash = s.indexOf('/');
        byte[] a = ipv6(slash >= 0 ? s.substring(0, slash) : s);
        if (a == null) {
            throw new FilterException("'" + s + "' is not an IPv6 address; " + shown + " is an IPv6 address", v.pos,
                    v.length, "write it as 2001:db8::1 or 2001:db8::/32");
        }
        int len = 128;
        if (slash >= 0) {
            len = prefixLength(s.substring(slash + 1), 128);
            if (len < 0) {
                throw new FilterException("the prefix length in '" + s + "' must be 0..128", v.pos, v.length, null);
            }
            if (ordering) {
                throw new FilterException("a prefix ('" + s + "') can only be compared with == or !=", v.pos, v.length,
                        null);
            }
        }
        int bits = len;
        boolean prefix = slash >= 0;
        return it -> {
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
        };
    }

    /** "a.b.c.d:port" or "[v6]:port". */
    private static boolean isEndpoint(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)
                || s.length() - colon > 6) {
            return false;
        }
        String host = s.substring(0, colon);
        return ipv4(host) >= 0 || host.startsWith("[") && host.endsWith("]") && ipv6(host.substring(1, host.length() - 1)) != null;
    }

    private static int prefixLength(String s, int max) {
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

    private static BigDecimal decimal(Object x) {
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

    /** The item as text for contains/matches: strings as they are, numbers in decimal, bytes in hex. */
    private static String textOf(Item it) {
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

    private static String hexOf(String s) {
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
