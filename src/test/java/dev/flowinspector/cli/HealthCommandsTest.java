package dev.flowinspector.cli;

import static dev.flowinspector.decode.health.Hex.ipfix;
import static dev.flowinspector.decode.health.Hex.ipfixTemplate;
import static dev.flowinspector.decode.health.Hex.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.health.Hex;
import dev.flowinspector.engine.TemplateFile;
import dev.flowinspector.testutil.PcapWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flowinspector templates} and {@code flowinspector exporters} on a capture the test writes. */
class HealthCommandsTest {

    static final long T0 = 1_577_836_800L;

    /** IPFIX: template 256 (srcaddr/4), data, a 2-record gap, template changed (adds octets/8), data. */
    static Path capture(Path dir) throws IOException {
        byte[] d1 = set(256, Hex.of().u32(0x0a000001L).u32(0x0a000002L).build());
        byte[] d2 = set(256, Hex.of().u32(0x0a000003L).u64(1500).build());
        return new PcapWriter()
                .udp("192.0.2.1", 50000, "192.0.2.100", 4739, T0 * 1_000_000L, ipfix(T0, 0, 1, ipfixTemplate(256, 8, 4), d1))
                .udp("192.0.2.1", 50000, "192.0.2.100", 4739, (T0 + 60) * 1_000_000L,
                        ipfix(T0 + 60, 4, 1, ipfixTemplate(256, 8, 4, 1, 8), d2))
                .write(dir.resolve("c.pcap"));
    }

    static String[] run(Object cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return new String[] {Integer.toString(rc), out.toString(), err.toString()};
    }

    @Test
    @DisplayName("templates FILE: each template's life, the field diff of its change, the history; --export writes JSON")
    void templates(@TempDir Path dir) throws IOException {
        Path c = capture(dir);
        Path json = dir.resolve("t.json");
        String[] r = run(new TemplatesCommand(), c.toString(), "--export", json.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("192.0.2.1:50000 v10 domain 1 template 256: live"), r[1]);
        assertTrue(r[1].contains("changed in frame 2 (was from frame 1):"), r[1]);
        assertTrue(r[1].contains("field 2 added: octetDeltaCount (1)/8"), r[1]);
        assertTrue(r[1].contains("frame 2: changed 192.0.2.1:50000 v10 domain 1 template 256"), r[1]);
        List<Template> back = TemplateFile.read(json);
        assertEquals(1, back.size());
        assertEquals(2, back.get(0).fields().size());

        String[] at = run(new TemplatesCommand(), c.toString(), "--at", "1");
        assertTrue(at[1].contains("template cache after frame 1: 1 template"), at[1]);
        assertTrue(at[1].contains("1. sourceIPv4Address (8)/4") && !at[1].contains("octetDeltaCount"), at[1]);
    }

    @Test
    @DisplayName("templates FILE: sets decoded with a template that came later count as its uses, as the tree shows them")
    void templatesCountLateUses(@TempDir Path dir) throws IOException {
        // frame 1: data for 256 (2 records) before any template; frame 2: the template and 1 record
        byte[] early = set(256, Hex.of().u32(0x0a000001L).u32(0x0a000002L).build());
        byte[] onTime = set(256, Hex.of().u32(0x0a000003L).build());
        Path c = new PcapWriter()
                .udp("192.0.2.1", 50000, "192.0.2.100", 4739, T0 * 1_000_000L, ipfix(T0, 0, 1, early))
                .udp("192.0.2.1", 50000, "192.0.2.100", 4739, (T0 + 1) * 1_000_000L,
                        ipfix(T0 + 1, 2, 1, ipfixTemplate(256, 8, 4), onTime))
                .write(dir.resolve("late.pcap"));
        String[] r = run(new TemplatesCommand(), c.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("used by 2 data sets (3 records, 1 after the fact)"), r[1]);
        String[] e = run(new ExportersCommand(), c.toString());
        assertTrue(e[1].contains("records 3 (2 with a template that came later)"), e[1]);
    }

