package dev.flowinspector.ui.packets;

import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.common.Severities;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The packet list: one small summary row per export packet, coloured by worst problem severity. */
public final class PacketListView extends TableView<PacketSummary> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS")
            .withZone(ZoneId.systemDefault());
    /** How far back a "same exporter" delta looks for the exporter's previous packet. */
    private static final int SAME_EXPORTER_REACH = 100_000;
    private long firstNanos = -1;
    private static final javafx.css.PseudoClass PASTED = javafx.css.PseudoClass.getPseudoClass("pasted");
    /** Which rows were pasted (marked "Pasted" in Info and by a colour). */
    private java.util.function.Predicate<PacketSummary> pasted = s -> false;
    private TimeFormat timeFormat = TimeFormat.SINCE_START;
    private IntFunction<PacketSummary> rowAt = i -> null;
    /** Capture time of the previous packet of the same exporter, by row index (bounded; -1: none). */
    private final Map<Integer, Long> previousSame = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Long> e) {
            return size() > 4096;
        }
    };
    /** What the list says when it shows no row (instead of JavaFX's "No content in table"). */
    private final Label placeholder = new Label("No packets to show");
    private final TableColumn<PacketSummary, TimeText> timeColumn;
    private final TableColumn<PacketSummary, String> info;
    /** Sort keys of the columns sorted by a number of the row (no text made per row to sort them). */
    private final java.util.Map<TableColumn<PacketSummary, ?>, java.util.function.ToLongFunction<PacketSummary>>
            numberKeys = new java.util.HashMap<>();

    public PacketListView(PacketRows rows) {
        super(rows);
        setId("packet-list");
        getStyleClass().add("packet-list");
        setFixedCellSize(22);
        placeholder.setId("packet-list-placeholder");
        setPlaceholder(placeholder);
        // the rows sort themselves (on a worker when there are many): the list only says by what
        setSortPolicy(tv -> {
            if (getItems() instanceof PacketRows r) {
                r.sort(sortKeys());
            }
            return true;
        });
        TableColumn<PacketSummary, Long> no = col("No.", 60, s -> s.number());
        no.getStyleClass().add("number-column"); // a pasted row's mark goes in it
        getColumns().add(numbered(no, PacketSummary::number));
        timeColumn = col("Time", 110, this::time);
        timeColumn.setId("column-time");
        getColumns().add(numbered(timeColumn, PacketSummary::timeNanos));
        getColumns().add(col("Exporter", 170, s -> s.exporter().toString()));
        getColumns().add(col("Protocol", 85, PacketSummary::protocol));
        getColumns().add(numbered(col("Domain", 70, s -> s.hasDomain() ? s.domain() : null), PacketSummary::domain));
        getColumns().add(numbered(col("Sets", 45, s -> s.sets()), PacketSummary::sets));
        getColumns().add(numbered(col("Records", 60, s -> s.records()), PacketSummary::records));
        getColumns().add(numbered(col("Length", 60, s -> s.length()), PacketSummary::length));
        info = col("Info", 480, s -> pasted.test(s) ? "Pasted · " + s.info() : s.info());
        info.setId("column-info");
        getColumns().add(info);
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // the Info column takes the room left, like Wireshark's last column
        widthProperty().addListener((o, a, w) -> {
            double others = 0;
            for (TableColumn<PacketSummary, ?> c : getColumns()) {
                if (c != info) {
                    others += c.getWidth();
                }
            }
            info.setPrefWidth(Math.max(300, w.doubleValue() - others - 18));
        });
        setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(PacketSummary s, boolean empty) {
                super.updateItem(s, empty);
                Severities.apply(this, empty || s == null ? null : s.worst());
                pseudoClassStateChanged(PASTED, !empty && s != null && pasted.test(s));
            }
        });
    }

    /**
     * Whether row {@code i} is on screen as the list was last laid out, between its first and last visible rows
     * (which the edges may cut); false when the number of rows has changed since (a filter applied or cleared: the
     * next layout may show other rows).
     */
    public boolean onScreen(int i) {
        javafx.scene.control.skin.VirtualFlow<?> flow = laidOutFlow();
        if (flow != null) {
            javafx.scene.control.IndexedCell<?> first = flow.getFirstVisibleCell();
            javafx.scene.control.IndexedCell<?> last = flow.getLastVisibleCell();
            return first != null && last != null && first.getIndex() < i && i < last.getIndex();
        }
        return false;
    }

    /**
     * Scrolls the list so that row {@code i} is its first row shown, as {@link #scrollTo(int)} does, without walking
     * the rows before it: JavaFX 21's {@code scrollTo} adds up the cached sizes of every row before i (about 14 ms at
     * a million rows), while the rows here all have the fixed cell size, so row i's scroll position is a division.
     * (The layout that follows still grows with i: JavaFX's own.) The list is laid out at once (the pulse then has
     * nothing left to lay out of it); when row i is not on screen after that (the list not laid out yet, its rows just
     * changed), {@code scrollTo} does it.
     */
    public void scrollToTop(int i) {
        int n = getItems().size();
        double cell = getFixedCellSize();
        javafx.scene.control.skin.VirtualFlow<?> flow = laidOutFlow();
        if (i >= 0 && i < n && cell > 0 && flow != null) {
            double viewport = flow.lookup(".clipped-container") instanceof javafx.scene.layout.Region clip
                    ? clip.getHeight() : flow.getHeight();
            double room = n * cell - viewport;
            flow.setPosition(room <= 0 ? 0 : Math.min(1, i * cell / room));
            layout();
            javafx.scene.control.IndexedCell<?> first = flow.getFirstVisibleCell();
            javafx.scene.control.IndexedCell<?> last = flow.getLastVisibleCell();
            if (first != null && last != null && first.getIndex() <= i && i <= last.getIndex()) {
                return;
            }
        }
        scrollTo(i);
    }

    /** The list's virtual flow when its last layout counted the rows the list has now, else null. */
    private javafx.scene.control.skin.VirtualFlow<?> laidOutFlow() {
        return lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow
                && flow.getCellCount() == getItems().size() ? flow : null;
    }

    /** Says why the list shows no row (a filter that matches none, a capture with no packet yet). */
    public void setEmptyText(String text) {
        placeholder.setText(text);
    }

    /** Tells which rows were pasted: their Info starts with "Pasted" and the row is marked. */
    public void setPasted(java.util.function.Predicate<PacketSummary> test) {
        pasted = test;
        refresh();
    }

    /** The Info column (it takes the room the other columns leave; custom columns go before it). */
    public TableColumn<PacketSummary, String> infoColumn() {
        return info;
    }

    /** Shows other rows (a new session): the list sorts them by its sorted columns. */
    public void setRows(PacketRows rows) {
        // TableView forgets its sort order when its items are replaced: the new rows are sorted as the old ones
        List<TableColumn<PacketSummary, ?>> sortOrder = List.copyOf(getSortOrder());
        setItems(rows);
        getSortOrder().setAll(sortOrder);
    }

    /** The sort keys of the sorted columns, first first. */
    @SuppressWarnings("unchecked")
    List<PacketRows.SortKey> sortKeys() {
        List<PacketRows.SortKey> keys = new java.util.ArrayList<>();
        for (TableColumn<PacketSummary, ?> c : getSortOrder()) {
            boolean desc = c.getSortType() == TableColumn.SortType.DESCENDING;
            java.util.function.ToLongFunction<PacketSummary> n = numberKeys.get(c);
            if (n != null) {
                keys.add(PacketRows.SortKey.of(n, desc));
            } else {
                TableColumn<PacketSummary, Object> col = (TableColumn<PacketSummary, Object>) c;
                keys.add(PacketRows.SortKey.of(s -> cellValue(col, s), col.getComparator(), desc));
            }
        }
        return keys;
    }

    private Object cellValue(TableColumn<PacketSummary, Object> c, PacketSummary s) {
        if (c.getCellValueFactory() == null) {
            return null;
        }
        javafx.beans.value.ObservableValue<Object> v = c.getCellValueFactory().call(
                new TableColumn.CellDataFeatures<>(this, c, s));
        return v == null ? null : v.getValue();
    }

    private <T> TableColumn<PacketSummary, T> numbered(TableColumn<PacketSummary, T> c,
                                                        java.util.function.ToLongFunction<PacketSummary> key) {
        numberKeys.put(c, key);
        return c;
    }

    /** Shows times relative to the first packet (Wireshark's default) or as time of day. */
    public void setRelativeTime(boolean rel) {
        setTimeFormat(rel ? TimeFormat.SINCE_START : TimeFormat.ABSOLUTE);
    }

    /** How the Time column shows capture times. */
    public void setTimeFormat(TimeFormat f) {
        timeFormat = f;
        refresh();
    }

    public TimeFormat timeFormat() {
        return timeFormat;
    }

    /** Where the deltas find other rows: the session's row at an index (null when none). */
    public void setRowLookup(IntFunction<PacketSummary> lookup) {
        rowAt = lookup;
        previousSame.clear();
    }

    /** Sets the capture's first time (for relative times); -1 for a new capture. */
    public void setFirstNanos(long n) {
        firstNanos = n;
        if (n < 0) {
            previousSame.clear();
        }
    }

    /** The Time column's text of a row in the current format. */
    public String timeText(PacketSummary s) {
        return time(s).toString();
    }

    private TimeText time(PacketSummary s) {
        long t = s.timeNanos();
        if (t == 0) {
            return TimeText.NONE;
        }
        switch (timeFormat) {
            case ABSOLUTE -> {
                return new TimeText(t, TIME.format(Instant.ofEpochSecond(0, t)));
            }
            case SINCE_START -> {
                long base = firstNanos < 0 ? t : firstNanos;
                return seconds(t - base);
            }
            case DELTA_PREVIOUS -> {
                PacketSummary prev = s.index() > 0 ? rowAt.apply(s.index() - 1) : null;
                return prev == null || prev.timeNanos() == 0 ? seconds(0) : seconds(t - prev.timeNanos());
            }
            default -> {
                long prev = previousOfExporter(s);
                return prev < 0 ? TimeText.NONE : seconds(t - prev);
            }
        }
    }

    private long previousOfExporter(PacketSummary s) {
        Long known = previousSame.get(s.index());
        if (known != null) {
            return known;
        }
        long found = -1;
        for (int i = s.index() - 1; i >= 0 && i >= s.index() - SAME_EXPORTER_REACH; i--) {
            PacketSummary p = rowAt.apply(i);
            if (p == null) {
                break;
            }
            if (p.exporter().equals(s.exporter()) && p.timeNanos() != 0) {
                found = p.timeNanos();
                break;
            }
        }
        previousSame.put(s.index(), found);
        return found;
    }

    private static TimeText seconds(long nanos) {
        return new TimeText(nanos, String.format("%.6f", nanos / 1e9));
    }

    /** A Time cell: its text, sorted by the time behind it (an empty cell first). */
    record TimeText(long key, String text) implements Comparable<TimeText> {
        static final TimeText NONE = new TimeText(Long.MIN_VALUE, "");

        @Override
        public int compareTo(TimeText o) {
            return Long.compare(key, o.key);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static <T> TableColumn<PacketSummary, T> col(String name, double width, Function<PacketSummary, T> f) {
        TableColumn<PacketSummary, T> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }
}
