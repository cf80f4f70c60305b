package dev.flowinspector.tools.generate;

import java.util.Map;

/**
 * One record as the simulator encoded it, with the values a decoder should report, by IANA element name
 * (Long for integers, String for addresses and strings, Instant for absolute times; padding left out).
 *
 * @param templateId template id (0 for NetFlow v5)
 * @param options    true for an options data record
 * @param fields     expected values in template order
 */
public record GeneratedRecord(int templateId, boolean options, Map<String, Object> fields) {
}
