package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElement;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** {@link FieldPlan#display}: a field's display text written from its bytes, for the text tree. */
final class FieldDisplay {

    /** Unsigned values below this have their labelled display (enumeration, flags) cached per field. */
    static final int CACHED_VALUES = 1024;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(byte[][].class);
    private static final byte[] EMPTY = "(empty)".getBytes(StandardCharsets.US_ASCII);

    private FieldDisplay() {
    }

    static boolean display(FieldPlan.Kind kind, InformationElement ie, byte[][] cache, InformationElementRegistry registry,
                           byte[] d, int off, int len, TextSink out) {
        if (len == 0) {
            ValueText.bytes(out, EMPTY);
            return true;
        }
        int mark = out.length();
        switch (kind) {
            case UNSIGNED -> {
                if (len > 8) {
                    return false;
                }
                long v = ValueDecoder.readUnsigned(d, off, len);
                if (cache == null) {
                    ValueText.unsigned(out, v);
                } else if (v >= 0 && v < CACHED_VALUES) {
                    byte[] b = (byte[]) SLOT.getAcquire(cache, (int) v);
                    if (b == null) {
                        b = ValueDecoder.integerDisplay(ie, v, registry).getBytes(StandardCharsets.UTF_8);
                        SLOT.setRelease(cache, (int) v, b);
                    }
                    ValueText.bytes(out, b);
                } else {
                    ValueText.text(out, ValueDecoder.integerDisplay(ie, v, registry));
                }
            }
            case SIGNED -> {
                if (len > 8) {
                    return false;
                }
                int shift = 64 - 8 * len;
                ValueText.signed(out, (ValueDecoder.readUnsigned(d, off, len) << shift) >> shift);
            }
            case IPV4 -> {
                if (len != 4) {
                    return false;
                }
                byte[] b = out.reserve(16);
                out.setLength(ValueText.ipv4(b, out.length(), d, off));
            }
            case IPV6 -> {
                if (len != 16) {
                    return false;
                }
                byte[] b = out.reserve(39);
                out.setLength(ValueDecoder.ipv6(d, off, b, out.length()));
            }
            case MAC -> {
                if (len != 6) {
                    return false;
                }
                byte[] b = out.reserve(17);
                out.setLength(ValueDecoder.mac(d, off, b, out.length()));
            }
            case STRING -> {
                // ASCII is its own UTF-8; NULs are dropped from shown strings
                for (int k = off; k < off + len; k++) {
                    if (d[k] < 0) {
                        return false;
                    }
                }
                byte[] b = out.reserve(len + 2);
                int n = out.length();
                b[n++] = '"';
                for (int k = off; k < off + len; k++) {
                    if (d[k] != 0) {
                        b[n++] = d[k];
                    }
                }
                b[n++] = '"';
                out.setLength(n);
            }
            case OCTETS -> {
                byte[] b = out.reserve(2 * len);
                out.setLength(ValueDecoder.hex(d, off, len, b, out.length()));
                if (ValueDecoder.showsNumber(ie, len)) {
                    ValueText.text(out, " (");
                    ValueText.unsigned(out, ValueDecoder.readUnsigned(d, off, len));
                    ValueText.text(out, ")");
                }
            }
            case SECONDS, MILLIS, MICROS, NANOS -> {
                long sec;
                int nano;
                                if (kind == FieldPlan.Kind.SECONDS && len == 4) {
                    sec = ValueDecoder.u32(d, off);
                    nano = 0;
                } else if (kind == FieldPlan.Kind.MILLIS && (len == 8 || len == 4)) {
                    long ms = ValueDecoder.readUnsigned(d, off, len);
                    sec = Math.floorDiv(ms, 1000L);
                    nano = (int) Math.floorMod(ms, 1000L) * 1_000_000;
                } else if ((kind == FieldPlan.Kind.MICROS || kind == FieldPlan.Kind.NANOS) && len == 8) {
                    Instant t = ValueDecoder.ntp(ValueDecoder.u32(d, off), ValueDecoder.u32(d, off + 4),
                            kind == FieldPlan.Kind.MICROS);
                    sec = t.getEpochSecond();
                    nano = t.getNano();
                } else {
                    return false;
                }
                if (!out.putInstant(sec, nano)) {
                    out.setLength(mark);
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
