package dev.flowinspector.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.DecodeOptions;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import java.io.ByteArrayOutputStream;

/**
 * Fuzzes RFC 6313 structured data: a fixed IPFIX template set defines templates with basicList,
 * subTemplateList and subTemplateMultiList fields that refer to each other (so lists nest), and the fuzzer
 * writes the data records.
 */
class ListsFuzzTest {

    /** Template ids the data set may use. */
    static final int[] DATA_TEMPLATES = {256, 257, 258, 259};

    /**
     * After the template message, up to three messages; script ({@link Input}): per message a byte choosing the
     * data set's template and a chunk of records.
     */
    @FuzzTest
    void lists(byte[] data) {
        Input in = new Input(data);
        TemplateCache cache = new TemplateCache();
        ExportDecoder dec = new ExportDecoder(cache, DecoderFuzzTest.REGISTRY, DecodeOptions.DEFAULTS);
        DecodeContext ctx = new DecodeContext(1, 0, new Endpoint("192.0.2.9", 4739),
                new Endpoint("198.51.100.7", 4739), Transport.UDP);
        byte[] t = message(templateSet(), 0);
        Invariants.check(dec.decode(t, ctx), t);
        for (int i = 0; i < 3 && in.remaining() > 0; i++) {
            int setId = DATA_TEMPLATES[in.u8() % DATA_TEMPLATES.length];
            byte[] m = message(set(setId, in.chunk()), i + 1);
            DecodeContext c = new DecodeContext(i + 2, 0, ctx.source(), ctx.destination(), ctx.transport());
            Invariants.check(dec.decode(m, c), m);
        }
    }

    /**
     * Templates: 256 = source address, protocol; 257 = basicList, subTemplateList, subTemplateMultiList
     * (variable length); 258 = subTemplateList of fixed length 12 plus an octet count; 259 = a basicList of
     * fixed length 9 and a string.
     */
    static byte[] templateSet() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, 256); u16(b, 2);
        u16(b, 8); u16(b, 4);
        u16(b, 4); u16(b, 1);
        u16(b, 257); u16(b, 3);
        u16(b, 291); u16(b, 0xffff);
        u16(b, 292); u16(b, 0xffff);
        u16(b, 293); u16(b, 0xffff);
        u16(b, 258); u16(b, 2);
        u16(b, 292); u16(b, 12);
        u16(b, 1); u16(b, 8);
        u16(b, 259); u16(b, 2);
        u16(b, 291); u16(b, 9);
        u16(b, 82); u16(b, 0xffff);
        return set(2, b.toByteArray());
    }

    static byte[] set(int id, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, id);
        u16(b, Math.min(0xffff, body.length + 4));
        b.writeBytes(body);
        return b.toByteArray();
    }

    static byte[] message(byte[] sets, long seq) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, 10);
        u16(b, Math.min(0xffff, 16 + sets.length));
        u16(b, 0x6553); u16(b, 0xf100);
        u16(b, (int) (seq >> 16)); u16(b, (int) seq);
        u16(b, 0); u16(b, 1);
        b.writeBytes(sets);
        return b.toByteArray();
    }

    private static void u16(ByteArrayOutputStream b, int v) {
        b.write(v >> 8);
        b.write(v);
    }
}
