package dev.flowinspector.decode.health;

/** Human-readable durations for problem messages: "850 ms", "42 s", "3 min 20 s", "2 h 5 min", "15 d 3 h". */
public final class Durations {

    private Durations() {
    }

    /**
     * A non-negative duration in ns, as text: under a millisecond with two decimals ("0.04 ms", what a burst of
     * packets shows), else as {@link #text(long)} of the whole milliseconds.
     */
    public static String fine(long nanos) {
        return nanos < 1_000_000 ? String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6)
                : text(nanos / 1_000_000);
    }

    /** A duration in ms, as text. */
    public static String text(long ms) {
        long a = Math.abs(ms);
        String sign = ms < 0 ? "-" : "";
        if (a < 1000) {
            return sign + a + " ms";
        }
        long s = a / 1000;
        if (s < 60) {
            long tenths = (a % 1000) / 100;
            return sign + s + (tenths > 0 && s < 10 ? "." + tenths : "") + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return sign + m + " min" + (s % 60 > 0 ? " " + s % 60 + " s" : "");
        }
        long h = m / 60;
        if (h < 48) {
            return sign + h + " h" + (m % 60 > 0 ? " " + m % 60 + " min" : "");
        }
        return sign + h / 24 + " d" + (h % 24 > 0 ? " " + h % 24 + " h" : "");
    }
}
