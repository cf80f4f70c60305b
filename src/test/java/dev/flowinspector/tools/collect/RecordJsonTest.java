package dev.flowinspector.tools.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.testutil.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Test
    @DisplayName("a field named like a member the record object starts with is written as a repeat: templateId (IANA 145) in "
            + "RFC 7011's flow keys options becomes templateId#2, the object has no member twice")
    void fieldNamedLikeAMember() throws Exception {
        // RFC 7011 section 4.4: options template 258, scope templateId (2 bytes), flowKeyIndicator (8 bytes); one
        // record saying which fields of template 256 are its flow keys (the first two); then a templateId the
        // exporter happens to send twice in another template, to see the numbering go on
        byte[] msg = new Bytes().u16(10).u16(16 + 18 + 14 + 16 + 8).u32(1_700_000_000L).u32(0).u32(1)
                .u16(3).u16(18).u16(258).u16(2).u16(1).u16(145).u16(2).u16(173).u16(8)
                .u16(258).u16(14).u16(256).u64(0x3)
                .u16(2).u16(16).u16(259).u16(2).u16(145).u16(2).u16(145).u16(2)
                .u16(259).u16(8).u16(7).u16(9)
                .bytes();
        DecodeContext ctx = new DecodeContext(1, 0, new Endpoint("192.0.2.1", 40000),
                new Endpoint("198.51.100.9", 4739), Transport.UDP);
        ExportPacket p = new ExportDecoder(new TemplateCache()).decode(msg, ctx);
        assertFalse(p.sets().stream().anyMatch(s -> s.records().isEmpty() && s.template() != null),
                "both data sets decode");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordJson json = new RecordJson();
        json.target(out);
        for (FlowSet s : p.sets()) {
            json.write(p, s, 1_700_000_000_000_000_000L);
        }
        json.flush();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, out.toString(StandardCharsets.UTF_8));

        JsonNode keys = STRICT.readTree(lines[0]); // a member twice would throw here
        assertEquals(258, keys.get("templateId").asInt(), "the record's template");
        assertEquals(256, keys.get("templateId#2").asInt(), "the record's templateId field");
        assertEquals(3, keys.get("flowKeyIndicator").asLong());

        JsonNode twice = STRICT.readTree(lines[1]);
        assertEquals(259, twice.get("templateId").asInt());
        assertEquals(7, twice.get("templateId#2").asInt());
        assertEquals(9, twice.get("templateId#3").asInt());
    }
}
