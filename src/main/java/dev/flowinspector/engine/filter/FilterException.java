package dev.flowinspector.engine.filter;

/**
 * A display filter that cannot be used: the message names the token, its column and, for an unknown name,
 * the nearest known one, e.g. {@code unknown field 'foo.bar' (column 1); did you mean 'flowId'?}.
 */
public class FilterException extends Exception {

    private final int column;
    private final int length;

    public FilterException(String message, int column) {
        this(message, column, 0, null);
    }

    /**
     * @param column 0-based position of the token in the filter text
     * @param length the token's length (0 when the problem is a missing token)
     * @param hint   what to say after the position ("did you mean 'x'?"), or null
     */
    public FilterException(String message, int column, int length, String hint) {
        super(message + " (column " + (column + 1) + ")" + (hint == null ? "" : "; " + hint));
        this.column = column;
        this.length = length;
    }

    /** 0-based position in the filter text. */
    public int column() {
        return column;
    }

    /** Length of the offending token (0 when something is missing). */
    public int length() {
        return length;
    }
}