    @Test
    @DisplayName("exporters FILE: packets, records, loss in records, refresh cadence")
    void exporters(@TempDir Path dir) throws IOException {
        String[] r = run(new ExportersCommand(), capture(dir).toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("192.0.2.1:50000 IPFIX domain 1"), r[1]);
        assertTrue(r[1].contains("packets 2, records 3, template records 2"), r[1]);
        assertTrue(r[1].contains("sequence: 2 records lost (40.00 %) in 1 gap"), r[1]);
        assertTrue(r[1].contains("templates: refresh every 1 min"), r[1]);
        // every problem of the stream, as decode --problems (and Expert Info) list them: its packets' and the gap
        String[] problems = run(new DecodeCommand(), "--problems", capture(dir).toString());
        long listed = problems[1].lines().filter(l -> !l.isBlank()).count();
        assertTrue(r[1].contains("problems " + listed + ": " + (listed - 1) + " in its packets, 1 across packets"),
                listed + " listed by decode --problems\n" + r[1]);
    }

    @Test
    @DisplayName("exporters FILE: a packet too short to say whose it is is counted in no stream, with its problems")
    void exportersNoStream(@TempDir Path dir) throws IOException {
        byte[] tenBytes = Hex.of().u16(10).u16(10).u32(T0).u16(0).build(); // an IPFIX header needs 16
        Path c = new PcapWriter()
                .udp("192.0.2.1", 50000, "192.0.2.100", 4739, T0 * 1_000_000L, ipfix(T0, 0, 1, ipfixTemplate(256, 8, 4)))
                .udp("192.0.2.1", 50000, "192.0.2.100", 4739, (T0 + 1) * 1_000_000L, tenBytes)
                .write(dir.resolve("short.pcap"));
        String[] r = run(new ExportersCommand(), c.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("2 export packets, 1 exporter stream, 1 in no stream\n"), r[1]);
        assertTrue(r[1].contains("  packets 1, records 0, template records 1"), r[1]);
        // the stream's problems and those of the packet in no stream are every problem decode --problems lists
        String[] problems = run(new DecodeCommand(), "--problems", c.toString());
        long listed = problems[1].lines().filter(l -> !l.isBlank()).count();
        long inStream = problems[1].lines().filter(l -> l.startsWith("frame 1 ")).count();
        assertTrue(r[1].contains("no exporter stream: 1 export packet of a version without streams or with a header too "
                + "short to say whose it is (frame 2)\n  problems " + (listed - inStream) + "\n"), r[1]);
        assertTrue(r[1].contains("problems " + inStream + ": " + inStream + " in its packets"), r[1]);
    }

    @Test
    @DisplayName("A missing file is a one-line message and exit status 2")
    void missingFile(@TempDir Path dir) {
        String[] r = run(new ExportersCommand(), dir.resolve("nope.pcap").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("flowinspector exporters: ") && r[2].contains("no such file"), r[2]);
        String[] t = run(new TemplatesCommand(), dir.resolve("nope.pcap").toString());
        assertEquals("2", t[0]);
    }

    @Test
    @DisplayName("--templates-from: templates come from a JSON file or from another capture")
    void templateImport(@TempDir Path dir) throws IOException {
        Path c = capture(dir);
        List<Template> fromCapture = dev.flowinspector.engine.TemplateImport.load(c,
                dev.flowinspector.capture.ExportPorts.defaults());
        assertEquals(1, fromCapture.size());
        assertEquals(2, fromCapture.get(0).fields().size(), "the last definition");
        Path json = dir.resolve("t.json");
        TemplateFile.write(json, fromCapture, "c.pcap");
        assertTrue(fromCapture.get(0).sameDefinition(dev.flowinspector.engine.TemplateImport.load(json,
                dev.flowinspector.capture.ExportPorts.defaults()).get(0)));
    }
}
