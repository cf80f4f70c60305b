package dev.flowinspector.engine.filter;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Template;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Wireshark-like display filter over decoded export packets.
 *
 * <pre>
 * filter  := or
 * or      := and (("||" | "or") and)*
 * and     := unary (("&amp;&amp;" | "and") unary)*
 * unary   := ("!" | "not") unary | "(" or ")" | test
 * test    := field [op value]            a bare field means "present in the packet"
 * op      := == | != | &lt; | &lt;= | &gt; | &gt;= | contains
 * value   := number | address | address/prefix | word | "quoted text"
 * </pre>
 *
 * Fields: any information element name ({@code sourceIPv4Address}) or dotted field name
 * ({@code ipfix.sourceIPv4Address}), header fields ({@code sequenceNumber}), and {@code version},
 * {@code frame}, {@code exporter}, {@code exporter.port}, {@code domain}, {@code sequence}, {@code records},
 * {@code sets}, {@code length}, {@code problem} (any problem; compared with problem codes),
 * {@code problem.severity}, {@code template.id} (templates defined or used), {@code set.id}. A test is true
 * when any value of the field matches; {@code a != v} is {@code !(a == v)}.
 */
public final class DisplayFilter {

    /** Field names the filter knows besides information elements. */
    public static final Set<String> SPECIAL = new TreeSet<>(List.of("version", "frame", "frame.number", "exporter",
            "exporter.port", "collector", "domain", "sequence", "records", "sets", "length", "problem",
            "problem.code", "problem.severity", "severity", "template.id", "set.id", "templates"));
    /** Header field names of v1-v9 and IPFIX. */
    public static final Set<String> HEADER = new TreeSet<>(List.of("count", "sysUptime", "unixSecs", "unixNsecs",
            "sequenceNumber", "flowSequence", "packageSequence", "exportTime", "observationDomainId", "sourceId",
            "engineType", "engineId", "samplingMode", "samplingInterval", "aggregation", "aggregationVersion",
            "reserved"));

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
            return new DisplayFilter("", p -> true);
        }
        Parser parser = new Parser(t);
        Node n = parser.or();
        if (parser.peek() != null) {
            throw new FilterException("unexpected '" + parser.peek().text + "'", parser.peek().pos);
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

    /** True when the packet matches. */
    public boolean matches(ExportPacket p) {
        return root.eval(p);
    }

    /** Every field name the filter accepts (for completion). */
    public static List<String> fieldNames() {
        Set<String> all = new TreeSet<>(SPECIAL);
        all.addAll(HEADER);
        for (var ie : InformationElementRegistry.standard().all()) {
            if (ie.pen() == 0) {
                all.add(ie.name());
            }
        }
        return new ArrayList<>(all);
    }

    @FunctionalInterface
    private interface Node {
        boolean eval(ExportPacket p);
    }

    private record Token(String text, int pos, boolean quoted) {
    }

    private static final class Parser {
        private final List<Token> tokens = new ArrayList<>();
        private int i;

        Parser(String s) throws FilterException {
            int p = 0;
            while (p < s.length()) {
                char c = s.charAt(p);
                if (Character.isWhitespace(c)) {
                    p++;
                } else if (c == '"') {
                    int end = s.indexOf('"', p + 1);
                    if (end < 0) {
                        throw new FilterException("unterminated quoted text", p);
                    }
                    tokens.add(new Token(s.substring(p + 1, end), p, true));
                    p = end + 1;
                } else if ("()".indexOf(c) >= 0) {
                    tokens.add(new Token(String.valueOf(c), p, false));
                    p++;
                } else if (s.startsWith("&&", p) || s.startsWith("||", p) || s.startsWith("==", p)
                        || s.startsWith("!=", p) || s.startsWith("<=", p) || s.startsWith(">=", p)) {
                    tokens.add(new Token(s.substring(p, p + 2), p, false));
                    p += 2;
                } else if ("!<>".indexOf(c) >= 0) {
                    tokens.add(new Token(String.valueOf(c), p, false));
                    p++;
                } else if (c == '=' || c == '&' || c == '|') {
                    throw new FilterException("'" + c + "' is not an operator; use ==, && or ||", p);
                } else {
                    int start = p;
                    while (p < s.length() && !Character.isWhitespace(s.charAt(p)) && "()!<>=&|\"".indexOf(s.charAt(p)) < 0) {
                        p++;
                    }
                    tokens.add(new Token(s.substring(start, p), start, false));
                }
            }
        }

        Token peek() {
            return i < tokens.size() ? tokens.get(i) : null;
        }

        boolean accept(String... words) {
            Token t = peek();
            if (t != null && !t.quoted) {
                for (String w : words) {
                    if (t.text.equalsIgnoreCase(w)) {
                        i++;
                        return true;
                    }
                }
            }
            return false;
        }

        Node or() throws FilterException {
            Node left = and();
            while (accept("||", "or")) {
                Node a = left;
                Node b = and();
                left = p -> a.eval(p) || b.eval(p);
            }
            return left;
        }

        Node and() throws FilterException {
            Node left = unary();
            while (accept("&&", "and")) {
                Node a = left;
                Node b = unary();
                left = p -> a.eval(p) && b.eval(p);
            }
            return left;
        }

        Node unary() throws FilterException {
            if (accept("!", "not")) {
                Node n = unary();
                return p -> !n.eval(p);
            }
            Token t = peek();
            if (t == null) {
                throw new FilterException("the filter ends where a field was expected", end());
            }
            if (accept("(")) {
                Node n = or();
                if (!accept(")")) {
                    throw new FilterException("missing ')'", peek() == null ? end() : peek().pos);
                }
                return n;
            }
            return test();
        }

        int end() {
            if (tokens.isEmpty()) {
                return 0;
            }
            Token last = tokens.get(tokens.size() - 1);
            return last.pos + last.text.length();
        }

        Node test() throws FilterException {
            Token f = tokens.get(i++);
            if (f.quoted || !isName(f.text)) {
                throw new FilterException("'" + f.text + "' is not a field name", f.pos);
            }
            String field = f.text;
            if (!knownField(field)) {
                throw new FilterException("unknown field '" + field + "'", f.pos);
            }
            Token op = peek();
            if (op == null || op.quoted || !Set.of("==", "!=", "<", "<=", ">", ">=", "contains", "eq", "ne", "gt",
                    "lt", "ge", "le").contains(op.text.toLowerCase(Locale.ROOT))) {
                return p -> !values(p, field).isEmpty();
            }
            i++;
            Token v = peek();
            if (v == null || (!v.quoted && Set.of("&&", "||", "(", ")", "!").contains(v.text))) {
                throw new FilterException("a value is needed after '" + op.text + "'", v == null ? end() : v.pos);
            }
            i++;
            Value value = Value.of(v.text, v.quoted, v.pos);
            String o = switch (op.text.toLowerCase(Locale.ROOT)) {
                case "eq" -> "==";
                case "ne" -> "!=";
                case "gt" -> ">";
                case "lt" -> "<";
                case "ge" -> ">=";
                case "le" -> "<=";
                default -> op.text.toLowerCase(Locale.ROOT);
            };
            if (Set.of("<", "<=", ">", ">=").contains(o) && value.number == null) {
                throw new FilterException("'" + o + "' needs a number, not '" + v.text + "'", v.pos);
            }
            if (o.equals("!=")) {
                return p -> !any(values(p, field), "==", value);
            }
            return p -> any(values(p, field), o, value);
        }

        static boolean isName(String s) {
            if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
                return false;
            }
            for (char c : s.toCharArray()) {
                if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                    return false;
                }
            }
            return true;
        }

        static boolean knownField(String f) {
            return SPECIAL.contains(f) || HEADER.contains(f) || f.indexOf('.') > 0
                    || InformationElementRegistry.standard().byName(f).isPresent();
        }
    }

    /** A filter value, pre-parsed. */
    private record Value(String text, BigInteger number, long prefix, int prefixLen) {
        static Value of(String s, boolean quoted, int pos) throws FilterException {
            BigInteger n = null;
            long prefix = -1;
            int len = -1;
            if (!quoted) {
                try {
                    n = s.startsWith("0x") || s.startsWith("0X") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
                } catch (NumberFormatException e) {
                    n = null;
                }
                int slash = s.indexOf('/');
                String addr = slash >= 0 ? s.substring(0, slash) : s;
                long a = ipv4(addr);
                if (slash >= 0) {
                    if (a < 0) {
                        throw new FilterException("'" + s + "' is not an IPv4 prefix", pos);
                    }
                    try {
                        len = Integer.parseInt(s.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        len = -1;
                    }
                    if (len < 0 || len > 32) {
                        throw new FilterException("prefix length in '" + s + "' must be 0..32", pos);
                    }
                    prefix = a;
                }
            }
            return new Value(s, n, prefix, len);
        }
    }

    static long ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int b = Integer.parseInt(p);
            if (b > 255) {
                return -1;
            }
            v = (v << 8) | b;
        }
        return v;
    }

    private record Item(Object value, String display) {
    }

    private static boolean any(List<Item> items, String op, Value v) {
        for (Item it : items) {
            if (test(it, op, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean test(Item it, String op, Value v) {
        Object x = it.value;
        if (op.equals("contains")) {
            String s = x == null ? it.display : x.toString();
            return s != null && s.toLowerCase(Locale.ROOT).contains(v.text.toLowerCase(Locale.ROOT))
                    || it.display != null && it.display.toLowerCase(Locale.ROOT).contains(v.text.toLowerCase(Locale.ROOT));
        }
        BigInteger num = null;
        if (x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Byte) {
            num = BigInteger.valueOf(((Number) x).longValue());
        } else if (x instanceof BigInteger b) {
            num = b;
        } else if (x instanceof Boolean b) {
            num = b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (!op.equals("==")) {
            if (num == null || v.number == null) {
                return false;
            }
            int c = num.compareTo(v.number);
            return switch (op) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> false;
            };
        }
        if (num != null && v.number != null) {
            return num.equals(v.number);
        }
        if (v.prefixLen >= 0 && x instanceof String s) {
            long a = ipv4(s);
            if (a < 0) {
                return false;
            }
            long mask = v.prefixLen == 0 ? 0 : (0xffffffffL << (32 - v.prefixLen)) & 0xffffffffL;
            return (a & mask) == (v.prefix & mask);
        }
        String want = v.text.toLowerCase(Locale.ROOT);
        String s = x == null ? null : x.toString().toLowerCase(Locale.ROOT);
        if (want.equals(s)) {
            return true;
        }
        if (it.display != null) {
            String d = it.display.toLowerCase(Locale.ROOT);
            return d.equals(want) || d.contains("(" + want + ")");
        }
        return false;
    }

    /** Every value of a field in a packet. */
    private static List<Item> values(ExportPacket p, String field) {
        List<Item> out = new ArrayList<>();
        switch (field) {
            case "version" -> out.add(new Item((long) p.version(), null));
            case "frame", "frame.number" -> out.add(new Item(p.frame(), null));
            case "exporter" -> {
                out.add(new Item(p.context().source().address(), p.context().source().toString()));
            }
            case "exporter.port" -> out.add(new Item((long) p.context().source().port(), null));
            case "collector" -> out.add(new Item(p.context().destination().address(),
                    p.context().destination().toString()));
            case "domain" -> out.add(new Item(p.domain(), null));
            case "sequence" -> out.add(new Item(p.sequence(), null));
            case "records" -> out.add(new Item((long) p.recordCount(), null));
            case "templates" -> out.add(new Item((long) p.templateCount(), null));
            case "sets" -> out.add(new Item((long) p.sets().size(), null));
            case "length" -> out.add(new Item((long) p.data().length, null));
            case "problem", "problem.code" -> {
                for (Problem pr : p.problems()) {
                    out.add(new Item(pr.code(), pr.type().summary()));
                }
            }
            case "problem.severity", "severity" -> {
                for (Problem pr : p.problems()) {
                    out.add(new Item(pr.severity().label(), null));
                }
            }
            case "template.id" -> {
                for (FlowSet s : p.sets()) {
                    for (Template t : s.templates()) {
                        out.add(new Item((long) t.id(), null));
                    }
                    if (s.template() != null) {
                        out.add(new Item((long) s.template().id(), null));
                    } else if (s.id() >= 256) {
                        out.add(new Item((long) s.id(), null));
                    }
                }
            }
            case "set.id" -> {
                for (FlowSet s : p.sets()) {
                    out.add(new Item((long) s.id(), null));
                }
            }
            default -> fields(p, field, out);
        }
        return out;
    }

    private static void fields(ExportPacket p, String field, List<Item> out) {
        for (FieldValue f : p.header()) {
            field(f, field, out);
        }
        for (FlowSet s : p.sets()) {
            for (DataRecord r : s.records()) {
                if (field.indexOf('.') < 0) {
                    int idx = r.indexOf(field);
                    if (idx < 0) {
                        continue;
                    }
                }
                for (FieldValue f : r.fields()) {
                    field(f, field, out);
                }
            }
        }
    }

    private static void field(FieldValue f, String field, List<Item> out) {
        if (f.name().equals(field) || f.fieldName() != null && (f.fieldName().equals(field) || f.fieldName().endsWith("." + field))) {
            out.add(new Item(f.value(), f.display()));
        }
        for (FieldValue c : f.children()) {
            field(c, field, out);
        }
    }
}
