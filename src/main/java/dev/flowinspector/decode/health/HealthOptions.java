package dev.flowinspector.decode.health;

import java.time.Duration;

/**
 * Thresholds of the cross-packet checks.
 *
 * @param templateTimeout UDP template lifetime without a refresh (RFC 7011 §8.4); zero or null disables expiry
 * @param clockSkew       export time further than this from capture time is reported (RFC 7011 §3.1)
 * @param reorderWindow   a sequence number at most this many packets behind the expected one counts as a
 *                        reordered or duplicate packet; further back, as a reset (counted in records for
 *                        v5/v7/v8 and IPFIX, where it is multiplied by 30)
 * @param bootTolerance   how far the exporter's boot time (export time − sysUptime) may move between
 *                        packets before a sysUptime going backwards counts as a restart
 */
public record HealthOptions(Duration templateTimeout, Duration clockSkew, int reorderWindow, Duration bootTolerance) {

    /** 30 min template timeout, 10 min clock skew, 64-packet reorder window, 3 s boot tolerance. */
    public static final HealthOptions DEFAULTS = new HealthOptions(Duration.ofMinutes(30), Duration.ofMinutes(10),
            64, Duration.ofSeconds(3));

    public HealthOptions {
        templateTimeout = templateTimeout == null ? Duration.ZERO : templateTimeout;
        clockSkew = clockSkew == null ? Duration.ofMinutes(10) : clockSkew;
        bootTolerance = bootTolerance == null ? Duration.ofSeconds(3) : bootTolerance;
        if (reorderWindow < 0) {
            throw new IllegalArgumentException("reorder window must not be negative: " + reorderWindow);
        }
    }

    public HealthOptions withTemplateTimeout(Duration d) {
        return new HealthOptions(d, clockSkew, reorderWindow, bootTolerance);
    }

    public HealthOptions withClockSkew(Duration d) {
        return new HealthOptions(templateTimeout, d, reorderWindow, bootTolerance);
    }
}
