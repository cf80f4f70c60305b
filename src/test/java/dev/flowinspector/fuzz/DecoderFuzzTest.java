package dev.flowinspector.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.DecodeOptions;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.LateTemplates;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes {@link ExportDecoder#decode} with each version number forced into the first two bytes, several
 * packets sharing one template cache (so templates and data meet), random limits, two exporters and a second
 * pass with late templates. See docs/fuzzing.md for running it longer than the regression inputs.
 */
class DecoderFuzzTest {

    static final InformationElementRegistry REGISTRY = InformationElementRegistry.standard();
    static final Endpoint[] EXPORTERS = {new Endpoint("192.0.2.1", 50000), new Endpoint("192.0.2.1", 50001),
        new Endpoint("2001:db8::1", 4739)};
    private static final int MAX_PACKETS = 5;

    @FuzzTest
    void v1(byte[] data) {
        packets(data, 1);
    }

    @FuzzTest
    void v5(byte[] data) {
        packets(data, 5);
    }

    @FuzzTest
    void v7(byte[] data) {
        packets(data, 7);
    }

    @FuzzTest
    void v8(byte[] data) {
        packets(data, 8);
    }

    @FuzzTest
    void v9(byte[] data) {
        packets(data, 9);
    }

    @FuzzTest
    void ipfix(byte[] data) {
        packets(data, 10);
    }

    /** Any first two bytes: unknown versions and packets shorter than a version field. */
    @FuzzTest
    void anyVersion(byte[] data) {
        ExportDecoder dec = new ExportDecoder(new TemplateCache(), REGISTRY, DecodeOptions.DEFAULTS);
        Invariants.check(dec.decode(data, DecodeContext.standalone(1)), data);
    }

    /**
     * Decodes up to {@value #MAX_PACKETS} packets of one version with a shared cache, then (when asked) again with
     * a fresh cache and the first pass's templates offered as late templates. Script ({@link Input}): a flags
     * byte (bits 0-1 scoping policy, bit 2 small limits, bit 3 set the IPFIX length, bit 4 second pass), four
     * limit bytes when bit 2 is set, then per packet a byte (bits 0-1 exporter, bits 2-3 transport) and a chunk
     * holding the packet after its version number.
     */
    static void packets(byte[] data, int version) {
        Input in = new Input(data);
        int flags = in.u8();
        ScopingPolicy policy = ScopingPolicy.values()[(flags & 3) % ScopingPolicy.values().length];
        DecodeOptions options = DecodeOptions.DEFAULTS;
        if ((flags & 4) != 0) {
            options = new DecodeOptions(1 + in.u8() % 64, 1 + in.u8(), 1 + in.u8(), in.u8() * 40);
        }
        boolean fixLength = (flags & 8) != 0;
        boolean secondPass = (flags & 16) != 0;
        List<byte[]> payloads = new ArrayList<>();
        List<DecodeContext> contexts = new ArrayList<>();
        while (payloads.size() < MAX_PACKETS && in.remaining() > 0) {
            int ctl = in.u8();
            Endpoint src = EXPORTERS[(ctl & 3) % EXPORTERS.length];
            Transport transport = Transport.values()[(ctl >> 2) & 3];
            int i = payloads.size();
            payloads.add(withVersion(version, in.chunk(), fixLength));
            contexts.add(new DecodeContext(i + 1, 1_700_000_000_000_000_000L + i * 1_000_000L, src,
                    new Endpoint("198.51.100.7", 2055), transport));
        }
        TemplateCache first = new TemplateCache(policy);
        ExportDecoder dec = new ExportDecoder(first, REGISTRY, options);
        for (int i = 0; i < payloads.size(); i++) {
            ExportPacket p = dec.decode(payloads.get(i), contexts.get(i));
            Invariants.check(p, payloads.get(i));
        }
        if (secondPass && version >= 9) {
            // data seen before its template, decoded with the template learned later (as the session does)
            LateTemplates late = first::get;
            ExportDecoder again = new ExportDecoder(new TemplateCache(policy), REGISTRY, options);
            for (int i = 0; i < payloads.size(); i++) {
                Invariants.check(again.decode(payloads.get(i), contexts.get(i), late), payloads.get(i));
            }
        }
    }

    /** The body behind a forced version number; IPFIX's length field optionally set to the real length. */
    static byte[] withVersion(int version, byte[] body, boolean fixLength) {
        byte[] p = new byte[body.length + 2];
        p[1] = (byte) version;
        System.arraycopy(body, 0, p, 2, body.length);
        if (fixLength && version == 10 && p.length >= 4) {
            p[2] = (byte) (p.length >> 8);
            p[3] = (byte) p.length;
        }
        return p;
    }
}
