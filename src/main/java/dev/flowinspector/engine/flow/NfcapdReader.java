package dev.flowinspector.engine.flow;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.lzo.LzoDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Reads nfcapd files of nfdump 1.7 (file layout 2): a 40-byte file header, then data blocks of a 12-byte
 * header and records, each block's records compressed as the file header says (LZO1X, BZ2, LZ4 or ZSTD) unless
 * the block is flagged uncompressed. Exporter records (type 7) name the exporter of each flow; V3 flow records
 * (type 11) are a header and typed elements (generic flow, IPv4/IPv6 addresses, interfaces, counters, AS
 * numbers). Values are stored in the writer's byte order; the file's magic says which. Counters are read as
 * stored (nfcapd 1.7.1 stores them as exported); sampler records are not read, so {@code --sampling auto} finds
 * no rate in these files. Layout 1 (nfdump 1.6) is read too: same block framing, its records decoded by
 * {@link NfcapdLayout1}.
 */
public final class NfcapdReader {

    private static final int MAGIC = 0xA50C;
    private static final int HEADER_V2 = 40;
    private static final int HEADER_V1 = 140;
    private static final int STAT_V1 = 136;
    private static final int BLOCK_HEADER = 12;
    private static final int MAX_BLOCK = 64 << 20;
    private static final int V3_RECORD = 11;
    private static final int EXPORTER_INFO = 7;

    private final String name;
    private final InputStream in;
    private final Map<Integer, String> exporters = new HashMap<>();
    private final Map<Integer, Long> domains = new HashMap<>();
    private boolean little;
    private int compression;
    private byte[] out = new byte[5 << 20];
    private String layout = "";
    private long records;

    /** Reads from a stream positioned at the file's first byte. */
    public NfcapdReader(String name, InputStream in) {
        this.name = name;
        this.in = in;
    }

    /** True when these first bytes are an nfdump file's magic (either byte order). */
    public static boolean matches(byte[] head) {
        return head.length >= 2 && ((head[0] & 0xff) == 0x0c && (head[1] & 0xff) == 0xa5
                || (head[0] & 0xff) == 0xa5 && (head[1] & 0xff) == 0x0c);
    }

    /** "1.7 layout, LZ4" once read. */
    public String layout() {
        return layout;
    }

    /** Flow records read. */
    public long records() {
        return records;
    }

    /** Streams every flow record of the file. */
    public void read(Consumer<FlowRecord> sink) throws IOException {
        byte[] h = in.readNBytes(HEADER_V2);
        if (h.length < 4) {
            throw new IOException(name + ": nfcapd file too short for its header (" + h.length + " bytes)");
        }
        little = (h[0] & 0xff) == 0x0c;
        int version = u16(h, 2);
        if (version == 1) {
            readLayout1(h, sink);
            return;
        }
        if (version != 2) {
            throw new IOException(name + ": nfcapd file layout " + version + " is not one this tool knows (1.7 is 2)");
        }
        if (h.length < HEADER_V2) {
            throw new IOException(name + ": nfcapd file too short for its header (" + h.length + " bytes)");
        }
        compression = h[16] & 0xff;
        if (compression > 4) {
            throw new IOException(name + ": nfcapd compression " + compression + " is not one this tool knows");
        }
        if ((h[17] & 0xff) != 0) {
            throw new IOException(name + ": nfcapd file is encrypted (" + (h[17] & 0xff) + "); not supported");
        }
        layout = "1.7 layout, " + new String[] {"uncompressed", "LZO", "BZ2", "LZ4", "ZSTD"}[compression];
        blocks(3, null, sink);
    }

    /**
     * Layout 1 (nfdump 1.6): a 140-byte file header (magic, version, flags, block count, 128-byte ident), a
     * 136-byte stat record, then data blocks with the same 12-byte header as layout 2; blocks of type 2 hold
     * extension maps, exporter records and common records ({@link NfcapdLayout1}). Other block types (1.5 data,
     * histograms) are skipped, as nfdump skips them.
     */
    private void readLayout1(byte[] first, Consumer<FlowRecord> sink) throws IOException {
        byte[] rest = in.readNBytes(HEADER_V1 + STAT_V1 - first.length);
        if (first.length + rest.length < HEADER_V1 + STAT_V1) {
            throw new IOException(name + ": nfcapd 1.6 file too short for its header and stat record ("
                    + (first.length + rest.length) + " bytes)");
        }
        long flags = u32(first, 4);
        compression = (flags & 0x1) != 0 ? 1 : (flags & 0x8) != 0 ? 2 : (flags & 0x10) != 0 ? 3 : 0;
        layout = "1.6 layout, " + new String[] {"uncompressed", "LZO", "BZ2", "LZ4"}[compression];
        blocks(2, new NfcapdLayout1(this, name), sink);
    }

