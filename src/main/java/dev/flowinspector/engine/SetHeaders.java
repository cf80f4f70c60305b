package dev.flowinspector.engine;

import dev.flowinspector.decode.ValueDecoder;

/** A look at an export packet's set headers without decoding it (the first pass of {@code decode -F fields}). */
final class SetHeaders {

    private SetHeaders() {
    }

    /** Whether a packet {@code d[off..off+len)} may define or withdraw templates or teach types; true when in doubt. */
    static boolean mayDefine(byte[] d, int off, int len, java.util.BitSet optionsTemplateIds) {
        if (len < 2) {
            return true;
        }
        int version = ValueDecoder.u16(d, off);
        int p;
        if (version == 9) {
            p = 20;
        } else if (version == 10) {
            p = 16;
        } else {
            return version != 1 && version != 5 && version != 7 && version != 8;
        }
        if (len < p) {
            return true;
        }
        while (len - p >= 4) {
            int id = ValueDecoder.u16(d, off + p);
            int setLen = ValueDecoder.u16(d, off + p + 2);
            if (id < 256 || setLen < 4 || optionsTemplateIds.get(id)) {
                return true;
            }
            p += setLen;
        }
        return false;
    }
}
