package dev.flowinspector.testutil;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Builds packets byte by byte in tests: {@code new Bytes().u16(9).u16(1).ipv4("10.0.0.1").bytes()}. */
public final class Bytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Bytes u8(int v) {
        out.write(v & 0xff);
        return this;
    }

    public Bytes u16(int v) {
        return u8(v >> 8).u8(v);
    }

    public Bytes u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    public Bytes u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    /** Dotted IPv4 address. */
    public Bytes ipv4(String a) {
        for (String p : a.split("\\.")) {
            u8(Integer.parseInt(p));
        }
        return this;
    }

    /** Hex digits, spaces allowed. */
    public Bytes hex(String h) {
        byte[] b = HexFormat.of().parseHex(h.replace(" ", ""));
        out.write(b, 0, b.length);
        return this;
    }

    public Bytes raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public Bytes zeros(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
