package dev.flowinspector.engine.flow;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What exporters announced in options data: sampling rates per exporter, observation domain and sampler id
 * (-1: the exporter's and domain's rate when no sampler is named), and interface names per exporter, domain
 * and ifIndex; the rate that applies to a flow record.
 */
public final class ExporterOptions {

    /** A 1-in-{@code rate} sampling and where it was learned. */
    public record Rate(double rate, String how) {
    }

    private record Key(String exporter, long domain, long sampler) {
    }

    private final Map<Key, Rate> rates = new HashMap<>();
    private final Map<Key, String> interfaces = new HashMap<>();
    private final Map<Key, Long> initTimes = new HashMap<>();

    /**
     * Records when an exporter's metering process started (systemInitTimeMilliseconds of an options record): IPFIX
     * flowStartSysUpTime/flowEndSysUpTime count from it.
     */
    public void learnInit(String exporter, long domain, long epochMillis) {
        if (epochMillis > 0) {
            initTimes.put(new Key(exporter, domain, -1), epochMillis);
        }
    }

    /** The systemInitTimeMilliseconds an exporter and domain announced, or -1. */
    public long initTime(String exporter, long domain) {
        Long t = initTimes.isEmpty() ? null : initTimes.get(new Key(exporter, domain, -1));
        return t == null ? -1 : t;
    }

    /** Records an interface name (interfaceName or interfaceDescription of an options record). */
    public void learnInterface(String exporter, long domain, long ifIndex, String name) {
        if (ifIndex >= 0 && name != null && !name.isBlank()) {
            interfaces.put(new Key(exporter, domain, ifIndex), name);
        }
    }

    /** The name an exporter gave an interface, or null. */
    public String interfaceName(String exporter, long domain, long ifIndex) {
        return interfaces.isEmpty() || ifIndex < 0 ? null : interfaces.get(new Key(exporter, domain, ifIndex));
    }

    /** Records a rate (a later announcement replaces an earlier one). */
    public void learn(String exporter, long domain, long sampler, double rate, String how) {
        if (rate > 0) {
            rates.put(new Key(exporter, domain, sampler), new Rate(rate, how));
        }
    }

    /**
     * The rate for a flow: its own sampling field first, then its exporter's and domain's sampler, then the
     * exporter's and domain's rate without a sampler id, then (when the record names no sampler and its
     * exporter and domain announced exactly one) that one; null when nothing applies.
     */
    public Rate rateFor(FlowRecord f) {
        if (f.samplingInterval() > 1) {
            return new Rate(f.samplingInterval(), "the record's own sampling interval");
        }
        if (rates.isEmpty()) {
            return null;
        }
        Rate r = f.samplerId() >= 0 ? rates.get(new Key(f.exporter(), f.domain(), f.samplerId())) : null;
        if (r == null) {
            r = rates.get(new Key(f.exporter(), f.domain(), -1));
        }
        if (r == null && f.samplerId() < 0) {
            Rate only = null;
            for (Map.Entry<Key, Rate> e : rates.entrySet()) {
                if (Objects.equals(e.getKey().exporter(), f.exporter()) && e.getKey().domain() == f.domain()) {
                    if (only != null) {
                        return null;
                    }
                    only = e.getValue();
                }
            }
            r = only;
        }
        return r;
    }

    /** True when no rate was learned. */
    public boolean isEmpty() {
        return rates.isEmpty();
    }
}
