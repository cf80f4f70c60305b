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
 * one zlib stream when compressed. Records of export versions 1, 5, 6, 7 and v8 aggregations 1-14 (AS,
 * protocol/port, source prefix, destination prefix, prefix; 6-8 the router shortcut caches destination,
 * source-destination and full flow; 9-14 the ToS variants of 1, 2, 3, 4, 5 and prefix-port) are read; the record
 * layouts are flow-tools' {@code fts3rec_*} (ftlib.h). Stream version 1 (flow-tools before 0.50: a fixed header
 * and {@code fts1rec_compat} records of export version 1 or 5) is read as flow-tools' ftio.c maps it.
 */
public final class FlowToolsReader {

    private static final int TLV_EX_VER = 0x2;
    private static final int TLV_AGG_METHOD = 0x4;
    private static final int TLV_EXPORTER_IP = 0x5;
    private static final int TLV_HEADER_FLAGS = 0x8;
    private static final int FLAG_COMPRESS = 0x2;
    private static final int MAX_HEADER = 16384;
    private static final int HEADER_V1 = 360;
    private static final int V1_RECORD = 60;

    private final String name;
    private final InputStream in;
    private boolean little;
    private int exportVersion;
    private int aggMethod;
    private long exporterIp = -1;
    private boolean compressed;
    private boolean version1;
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
        return "v" + exportVersion + (exportVersion == 8 ? "." + aggMethod : "") + (compressed ? ", zlib" : "")
                + (version1 ? ", stream version 1" : "");
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
            readVersion1(g, sink);
            return;
        }
        if (sVersion != 3) {
            throw new IOException(name + ": flow-tools stream version " + sVersion + " is not one this tool knows (1, 3)");
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
                    + " (it reads v1, v5, v6, v7 and v8 aggregations 1-14)");
        }
        records(size, sink);
    }

    /**
     * Stream version 1 (flow-tools before 0.50): a fixed 360-byte header (the 4 generic bytes, export version,
     * 2 bytes of alignment, capture start and end, flags, rotation, flow count, drops, misordered, a 68-byte
     * hostname and 256 bytes of comments), then 60-byte {@code fts1rec_compat} records of export version 1 or 5,
     * the record part one zlib stream when the flags say compressed. As flow-tools maps these records, the
     * router's uptime is 0 and the export time is seconds and milliseconds; there is no exporter address.
     */
    private void readVersion1(byte[] g, Consumer<FlowRecord> sink) throws IOException {
        byte[] h = in.readNBytes(HEADER_V1 - g.length);
        if (h.length < HEADER_V1 - g.length) {
            throw new IOException(name + ": flow-tools stream version 1 header cut short (" + (g.length + h.length)
                    + " of " + HEADER_V1 + " bytes)");
        }
        exportVersion = u16(g, 4) == 0xFFFF ? 1 : u16(g, 4);
        compressed = (u32(h, 16 - g.length) & FLAG_COMPRESS) != 0;
        version1 = true;
        if (exportVersion != 1 && exportVersion != 5) {
            throw new IOException(name + ": flow-tools stream version 1 with export version " + exportVersion
                    + " (stream version 1 holds only versions 1 and 5)");
        }
        records(V1_RECORD, sink);
    }

    private void records(int size, Consumer<FlowRecord> sink) throws IOException {
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
            sink.accept(version1 ? compat(r) : record(r));
        }
    }

    /** An {@code fts1rec_compat} record of stream version 1. */
    private FlowRecord compat(byte[] r) {
        long now = u32(r, 0) * 1000 + u32(r, 4);
        int proto = r[46] & 0xff;
        boolean v5 = exportVersion == 5;
        return new FlowRecord(null, -1, -1, -1, time(now, 0, u32(r, 32)), time(now, 0, u32(r, 36)),
                ipv4(u32(r, 8)), ipv4(u32(r, 12)), u16(r, 40), u16(r, 42), proto, u32(r, 24), u32(r, 28), 1,
                u16(r, 20), u16(r, 22), v5 ? u16(r, 52) : -1, v5 ? u16(r, 54) : -1, proto == 6 ? r[48] & 0xff : -1,
                -1, -1);
    }

    private int recordSize() {
        return switch (exportVersion) {
            case 1 -> 60;
            case 5 -> 64;
            case 6 -> 72;
            case 7 -> 68;
            case 8 -> switch (aggMethod) {
                case 1, 2, 3, 4, 9, 10, 11, 12 -> 48;
                case 5, 7 -> 56;
                case 6 -> 52;
                case 8 -> 64;
                case 13, 14 -> 60;
                default -> -1;
            };
            default -> -1;
        };
    }

    private FlowRecord record(byte[] r) {
        long secs = u32(r, 0);
        long nsecs = u32(r, 4);
        // v8.3, v8.11 and v8.12 put the exporter address before the uptime
        boolean swapped = exportVersion == 8 && (aggMethod == 3 || aggMethod == 11 || aggMethod == 12);
        long uptime = u32(r, swapped ? 12 : 8);
        long exaddr = u32(r, swapped ? 8 : 12);
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
        int c = aggMethod >= 6 && aggMethod <= 8 ? 12 : 16; // v8.6-8.8 (router shortcut caches) have no flow count
        long flows = c == 16 ? u32(r, 16) : 1;
        long pkts = u32(r, c + 4);
        long octets = u32(r, c + 8);
        Instant start = time(now, uptime, u32(r, c + 12));
        Instant end = time(now, uptime, u32(r, c + 16));
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
            case 5 -> {
                src = ipv4(u32(r, 36)) + "/" + (r[45] & 0xff);
                dst = ipv4(u32(r, 40)) + "/" + (r[44] & 0xff);
                domain = (r[46] & 0xff) << 8 | (r[47] & 0xff);
                sas = u16(r, 48);
                das = u16(r, 50);
                in = u16(r, 52);
                out = u16(r, 54);
            }
            case 6 -> { // destination only
                dst = ipv4(u32(r, 32));
                out = u16(r, 44);
                domain = (r[50] & 0xff) << 8 | (r[51] & 0xff);
            }
            case 7 -> { // source and destination
                dst = ipv4(u32(r, 32));
                src = ipv4(u32(r, 36));
                out = u16(r, 48);
                in = u16(r, 50);
                domain = (r[54] & 0xff) << 8 | (r[55] & 0xff);
            }
            case 8 -> { // full flow
                dst = ipv4(u32(r, 32));
                src = ipv4(u32(r, 36));
                dp = u16(r, 48);
                sp = u16(r, 50);
                out = u16(r, 52);
                in = u16(r, 54);
                domain = (r[58] & 0xff) << 8 | (r[59] & 0xff);
                proto = r[60] & 0xff;
            }
            case 9 -> { // AS and ToS
                sas = u16(r, 36);
                das = u16(r, 38);
                in = u16(r, 40);
                out = u16(r, 42);
                domain = (r[44] & 0xff) << 8 | (r[45] & 0xff);
            }
            case 10 -> { // protocol, ports and ToS
                sp = u16(r, 36);
                dp = u16(r, 38);
                in = u16(r, 40);
                out = u16(r, 42);
                domain = (r[44] & 0xff) << 8 | (r[45] & 0xff);
                proto = r[46] & 0xff;
            }
            case 11 -> { // source prefix and ToS
                src = ipv4(u32(r, 36)) + "/" + (r[40] & 0xff);
                sas = u16(r, 42);
                in = u16(r, 44);
                domain = (r[46] & 0xff) << 8 | (r[47] & 0xff);
            }
            case 12 -> { // destination prefix and ToS
                dst = ipv4(u32(r, 36)) + "/" + (r[44] & 0xff);
                out = u16(r, 40);
                das = u16(r, 42);
                domain = (r[46] & 0xff) << 8 | (r[47] & 0xff);
            }
            default -> { // 13: prefixes and ToS, 14: prefixes, ports and ToS
                src = ipv4(u32(r, 36)) + "/" + (r[53] & 0xff);
                dst = ipv4(u32(r, 40)) + "/" + (r[52] & 0xff);
                if (aggMethod == 13) {
                    sas = u16(r, 44);
                    das = u16(r, 46);
                } else {
                    sp = u16(r, 44);
                    dp = u16(r, 46);
                    proto = r[57] & 0xff;
                }
                in = u16(r, 48);
                out = u16(r, 50);
                domain = (r[54] & 0xff) << 8 | (r[55] & 0xff);
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
