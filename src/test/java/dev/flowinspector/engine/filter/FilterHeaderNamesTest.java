package dev.flowinspector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The display filter looks for an element in packet headers only when {@link FilterFields#inHeader} says a header
 * may have a field of that name: so every name a header of each version has must be one it knows.
 */
class FilterHeaderNamesTest {

    @ParameterizedTest(name = "NetFlow v{0}")
    @ValueSource(ints = {1, 5, 7, 8, 9, 10})
    @DisplayName("every header field name is one the filter looks for in headers")
    void headerNamesAreKnown(int version) {
        byte[] d = new byte[64]; // the header (the largest is 28 bytes) and no records
        d[1] = (byte) version;
        d[23] = version == 8 ? (byte) 1 : 0; // v8: aggregation scheme 1 (AS)
        if (version == 10) {
            d[3] = 16; // IPFIX message length: the header alone
        }
        ExportPacket p = new ExportDecoder(new TemplateCache()).decode(d, new DecodeContext(1, 0,
                new Endpoint("192.0.2.1", 2055), new Endpoint("192.0.2.2", 2055), Transport.UDP));
        Set<String> names = new TreeSet<>();
        collect(p.header(), names);
        assertTrue(names.size() >= 5, "header fields of v" + version + ": " + names);
        for (String n : names) {
            assertTrue(FilterFields.inHeader(n), "v" + version + " header field '" + n + "'");
        }
    }

    private static void collect(List<FieldValue> fields, Set<String> out) {
        for (FieldValue f : fields) {
            out.add(f.name());
            collect(f.children(), out);
        }
    }
}
