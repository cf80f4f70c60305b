package dev.flowinspector.tools.analyze;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Turns {@code analyze}'s options into a configured {@link FlowStats} and writes its report. */
public final class StatsRun {

    private static final List<String> TOP_KEYS = List.of("srcip", "dstip", "service", "proto", "srcas", "dstas", "inif",
            "outif");

    private StatsRun() {
    }

    /**
     * Configures the statistics; every bad value raises IllegalArgumentException with a one-line message.
     *
     * @param top      --top N (tables for the usual keys), or null
     * @param sampling "auto", a number, or null for none
     */
    public static FlowStats configure(FlowStats st, List<String> stats, String aggregate, String aggregateOrder,
                                      Integer top, String by, String window, long minPackets, String sampling, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("-n must be at least 1");
        }
        st.top(top != null ? top : rows);
        for (String s : stats) {
            st.stat(FlowStats.Spec.parse(s));
        }
        if (top != null) {
            for (String k : TOP_KEYS) {
                st.stat(FlowStats.Spec.parse(k + "/" + by));
            }
        }
        if (aggregate != null) {
            st.aggregate(StatKey.parseList(aggregate), order(aggregateOrder));
        }
        if (window != null) {
            Instant[] w = window(window);
            st.window(w[0], w[1]);
        }
        if (minPackets < 0) {
            throw new IllegalArgumentException("--min-packets must not be negative");
        }
        st.minPackets(minPackets);
        if (sampling != null) {
            if (sampling.equalsIgnoreCase("auto")) {
                st.sampling(FlowStats.SamplingMode.auto, 1);
            } else if (!sampling.equalsIgnoreCase("none")) {
                double n;
                try {
                    n = Double.parseDouble(sampling);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--sampling: '" + sampling + "' is neither auto nor a number");
                }
                if (!(n >= 1)) {
                    throw new IllegalArgumentException("--sampling: a factor must be at least 1");
                }
                st.sampling(FlowStats.SamplingMode.fixed, n);
            }
        }
        return st;
    }

    private static StatTable.Order order(String s) {
        try {
            return StatTable.Order.valueOf(s.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("order '" + s + "': one of flows, packets, bytes, bps, pps, bpp");
        }
    }

    /** Parses FROM[/TO]; '/' also occurs in nfdump's yyyy/MM/dd dates, so the split that parses wins. */
    static Instant[] window(String s) {
        Instant one = time(s);
        if (one != null) {
            return new Instant[] {one, null};
        }
        for (int i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) {
            Instant a = i == 0 ? null : time(s.substring(0, i));
            Instant b = i == s.length() - 1 ? null : time(s.substring(i + 1));
            if ((a != null || i == 0) && (b != null || i == s.length() - 1) && (a != null || b != null)) {
                if (a != null && b != null && !a.isBefore(b)) {
                    throw new IllegalArgumentException("-t " + s + ": the window ends before it starts");
                }
                return new Instant[] {a, b};
            }
        }
        throw new IllegalArgumentException("-t " + s + ": not FROM[/TO] with times like 2024-05-01T12:00, "
                + "2024-05-01T12:00:00Z or 2024/05/01.12:00:00 (UTC)");
    }

    private static Instant time(String s) {
        String t = s.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // not an instant with a zone
        }
        for (String p : new String[] {"yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss",
            "yyyy/MM/dd.HH:mm:ss", "yyyy/MM/dd.HH:mm"}) {
            try {
                return LocalDateTime.parse(t, DateTimeFormatter.ofPattern(p)).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        try {
            return java.time.LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Writes the tables, aggregation, top flows and totals. */
    public static void report(FlowStats st, UnaryOperator<String> names, Analyzer.Format format, Writer w)
            throws IOException {
        UnaryOperator<String> n = names == null ? null : a -> {
            String x = names.apply(a);
            return x == null || x.isEmpty() ? null : x;
        };
        new StatsReport(st, n).write(format, w);
    }

    /** The totals and sampling lines. */
    public static String summary(FlowStats st) {
        return new StatsReport(st, null).summary();
    }
}
