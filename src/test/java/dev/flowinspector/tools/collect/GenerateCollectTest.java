package dev.flowinspector.tools.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.tools.generate.GeneratedPacket;
import dev.flowinspector.tools.generate.GeneratedRecord;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.tools.generate.PacketSink;
import dev.flowinspector.tools.generate.UdpSender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("generate → collect on loopback: every record, every field")
class GenerateCollectTest {

    private static final Set<String> META = Set.of("exporter", "version", "domain", "templateId", "options",
            "lateTemplate", "received", "exportTime", "sequence", "flowStart", "flowEnd");

    @TempDir
    Path dir;

    /** Sends through a UDP sender and keeps what was sent. */
    static final class Recording implements PacketSink {
        final UdpSender udp;
        final List<GeneratedPacket> sent = new ArrayList<>();

        Recording(UdpSender udp) {
            this.udp = udp;
        }

        @Override
        public void packet(GeneratedPacket p) throws IOException {
            sent.add(p);
            udp.packet(p);
        }

        @Override
        public boolean wantsRecords() {
            return true;
        }
    }

    static List<JsonNode> readJsonLines(List<Path> files) throws IOException {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (Path f : files) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)),
                    StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    out.add(m.readTree(s));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "NetFlow version {0}")
    @ValueSource(ints = {5, 9, 10})
    @DisplayName("collected records equal generated records, field by field, per exporter in order")
    void roundTrip(int version) throws Exception {
        InetAddress lo = dev.flowinspector.testutil.Loopback.v4(1);
        Collector.Options o = Collector.Options.of(List.of(0), dir.resolve("flows-%Y%m%d.jsonl.gz").toString())
                .withBind(lo).withRotation(0, 0, ZoneOffset.UTC);
        Collector c = new Collector(o);
        c.start();
        int port = c.locals().get(0).port();
        GeneratorOptions g = new GeneratorOptions();
        g.versions = List.of(version);
        g.exporters = 3;
        g.count = 60;
        g.rate = 3000;
        g.templateRefresh = 10;
        g.seed = 42;
        g.faults = dev.flowinspector.tools.generate.Fault.parse("missing-template");
        g.faultAt = 2;
        Recording rec;
        try (UdpSender udp = new UdpSender(new InetSocketAddress(lo, port), g.exporters)) {
            rec = new Recording(udp);
            new Generator(g).run(rec);
            Map<Integer, Endpoint> endpoints = new HashMap<>();
            for (int i = 0; i < g.exporters; i++) {
                endpoints.put(i, udp.endpoint(i));
            }
            Thread.sleep(200);
            c.stop();
            Collector.Stats s = c.stats();
            assertEquals(0, s.drops());
            assertEquals(60, s.packets());
            List<JsonNode> got = readJsonLines(c.files());
            Map<String, Iterator<JsonNode>> byExporter = new HashMap<>();
            Map<String, List<JsonNode>> groups = new HashMap<>();
            for (JsonNode n : got) {
                groups.computeIfAbsent(n.get("exporter").asText(), k -> new ArrayList<>()).add(n);
            }
            groups.forEach((k, v) -> byExporter.put(k, v.iterator()));
            int compared = 0;
            int late = 0;
            // records of an exporter arrive in send order, except data that waited for its template: it is
            // written when the template arrives, i.e. after the records of the packet that carried it
            Map<String, List<GeneratedRecord>> expected = new HashMap<>();
            for (GeneratedPacket p : rec.sent) {
                expected.computeIfAbsent(endpoints.get(p.exporter()).toString(), k -> new ArrayList<>()).addAll(p.records());
            }
            for (Map.Entry<String, List<GeneratedRecord>> e : expected.entrySet()) {
                List<JsonNode> mine = groups.getOrDefault(e.getKey(), List.of());
                assertEquals(e.getValue().size(), mine.size(), "records from " + e.getKey());
                List<JsonNode> pool = new ArrayList<>(mine);
                for (GeneratedRecord r : e.getValue()) {
                    JsonNode match = null;
                    for (JsonNode n : pool) {
                        if (n.get("templateId").asInt() == r.templateId() && same(r.fields(), n)) {
                            match = n;
                            break;
                        }
                    }
                    assertNotNull(match, "no collected record equals generated " + r + " from " + e.getKey());
                    pool.remove(match);
                    assertEquals(version, match.get("version").asInt());
                    if (!r.options()) {
                        assertTrue(match.has("flowStart") && match.has("flowEnd"), "absolute times in " + match);
                        Instant st = Instant.parse(match.get("flowStart").asText());
                        Instant en = Instant.parse(match.get("flowEnd").asText());
                        assertFalse(st.isAfter(en), "start after end: " + match);
                        long ageMs = Instant.parse(match.get("received").asText()).toEpochMilli() - en.toEpochMilli();
                        assertTrue(ageMs >= -5 && ageMs < 120_000, "flow end " + en + " is not shortly before arrival: " + match);
                    }
                    if (match.path("lateTemplate").asBoolean(false)) {
                        late++;
                    }
                    compared++;
                }
            }
            assertTrue(compared > 300, "compared " + compared);
            if (version != 5) {
                assertTrue(late > 0, "data sent before its template was decoded late");
                assertEquals(0, s.unresolvedSets());
            }
        }
    }

    /** Every generated field equals the collected one, and the collected record has no other field. */
    private static boolean same(Map<String, Object> want, JsonNode n) {
        int fields = 0;
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            if (!META.contains(it.next())) {
                fields++;
            }
        }
        if (fields != want.size()) {
            return false;
        }
        for (Map.Entry<String, Object> e : want.entrySet()) {
            JsonNode v = n.get(e.getKey());
            if (v == null) {
                return false;
            }
            Object w = e.getValue();
            if (w instanceof Long l) {
                if (!v.isNumber() || v.asLong() != l) {
                    return false;
                }
            } else if (w instanceof Instant i) {
                if (!v.isTextual() || !Instant.parse(v.asText()).equals(i)) {
                    return false;
                }
            } else if (!v.isTextual() || !v.asText().equals(String.valueOf(w))) {
                return false;
            }
        }
        return true;
    }
}
