package dev.flowinspector.engine.filter;

import static dev.flowinspector.engine.filter.FilterLexer.STOP;

import dev.flowinspector.engine.filter.FieldAccess.Item;
import dev.flowinspector.engine.filter.FilterFields.Field;
import dev.flowinspector.engine.filter.FilterLexer.Token;
import dev.flowinspector.engine.filter.FilterNode.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The display filter's parser: builds the node tree of {@link DisplayFilter}'s grammar from the tokens,
 * resolving field names through {@link FilterFields} and checking each value against its field's type
 * ({@link FilterLiterals}) while it parses.
 */
final class FilterParser {

    private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=", "eq", "ne", "lt", "le", "gt",
            "ge", "contains", "matches", "~", "in");

    private final List<Token> tokens;
    private final FilterFields fields;
    private int i;

    FilterParser(String s, FilterFields fields) throws FilterException {
        this.fields = fields;
        this.tokens = FilterLexer.tokens(s);
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
        return last.pos() + last.length();
    }

    FilterNode or() throws FilterException {
        FilterNode left = and();
        while (accept("||", "or")) {
            left = FilterNode.or(left, and());
        }
        return left;
    }

    FilterNode and() throws FilterException {
        FilterNode left = unary();
        while (accept("&&", "and")) {
            left = FilterNode.and(left, unary());
        }
        return left;
    }

    FilterNode unary() throws FilterException {
        if (accept("!", "not")) {
            return FilterNode.not(unary());
        }
        Token t = peek();
        if (t == null) {
            throw new FilterException("the filter ends where a field was expected", end());
        }
        if (accept("(")) {
            Token open = t;
            FilterNode n = or();
            if (!accept(")")) {
                Token at = peek();
                throw new FilterException("missing ')'", at == null ? end() : at.pos(), 0,
                        "for the '(' at column " + (open.pos() + 1));
            }
            return n;
        }
        return test();
    }

    FilterNode test() throws FilterException {
        Token f = tokens.get(i++);
        if (f.quoted() || !isName(f.text())) {
            throw new FilterException("'" + f.text() + "' is not a field name", f.pos(), f.length(),
                    "write field == value, e.g. sourceIPv4Address == 10.0.0.1");
        }
        List<Field> targets = fields.resolve(f.text());
        if (targets.isEmpty()) {
            throw new FilterException("unknown field '" + f.text() + "'", f.pos(), f.length(),
                    fields.suggest(f.text()));
        }
        Token op = peek();
        if (op == null || op.quoted() || !COMPARE.contains(op.text().toLowerCase(Locale.ROOT))) {
            List<Test> tests = new ArrayList<>();
            for (Field t : targets) {
                tests.add(new Test(t, it -> true, PlanCompare.ALWAYS));
            }
            return FilterNode.any(tests);
        }
        i++;
        String o = switch (op.text().toLowerCase(Locale.ROOT)) {
            case "eq" -> "==";
            case "ne" -> "!=";
            case "gt" -> ">";
            case "lt" -> "<";
            case "ge" -> ">=";
            case "le" -> "<=";
            case "~" -> "matches";
            default -> op.text().toLowerCase(Locale.ROOT);
        };
        if (o.equals("in")) {
            return in(f, targets);
        }
        Token v = peek();
        if (v == null || !v.quoted() && (v.is("&&", "||", "(", ")", "!", "{", "}", ",", "and", "or", "not")
                || COMPARE.contains(v.text()))) {
            throw new FilterException("a value is needed after '" + op.text() + "'", v == null ? end() : v.pos(),
                    v == null ? 0 : v.length(), null);
        }
        i++;
        List<Test> tests = new ArrayList<>();
        FilterException first = null;
        for (Field t : targets) {
            try {
                FilterLiterals.Check c = FilterLiterals.compare(t, f, o, op, v);
                tests.add(new Test(t, c.item(), c.plan()));
            } catch (FilterException e) {
                first = first == null ? e : first;
            }
        }
        if (tests.isEmpty()) {
            throw first;
        }
        FilterNode n = FilterNode.any(tests);
        if (o.equals("!=")) {
            // Wireshark 4: present, and no value equal ("all not equal"); a missing field matches neither
            return FilterNode.notEqual(tests, n);
        }
        return n;
    }

    /** {@code field in {a, b, c..d}}. */
    FilterNode in(Token f, List<Field> targets) throws FilterException {
        Token open = peek();
        if (!accept("{")) {
            throw new FilterException("'in' needs a set such as {80, 443, 8000..8080}",
                    open == null ? end() : open.pos(), open == null ? 0 : open.length(), null);
        }
        List<Token[]> elements = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t == null) {
                throw new FilterException("missing '}'", end(), 0, "for the '{' at column " + (open.pos() + 1));
            }
            i++;
            if (t.is("}")) {
                break;
            }
            if (t.is(",")) {
                continue;
            }
            if (!t.quoted() && STOP.indexOf(t.text().charAt(0)) >= 0) {
                throw new FilterException("'" + t.text() + "' cannot be in a set", t.pos(), t.length(), null);
            }
            int dots = t.quoted() ? -1 : t.text().indexOf("..");
            if (dots > 0 && dots + 2 < t.text().length()) {
                elements.add(new Token[] {
                    new Token(t.text().substring(0, dots), t.pos(), dots, false),
                    new Token(t.text().substring(dots + 2), t.pos() + dots + 2, t.length() - dots - 2, false)});
            } else if (peek() != null && peek().is("..") && i + 1 < tokens.size()) {
                i++;
                elements.add(new Token[] {t, tokens.get(i++)});
            } else {
                elements.add(new Token[] {t});
            }
        }
        if (elements.isEmpty()) {
            throw new FilterException("the set is empty", open.pos(), 2, null);
        }
        List<Test> tests = new ArrayList<>();
        FilterException first = null;
        for (Field t : targets) {
            try {
                List<Predicate<Item>> any = new ArrayList<>();
                List<PlanCompare.Test> typed = new ArrayList<>();
                for (Token[] e : elements) {
                    if (e.length == 1) {
                        FilterLiterals.Check c = FilterLiterals.compare(t, f, "==", e[0], e[0]);
                        any.add(c.item());
                        typed.add(c.plan());
                    } else {
                        FilterLiterals.Check lo = FilterLiterals.compare(t, f, ">=", e[0], e[0]);
                        FilterLiterals.Check hi = FilterLiterals.compare(t, f, "<=", e[1], e[1]);
                        any.add(it -> lo.item().test(it) && hi.item().test(it));
                        typed.add(lo.plan() == null || hi.plan() == null ? null : PlanCompare.both(lo.plan(), hi.plan()));
                    }
                }
                tests.add(new Test(t, it -> {
                    for (Predicate<Item> p : any) {
                        if (p.test(it)) {
                            return true;
                        }
                    }
                    return false;
                }, typed.contains(null) ? null : PlanCompare.any(typed.toArray(new PlanCompare.Test[0]))));
            } catch (FilterException e) {
                first = first == null ? e : first;
            }
        }
        if (tests.isEmpty()) {
            throw first;
        }
        return FilterNode.any(tests);
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
