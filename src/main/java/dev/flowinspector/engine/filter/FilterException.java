package dev.flowinspector.engine.filter;

/** A display filter that cannot be parsed; the message names what is wrong and the column. */
public class FilterException extends Exception {

    private final int column;

    public FilterException(String message, int column) {
        super(message + " (column " + (column + 1) + ")");
        this.column = column;
    }

    /** 0-based position in the filter text. */
    public int column() {
        return column;
    }
}
