package dev.flowinspector.decode.health;

import java.io.ByteArrayOutputStream;

/** Writes export packets byte by byte for tests: big-endian fields, sets with computed lengths. */
public final class Hex {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Hex of() {
        return new Hex();
    }

    public Hex u8(long v) {
        out.write((int) v & 0xff);
        return this;
    }

    public Hex u16(long v) {
        return u8(v >> 8).u8(v);
    }

    public Hex u32(long v) {
        return u16(v >> 16).u16(v);
    }

    public Hex u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    public Hex bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public Hex zeros(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    public byte[] build() {
        return out.toByteArray();
    }

    /** A set or FlowSet: id, length (header included), body. */
    public static byte[] set(int id, byte[] body) {
        return of().u16(id).u16(body.length + 4).bytes(body).build();
    }

    /** A v9 template FlowSet (id 0) with one template: (type, length) pairs. */
    public static byte[] v9Template(int id, int... typeLen) {
        Hex h = of().u16(id).u16(typeLen.length / 2);
        for (int v : typeLen) {
            h.u16(v);
        }
        return set(0, h.build());
    }

    /**
     * A v9 options template FlowSet (id 1) with one options template: scope (type, length) pairs, then option
     * (type, length) pairs.
     */
    public static byte[] v9OptionsTemplate(int id, int[] scope, int[] opts) {
        Hex h = of().u16(id).u16(scope.length * 2).u16(opts.length * 2);
        for (int v : scope) {
            h.u16(v);
        }
        for (int v : opts) {
            h.u16(v);
        }
        return set(1, h.build());
    }

    /** An IPFIX template set (id 2) with one template of IANA elements: (id, length) pairs. */
    public static byte[] ipfixTemplate(int id, int... idLen) {
        Hex h = of().u16(id).u16(idLen.length / 2);
        for (int v : idLen) {
            h.u16(v);
        }
        return set(2, h.build());
    }

    /** An IPFIX withdrawal of one template (field count 0). */
    public static byte[] ipfixWithdrawal(int id) {
        return set(2, of().u16(id).u16(0).build());
    }

    /** A NetFlow v9 packet: header (count, sysUptime ms, unix secs, sequence, source id) then FlowSets. */
    public static byte[] v9(int count, long uptime, long secs, long seq, long sourceId, byte[]... sets) {
        Hex h = of().u16(9).u16(count).u32(uptime).u32(secs).u32(seq).u32(sourceId);
        for (byte[] s : sets) {
            h.bytes(s);
        }
        return h.build();
    }

    /** An IPFIX message: header (export secs, sequence, domain) then sets; the length is computed. */
    public static byte[] ipfix(long secs, long seq, long domain, byte[]... sets) {
        int len = 16;
        for (byte[] s : sets) {
            len += s.length;
        }
        Hex h = of().u16(10).u16(len).u32(secs).u32(seq).u32(domain);
        for (byte[] s : sets) {
            h.bytes(s);
        }
        return h.build();
    }

    /**
     * A NetFlow v5 packet with {@code count} records (each with packets = 10, octets = 1000, first/last = uptime).
     */
    public static byte[] v5(int count, long uptime, long secs, long seq, int engineType, int engineId, int sampling) {
        Hex h = of().u16(5).u16(count).u32(uptime).u32(secs).u32(0).u32(seq).u8(engineType).u8(engineId).u16(sampling);
        for (int i = 0; i < count; i++) {
            h.u32(0x0a000001L).u32(0x0a000002L).u32(0).u16(1).u16(2).u32(10).u32(1000).u32(uptime).u32(uptime)
                    .u16(1234).u16(80).u8(0).u8(0x18).u8(6).u8(0).u16(0).u16(0).u8(24).u8(24).u16(0);
        }
        return h.build();
    }
}
