package dev.flowinspector.decode;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;

/**
 * Builds test packets byte by byte: big-endian integers, addresses, hex, and length fields that are
 * filled in when a block ends (IPFIX message length, set lengths, list lengths).
 */
public final class Bytes {

    private byte[] buf = new byte[64];
    private int size;
    private final Deque<int[]> open = new ArrayDeque<>();

    public static Bytes of() {
        return new Bytes();
    }

    public Bytes u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public Bytes u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    public Bytes u24(int v) {
        return u8(v >>> 16).u16(v);
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

    /** IPv6 address in full or "::" form. */
    public Bytes ipv6(String a) {
        String[] halves = a.split("::", -1);
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        String[] tail = halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":");
        int zeros = 8 - head.length - tail.length;
        for (String g : head) {
            u16(Integer.parseInt(g, 16));
        }
        for (int i = 0; i < zeros; i++) {
            u16(0);
        }
        for (String g : tail) {
            u16(Integer.parseInt(g, 16));
        }
        return this;
    }

    /** Hex digits; spaces are ignored. */
    public Bytes hex(String h) {
        return raw(HexFormat.of().parseHex(h.replace(" ", "")));
    }

    public Bytes raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    public Bytes zeros(int n) {
        return raw(new byte[n]);
    }

    /** UTF-8 text, no length prefix. */
    public Bytes text(String s) {
        return raw(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Starts a block whose 16-bit length (of the whole block) sits at {@code lengthAt} bytes into it. */
    public Bytes begin(int lengthAt) {
        open.push(new int[] {size, lengthAt});
        return this;
    }

    /** IPFIX / v9 set header with its length filled in by {@link #end()}. */
    public Bytes set(int id) {
        begin(2);
        return u16(id).u16(0);
    }

    /** IPFIX message header (16 bytes) with its length filled in by {@link #end()}. */
    public Bytes ipfixHeader(long exportTime, long sequence, long domain) {
        begin(2);
        return u16(10).u16(0).u32(exportTime).u32(sequence).u32(domain);
    }

    /** NetFlow v9 header (20 bytes). */
    public Bytes v9Header(int count, long uptime, long secs, long sequence, long sourceId) {
        return u16(9).u16(count).u32(uptime).u32(secs).u32(sequence).u32(sourceId);
    }

    /** Ends the innermost block: writes its length. */
    public Bytes end() {
        int[] b = open.pop();
        int len = size - b[0];
        buf[b[0] + b[1]] = (byte) (len >>> 8);
        buf[b[0] + b[1] + 1] = (byte) len;
        return this;
    }

    /** Ends every open block. */
    public Bytes endAll() {
        while (!open.isEmpty()) {
            end();
        }
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] bytes() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
