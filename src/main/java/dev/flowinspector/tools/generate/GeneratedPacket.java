package dev.flowinspector.tools.generate;

import dev.flowinspector.decode.Endpoint;
import java.util.List;

/**
 * One export packet the simulator produced.
 *
 * @param exporter    exporter index (0-based)
 * @param version     5, 9 or 10
 * @param domain      observation domain id (IPFIX), source id (v9) or engine type/id (v5)
 * @param source      exporter endpoint written into capture files (UDP senders use their own socket)
 * @param destination collector endpoint
 * @param timeMillis  export time, ms since the epoch
 * @param payload     the NetFlow/IPFIX bytes
 * @param records     records encoded in it (empty unless the sink asked for them)
 * @param duplicate   true for the second copy of a packet sent twice (fault duplicate-seq)
 */
public record GeneratedPacket(int exporter, int version, long domain, Endpoint source, Endpoint destination,
                              long timeMillis, byte[] payload, List<GeneratedRecord> records, boolean duplicate) {
}
