package dev.flowinspector.capture;

import java.util.List;
import java.util.Locale;

/**
 * When a live capture stops by itself, as dumpcap's {@code -a}: after so many export packets, so many seconds, or
 * so many megabytes captured; 0 means no such limit. Parsed from dumpcap's words ({@code packets:N},
 * {@code duration:SECONDS}, {@code filesize:KB}).
 */
public record StopConditions(long packets, long seconds, long bytes) {

    /** No limit: runs until stopped. */
    public static final StopConditions NONE = new StopConditions(0, 0, 0);

    public StopConditions {
        if (packets < 0 || seconds < 0 || bytes < 0) {
            throw new IllegalArgumentException("stop conditions cannot be negative");
        }
    }

    /** True when a limit is reached after this many packets and bytes, this long after the start. */
    public boolean reached(long packetsSoFar, long bytesSoFar, long elapsedNanos) {
        return (packets > 0 && packetsSoFar >= packets) || (bytes > 0 && bytesSoFar >= bytes)
                || (seconds > 0 && elapsedNanos >= seconds * 1_000_000_000L);
    }

    /** These conditions with the ones given in dumpcap's words added (a later word replaces an earlier one). */
    public StopConditions with(List<String> words) {
        long p = packets;
        long s = seconds;
        long b = bytes;
        for (String w : words) {
            String[] kv = w.split(":", 2);
            long v = value(w, kv);
            switch (kv[0].toLowerCase(Locale.ROOT)) {
                case "packets" -> p = v;
                case "duration" -> s = v;
                case "filesize" -> b = v * 1000;
                default -> throw new IllegalArgumentException("'" + w + "': a stop condition is packets:N, "
                        + "duration:SECONDS or filesize:KB");
            }
        }
        return new StopConditions(p, s, b);
    }

    static long value(String w, String[] kv) {
        try {
            long v = kv.length == 2 ? Long.parseLong(kv[1].strip()) : -1;
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + w + "': expected NAME:NUMBER, e.g. packets:1000");
        }
    }

    /** What stops the capture, in words (empty when nothing does). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (packets > 0) {
            sb.append(packets).append(" packets");
        }
        if (seconds > 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append(seconds).append(" s");
        }
        if (bytes > 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append(bytes / 1_000_000.0).append(" MB");
        }
        return sb.toString();
    }
}
