package dev.flowinspector.engine.flow;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.zip.InflaterInputStream;

/**
 * Reads flow-tools files (flow-capture, flow-cat; what pyflowtools reads): stream version 3, a header of
 * magic 0xCF 0x10, byte order, stream version, offset of the first record, then TLVs (export version,
 * aggregation method, exporter address, flags: compressed), then fixed-size records, the whole record part
 * one zlib stream when compressed. Records of export versions 1, 5, 6, 7 and v8 aggregations 1-5 (AS,
 * protocol/port, source prefix, destination prefix, prefix) are read; the record layouts are flow-tools'
 * {@code fts3rec_*} (ftlib.h). Stream version 1 (flow-tools before 0.50) is recognised and refused.
 */
public final class FlowToolsReader {

    private static final int TLV_EX_VER = 0x2;
    private static final int TLV_AGG_METHOD = 0x4;
    private static final int TLV_EXPORTER_IP = 0x5;
    private static final int TLV_HEADER_FLAGS = 0x8;
    private static final int FLAG_COMPRESS = 0x2;
    private static final int MAX_HEADER = 16384;

    private final String name;
    private final InputStream in;
    private boolean little;
    private int exportVersion;
    private int aggMethod;
    private long exporterIp = -1;
    private boolean compressed;
    private long records;

    public FlowToolsReader(String name, InputStream in) {
        this.name = name;
        this.in = in;
    }

    /** True when these first bytes are a flow-tools stream's magic. */
    public static boolean matches(byte[] head) {
        return head.length >= 4 && (head[0] & 0xff) == 0xCF && (head[1] & 0xff) == 0x10
                && (head[2] == 1 || head[2] == 2);
    }

    /** "v5, zlib" once the header is read. */
    public String describe() {
        return "v" + exportVersion + (exportVersion == 8 ? "." + aggMethod : "") + (compressed ? ", zlib" : "");
    }

    /** Flow records read. */
    public long records() {
        return records;
    }

    /** Streams every flow record of the file. */
    public void read(Consumer<FlowRecord> sink) throws IOException {
        byte[] g = in.readNBytes(8);
        if (g.length < 8) {
            throw new IOException(name + ": flow-tools file too short for its header");
        }
        little = g[2] == 1;
        int sVersion = g[3] & 0xff;
        if (sVersion == 1) {
            throw new IOException(name + ": a flow-tools stream of version 1 (flow-tools before 0.50), which this tool"
                    + " does not read; convert it with flow-cat from a current flow-tools");
        }
        if (sVersion != 3) {
            throw new IOException(name + ": flow-tools stream version " + sVersion + " is not one this tool knows (3)");
        }
        long headOff = u32(g, 4);
        if (headOff < 8 || headOff > MAX_HEADER) {
            throw new IOException(name + ": flow-tools header length " + headOff + " is out of range");
        }
        byte[] h = in.readNBytes((int) headOff - 8);
        if (h.length < headOff - 8) {
            throw new IOException(name + ": flow-tools header cut short");
        }
        for (int p = 0; p + 4 <= h.length; ) {
            int t = u16(h, p);
            int l = u16(h, p + 2);
            int v = p + 4;
            if (v + l > h.length) {
                break;
            }
            switch (t) {
                case TLV_EX_VER -> exportVersion = l >= 2 ? u16(h, v) : 0;
                case TLV_AGG_METHOD -> aggMethod = l >= 1 ? h[v] & 0xff : 0;
                case TLV_EXPORTER_IP -> exporterIp = l >= 4 ? u32(h, v) : -1;
                case TLV_HEADER_FLAGS -> compressed = l >= 4 && (u32(h, v) & FLAG_COMPRESS) != 0;
                default -> {
                }
            }
            p = v + l;
        }
        int size = recordSize();
        if (size < 0) {
            throw new IOException(name + ": flow-tools records of export version " + exportVersion
                    + (exportVersion == 8 ? " aggregation " + aggMethod : "") + " are not read by this tool"
                    + " (it reads v1, v5, v6, v7 and v8 aggregations 1-5)");
        }
        InputStream data = compressed ? new InflaterInputStream(in, new java.util.zip.Inflater(), 1 << 16) : in;
        byte[] r = new byte[size];
        while (true) {
            int got = data.readNBytes(r, 0, size);
            if (got == 0) {
                break;
            }
            if (got < size) {
                throw new IOException(name + ": flow-tools record " + (records + 1) + " cut short (" + got + " of "
                        + size + " bytes)");
            }
            records++;
            sink.accept(record(r));
        }
    }

