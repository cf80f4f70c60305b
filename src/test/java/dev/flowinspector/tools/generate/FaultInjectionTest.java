package dev.flowinspector.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator's faults, checked through the engine's one-pass decoding (per-packet and cross-packet checks, as
 * {@code decode --one-pass} and the GUI see them): clean output raises nothing and decodes every record the
 * generator wrote, with its values; each fault raises its registered problem at exactly the frames it was
 * injected into.
 */
@DisplayName("generate: clean output decodes without problems; each fault raises its problem")
class FaultInjectionTest {

    private static final int EXPORTERS = 2;
    private static final int FAULT_AT = 3;

    /** What the generator sent, with each packet's frame number (1-based, in sending order). */
    record Generated(List<GeneratedPacket> packets) {
        /** Frame numbers of the packets the scheduled fault went into (each exporter's packet FAULT_AT + 1). */
        Set<Long> faulted() {
            return frames((p, n) -> !p.duplicate() && n == FAULT_AT + 1);
        }

        /** Frame numbers of the second copies sent by duplicate-seq. */
        Set<Long> duplicates() {
            return frames((p, n) -> p.duplicate());
        }

        /** Frame numbers of the packets sent before their exporter's first template (missing-template). */
        Set<Long> beforeTemplates() {
            return frames((p, n) -> !p.duplicate() && n < FAULT_AT);
        }

        /** For each frame, the frame of its exporter's next packet. */
        Set<Long> nextOfSameExporter(Set<Long> frames) {
            Set<Long> out = new TreeSet<>();
            for (long f : frames) {
                int exporter = packets.get((int) f - 1).exporter();
                for (int i = (int) f; i < packets.size(); i++) {
                    if (packets.get(i).exporter() == exporter) {
                        out.add(i + 1L);
                        break;
                    }
                }
            }
            return out;
        }

        private Set<Long> frames(java.util.function.BiPredicate<GeneratedPacket, Integer> which) {
            Set<Long> out = new TreeSet<>();
            Map<Integer, Integer> sent = new HashMap<>();
            for (int i = 0; i < packets.size(); i++) {
                GeneratedPacket p = packets.get(i);
                int n = sent.getOrDefault(p.exporter(), 0); // packets this exporter built before p
                if (which.test(p, n)) {
                    out.add(i + 1L);
                }
                if (!p.duplicate()) {
                    sent.put(p.exporter(), n + 1);
                }
            }
            return out;
        }
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {5, 9, 10})
    @DisplayName("duplicate-seq: the copy is one of --count's packets, and its records are counted as sent")
    void duplicateWithinCount(int version) throws Exception {
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.of(version);
        o.count = 24;
        o.startMillis = 1_714_564_800_000L;
        o.faults = EnumSet.of(Fault.DUPLICATE_SEQ);
        o.faultAt = FAULT_AT;
        o.seed = 3;
        List<GeneratedPacket> out = new ArrayList<>();
        Generator.Stats st = run(o, out);
        assertEquals(24, out.size(), "packets sent");
        assertEquals(24, st.packets(), "packets said");
        assertTrue(out.stream().anyMatch(GeneratedPacket::duplicate), "a copy was sent");
        assertEquals(out.stream().mapToLong(p -> p.records().size()).sum(), st.records(), "records said, copies too");
    }

    static Generated generate(int version, Set<Fault> faults) throws Exception {
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.of(version);
        o.exporters = EXPORTERS;
        o.count = 24;
        o.templateRefresh = 5;
        o.startMillis = 1_714_564_800_000L;
        o.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        o.faultAt = FAULT_AT;
        o.seed = 3;
        List<GeneratedPacket> out = new ArrayList<>();
        run(o, out);
        return new Generated(out);
    }

    /** Runs the generator, its packets (with their records) into out. */
    private static Generator.Stats run(GeneratorOptions o, List<GeneratedPacket> out) throws Exception {
        return new Generator(o).run(new PacketSink() {
            @Override
            public void packet(GeneratedPacket p) {
                out.add(p);
            }

            @Override
            public boolean wantsRecords() {
                return true;
            }
        });
    }

    /** Decodes in order through the engine (one pass, cross-packet checks included). */
    static List<ExportPacket> decode(Generated g) {
        Decoding d = new Decoding(DecodingOptions.defaults());
        List<ExportPacket> out = new ArrayList<>();
        long frame = 0;
        for (GeneratedPacket p : g.packets()) {
            frame++;
            out.add(d.accept(new Frame(frame, p.timeMillis() * 1_000_000L, p.source(), p.destination(),
                    Transport.UDP, p.payload(), 1, p.payload(), -1, null, List.of())));
        }
        d.finish();
        return out;
    }

