package dev.flowinspector.decode;

/** Finds a template defined later in the same packet than the data that needed it (decision 0026). */
final class TemplateLookahead {

    private TemplateLookahead() {
    }

    /**
     * Where a template set after byte {@code from} of this packet defines template {@code id} (its record's first
     * byte), or -1: data sent before its own template in one packet.
     */
    static int laterInPacket(byte[] d, int from, int id, boolean ipfix) {
        int end = ipfix && d.length >= 4 ? Math.min(d.length, ValueDecoder.u16(d, 2)) : d.length;
        int p = from;
        while (end - p >= 4) {
            int setId = ValueDecoder.u16(d, p);
            int setLen = ValueDecoder.u16(d, p + 2);
            if (setLen < 4 || setLen > end - p) {
                return -1;
            }
            int setEnd = p + setLen;
            boolean options = setId == (ipfix ? 3 : 1);
            if (setId == (ipfix ? 2 : 0) || options) {
                int r = p + 4;
                while (setEnd - r >= (options ? 6 : 4)) {
                    int tid = ValueDecoder.u16(d, r);
                    int a = ValueDecoder.u16(d, r + 2);
                    int next;
                    if (!ipfix && options) {
                        next = r + 6 + a + ValueDecoder.u16(d, r + 4);
                    } else {
                        next = r + (options ? 6 : 4);
                        for (int f = 0; f < a && next + 4 <= setEnd; f++) {
                            next += (d[next] & 0x80) != 0 && ipfix ? 8 : 4;
                        }
                    }
                    if (tid == id && a > 0) {
                        return r;
                    }
                    if (a == 0 || next > setEnd) {
                        break;
                    }
                    r = next;
                }
            }
            p = setEnd;
        }
        return -1;
    }
}
