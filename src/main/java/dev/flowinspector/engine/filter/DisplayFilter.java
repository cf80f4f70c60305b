package dev.flowinspector.engine.filter;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.engine.filter.FilterLexer.Token;
import java.util.List;
import java.util.function.Function;

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
 *
 * <p>The parts: {@link FilterLexer} splits the text into tokens, {@link FilterParser} builds the tree,
 * {@link FilterLiterals} checks each value against its field's type, {@link FilterValues} reads literals
 * (addresses, prefixes, numbers, times) and {@link FilterNode} evaluates the tree.
 */
public final class DisplayFilter {

    private final String text;
    private final FilterNode root;

    private DisplayFilter(String text, FilterNode root) {
        this.text = text;
        this.root = root;
    }

    /** Parses a filter; an empty text matches everything. */
    public static DisplayFilter parse(String text) throws FilterException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return new DisplayFilter("", s -> true);
        }
        FilterParser parser = new FilterParser(t, FilterFields.standard());
        FilterNode n = parser.or();
        Token extra = parser.peek();
        if (extra != null) {
            throw new FilterException("unexpected '" + extra.text() + "'", extra.pos(), extra.length(),
                    extra.text().equals(")") ? "no '(' opens it" : "join tests with && or ||");
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
        return root.eval(t -> FieldAccess.packet(p, t));
    }

    /** True when one flow record matches: element fields from this record, packet fields from its packet. */
    public boolean matchesRecord(ExportPacket p, DataRecord r) {
        return root.eval(t -> FieldAccess.record(p, r, t));
    }

    /**
     * True when a flow record given by name matches (the collector's JSON lines): {@code record} returns
     * an element's value (Long, Double, Boolean, String, a List of them) or null when absent; packet fields
     * other than {@code exporter} are absent.
     */
    public boolean matchesNamed(Function<String, Object> record) {
        return root.eval(t -> FieldAccess.named(record, t));
    }

    /** Every field name the filter accepts (for completion). */
    public static List<String> fieldNames() {
        return FilterFields.standard().names();
    }
}
