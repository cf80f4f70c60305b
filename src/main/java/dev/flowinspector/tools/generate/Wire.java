package dev.flowinspector.tools.generate;

import java.util.Arrays;

/** A growable big-endian byte buffer for building export packets (network byte order, RFC 7011 §3). */
final class Wire {

    byte[] b;
    int p;

    Wire(int capacity) {
        b = new byte[capacity];
    }

    void reset() {
        p = 0;
    }

    void need(int n) {
        if (p + n > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, p + n));
        }
    }

    void u8(int v) {
        need(1);
        b[p++] = (byte) v;
    }

    void u16(int v) {
        need(2);
        b[p++] = (byte) (v >>> 8);
        b[p++] = (byte) v;
    }

    void u32(long v) {
        need(4);
        b[p++] = (byte) (v >>> 24);
        b[p++] = (byte) (v >>> 16);
        b[p++] = (byte) (v >>> 8);
        b[p++] = (byte) v;
    }

    /** The low {@code len} bytes of v (reduced-size encoding, RFC 7011 §6.2). */
    void num(long v, int len) {
        need(len);
        for (int i = len - 1; i >= 0; i--) {
            b[p + i] = (byte) v;
            v >>>= 8;
        }
        p += len;
    }

    void bytes(byte[] v) {
        need(v.length);
        System.arraycopy(v, 0, b, p, v.length);
        p += v.length;
    }

    void fill(int n, int value) {
        need(n);
        Arrays.fill(b, p, p + n, (byte) value);
        p += n;
    }

    void setU16(int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    void setU32(int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    byte[] copy() {
        return Arrays.copyOf(b, p);
    }
}
