package dev.flowinspector.bench;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.testutil.Bytes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode-only throughput, one core: v5 (30 records/packet), v9 and IPFIX (24 records/packet of a
 * softflowd-like template; IPFIX with a variable-length string), or the first packets of a capture made by
 * {@code generate -w} ({@code -p capture=FILE}). The {@code records} secondary result is records per second.
 * {@code decodePackets} is decode-only: the packet's structure, its sets and records laid out, and the checks
 * the decoder makes (value checks, time pairs, padding); field values are decoded only when read, which it
 * does not do. {@code decodeAndRead} also reads every field of every record as a consumer such as the
 * collector does: integers and addresses up to 8 bytes as their unsigned value, anything else decoded.
 * Run: bench/run.sh, or {@code java -cp target/classes:target/test-classes:LIBS org.openjdk.jmh.Main DecodeBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// a heap of fixed size, touched before the run: otherwise the first seconds of every fork measure the machine
// handing the growing heap its pages (on a fresh virtual machine, iterations of the same code ran 2.4 to 19 M
// records/s, the system time a third of the whole)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class DecodeBenchmark {

    static final int PACKETS = 100;
    static final int V5_RECORDS = 30;
    static final int TPL_RECORDS = 24;

    @Param({"5", "9", "10"})
    public int version;

    /** A capture to take packets from instead of the synthetic ones; {@code %d} is replaced by the version. */
    @Param({""})
    public String capture;

    /** Records decoded, reported by JMH per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Records {
        public long records;
    }

    /** How many packets of a capture the benchmark cycles through (they do not fit the processor's cache). */
    static final int CAPTURE_PACKETS = 20_000;

    /** How many packets of the capture to cycle through: {@code -p max=400} keeps them in the processor's cache. */
    @Param({"" + CAPTURE_PACKETS})
    public int max;

    /** The first {@code max} export payloads of a capture ({@code %d} in its name replaced by the version). */
    static byte[][] captured(String capture, int version, int max) {
        java.util.List<byte[]> list = new java.util.ArrayList<>();
        try (dev.flowinspector.capture.CaptureReader r = dev.flowinspector.capture.CaptureFiles.open(
                java.nio.file.Path.of(capture.replace("%d", Integer.toString(version))))) {
            dev.flowinspector.capture.Frame f;
            while ((f = r.next()) != null && list.size() < max) {
                list.add(f.payload());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return list.toArray(new byte[0][]);
    }

    private byte[][] packets;
    private ExportDecoder decoder;
    private DecodeContext ctx;
    private int records;

    @Setup(Level.Trial)
    public void setup() {
        ctx = new DecodeContext(1, 0, new Endpoint("127.0.55.2", 40000), new Endpoint("127.0.55.1", 2055), Transport.UDP);
        decoder = new ExportDecoder(new TemplateCache());
        if (!capture.isEmpty()) {
            packets = captured(capture, version, max);
            for (byte[] p : packets) {
                decoder.decode(p, ctx); // learn the templates
            }
            return;
        }
        packets = new byte[PACKETS][];
        for (int i = 0; i < PACKETS; i++) {
            packets[i] = switch (version) {
                case 5 -> v5(i);
                case 9 -> v9(i);
                default -> ipfix(i);
            };
        }
        decoder.decode(version == 9 ? v9Template() : version == 10 ? ipfixTemplate() : packets[0], ctx);
        records = version == 5 ? V5_RECORDS : TPL_RECORDS;
    }

    /** Fields of the softflowd-like template: (IANA id, length). */
    static final int[][] FIELDS = {
        {8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {5, 1}, {1, 8}, {2, 8}, {10, 4}, {14, 4},
        {152, 8}, {153, 8}, {60, 1}, {16, 4}, {17, 4}, {9, 1}, {13, 1}, {15, 4}, {136, 1}};

    static byte[] v5(int seq) {
        Bytes b = new Bytes().u16(5).u16(V5_RECORDS).u32(360_000).u32(1_700_000_000L).u32(0).u32(seq * 30L)
                .u8(0).u8(0).u16(0);
        for (int r = 0; r < V5_RECORDS; r++) {
            b.u32(0x0a010000L + r).u32(0xc0000201L).u32(0).u16(1).u16(2).u32(10 + r).u32(1500L * r)
                    .u32(350_000).u32(359_000).u16(40000 + r).u16(443).u8(0).u8(0x1b).u8(6).u8(0)
                    .u16(64500).u16(64501).u8(24).u8(24).u16(0);
        }
        return b.bytes();
    }

    static void record(Bytes b, int r) {
        b.u32(0x0a010000L + r).u32(0xc0000201L).u16(40000 + r).u16(443).u8(6).u8(0x1b).u8(0)
                .u64(1500L * r).u64(10 + r).u32(1).u32(2).u64(1_700_000_000_000L).u64(1_700_000_001_000L)
                .u8(4).u32(64500).u32(64501).u8(24).u8(24).u32(0).u8(1);
    }

    static byte[] v9Template() {
        Bytes b = new Bytes().u16(9).u16(1).u32(360_000).u32(1_700_000_000L).u32(0).u32(0)
                .u16(0).u16(8 + 4 * FIELDS.length).u16(256).u16(FIELDS.length);
        for (int[] f : FIELDS) {
            b.u16(f[0]).u16(f[1]);
        }
        return b.bytes();
    }

    static byte[] v9(int seq) {
        Bytes body = new Bytes();
        for (int r = 0; r < TPL_RECORDS; r++) {
            record(body, r);
        }
        int setLen = 4 + body.size();
        int pad = (4 - setLen % 4) % 4;
        return new Bytes().u16(9).u16(TPL_RECORDS).u32(360_000).u32(1_700_000_000L).u32(seq + 1L).u32(0)
                .u16(256).u16(setLen + pad).raw(body.bytes()).zeros(pad).bytes();
    }

    static byte[] ipfixTemplate() {
        int n = FIELDS.length + 1;
        Bytes set = new Bytes().u16(256).u16(n);
        for (int[] f : FIELDS) {
            set.u16(f[0]).u16(f[1]);
        }
        set.u16(96).u16(65535); // applicationName, variable length
        return new Bytes().u16(10).u16(16 + 4 + set.size()).u32(1_700_000_000L).u32(0).u32(0)
                .u16(2).u16(4 + set.size()).raw(set.bytes()).bytes();
    }

    static byte[] ipfix(int seq) {
        Bytes body = new Bytes();
        for (int r = 0; r < TPL_RECORDS; r++) {
            record(body, r);
            String app = r % 2 == 0 ? "https" : "dns";
            body.u8(app.length()).raw(app.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return new Bytes().u16(10).u16(16 + 4 + body.size()).u32(1_700_000_000L).u32(seq * 24L).u32(0)
                .u16(256).u16(4 + body.size()).raw(body.bytes()).bytes();
    }

    /** One operation is one packet; {@code records} counts the records in them. */
    @Benchmark
    public void decodePackets(Blackhole bh, Records counts) {
        byte[] p = packets[next];
        next = next + 1 == packets.length ? 0 : next + 1;
        ExportPacket e = decoder.decode(p, ctx);
        counts.records += e.recordCount();
        bh.consume(e);
    }

    /**
     * Decodes one packet and reads every field value of its records: {@link DataRecord#unsigned} for values up
     * to 8 bytes, {@link DataRecord#field(int)} (the typed value) for longer ones (IPv6 addresses, strings).
     */
    @Benchmark
    public void decodeAndRead(Blackhole bh, Records counts) {
        byte[] p = packets[next];
        next = next + 1 == packets.length ? 0 : next + 1;
        ExportPacket e = decoder.decode(p, ctx);
        java.util.List<FlowSet> sets = e.sets();
        long sum = 0;
        for (int s = 0; s < sets.size(); s++) {
            java.util.List<DataRecord> rs = sets.get(s).records();
            for (int k = 0; k < rs.size(); k++) {
                DataRecord r = rs.get(k);
                for (int i = 0, n = r.fieldCount(); i < n; i++) {
                    if (r.valueLength(i) <= 8) {
                        sum += r.unsigned(i);
                    } else {
                        bh.consume(r.field(i).value());
                    }
                }
            }
            counts.records += rs.size();
        }
        bh.consume(sum);
        bh.consume(e);
    }

    private int next;

    /** Records per invocation, for converting packets/s to records/s in the report. */
    public int recordsPerPacket() {
        return records;
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
