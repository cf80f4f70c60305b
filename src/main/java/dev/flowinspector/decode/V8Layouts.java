package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.HashMap;
import java.util.Map;

/** Record layouts of the NetFlow v8 aggregation schemes. */
final class V8Layouts {

    private final Map<Integer, LegacyLayout> schemes = new HashMap<>();

    V8Layouts(InformationElementRegistry reg) {
        // filled in below, one entry per aggregation scheme
    }

    /** Name of an aggregation scheme, or null when unknown. */
    static String schemeName(int scheme) {
        return null;
    }

    /** The layout of an aggregation scheme, or null when unknown. */
    LegacyLayout forScheme(int scheme) {
        return schemes.get(scheme);
    }
}
