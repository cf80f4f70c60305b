package dev.flowinspector.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * User settings kept with {@link Preferences}: recent files, theme, whether the demo was shown. The node
 * can be changed with the system property {@code flowinspector.prefs} (tests use their own).
 */
public final class Settings {

    private static final int MAX_RECENT = 10;
    private static final int MAX_SAVED_FILTERS = 50;
    private final Preferences prefs;

    public Settings() {
        this(Preferences.userRoot().node(System.getProperty("flowinspector.prefs", "dev/flowinspector/ui")));
    }

    Settings(Preferences p) {
        prefs = p;
    }

    /** Recent capture files, newest first. */
    public List<Path> recent() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String s = prefs.get("recent." + i, null);
            if (s != null) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    /** Puts a file at the top of the recent list. */
    public void addRecent(Path p) {
        List<Path> r = recent();
        Path abs = p.toAbsolutePath();
        r.remove(abs);
        r.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < r.size()) {
                prefs.put("recent." + i, r.get(i).toString());
            } else {
                prefs.remove("recent." + i);
            }
        }
        flush();
    }

    /** Forgets every recent capture file (File > Open Recent > Clear Recent). */
    public void clearRecent() {
        for (int i = 0; i < MAX_RECENT; i++) {
            prefs.remove("recent." + i);
        }
        flush();
    }

    /** Saved display filters (the filter bar's bookmarks), in the order saved. */
    public List<String> savedFilters() {
        return strings("filter.saved.", MAX_SAVED_FILTERS);
    }

    /** Replaces the saved display filters (at most 50 are kept). */
    public void setSavedFilters(List<String> filters) {
        setStrings("filter.saved.", MAX_SAVED_FILTERS, filters);
    }

    /** The strings kept under prefix0, prefix1, … (at most max). */
    private List<String> strings(String prefix, int max) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            String s = prefs.get(prefix + i, null);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private void setStrings(String prefix, int max, List<String> values) {
        for (int i = 0; i < max; i++) {
            if (i < values.size()) {
                prefs.put(prefix + i, values.get(i));
            } else {
                prefs.remove(prefix + i);
            }
        }
        flush();
    }

    private void flush() {
        try {
            prefs.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // settings are a convenience: keep working without them
        }
    }

    /** Template scoping policy for new decodes. */
    public dev.flowinspector.decode.ScopingPolicy policy() {
        try {
            return dev.flowinspector.decode.ScopingPolicy.valueOf(prefs.get("policy", "STRICT"));
        } catch (IllegalArgumentException e) {
            return dev.flowinspector.decode.ScopingPolicy.STRICT;
        }
    }

    public void setPolicy(dev.flowinspector.decode.ScopingPolicy p) {
        prefs.put("policy", p.name());
        flush();
    }

    /** UDP template timeout in seconds (RFC 7011 §8.4); 0 disables expiry. */
    public long templateTimeoutSeconds() {
        return prefs.getLong("templateTimeout", 1800);
    }

    public void setTemplateTimeoutSeconds(long s) {
        prefs.putLong("templateTimeout", s);
        flush();
    }

    /** How captures are decoded, from these settings. */
    public dev.flowinspector.engine.DecodingOptions decodingOptions() {
        return dev.flowinspector.engine.DecodingOptions.defaults().withPolicy(policy())
                .withTemplateTimeout(java.time.Duration.ofSeconds(templateTimeoutSeconds()));
    }

    public boolean dark() {
        return prefs.getBoolean("dark", false);
    }

    public void setDark(boolean d) {
        prefs.putBoolean("dark", d);
        flush();
    }

    /** True until the demo capture has been opened once. */
    public boolean firstStart() {
        return !prefs.getBoolean("demoShown", false);
    }

    public void setDemoShown() {
        prefs.putBoolean("demoShown", true);
        flush();
    }

    // ---------------------------------------------------------------- packet list columns and layout

    private static final int MAX_COLUMNS = 30;

    /** The custom packet-list columns (field names), in the order shown. */
    public List<String> customColumns() {
        return strings("column.custom.", MAX_COLUMNS);
    }

    /** Replaces the custom columns (at most 30 are kept). */
    public void setCustomColumns(List<String> names) {
        setStrings("column.custom.", MAX_COLUMNS, names);
    }

    /** The width a packet-list column was left at, or {@code otherwise}. */
    public double columnWidth(String column, double otherwise) {
        return prefs.getDouble("column.width." + column, otherwise);
    }

    public void setColumnWidth(String column, double width) {
        prefs.putDouble("column.width." + column, width); // kept in memory, written at the next sync

    }

    /** The packet-list time format (a {@code TimeFormat} name), or {@code otherwise}. */
    public String timeFormat(String otherwise) {
        return prefs.get("time.format", otherwise);
    }

    public void setTimeFormat(String name) {
        prefs.put("time.format", name);
        flush();
    }

    /** Where a split pane's dividers were left ({@code otherwise} when never moved or not as many). */
    public double[] dividers(String pane, double[] otherwise) {
        String s = prefs.get("dividers." + pane, null);
        if (s == null) {
            return otherwise;
        }
        String[] parts = s.split(",");
        if (parts.length != otherwise.length) {
            return otherwise;
        }
        double[] out = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Double.parseDouble(parts[i]);
                if (!(out[i] > 0 && out[i] < 1)) {
                    return otherwise;
                }
            }
        } catch (NumberFormatException e) {
            return otherwise;
        }
        return out;
    }

    public void setDividers(String pane, double[] positions) {
        StringBuilder sb = new StringBuilder();
        for (double d : positions) {
            sb.append(sb.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.4f", d));
        }
        prefs.put("dividers." + pane, sb.toString()); // kept in memory, written at the next sync
    }
}