    /**
     * Reads the data blocks that follow the header; blocks of {@code dataType} are decompressed (unless flagged
     * uncompressed: flag bit 0 in both layouts) and their records decoded, by {@code v1} for layout 1.
     */
    private void blocks(int dataType, NfcapdLayout1 v1, Consumer<FlowRecord> sink) throws IOException {
        long block = 0;
        byte[] bh;
        byte[] buf = new byte[1 << 20];
        while ((bh = in.readNBytes(BLOCK_HEADER)).length > 0) {
            if (bh.length < BLOCK_HEADER) {
                throw new IOException(name + ": block " + block + " cut short in its header");
            }
            long count = u32(bh, 0);
            long size = u32(bh, 4);
            int type = u16(bh, 8);
            int flags = u16(bh, 10);
            if (size > MAX_BLOCK) {
                throw new IOException(name + ": block " + block + " says it is " + size + " bytes; damaged file?");
            }
            if (buf.length < size) {
                buf = new byte[(int) size];
            }
            int got = in.readNBytes(buf, 0, (int) size);
            if (got < size) {
                throw new IOException(name + ": block " + block + " cut short (" + got + " of " + size + " bytes)");
            }
            if (type == dataType) {
                boolean raw = compression == 0 || (flags & 1) != 0;
                int len = raw ? (int) size : decompress(buf, (int) size, block);
                if (v1 == null) {
                    records(raw ? buf : out, len, count, block, sink);
                } else {
                    records += v1.block(raw ? buf : out, len, count, block, sink);
                }
            }
            block++;
        }
    }

    private int decompress(byte[] src, int len, long block) throws IOException {
        try {
            return switch (compression) {
                case 1 -> new LzoDecompressor().decompress(src, 0, len, out, 0, out.length);
                case 3 -> new Lz4Decompressor().decompress(src, 0, len, out, 0, out.length);
                case 4 -> {
                    long n = ZstdDecompressor.getDecompressedSize(src, 0, len);
                    if (n > out.length && n <= MAX_BLOCK) {
                        out = new byte[(int) n];
                    }
                    yield new ZstdDecompressor().decompress(src, 0, len, out, 0, out.length);
                }
                default -> bz2(src, len);
            };
        } catch (RuntimeException e) {
            throw new IOException(name + ": block " + block + ": " + layout.substring(layout.indexOf(", ") + 2)
                    + " data damaged (" + e.getMessage() + ")");
        }
    }

