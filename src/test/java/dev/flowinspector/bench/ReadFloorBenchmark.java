package dev.flowinspector.bench;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.TemplateField;
import dev.flowinspector.decode.Transport;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under {@link DecodeBenchmark#decodeAndRead}: the same packets of a capture ({@code -p
 * capture=FILE}, {@code %d} replaced by the version), the same order, every value of every record touched, but
 * nothing decoded. Where each record starts and where each of its values lies were worked out in the set-up (with
 * the decoder); the measured loop is one big-endian load of at most 8 bytes and a mask per value, summed. No
 * header, set or template is looked at, nothing is checked, no value becomes text.
 *
 * <p>What it tells: how many records a second reading alone allows on this machine, with the packets as many as
 * the decode benchmark cycles through ({@code max}, 20 000 as there: they do not fit the processor's cache) or
 * few enough to stay in it ({@code -p max=400}). A decode-and-read target above the first figure cannot be met
 * by any decoder; the difference between the two is the time spent waiting for packet bytes from memory.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:LIBS org.openjdk.jmh.Main ReadFloorBenchmark
 * -p capture=WORK/v%d-100k.pcap} (the files bench/run.sh makes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class ReadFloorBenchmark {

    private static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    @Param({"5", "9", "10"})
    public int version;

    /** The capture to take packets from; {@code %d} is replaced by the version. */
    @Param({""})
    public String capture;

    /** How many packets of it to cycle through ({@link DecodeBenchmark#CAPTURE_PACKETS} as there). */
    @Param({"20000"})
    public int max;

    private byte[][] packets;
    /** Per packet: where its records start. */
    private int[][] starts;
    /**
     * Per packet, per record: for each field, where the 8 bytes ending with the value's first min(8, length)
     * bytes start, relative to the record, and the mask of those bytes (shared by the records of a template
     * without variable-length fields).
     */
    private long[][][] windows;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        if (capture.isEmpty()) {
            throw new IllegalArgumentException("-p capture=FILE is needed (e.g. the v%d-100k.pcap bench/run.sh makes)");
        }
        packets = DecodeBenchmark.captured(capture, version, max);
        DecodeContext ctx = new DecodeContext(1, 0, new Endpoint("127.0.55.2", 40000),
                new Endpoint("127.0.55.1", 2055), Transport.UDP);
        ExportDecoder decoder = new ExportDecoder(new TemplateCache());
        for (byte[] p : packets) {
            decoder.decode(p, ctx); // learn the templates, as DecodeBenchmark does
        }
        starts = new int[packets.length][];
        windows = new long[packets.length][][];
        Map<Object, long[]> shared = new IdentityHashMap<>();
        for (int k = 0; k < packets.length; k++) {
            ExportPacket e = decoder.decode(packets[k], ctx);
            List<DataRecord> records = new ArrayList<>();
            for (FlowSet s : e.sets()) {
                records.addAll(s.records());
            }
            starts[k] = new int[records.size()];
            windows[k] = new long[records.size()][];
            for (int j = 0; j < records.size(); j++) {
                DataRecord r = records.get(j);
                boolean variable = r.template().fields().stream().anyMatch(TemplateField::isVariable);
                starts[k][j] = r.offset();
                windows[k][j] = variable ? window(r) : shared.computeIfAbsent(r.template(), t -> window(r));
            }
        }
    }

    private static long[] window(DataRecord r) {
        long[] w = new long[2 * r.fieldCount()];
        for (int i = 0; i < r.fieldCount(); i++) {
            int len = Math.min(8, r.valueLength(i));
            w[2 * i] = r.valueOffset(i) - r.offset() + len - 8;
            w[2 * i + 1] = len == 8 ? -1L : (1L << (8 * len)) - 1;
        }
        return w;
    }

    /** One operation is one packet: every value of its records read at its known place. */
    @Benchmark
    public long readEveryValue(DecodeBenchmark.Records counts) {
        int k = next;
        next = k + 1 == packets.length ? 0 : k + 1;
        byte[] d = packets[k];
        int[] at = starts[k];
        long[][] ws = windows[k];
        long sum = 0;
        for (int j = 0; j < at.length; j++) {
            long[] w = ws[j];
            int o = at[j];
            for (int i = 0; i < w.length; i += 2) {
                sum += (long) BE64.get(d, (int) (o + w[i])) & w[i + 1];
            }
        }
        counts.records += at.length;
        return sum;
    }
}
