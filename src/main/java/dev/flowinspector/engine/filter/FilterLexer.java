package dev.flowinspector.engine.filter;

import java.util.ArrayList;
import java.util.List;

/** The display filter's tokenizer: words, quoted text, operators and brackets, each with its column. */
final class FilterLexer {

    /** Characters that end a word (and cannot start a set element). */
    static final String STOP = "()!<>=&|\"{},~";

    private FilterLexer() {
    }

    /** One token: its text (quotes removed), column, length in the filter text, and whether it was quoted. */
    record Token(String text, int pos, int length, boolean quoted) {
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

    /** Splits the filter text into tokens; an unterminated quote or a lone '=', '&amp;' or '|' is an error. */
    static List<Token> tokens(String s) throws FilterException {
        List<Token> tokens = new ArrayList<>();
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
        return tokens;
    }
}
