package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.function.IntFunction;

/**
 * What decoding a record's values needs from its packet: the registry, the header's clocks (to turn
 * uptime-relative times into absolute ones) and, for RFC 6313 sub-template lists, the templates of the
 * record's domain as they stood when the packet was decoded.
 *
 * @param registry     element registry (enumerations)
 * @param prefix       field-name prefix: nf1, nf5, nf7, nf8, nf9 or ipfix
 * @param sysUptimeMs  header sysUptime in ms, or -1 (IPFIX)
 * @param exportMillis header export time in ms since the epoch
 * @param templates    sub-template lookup by id (may return null)
 */
public record RecordContext(InformationElementRegistry registry, String prefix, long sysUptimeMs,
                            long exportMillis, IntFunction<Template> templates) {

    /** Absolute time (ms since the epoch) of a sysUptime-relative value, or Long.MIN_VALUE when unknown. */
    public long absoluteFromUptime(long uptimeValueMs) {
        if (sysUptimeMs < 0) {
            return Long.MIN_VALUE;
        }
        return exportMillis - ((sysUptimeMs - uptimeValueMs) & 0xffffffffL); // 32-bit uptime counters wrap
    }
}