    private int recordSize() {
        return switch (exportVersion) {
            case 1 -> 60;
            case 5 -> 64;
            case 6 -> 72;
            case 7 -> 68;
            case 8 -> switch (aggMethod) {
                case 1, 2, 3, 4 -> 48;
                case 5 -> 56;
                default -> -1;
            };
            default -> -1;
        };
    }

    private FlowRecord record(byte[] r) {
        long secs = u32(r, 0);
        long nsecs = u32(r, 4);
        boolean v83 = exportVersion == 8 && aggMethod == 3;
        long uptime = u32(r, v83 ? 12 : 8);
        long exaddr = u32(r, v83 ? 8 : 12);
        String exporter = ipv4(exaddr != 0 || exporterIp < 0 ? exaddr : exporterIp);
        long now = secs * 1000 + nsecs / 1_000_000;
        if (exportVersion != 8) {
            long first = u32(r, 40);
            long last = u32(r, 44);
            int proto = r[52] & 0xff;
            int flags = r[54] & 0xff;
            long srcAs = -1;
            long dstAs = -1;
            long domain = -1;
            if (exportVersion != 1) {
                domain = (r[56] & 0xff) << 8 | (r[57] & 0xff);
                srcAs = u16(r, 60);
                dstAs = u16(r, 62);
            }
            return new FlowRecord(exporter, domain, -1, -1, time(now, uptime, first), time(now, uptime, last),
                    ipv4(u32(r, 16)), ipv4(u32(r, 20)), u16(r, 48), u16(r, 50), proto, u32(r, 32), u32(r, 36), 1,
                    u16(r, 28), u16(r, 30), srcAs, dstAs, proto == 6 ? flags : -1, -1, -1);
        }
        long flows = u32(r, 16);
        long pkts = u32(r, 20);
        long octets = u32(r, 24);
        Instant start = time(now, uptime, u32(r, 28));
        Instant end = time(now, uptime, u32(r, 32));
        String src = null;
        String dst = null;
        int sp = -1;
        int dp = -1;
        int proto = -1;
        long in = -1;
        long out = -1;
        long sas = -1;
        long das = -1;
        long domain;
        switch (aggMethod) {
            case 1 -> {
                sas = u16(r, 36);
                das = u16(r, 38);
                in = u16(r, 40);
                out = u16(r, 42);
                domain = (r[44] & 0xff) << 8 | (r[45] & 0xff);
            }
            case 2 -> {
                proto = r[36] & 0xff;
                sp = u16(r, 40);
                dp = u16(r, 42);
                domain = (r[44] & 0xff) << 8 | (r[45] & 0xff);
            }
            case 3 -> {
                src = ipv4(u32(r, 36)) + "/" + (r[40] & 0xff);
                sas = u16(r, 42);
                in = u16(r, 44);
                domain = (r[46] & 0xff) << 8 | (r[47] & 0xff);
            }
            case 4 -> {
                dst = ipv4(u32(r, 36)) + "/" + (r[40] & 0xff);
                domain = (r[42] & 0xff) << 8 | (r[43] & 0xff);
                das = u16(r, 44);
                out = u16(r, 46);
            }
            default -> {
                src = ipv4(u32(r, 36)) + "/" + (r[45] & 0xff);
                dst = ipv4(u32(r, 40)) + "/" + (r[44] & 0xff);
                domain = (r[46] & 0xff) << 8 | (r[47] & 0xff);
                sas = u16(r, 48);
                das = u16(r, 50);
                in = u16(r, 52);
                out = u16(r, 54);
            }
        }
        return new FlowRecord(exporter, domain, -1, -1, start, end, src, dst, sp, dp, proto, pkts, octets,
                Math.max(1, flows), in, out, sas, das, -1, -1, -1);
    }

    /** Absolute time of a sysUpTime value, given the export time and the uptime at export (mod 2^32). */
    private static Instant time(long nowMs, long uptime, long at) {
        long back = (uptime - at) & 0xffffffffL;
        if (back > 0x7fffffffL) {
            back -= 1L << 32; // a time after the export: wrap the other way
        }
        return Instant.ofEpochMilli(nowMs - back);
    }

    private int u16(byte[] b, int i) {
        return little ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 : (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private long u32(byte[] b, int i) {
        return little ? (u16(b, i) & 0xffffL) | (long) u16(b, i + 2) << 16 : (long) u16(b, i) << 16 | u16(b, i + 2);
    }

    private static String ipv4(long a) {
        return NfcapdReader.ipv4Text(a);
    }
}
