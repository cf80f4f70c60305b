package dev.flowinspector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.flowinspector.decode.health.StreamKey;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The keys' written-out equals and hashCode (start-up, docs/decisions/0024) give what a record's generated ones
 * give, so hash maps keep their order and every output its bytes.
 */
class KeyHashTest {

    /** Records with the same components: their hashCode is the one the JDK generates. */
    private record PlainEndpoint(String address, int port) {
    }

    private record PlainTemplateKey(PlainEndpoint exporter, int version, long domain, int templateId) {
    }

    private record PlainStreamKey(PlainEndpoint exporter, int version, long domain) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(Endpoint.UNKNOWN, new Endpoint("192.0.2.1", 2055),
            new Endpoint("2001:db8::1", 4739), new Endpoint("10.0.0.1", 0), new Endpoint(null, 9));

    @Test
    @DisplayName("Endpoint, TemplateKey and StreamKey hash like the records the JDK would generate")
    void sameHashAsGenerated() {
        for (Endpoint e : ENDPOINTS) {
            PlainEndpoint pe = new PlainEndpoint(e.address(), e.port());
            assertEquals(pe.hashCode(), e.hashCode(), e.address() + " " + e.port());
            for (long domain : new long[] {0, 7, 0xffff_ffffL, Long.MIN_VALUE}) {
                for (int version : new int[] {5, 9, 10}) {
                    assertEquals(new PlainStreamKey(pe, version, domain).hashCode(),
                            new StreamKey(e, version, domain).hashCode());
                    for (int id : new int[] {0, 256, 1024, 65535}) {
                        assertEquals(new PlainTemplateKey(pe, version, domain, id).hashCode(),
                                new TemplateKey(e, version, domain, id).hashCode());
                    }
                }
            }
        }
        assertEquals(new PlainTemplateKey(null, 9, 1, 2).hashCode(), new TemplateKey(null, 9, 1, 2).hashCode());
    }

    @Test
    @DisplayName("equal components are equal keys; any component that differs makes them differ")
    void equality() {
        Endpoint a = new Endpoint("192.0.2.1", 2055);
        TemplateKey k = new TemplateKey(a, 9, 7, 256);
        assertEquals(k, new TemplateKey(new Endpoint("192.0.2.1", 2055), 9, 7, 256));
        assertNotEquals(k, new TemplateKey(new Endpoint("192.0.2.1", 2056), 9, 7, 256));
        assertNotEquals(k, new TemplateKey(new Endpoint("192.0.2.2", 2055), 9, 7, 256));
        assertNotEquals(k, new TemplateKey(a, 10, 7, 256));
        assertNotEquals(k, new TemplateKey(a, 9, 8, 256));
        assertNotEquals(k, new TemplateKey(a, 9, 7, 257));
        assertNotEquals(k, null);
        assertEquals(new TemplateKey(null, 9, 7, 256), new TemplateKey(null, 9, 7, 256));
        StreamKey s = new StreamKey(a, 10, 7);
        assertEquals(s, new StreamKey(new Endpoint("192.0.2.1", 2055), 10, 7));
        assertNotEquals(s, new StreamKey(a, 9, 7));
        assertNotEquals(s, new StreamKey(a, 10, 6));
        assertNotEquals(s, new StreamKey(Endpoint.UNKNOWN, 10, 7));
        assertNotEquals(a, new Endpoint("192.0.2.1", 2056));
        assertEquals(new Endpoint(null, 1), new Endpoint(null, 1));
    }
}
