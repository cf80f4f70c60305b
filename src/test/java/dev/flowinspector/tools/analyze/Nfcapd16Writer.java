package dev.flowinspector.tools.analyze;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lzo.LzoCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Writes nfdump 1.6 files (file layout 1) from the layout published in nfdump's {@code nffile.h} of the 1.6
 * series, so tests can check the reader against known flows and against nfdump 1.7, which still reads layout 1.
 * The flows are pseudo-random but fixed by the seed: IPv4 and IPv6, 32- and 64-bit counters, two extension maps
 * (one with extensions the reader skips placed before the ones it reads), two exporters, and a sampler record and
 * an exporter statistics record the reader must step over.
 */
final class Nfcapd16Writer {

    /** File-header compression flags of layout 1. */
    enum Compression {
        NONE(0), LZO(0x1), BZ2(0x8), LZ4(0x10);

        final int flag;

        Compression(int flag) {
            this.flag = flag;
        }
    }

    /** One flow as written, for the test's own expectations. */
    record Flow(String src, String dst, int srcPort, int dstPort, int proto, long packets, long bytes, long flows,
                long srcAs, long inIf) {
    }

    final List<Flow> flows = new ArrayList<>();
    private final List<byte[]> blocks = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();
    private final ByteOrder order;

    /** Builds {@code n} flows in blocks of at most {@code perBlock} records. */
    Nfcapd16Writer(ByteOrder order, int n, int perBlock, long seed) {
        this.order = order;
        Random r = new Random(seed);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        int count = 0;
        // first block: two exporters, two extension maps, a sampler record
        block.writeBytes(exporter(1, new byte[] {10, 0, 0, 1}, 5));
        block.writeBytes(exporter(2, new byte[] {10, 0, 0, 2}, 7));
        block.writeBytes(map(0, 4 + 4 + 4, 4, 6, 18)); // interfaces 2 bytes, AS 2 bytes, flows 4 bytes
        block.writeBytes(map(1, 4 + 4 + 8 + 4 + 8 + 8 + 4, 8, 9, 5, 13, 7, 19, 25)); // skipped ones first
        block.writeBytes(buffer(16).putShort((short) 9).putShort((short) 16).putInt(1).putInt(100)
                .putShort((short) 0).putShort((short) 1).array());
        count += 5;
        for (int i = 0; i < n; i++) {
            block.writeBytes(flow(r));
            count++;
            if (count >= perBlock || i == n - 1) {
                if (i == n - 1) {
                    block.writeBytes(buffer(32).putShort((short) 8).putShort((short) 32).putInt(1).putInt(1).putInt(0)
                            .putLong(123).putLong(n).array());
                    count++;
                }
                blocks.add(block.toByteArray());
                counts.add(count);
                block.reset();
                count = 0;
            }
        }
    }

