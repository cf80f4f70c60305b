package dev.flowinspector.decode.health;

import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.TemplateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Expires UDP templates that were not refreshed within the template timeout (RFC 7011 §8.4; RFC 3954 §5.2
 * leaves the timeout to the collector). Checks at most once per second of capture time.
 */
public final class TemplateExpiry {

    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final Duration timeout;
    private final Predicate<TemplateKey> eligible;
    private long nextCheck = Long.MIN_VALUE;

    /**
     * @param timeout  template lifetime without refresh; zero or negative disables expiry
     * @param eligible which keys may expire (those learned over UDP)
     */
    public TemplateExpiry(Duration timeout, Predicate<TemplateKey> eligible) {
        this.timeout = timeout == null ? Duration.ZERO : timeout;
        this.eligible = eligible;
    }

    /** Expires what is due at a capture time, before the frame at that time is decoded; returns the events. */
    public List<TemplateEvent> expire(TemplateCache cache, long frame, long nowNanos) {
        if (timeout.isZero() || timeout.isNegative() || nowNanos <= 0 || nowNanos < nextCheck) {
            return List.of();
        }
        nextCheck = nowNanos + Math.min(CHECK_EVERY_NANOS, timeout.toNanos());
        long limit = timeout.toNanos();
        List<TemplateEvent> out = new ArrayList<>();
        for (Template t : cache.templates()) {
            long seen = cache.lastSeenNanos(t.key());
            if (seen > 0 && nowNanos - seen > limit && eligible.test(t.key())) {
                TemplateEvent e = cache.expire(t.key(), frame);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
