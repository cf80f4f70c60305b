package dev.flowinspector.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.CaptureWriter;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.Skimmer;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.testutil.TestPackets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("First pass skimmed in place (decode -F fields) keeps the template history of the full first pass")
class SkimTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * S;
    private static final Endpoint EXPORTER = new Endpoint("192.0.2.1", 50000);
    private static final Endpoint EXPORTER6 = new Endpoint("2001:db8::1", 50001);
    private static final Endpoint COLLECTOR = new Endpoint("192.0.2.9", 4739);
    private static final Endpoint COLLECTOR6 = new Endpoint("2001:db8::9", 4739);

    @TempDir
    Path dir;

    /** What one first pass gave: the template history, frames and skipped counts, and every frame decoded again. */
    private record Pass(List<TemplateEvent> history, long frames, long skipped, int passed, List<String> redecoded) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"skim.pcap", "skim.pcapng", "skim.pcap.gz"})
    @DisplayName("templates, options, fragments, IPv6, TCP and non-export frames: same history and expiry either way")
    void sameHistory(String name) throws IOException {
        Path file = capture(name);
        Pass full = pass(file, false);
        Pass skim = pass(file, true);
        assertEquals(events(full), events(skim));
        assertEquals(full.history(), skim.history());
        assertEquals(full.redecoded(), skim.redecoded());
        assertEquals(full.frames(), skim.frames());
        assertEquals(full.skipped(), skim.skipped());
        assertEquals(0, full.passed());
        // data-only frames (2, 4, 9, 12-17; over IPv4 and IPv6) and the v5 frame (18) were looked at in place
        assertEquals(10, skim.passed(), "export frames taken in place");
        // an expiry seen at a frame that was skimmed (frame 9: data only, after a long pause)
        assertTrue(skim.history().stream().anyMatch(e -> e.kind() == TemplateEvent.Kind.EXPIRED && e.frame() == 9),
                events(skim));
        // the template again, in two IPv4 fragments (frames 10 and 11), learned at the frame completing it
        assertTrue(skim.history().stream().anyMatch(e -> e.kind() == TemplateEvent.Kind.ADDED && e.frame() == 11),
                events(skim));
        // options data after its options template is read whole: it may teach types
        assertTrue(skim.history().stream().anyMatch(e -> e.template() != null && e.template().options()));
    }

    /**
     * Reads the file once as decode -F fields' first pass does (skimming in place), or as the other outputs' first
     * pass does (every frame decoded whole).
     */
    private static Pass pass(Path file, boolean inPlace) throws IOException {
        Decoding d = new Decoding(DecodingOptions.defaults().withTemplateTimeout(Duration.ofSeconds(30)));
        List<Frame> all = new ArrayList<>();
        int[] passed = {0};
        long frames;
        long skipped;
        try (CaptureReader r = CaptureFiles.open(file, ExportPorts.defaults().withoutChecksums())) {
            if (inPlace) {
                Skimmer s = d.skimmer();
                assertTrue(r.skim(new Skimmer() {
                    @Override
                    public boolean wants(byte[] b, int off, int len) {
                        return s.wants(b, off, len);
                    }

                    @Override
                    public void passed(long number, long timeNanos) {
                        passed[0]++;
                        s.passed(number, timeNanos);
                    }
                }));
            }
            for (Frame f; (f = r.next()) != null; ) {
                if (inPlace) {
                    d.skim(f);
                } else {
                    d.accept(f); // the reference: every frame decoded whole
                }
                all.add(f);
            }
            assertNull(r.damage());
            frames = r.frames();
            skipped = r.skipped();
        }
        d.finish();
        // the second pass reads every frame whole again, decoded with the history of the first
        List<String> again = new ArrayList<>();
        if (inPlace) {
            all.clear();
            try (CaptureReader r = CaptureFiles.open(file, ExportPorts.defaults().withoutChecksums())) {
                for (Frame f; (f = r.next()) != null; ) {
                    all.add(f);
                }
            }
        }
        for (Frame f : all) {
            ExportPacket p = d.redecode(f);
            StringBuilder sb = new StringBuilder(f.number() + ":");
            for (FlowSet s : p.sets()) {
                sb.append(' ').append(s.id()).append('/').append(s.kind()).append('/')
                        .append(s.template() == null ? "-" : s.template().key().templateId() + "@" + s.templateFrame())
                        .append('/').append(s.records().size());
            }
            again.add(sb.toString());
        }
        assertFalse(again.isEmpty());
        return new Pass(d.history(), frames, skipped, passed[0], again);
    }

    private static String events(Pass p) {
        return p.history().stream().map(e -> e.kind().label() + "@" + e.frame() + ":" + e.key().templateId())
                .toList().toString();
    }

    /** The test capture, frame by frame (numbers in the comments). */
    private Path capture(String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CaptureWriter.Format format = name.contains("pcapng") ? CaptureWriter.Format.PCAPNG : CaptureWriter.Format.PCAP;
        try (CaptureWriter w = CaptureWriter.on(bytes, format, false, null)) {
            byte[] tmpl = TestPackets.ipfix(1, true, "10.0.0.1", "10.0.0.2", 100);
            w.udp(T0, EXPORTER, COLLECTOR, tmpl, 0, tmpl.length); // 1: template 256 + data
            data(w, T0 + S, 2, EXPORTER, COLLECTOR); // 2: data only
            w.packet(1, T0 + 2 * S, arp(), null); // 3: ARP
            data(w, T0 + 3 * S, 3, EXPORTER6, COLLECTOR6); // 4: data only over IPv6 (no template for this exporter)
            byte[] dns = "not netflow at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            w.udp(T0 + 4 * S, new Endpoint("192.0.2.5", 5353), new Endpoint("192.0.2.6", 53), dns, 0, dns.length); // 5
            byte[] opt = optionsTemplateAndData();
            w.udp(T0 + 5 * S, EXPORTER, COLLECTOR, opt, 0, opt.length); // 6: options template 257 + options data
            byte[] optData = optionsDataOnly();
            w.udp(T0 + 6 * S, EXPORTER, COLLECTOR, optData, 0, optData.length); // 7: options data alone: read whole
            w.packet(1, T0 + 7 * S, ether(ipv4(6, 0, 0, tcp())), null); // 8: TCP to port 80: through the parser
            data(w, T0 + 100 * S, 4, EXPORTER, COLLECTOR); // 9: data only, templates expire before it
            byte[] again = TestPackets.ipfix(5, true, "10.0.0.1", "10.0.0.2", 100);
            byte[] udp = udp(50000, 4739, again);
            w.packet(1, T0 + 101 * S, ether(ipv4(17, 7, 0x2000, java.util.Arrays.copyOfRange(udp, 0, 24))), null); // 10
            w.packet(1, T0 + 101 * S + 1000, ether(ipv4(17, 7, 3, java.util.Arrays.copyOfRange(udp, 24, udp.length))),
                    null); // 11: last fragment: the template again
            for (int i = 0; i < 6; i++) {
                data(w, T0 + (102 + i) * S, 6 + i, i % 3 == 2 ? EXPORTER6 : EXPORTER,
                        i % 3 == 2 ? COLLECTOR6 : COLLECTOR); // 12-17: data only
            }
            byte[] v5 = TestPackets.v5(1, "10.1.1.1", "10.1.1.2", 1000, 80, 6, 3, 300);
            w.udp(T0 + 108 * S, new Endpoint("192.0.2.7", 40000), new Endpoint("192.0.2.9", 2055), v5, 0, v5.length); // 18
        }
        byte[] b = bytes.toByteArray();
        Path p = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
                o.write(b);
            }
        } else {
            Files.write(p, b);
        }
        return p;
    }

    private static void data(CaptureWriter w, long t, int seq, Endpoint src, Endpoint dst) throws IOException {
        byte[] d = TestPackets.ipfix(seq, false, "10.0.0.1", "10.0.0.2", 100 + seq);
        w.udp(t, src, dst, d, 0, d.length);
    }

    /** IPFIX: options template 257 (scope observationDomainId, samplingInterval) and one options record. */
    private static byte[] optionsTemplateAndData() {
        ByteBuffer t = ByteBuffer.allocate(16 + 18 + 12);
        t.putShort((short) 10).putShort((short) (16 + 18 + 12)).putInt(1_700_000_005).putInt(2).putInt(7);
        t.putShort((short) 3).putShort((short) 18).putShort((short) 257).putShort((short) 2).putShort((short) 1)
                .putShort((short) 149).putShort((short) 4).putShort((short) 34).putShort((short) 4);
        t.putShort((short) 257).putShort((short) 12).putInt(7).putInt(100);
        return t.array();
    }

    private static byte[] optionsDataOnly() {
        ByteBuffer t = ByteBuffer.allocate(16 + 12);
        t.putShort((short) 10).putShort((short) 28).putInt(1_700_000_006).putInt(3).putInt(7);
        t.putShort((short) 257).putShort((short) 12).putInt(7).putInt(1000);
        return t.array();
    }

    private static byte[] udp(int sport, int dport, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        return b.array();
    }

    private static byte[] tcp() {
        ByteBuffer b = ByteBuffer.allocate(20 + 4);
        b.putShort((short) 40000).putShort((short) 80).putInt(1).putInt(0).put((byte) 0x50).put((byte) 0x18)
                .putShort((short) 1024).putShort((short) 0).putShort((short) 0).put(new byte[] {'G', 'E', 'T', ' '});
        return b.array();
    }

    /** An IPv4 packet from the exporter to the collector: protocol, identification, flags and fragment offset. */
    private static byte[] ipv4(int proto, int id, int fragField, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(20 + body.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + body.length)).putShort((short) id)
                .putShort((short) fragField).put((byte) 64).put((byte) proto).putShort((short) 0)
                .put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 9}).put(body);
        return b.array();
    }

    private static byte[] ether(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(14 + ip.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 9, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800).put(ip);
        return b.array();
    }

    private static byte[] arp() {
        ByteBuffer b = ByteBuffer.allocate(14 + 28);
        b.put(new byte[] {-1, -1, -1, -1, -1, -1, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0806).put(new byte[28]);
        return b.array();
    }
}