    /** Problem codes by frame, each problem checked to be registered and to point inside its packet. */
    static Map<Long, Set<String>> codes(List<ExportPacket> decoded) {
        Map<Long, Set<String>> out = new TreeMap<>();
        for (ExportPacket p : decoded) {
            for (Problem pr : p.problems()) {
                assertNotNull(Problems.byCode(pr.code()), "registered: " + pr.code());
                assertTrue(pr.offset() >= 0 && pr.length() >= 0 && pr.offset() + pr.length() <= p.data().length,
                        "frame " + p.frame() + ": " + pr + " inside the packet");
                out.computeIfAbsent(p.frame(), k -> new TreeSet<>()).add(pr.code());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {5, 9, 10})
    @DisplayName("without faults: no problem at all, every record decoded")
    void clean(int version) throws Exception {
        Generated g = generate(version, Set.of());
        List<ExportPacket> decoded = decode(g);
        assertEquals(Map.of(), codes(decoded), "problems by frame");
        long records = 0;
        for (int i = 0; i < decoded.size(); i++) {
            List<GeneratedRecord> sent = g.packets().get(i).records();
            List<DataRecord> got = new ArrayList<>();
            List<Integer> templateIds = new ArrayList<>();
            for (FlowSet s : decoded.get(i).sets()) {
                for (DataRecord r : s.records()) {
                    got.add(r);
                    templateIds.add(s.template() == null ? 0 : s.template().id());
                }
            }
            String where = "frame " + (i + 1);
            assertEquals(sent.size(), got.size(), where + ": records decoded");
            for (int k = 0; k < sent.size(); k++) {
                assertEquals(sent.get(k).templateId(), templateIds.get(k), where + " record " + (k + 1));
                sameValues(sent.get(k).fields(), got.get(k), where + " record " + (k + 1));
            }
            records += sent.size();
        }
        assertTrue(records > 24 * 5, "records generated and decoded: " + records);
    }

    /** Every value the generator wrote is the decoded field's value (integers, addresses, strings, times). */
    private static void sameValues(Map<String, Object> expected, DataRecord r, String where) {
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            FieldValue f = r.fields().stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElse(null);
            assertNotNull(f, where + ": field " + e.getKey());
            Object want = e.getValue();
            Object got = f.value();
            if (want instanceof Long l) {
                assertTrue(got instanceof Number, where + ": " + e.getKey() + " is a number: " + got);
                assertEquals(l.longValue(), ((Number) got).longValue(), where + ": " + e.getKey());
            } else if (want instanceof Instant t) {
                assertEquals(t, got, where + ": " + e.getKey());
            } else {
                assertEquals(String.valueOf(want), String.valueOf(got), where + ": " + e.getKey());
            }
        }
    }

    static Stream<Arguments> faults() {
        List<Arguments> a = new ArrayList<>();
        for (Fault f : Fault.values()) {
            for (int v : new int[] {5, 9, 10}) {
                if (f.appliesTo(v)) {
                    a.add(Arguments.of(f, v));
                }
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} in version {1}")
    @MethodSource("faults")
    @DisplayName("the fault raises the problem the inspector reports for it, at the frames it went into")
    void fault(Fault f, int version) throws Exception {
        String code = f.code(version);
        assertNotNull(Problems.byCode(code), "registered code " + code);
        Generated g = generate(version, Set.of(f));
        Map<Long, Set<String>> codes = codes(decode(g));
        Set<Long> expected = switch (f) {
            case MISSING_TEMPLATE -> g.beforeTemplates();
            case DUPLICATE_SEQ -> g.duplicates();
            default -> g.faulted();
        };
        assertEquals(f == Fault.MISSING_TEMPLATE ? EXPORTERS * FAULT_AT : EXPORTERS, expected.size(),
                "frames the fault went into: " + expected);
        Set<Long> raised = new TreeSet<>();
        codes.forEach((frame, c) -> {
            if (c.contains(code)) {
                raised.add(frame);
            }
        });
        assertEquals(expected, raised, f.flag() + " v" + version + ": frames raising " + code + "; all: " + codes);
        // the fault is what went wrong: other frames stay clean, except for the knock-on the fault explains, in
        // the next packet of the same exporter
        Set<Long> touched = new TreeSet<>(expected);
        touched.addAll(g.faulted());
        touched.addAll(g.duplicates());
        Set<Long> next = g.nextOfSameExporter(touched);
        codes.forEach((frame, c) -> {
            if (!touched.contains(frame)) {
                Set<String> other = new TreeSet<>(c);
                if (next.contains(frame)) {
                    other.removeAll(knockOn(f));
                }
                assertEquals(Set.of(), other, f.flag() + " v" + version + ": frame " + frame
                        + " untouched by the fault (touched " + touched + "; all: " + codes + ")");
            }
        });
        assertFalse(raised.isEmpty());
    }

    /** Problems a fault legitimately causes in the next packet of the same exporter. */
    private static Set<String> knockOn(Fault f) {
        return switch (f) {
            // the records of the packets without templates (IPFIX counts records) or of a packet with a wrong
            // count are not known: the next sequence number cannot be checked
            case MISSING_TEMPLATE, BAD_COUNT -> Set.of("sequence.unknown");
            // a count of zero: the next sequence number looks as if it counted that packet's own records
            case COUNT_ZERO -> Set.of("sequence.counts.current");
            // the cut packet's records never arrived
            case TRUNCATED -> Set.of("sequence.loss");
            default -> Set.of();
        };
    }
}