    private int bz2(byte[] src, int len) throws IOException {
        try (InputStream b = new BZip2CompressorInputStream(new ByteArrayInputStream(src, 0, len))) {
            int n = 0;
            int r;
            while ((r = b.read(out, n, out.length - n)) > 0) {
                n += r;
                if (n == out.length) {
                    if (out.length >= MAX_BLOCK) {
                        throw new IOException("block larger than " + MAX_BLOCK + " bytes");
                    }
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
            }
            return n;
        }
    }

    private void records(byte[] b, int len, long count, long block, Consumer<FlowRecord> sink) throws IOException {
        int at = 0;
        for (long i = 0; i < count; i++) {
            if (at + 4 > len) {
                throw new IOException(name + ": block " + block + ": record " + i + " of " + count + " runs past its end");
            }
            int type = u16(b, at);
            int size = u16(b, at + 2);
            if (size < 4 || at + size > len) {
                throw new IOException(name + ": block " + block + ": record " + i + " has a bad size " + size);
            }
            if (type == V3_RECORD) {
                FlowRecord f = v3(b, at, size);
                if (f != null) {
                    records++;
                    sink.accept(f);
                }
            } else if (type == EXPORTER_INFO && size >= 32) {
                exporterInfo(b, at);
            }
            at += size;
        }
    }

    /**
     * An exporter info record (type 7, the same in both layouts): version, a 16-byte address (IPv4 in the
     * third 32-bit word on little-endian writers, the fourth on big-endian ones), address family, the sysid
     * flow records refer to, and the exporter's own id (source id / observation domain).
     */
    void exporterInfo(byte[] b, int at) {
        int family = u16(b, at + 24);
        int sysid = u16(b, at + 26);
        exporters.put(sysid, family == 2 ? ipv4(b, at + (little ? 16 : 20)) : ipv6(b, at + 8));
        domains.put(sysid, u32(b, at + 28));
    }

    /** The address of the exporter with this sysid, or null. */
    String exporter(int sysid) {
        return exporters.get(sysid);
    }

    /** The source id / observation domain of the exporter with this sysid, or -1. */
    long domain(int sysid) {
        return domains.getOrDefault(sysid, -1L);
    }

    private FlowRecord v3(byte[] b, int at, int size) {
        int elements = u16(b, at + 4);
        int exporterId = u16(b, at + 8);
        Instant start = null;
        Instant end = null;
        String src = null;
        String dst = null;
        int sp = -1;
        int dp = -1;
        int proto = -1;
        int flags = -1;
        long packets = -1;
        long bytes = -1;
        long flows = 1;
        long in = -1;
        long out = -1;
        long sas = -1;
        long das = -1;
        long sampler = -1;
        int p = at + 12;
        int end0 = at + size;
        for (int e = 0; e < elements && p + 4 <= end0; e++) {
            int type = u16(b, p);
            int len = u16(b, p + 2);
            if (len < 4 || p + len > end0) {
                break;
            }
            int v = p + 4;
            switch (type) {
                case 1 -> { // generic flow: times, counters, ports, protocol, flags
                    if (len >= 52) {
                        start = Instant.ofEpochMilli(u64(b, v));
                        end = Instant.ofEpochMilli(u64(b, v + 8));
                        packets = u64(b, v + 24);
                        bytes = u64(b, v + 32);
                        sp = u16(b, v + 40);
                        dp = u16(b, v + 42);
                        proto = b[v + 44] & 0xff;
                        flags = b[v + 45] & 0xff;
                    }
                }
                case 2 -> {
                    if (len >= 12) {
                        src = ipv4(b, v);
                        dst = ipv4(b, v + 4);
                    }
                }
                case 3 -> {
                    if (len >= 36) {
                        src = ipv6(b, v);
                        dst = ipv6(b, v + 16);
                    }
                }
                case 4 -> {
                    if (len >= 12) {
                        in = u32(b, v);
                        out = u32(b, v + 4);
                    }
                }
                case 5 -> {
                    if (len >= 12) {
                        flows = Math.max(1, u64(b, v));
                    }
                }
                case 7 -> {
                    if (len >= 12) {
                        sas = u32(b, v);
                        das = u32(b, v + 4);
                    }
                }
                case 18 -> {
                    if (len >= 12) {
                        sampler = u64(b, v);
                    }
                }
                default -> {
                }
            }
            p += len;
        }
        if (src == null && dst == null) {
            return null;
        }
        if (proto == 1 || proto == 58) {
            sp = 0; // nfdump keeps the ICMP type and code in the destination port
        }
        String exporter = exporters.get(exporterId);
        return new FlowRecord(exporter, domains.getOrDefault(exporterId, -1L), -1, -1, start, end, src, dst, sp, dp, proto,
                packets, bytes, flows, in, out, sas, das, flags, sampler, -1);
    }

    int u16(byte[] b, int i) {
        return little ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 : (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    long u32(byte[] b, int i) {
        return little ? (u16(b, i) & 0xffffL) | (long) u16(b, i + 2) << 16 : (long) u16(b, i) << 16 | u16(b, i + 2);
    }

    long u64(byte[] b, int i) {
        return little ? u32(b, i) | u32(b, i + 4) << 32 : u32(b, i) << 32 | u32(b, i + 4);
    }

    String ipv4(byte[] b, int i) {
        return ipv4Text(u32(b, i));
    }

    private static final byte[][] OCTETS = new byte[256][];

    static {
        for (int i = 0; i < 256; i++) {
            OCTETS[i] = Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** Dotted text of an IPv4 address held in the low 32 bits (the readers make millions of these). */
    static String ipv4Text(long a) {
        byte[] t = new byte[15];
        int n = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            byte[] o = OCTETS[(int) (a >>> shift) & 0xff];
            System.arraycopy(o, 0, t, n, o.length);
            n += o.length;
            if (shift > 0) {
                t[n++] = '.';
            }
        }
        return new String(t, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Two host-order 64-bit words, the first the address's high half. */
    String ipv6(byte[] b, int i) {
        byte[] a = new byte[16];
        for (int w = 0; w < 2; w++) {
            long x = u64(b, i + 8 * w);
            for (int k = 0; k < 8; k++) {
                a[8 * w + k] = (byte) (x >>> (56 - 8 * k));
            }
        }
        return dev.flowinspector.decode.ValueDecoder.ipv6(a, 0);
    }
}