    private ByteBuffer buffer(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private byte[] exporter(int sysid, byte[] ipv4, int id) {
        ByteBuffer b = buffer(32).putShort((short) 7).putShort((short) 32).putInt(9);
        int v4 = ByteBuffer.wrap(ipv4).getInt();
        if (order == ByteOrder.LITTLE_ENDIAN) {
            b.putInt(0).putInt(0).putInt(v4).putInt(0);
        } else {
            b.putInt(0).putInt(0).putInt(0).putInt(v4);
        }
        return b.putShort((short) 2).putShort((short) sysid).putInt(id).array();
    }

    private byte[] map(int id, int extensionSize, int... ids) {
        int size = 8 + 2 * (ids.length + 1);
        size += size % 4;
        ByteBuffer b = buffer(size).putShort((short) 2).putShort((short) size).putShort((short) id)
                .putShort((short) extensionSize);
        for (int e : ids) {
            b.putShort((short) e);
        }
        return b.array();
    }

    private static final String[] V6 = {"2001:db8::1", "2001:db8::2", "2001:db8:0:1::5", "fe80::1"};

    private byte[] flow(Random r) {
        boolean v6 = r.nextInt(10) == 0;
        boolean big = r.nextInt(20) == 0;
        int mapId = r.nextInt(2);
        int proto = new int[] {6, 6, 6, 17, 17, 1}[r.nextInt(6)];
        int srcPort = proto == 1 ? 0 : 1024 + r.nextInt(40);
        int dstPort = proto == 1 ? 0x0800 : new int[] {80, 443, 53, 22, 8080}[r.nextInt(5)];
        long packets = big ? (1L << 32) + r.nextInt(1000) : 1 + r.nextInt(1000);
        long bytes = packets * (40 + r.nextInt(1400));
        long aggr = 1 + r.nextInt(3);
        int sysid = 1 + r.nextInt(2);
        int srcAs = 64500 + r.nextInt(30);
        int inIf = 1 + r.nextInt(8);
        String src;
        String dst;
        int flags = (v6 ? 1 : 0) | (big ? 6 : 0);
        int size = 32 + (v6 ? 32 : 8) + (big ? 16 : 8) + (mapId == 0 ? 12 : 40);
        ByteBuffer b = buffer(size).putShort((short) 10).putShort((short) size).putShort((short) flags)
                .putShort((short) mapId).putShort((short) r.nextInt(1000)).putShort((short) r.nextInt(1000))
                .putInt(1_700_000_000 + r.nextInt(300)).putInt(1_700_000_300 + r.nextInt(300))
                .put((byte) 0).put((byte) (proto == 6 ? 0x1b : 0)).put((byte) proto).put((byte) 0)
                .putShort((short) srcPort).putShort((short) dstPort).putShort((short) sysid).putShort((short) 0);
        if (v6) {
            src = V6[r.nextInt(V6.length)];
            dst = V6[r.nextInt(V6.length)];
            for (String a : new String[] {src, dst}) {
                ByteBuffer w = ByteBuffer.wrap(literal(a));
                b.putLong(w.getLong()).putLong(w.getLong());
            }
        } else {
            int s = 0xc0a80000 | r.nextInt(60);
            int d = 0x0a000000 | r.nextInt(40);
            src = "192.168.0." + (s & 0xff);
            dst = "10.0.0." + (d & 0xff);
            b.putInt(s).putInt(d);
        }
        if (big) {
            b.putLong(packets).putLong(bytes);
        } else {
            b.putInt((int) packets).putInt((int) bytes);
        }
        if (mapId == 0) {
            b.putShort((short) inIf).putShort((short) 9).putShort((short) srcAs).putShort((short) 65000)
                    .putInt((int) aggr);
        } else {
            b.putInt(0x00011818).putInt(0x0a0000fe) // tos/dir/masks, next hop: skipped
                    .putInt(inIf).putInt(9).putShort((short) 10).putShort((short) 20) // interfaces, VLANs
                    .putInt(srcAs).putInt(65000).putLong(aggr).putInt(0x00000105); // AS, flows, router id
        }
        flows.add(new Flow(src, dst, srcPort, dstPort, proto, packets, bytes, aggr, srcAs, inIf));
        return b.array();
    }

    private static byte[] literal(String address) {
        try {
            return java.net.InetAddress.getByName(address).getAddress(); // a literal: no name look-up
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** The file's bytes with this compression. */
    byte[] bytes(Compression c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] ident = Arrays.copyOf("flowinspector test".getBytes(StandardCharsets.US_ASCII), 128);
        out.writeBytes(buffer(12).putShort((short) 0xA50C).putShort((short) 1).putInt(c.flag).putInt(blocks.size())
                .array());
        out.writeBytes(ident);
        ByteBuffer stat = buffer(136);
        stat.putLong(flows.stream().mapToLong(Flow::flows).sum()).putLong(flows.stream().mapToLong(Flow::bytes).sum())
                .putLong(flows.stream().mapToLong(Flow::packets).sum());
        out.writeBytes(stat.array());
        for (int i = 0; i < blocks.size(); i++) {
            byte[] raw = blocks.get(i);
            byte[] data = switch (c) {
                case NONE -> raw;
                case LZO -> {
                    LzoCompressor z = new LzoCompressor();
                    byte[] o = new byte[z.maxCompressedLength(raw.length)];
                    yield Arrays.copyOf(o, z.compress(raw, 0, raw.length, o, 0, o.length));
                }
                case LZ4 -> {
                    Lz4Compressor z = new Lz4Compressor();
                    byte[] o = new byte[z.maxCompressedLength(raw.length)];
                    yield Arrays.copyOf(o, z.compress(raw, 0, raw.length, o, 0, o.length));
                }
                case BZ2 -> {
                    ByteArrayOutputStream o = new ByteArrayOutputStream();
                    try (BZip2CompressorOutputStream z = new BZip2CompressorOutputStream(o)) {
                        z.write(raw);
                    }
                    yield o.toByteArray();
                }
            };
            out.writeBytes(buffer(12).putInt(counts.get(i)).putInt(data.length).putShort((short) 2)
                    .putShort((short) (c == Compression.NONE ? 0 : 2)).array());
            out.writeBytes(data);
        }
        return out.toByteArray();
    }
}
