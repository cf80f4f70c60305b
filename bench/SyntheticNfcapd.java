import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes N synthetic flow records as one uncompressed nfdump 1.6 file (layout 1) to standard output, as a
 * stream: nothing is kept but 20 counters. 30 % of the records come from 20 heavy sources (10.0.0.1-20, skewed:
 * the first gets about 22 % of them, the last about 1.3 %), the rest from random addresses in 100.0.0.0/8 (up to
 * 16.7 M distinct keys, far beyond analyze's --max-keys). The true totals and the heavy sources' flows, packets
 * and bytes go to the JSON file named by the second argument, for checking analyze's sketched top table.
 *
 * Usage: java bench/SyntheticNfcapd.java RECORDS TRUTH.json | flowinspector analyze -s srcip/bytes -n 10 -
 */
public final class SyntheticNfcapd {

    private static final int PER_BLOCK = 10_000;
    private static final int RECORD = 32 + 8 + 4 + 4 + 4; // head, IPv4 addresses, 32-bit counters, interfaces

    public static void main(String[] args) throws IOException {
        long n = Long.parseLong(args[0]);
        Path truth = Path.of(args[1]);
        long[][] heavy = new long[20][3];
        long flows = 0;
        long packets = 0;
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(140 + 136).order(ByteOrder.LITTLE_ENDIAN);
            h.putShort((short) 0xA50C).putShort((short) 1).putInt(0).putInt((int) ((n + PER_BLOCK - 1) / PER_BLOCK));
            h.put("synthetic".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(h.array()); // ident zero-padded; stat record left 0 (analyze counts the records)
            ByteBuffer map = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            map.putShort((short) 2).putShort((short) 12).putShort((short) 0).putShort((short) 4).putShort((short) 4);
            ByteBuffer block = ByteBuffer.allocate(12 + 12 + PER_BLOCK * RECORD).order(ByteOrder.LITTLE_ENDIAN);
            long seed = 0x9E3779B97F4A7C15L;
            for (long i = 0; i < n; ) {
                int count = (int) Math.min(PER_BLOCK, n - i);
                block.clear();
                block.putInt(count + 1).putInt(12 + count * RECORD).putShort((short) 2).putShort((short) 0);
                block.put(map.array());
                for (int r = 0; r < count; r++, i++) {
                    long u = mix(seed + i);
                    int src;
                    int k = -1;
                    if (Long.remainderUnsigned(u, 1000) < 300) {
                        double x = ((u >>> 11) & 0xFFFFF) / (double) (1 << 20);
                        k = (int) (20 * x * x);
                        src = 0x0A000001 + k;
                    } else {
                        src = 0x64000000 | (int) ((u >>> 24) & 0xFFFFFF);
                    }
                    int pk = 1 + (int) ((u >>> 44) % 100);
                    long by = (long) pk * (40 + (int) ((u >>> 52) % 1460));
                    int first = 1_700_000_000 + (int) (i / 100_000);
                    block.putShort((short) 10).putShort((short) RECORD).putShort((short) 0).putShort((short) 0)
                            .putShort((short) 0).putShort((short) 500).putInt(first).putInt(first + 1)
                            .put((byte) 0).put((byte) 0x18).put((byte) 6).put((byte) 0)
                            .putShort((short) (1024 + (u & 0x3FFF))).putShort((short) 443).putShort((short) 0)
                            .putShort((short) 0).putInt(src).putInt(0xC0000201).putInt(pk).putInt((int) by)
                            .putShort((short) 1).putShort((short) 2);
                    flows++;
                    packets += pk;
                    bytes += by;
                    if (k >= 0) {
                        heavy[k][0]++;
                        heavy[k][1] += pk;
                        heavy[k][2] += by;
                    }
                }
                out.write(block.array(), 0, block.position());
            }
        }
        StringBuilder j = new StringBuilder("{\"flows\": " + flows + ", \"packets\": " + packets + ", \"bytes\": "
                + bytes + ", \"heavy\": {");
        for (int k = 0; k < 20; k++) {
            j.append(k == 0 ? "" : ", ").append("\"10.0.0.").append(k + 1).append("\": [").append(heavy[k][0])
                    .append(", ").append(heavy[k][1]).append(", ").append(heavy[k][2]).append("]");
        }
        Files.writeString(truth, j.append("}}\n").toString());
    }

    /** SplitMix64's finaliser: a well-spread 64-bit value for each record index. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
