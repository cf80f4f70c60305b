package dev.flowinspector.decode;

/** Variable-length encoding (RFC 7011 §7): a 1-byte length, or 255 followed by a 2-byte length. */
final class VarLen {

    private VarLen() {
    }

    /**
     * Reads a length prefix at p.
     *
     * @return {value start, value length}, or null when the prefix itself does not fit before end
     */
    static int[] read(byte[] d, int p, int end) {
        if (p >= end) {
            return null;
        }
        int l = d[p] & 0xff;
        if (l < 255) {
            return new int[] {p + 1, l};
        }
        if (p + 3 > end) {
            return null;
        }
        return new int[] {p + 3, ValueDecoder.u16(d, p + 1)};
    }
}
