package dev.flowinspector.engine;



import static dev.flowinspector.decode.health.Hex.set;
import static dev.flowinspector.decode.health.Hex.v9;
import static dev.flowinspector.decode.health.Hex.v9Template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.decode.health.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Template export to JSON and import into another capture's decoding. */
class TemplateFileTest {

    static final Endpoint A = new Endpoint("192.0.2.1", 50000);
    static final Endpoint B = new Endpoint("198.51.100.7", 9999);
    static final Endpoint C = new Endpoint("192.0.2.100", 2055);
    static final long T0 = 1_577_836_800L;

    static Frame frame(long n, Endpoint src, byte[] payload) {
        return new Frame(n, (T0 + n) * 1_000_000_000L, src, C, Transport.UDP, payload, -1, null, -1, null, List.of());
    }

    /** A capture with a template (srcaddr/4, dstaddr/4, bytes/4) and an options template (scope interface). */
    static Decoding withTemplates() {
        Decoding d = new Decoding(DecodingOptions.defaults());
        d.accept(frame(1, A, v9(2, 1000, T0, 1, 3, v9Template(256, 8, 4, 12, 4, 1, 4),
                Hex.v9OptionsTemplate(257, new int[] {2, 4}, new int[] {34, 4}))));
        return d;
    }

    @Test
    @DisplayName("Templates written to JSON read back with the same definitions")
    void roundTrip(@TempDir Path dir) throws IOException {
        List<Template> ts = withTemplates().cache().templates();
        Path f = dir.resolve("t.json");
        TemplateFile.write(f, ts, "a.pcap");
        String text = Files.readString(f);
        assertTrue(text.contains("\"format\" : \"flowinspector-templates\""), text);
        List<Template> back = TemplateFile.read(f);
        assertEquals(2, back.size());
        for (int i = 0; i < ts.size(); i++) {
            assertEquals(ts.get(i).key(), back.get(i).key());
            assertTrue(ts.get(i).sameDefinition(back.get(i)), ts.get(i) + " vs " + back.get(i));
            assertEquals(0, back.get(i).originFrame());
        }
    }

    @Test
    @DisplayName("A capture without templates decodes with templates imported from another exporter's capture")
    void importDecodesOtherCapture() throws IOException {
        List<Template> imported = TemplateFile.parse(TemplateFile.toJson(withTemplates().cache().templates(), null),
                "t.json");
        byte[] data = v9(1, 5000, T0 + 5, 77, 3, set(256, Hex.of().u32(0x0a000001L).u32(0x0a000002L).u32(1234).build()));

        Decoding without = new Decoding(DecodingOptions.defaults());
        ExportPacket p0 = without.accept(frame(1, B, data));
        assertTrue(p0.problems().stream().anyMatch(p -> p.code().equals("data.template.missing")));

        Decoding with = new Decoding(DecodingOptions.defaults().withImportedTemplates(imported));
        ExportPacket p = with.accept(frame(1, B, data));
        assertFalse(p.problems().stream().map(Problem::code).toList().contains("data.template.missing"),
                p.problems().toString());
        FlowSet s = p.sets().get(0);
        assertEquals(0, s.templateFrame(), "imported: origin frame 0");
        assertEquals("10.0.0.1", s.records().get(0).field("sourceIPv4Address").value());
        assertEquals(1234L, s.records().get(0).field("octetDeltaCount").value());

        Decoding exact = new Decoding(DecodingOptions.defaults().withImportedTemplates(imported)
                .withImportMatch(DecodingOptions.ImportMatch.EXACT));
        assertTrue(exact.accept(frame(1, B, data)).problems().stream()
                .anyMatch(x -> x.code().equals("data.template.missing")), "EXACT does not re-key to exporter B");
    }

    @Test
    @DisplayName("Bad template files are refused with a message naming the file and the template")
    void badFiles() {
        IOException e1 = assertThrows(IOException.class, () -> TemplateFile.parse("{ nope", "x.json"));
        assertTrue(e1.getMessage().startsWith("x.json: not JSON"), e1.getMessage());
        IOException e2 = assertThrows(IOException.class, () -> TemplateFile.parse("{\"format\":\"other\"}", "x.json"));
        assertTrue(e2.getMessage().contains("not a FlowInspector template file"), e2.getMessage());
        IOException e3 = assertThrows(IOException.class, () -> TemplateFile.parse(
                "{\"format\":\"flowinspector-templates\",\"templates\":[{\"version\":9,\"id\":12,\"fields\":[]}]}",
                "x.json"));
        assertEquals("x.json: template 1: template id 12 is not in 256-65535", e3.getMessage());
        IOException e4 = assertThrows(IOException.class, () -> TemplateFile.parse(
                "{\"format\":\"flowinspector-templates\",\"templates\":[{\"version\":10,\"id\":300,"
                        + "\"fields\":[{\"id\":8}]}]}", "x.json"));
        assertEquals("x.json: template 1 (id 300), field 1: \"length\" is missing or not a number", e4.getMessage());
    }
}
