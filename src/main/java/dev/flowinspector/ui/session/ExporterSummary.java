package dev.flowinspector.ui.session;

import dev.flowinspector.decode.Endpoint;

/**
 * Basic per-exporter counts (one row per exporter, version and domain).
 *
 * @param exporter   exporter endpoint
 * @param version    export version
 * @param domain     observation domain / source id
 * @param packets    export packets
 * @param records    data records
 * @param templates  template definitions received
 * @param problems   problems found
 * @param firstNanos first capture time
 * @param lastNanos  last capture time
 * @param firstSeq   first sequence number
 * @param lastSeq    last sequence number
 */
public record ExporterSummary(Endpoint exporter, int version, long domain, long packets, long records, long templates,
                              long problems, long firstNanos, long lastNanos, long firstSeq, long lastSeq) {
}
