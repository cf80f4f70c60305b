package dev.flowinspector.decode;

/**
 * Limits and switches for decoding. Every count read off the wire is bounded by these before use.
 *
 * @param maxSetsPerPacket     sets decoded per packet before the rest is shown raw
 * @param maxRecordsPerSet     records decoded per set before the rest is shown raw
 * @param maxFieldsPerTemplate template field count accepted
 * @param pathMtu              path MTU used for the "template larger than MTU" check
 */
public record DecodeOptions(int maxSetsPerPacket, int maxRecordsPerSet, int maxFieldsPerTemplate, int pathMtu) {

    public static final DecodeOptions DEFAULTS = new DecodeOptions(4096, 65535, 4096, 1500);
}
