package dev.flowinspector.decode;

/**
 * One problem found in an export packet, pointing at the bytes it is about.
 *
 * @param type    registered type
 * @param offset  first byte, relative to the start of the export packet
 * @param length  number of bytes (0 when it points at a position)
 * @param message specific message, naming values and offsets
 */
public record Problem(ProblemType type, int offset, int length, String message) {

    public String code() {
        return type.code();
    }

    public Severity severity() {
        return type.severity();
    }

    @Override
    public String toString() {
        return type.severity().label() + " " + type.code() + " @" + offset + "+" + length + ": " + message;
    }
}
