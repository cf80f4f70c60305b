package dev.flowinspector.tools.generate;

import dev.flowinspector.decode.Endpoint;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the exporter simulator generates. Mutable settings with the command line's defaults. */
public final class GeneratorOptions {
    /** Versions; exporter i uses versions[i % size]. */
    public List<Integer> versions = List.of(9);
    /** Number of simulated exporters (distinct address/port and domain). */
    public int exporters = 1;
    /** Packets to produce (0: no limit, use duration). */
    public long count = 1000;
    /** Milliseconds to run (0: no limit, use count). */
    public long durationMs;
    /** Packets per second over all exporters; 0 is as fast as possible. */
    public double rate = 1000;
    /** Random seed. */
    public long seed = 1;
    /** Templates (and options data) are re-sent every this many packets of an exporter. */
    public int templateRefresh = 1000;
    /** Data records per packet for v9/IPFIX, chosen between min and max (v5: max, capped at 30). */
    public int recordsMin = 20;
    public int recordsMax = 25;
    /** Records per NetFlow v5 packet (1-30). */
    public int v5Records = 30;
    /** Largest payload in bytes (1500-byte MTU minus IPv4 and UDP headers). */
    public int maxPayload = 1472;
    /** Share of IPv6 flows (v9, IPFIX). */
    public double ipv6Share = 0.25;
    /** Faults to inject, once per exporter. */
    public Set<Fault> faults = EnumSet.noneOf(Fault.class);
    /** Exporter packet number at which the first fault is injected. */
    public int faultAt = 3;
    /** Virtual clock start (ms since the epoch) for capture files; -1 uses the real clock. */
    public long startMillis = -1;
    /** Collector endpoint; null uses 192.0.2.1 and port 2055 (v5/v9) or 4739 (IPFIX). */
    public Endpoint collector;
    /** Sampling interval announced in options data (1 in N packets). */
    public int samplingInterval = 1;

    /** The collector endpoint for a version. */
    public Endpoint collectorFor(int version) {
        if (collector != null) {
            return collector;
        }
        return new Endpoint("192.0.2.1", version == 10 ? 4739 : 2055);
    }

    /** The synthetic exporter endpoint written into capture files. */
    public Endpoint exporterEndpoint(int index, int version) {
        boolean v6 = collectorFor(version).address().indexOf(':') >= 0;
        return new Endpoint(v6 ? "2001:db8::" + Integer.toHexString(0x10 + index) : "192.0.2." + (10 + index),
                40000 + index);
    }
}
