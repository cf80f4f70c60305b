package dev.flowinspector.ui.packets;

import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.common.Severities;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The packet list: one small summary row per export packet, coloured by worst problem severity. */
public final class PacketListView extends TableView<PacketSummary> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS")
            .withZone(ZoneId.systemDefault());
    private long firstNanos = -1;
    private boolean relative = true;
    /** Sort keys of the columns sorted by a number of the row (no text made per row to sort them). */
    private final java.util.Map<TableColumn<PacketSummary, ?>, java.util.function.ToLongFunction<PacketSummary>>
            numberKeys = new java.util.HashMap<>();

    public PacketListView(PacketRows rows) {
        super(rows);
        setId("packet-list");
        getStyleClass().add("packet-list");
        setFixedCellSize(22);
        // the rows sort themselves (on a worker when there are many): the list only says by what
        setSortPolicy(tv -> {
            if (getItems() instanceof PacketRows r) {
                r.sort(sortKeys());
            }
            return true;
        });
        getColumns().add(numbered(col("No.", 60, s -> s.number()), PacketSummary::number));
        TableColumn<PacketSummary, String> time = col("Time", 110, this::time);
        time.setComparator((a, b) -> Double.compare(parse(a), parse(b)));
        getColumns().add(numbered(time, PacketSummary::timeNanos));
        getColumns().add(col("Exporter", 170, s -> s.exporter().toString()));
        getColumns().add(col("Protocol", 85, PacketSummary::protocol));
        getColumns().add(numbered(col("Domain", 70, s -> s.domain()), PacketSummary::domain));
        getColumns().add(numbered(col("Sets", 45, s -> s.sets()), PacketSummary::sets));
        getColumns().add(numbered(col("Records", 60, s -> s.records()), PacketSummary::records));
        getColumns().add(numbered(col("Length", 60, s -> s.length()), PacketSummary::length));
        TableColumn<PacketSummary, String> info = col("Info", 480, PacketSummary::info);
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
            }
        });
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
        relative = rel;
        refresh();
    }

    /** Sets the capture's first time (for relative times). */
    public void setFirstNanos(long n) {
        firstNanos = n;
    }

    private String time(PacketSummary s) {
        if (s.timeNanos() == 0) {
            return "";
        }
        if (relative) {
            long base = firstNanos < 0 ? s.timeNanos() : firstNanos;
            return String.format("%.6f", (s.timeNanos() - base) / 1e9);
        }
        return TIME.format(Instant.ofEpochSecond(0, s.timeNanos()));
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static <T> TableColumn<PacketSummary, T> col(String name, double width, Function<PacketSummary, T> f) {
        TableColumn<PacketSummary, T> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }
}
