import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streaming check (not a unit test): writes a large pcap of NetFlow v5 export packets (default 1.5 GB) under
 * the temporary directory (java.io.tmpdir) unless it exists, then reads it through CaptureFiles.open, printing progress, MB/s and heap use.
 * Run with bench/stream-bench.sh (which uses -Xmx256m).
 */
public final class StreamBench {

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("java.io.tmpdir"), "flowinspector-bench.pcap");
        long target = args.length > 1 ? Long.parseLong(args[1]) : 1_500L * 1024 * 1024;
        if (!Files.exists(file) || Files.size(file) < target) {
            write(file, target);
        }
        long size = Files.size(file);
        long t0 = System.nanoTime();
        long frames = 0;
        long payload = 0;
        long maxUsed = 0;
        Runtime rt = Runtime.getRuntime();
        try (CaptureReader r = CaptureFiles.open(file)) {
            long nextReport = 0;
            for (Frame f; (f = r.next()) != null; ) {
                frames++;
                payload += f.payload().length;
                if (r.position() >= nextReport) {
                    long used = rt.totalMemory() - rt.freeMemory();
                    maxUsed = Math.max(maxUsed, used);
                    System.out.printf("  %5.1f %%  %,d frames  heap used %d MB%n", 100.0 * r.position() / size, frames,
                            used >> 20);
                    nextReport += size / 10;
                }
            }
            if (r.damage() != null) {
                System.out.println("damage: " + r.damage());
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %,d bytes, %,d export frames (%,d payload bytes) in %.1f s: %.0f MB/s, %.0f frames/s;"
                + " max heap %d MB (max allowed %d MB)%n", file, size, frames, payload, secs, size / 1e6 / secs,
                frames / secs, maxUsed >> 20, rt.maxMemory() >> 20);
    }

    private static void write(Path file, long target) throws IOException {
        System.out.println("writing " + file + " (" + (target >> 20) + " MB)...");
        int records = 30;
        int payloadLen = 24 + 48 * records;
        int frameLen = 14 + 20 + 8 + payloadLen;
        ByteBuffer rec = ByteBuffer.allocate(16 + frameLen);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(h.array());
            long written = 24;
            for (int seq = 0; written < target; seq++) {
                rec.clear();
                rec.order(ByteOrder.LITTLE_ENDIAN);
                rec.putInt(1_700_000_000 + seq / 1000).putInt((seq % 1000) * 1000).putInt(frameLen).putInt(frameLen);
                rec.order(ByteOrder.BIG_ENDIAN);
                rec.put(new byte[12]).putShort((short) 0x0800);
                rec.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + payloadLen)).putInt(0)
                        .put((byte) 64).put((byte) 17).putShort((short) 0)
                        .put(new byte[] {127, 0, 55, 1}).put(new byte[] {127, 0, 55, (byte) (2 + seq % 4)});
                rec.putShort((short) 40000).putShort((short) 2055).putShort((short) (8 + payloadLen)).putShort((short) 0);
                rec.putShort((short) 5).putShort((short) records).putInt(seq).putInt(1_700_000_000 + seq / 1000).putInt(0)
                        .putInt(seq * records).putInt(0);
                for (int i = 0; i < records; i++) {
                    rec.putInt(0x0a000000 | i).putInt(0x0a010000 | seq & 0xffff).putInt(0).putShort((short) 1)
                            .putShort((short) 2).putInt(10).putInt(1000).putInt(seq).putInt(seq + 5)
                            .putShort((short) 1234).putShort((short) 443).put((byte) 0).put((byte) 0x1b)
                            .put((byte) 6).put((byte) 0).putShort((short) 0).putShort((short) 0).put((byte) 24)
                            .put((byte) 24).putShort((short) 0);
                }
                out.write(rec.array(), 0, rec.position());
                written += rec.position();
            }
        }
    }
}
