package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElement;
import java.util.List;

/**
 * One decoded value: a header field or a record field, with its bytes' position.
 *
 * <p>{@link #value()} is typed: {@code Long} for integers that fit (unsigned64 above 2^63-1 as
 * {@code java.math.BigInteger}), {@code Double}, {@code Boolean}, {@code String} for addresses, MACs
 * and strings, {@code java.time.Instant} for date-times, {@code byte[]} for octet arrays and
 * {@code List<FieldValue>} for structured data (RFC 6313).
 *
 * @param name      short name, e.g. {@code sourceIPv4Address} or {@code sequenceNumber}
 * @param fieldName stable dotted name for filters, e.g. {@code ipfix.sourceIPv4Address}
 * @param ie        the information element, or null for header and structural fields
 * @param offset    first byte, relative to the export packet
 * @param length    number of bytes (for variable-length fields: the value without its length prefix)
 * @param value     typed value
 * @param display   display text, e.g. "6 (TCP)"
 * @param children  nested values (list elements, absolute time of an uptime-relative value)
 */
public record FieldValue(String name, String fieldName, InformationElement ie, int offset, int length,
                         Object value, String display, List<FieldValue> children) {

    public FieldValue {
        children = children == null ? List.of() : children;
    }

    /** A header or structural field with no element behind it. */
    public static FieldValue header(String prefix, String name, int offset, int length, Object value, String display) {
        return new FieldValue(name, prefix + "." + name, null, offset, length, value, display, List.of());
    }

    /** The value as a long (integers, booleans as 1/0, instants as epoch ms), or the fallback. */
    public long asLong(long fallback) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return fallback;
    }

    /** The child with this name, or null. */
    public FieldValue child(String childName) {
        for (FieldValue c : children) {
            if (c.name().equals(childName)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name + ": " + display;
    }
}
