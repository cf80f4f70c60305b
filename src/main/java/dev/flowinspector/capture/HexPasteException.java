package dev.flowinspector.capture;

/** A paste that is not hex this tool reads; names the line and column (1-based) of the first bad character. */
public class HexPasteException extends Exception {

    private final int line;
    private final int column;

    public HexPasteException(int line, int column, String message) {
        super("line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
