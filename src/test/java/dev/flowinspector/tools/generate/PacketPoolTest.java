package dev.flowinspector.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("generate at high rates: pooled packets, re-stamped, decode like built ones")
class PacketPoolTest {

    private static final Endpoint EXPORTER = new Endpoint("127.0.55.21", 40000);
    private static final Endpoint COLLECTOR = new Endpoint("127.0.55.20", 21000);

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {5, 9, 10})
    @DisplayName("sequence numbers and clocks move on, flows end before the export time, counters vary, no problem")
    void restamped(int version) {
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.of(version);
        o.templateRefresh = 40;
        long start = 1_714_564_800_000L;
        Exporter e = new Exporter(0, version, o, new SplittableRandom(5), start);
        PacketPool pool = new PacketPool(e, 8, start, 11);
        Decoding d = new Decoding(DecodingOptions.defaults());
        long records = 0;
        long sent = 0;
        long lastSeq = -1;
        long lastCount = 0;
        Set<String> octets = new HashSet<>();
        int pooled = 0;
        for (int i = 0; i < 200; i++) {
            long now = start + 2_500 + i * 37L; // packets from the pool are sent later than they were built
            ByteBuffer b = pool.next(now);
            byte[] payload = new byte[b.remaining()];
            b.get(payload);
            int n = pool.lastRecords();
            ExportPacket p = d.accept(new Frame(i + 1, now * 1_000_000L, EXPORTER, COLLECTOR, Transport.UDP, payload, -1,
                    null, -1, null, List.of()));
            assertEquals(List.of(), p.problems(), "packet " + i + " (" + p.info() + ")");
            if (p.templateCount() == 0) {
                pooled++;
            }
            long got = 0;
            for (FlowSet s : p.sets()) {
                got += s.records().size();
                for (DataRecord r : s.records()) {
                    Instant end = time(r, "flowEnd");
                    Instant begin = time(r, "flowStart");
                    if (end != null) {
                        assertTrue(!end.isAfter(Instant.ofEpochMilli(now)), "flow ends by the export time: " + end);
                        // v9 carries whole seconds: its flows end within the second before the export second
                        assertTrue(end.isAfter(Instant.ofEpochMilli(now - (version == 9 ? 2_000 : 1_000))), "v" + version + " packet " + i + " at " + Instant.ofEpochMilli(now) + ": flow ended recently: " + end);
                        assertTrue(!begin.isAfter(end), "starts before it ends");
                    }
                    FieldValue oc = r.field("octetDeltaCount");
                    if (oc != null) {
                        octets.add(String.valueOf(oc.value()));
                    }
                }
            }
            assertEquals(n, got, "records counted as sent");
            assertEquals(now / 1000, p.exportMillis() / 1000, "export time is the send time");
            if (lastSeq >= 0) {
                assertEquals(version == 9 ? lastSeq + 1 : lastSeq + lastCount, p.sequence(), "sequence, packet " + i);
            }
            lastSeq = p.sequence();
            lastCount = got;
            records += got;
            sent++;
        }
        assertEquals(version == 5 ? 200 : 195, pooled, "templates every 40 packets, built; the rest from the pool");
        assertTrue(octets.size() > 1000, "counters vary although 8 packets are re-sent: " + octets.size());
        assertEquals(200, sent);
        assertNotEquals(0, records);
    }

    /** The absolute time of the first field whose name starts with the prefix (sysUptime ones resolved). */
    private static Instant time(DataRecord r, String prefix) {
        for (FieldValue f : r.fields()) {
            if (f.name().startsWith(prefix)) {
                if (f.value() instanceof Instant t) {
                    return t;
                }
                FieldValue a = f.child("absolute");
                if (a != null && a.value() instanceof Instant t) {
                    return t;
                }
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0} exporters")
    @ValueSource(ints = {1, 3, 10_000})
    @DisplayName("the pool stays about 8 k packets, at least 4 per exporter")
    void poolSize(int exporters) {
        int per = Generator.poolSize(exporters);
        assertTrue(per >= 4 && (per * (long) exporters <= 8192 || per == 4), exporters + " exporters: " + per);
    }
}
