package dev.flowinspector.cli;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.TemplateCache;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CPU time per packet of the text output on one thread: decoding alone, decoding + the packet tree walked
 * ({@link TextTreeRenderer#renderTree}, the old way) and decoding + {@link TextTreeRenderer#render}; the
 * text's share is the difference to decoding alone. Thread CPU time, so other load on the machine matters little.
 * Run: {@code java -cp target/classes:target/test-classes:LIBS dev.flowinspector.cli.TextRenderBench FILE... }
 * (first 20 000 packets of each, 7 rounds, medians).
 */
public final class TextRenderBench {

    private TextRenderBench() {
    }

    public static void main(String[] args) throws Exception {
        int limit = Integer.getInteger("packets", 20_000);
        int rounds = Integer.getInteger("rounds", 7);
        int only = Integer.getInteger("only", -1); // for profiling: 0 decode, 1 tree, 2 direct
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String file : args) {
            List<byte[]> payloads = new ArrayList<>();
            List<DecodeContext> contexts = new ArrayList<>();
            try (CaptureReader r = CaptureFiles.open(Path.of(file))) {
                Frame f;
                while ((f = r.next()) != null && payloads.size() < limit) {
                    payloads.add(f.payload());
                    contexts.add(f.context());
                }
            }
            ExportDecoder dec = new ExportDecoder(new TemplateCache());
            long records = 0;
            for (int i = 0; i < payloads.size(); i++) {
                records += dec.decode(payloads.get(i), contexts.get(i)).recordCount(); // learn the templates
            }
            TextTreeRenderer renderer = new TextTreeRenderer();
            ByteText out = new ByteText(1 << 20);
            long[][] ns = new long[3][rounds];
            long bytes = 0;
            for (int round = 0; round < rounds; round++) {
                for (int mode = 0; mode < 3; mode++) {
                    if (only >= 0 && mode != only) {
                        continue;
                    }
                    long t0 = mx.getCurrentThreadCpuTime();
                    long n = 0;
                    for (int i = 0; i < payloads.size(); i++) {
                        ExportPacket p = dec.decode(payloads.get(i), contexts.get(i));
                        if (mode == 1) {
                            renderer.renderTree(p, out);
                        } else if (mode == 2) {
                            renderer.render(p, out);
                        }
                        n += out.length();
                        out.setLength(0);
                    }
                    ns[mode][round] = mx.getCurrentThreadCpuTime() - t0;
                    if (mode == 2) {
                        bytes = n;
                    }
                }
            }
            double per = payloads.size();
            double decode = median(ns[0]) / per;
            double tree = median(ns[1]) / per;
            double direct = median(ns[2]) / per;
            System.out.printf("%s: %d packets, %d records, %.1f MB text%n", file, payloads.size(), records, bytes / 1e6);
            System.out.printf("  decode only         %8.1f us/packet%n", decode / 1000);
            System.out.printf("  decode + tree text  %8.1f us/packet  (text %.1f us)%n", tree / 1000, (tree - decode) / 1000);
            System.out.printf("  decode + direct     %8.1f us/packet  (text %.1f us)%n", direct / 1000, (direct - decode) / 1000);
            System.out.printf("  text CPU: %.1fx less per packet; decode + text %.1fx less%n",
                    (tree - decode) / (direct - decode), tree / direct);
        }
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
