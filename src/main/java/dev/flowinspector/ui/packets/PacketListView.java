package dev.flowinspector.ui.packets;

import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.common.Severities;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
    private static final javafx.css.PseudoClass PASTED = javafx.css.PseudoClass.getPseudoClass("pasted");
    /** Which rows were pasted (marked "Pasted" in Info and by a colour). */
    private java.util.function.Predicate<PacketSummary> pasted = s -> false;

    public PacketListView(javafx.collections.transformation.SortedList<PacketSummary> rows) {
        super(rows);
        rows.comparatorProperty().bind(comparatorProperty());
        setId("packet-list");
        getStyleClass().add("packet-list");
        setFixedCellSize(22);
        TableColumn<PacketSummary, Long> no = col("No.", 60, s -> s.number());
        no.getStyleClass().add("number-column"); // a pasted row's mark goes in it
        getColumns().add(no);
        TableColumn<PacketSummary, String> time = col("Time", 110, this::time);
        time.setComparator((a, b) -> Double.compare(parse(a), parse(b)));
        getColumns().add(time);
        getColumns().add(col("Exporter", 170, s -> s.exporter().toString()));
        getColumns().add(col("Protocol", 85, PacketSummary::protocol));
        getColumns().add(col("Domain", 70, s -> s.domain()));
        getColumns().add(col("Sets", 45, s -> s.sets()));
        getColumns().add(col("Records", 60, s -> s.records()));
        getColumns().add(col("Length", 60, s -> s.length()));
        TableColumn<PacketSummary, String> info = col("Info", 480,
                s -> pasted.test(s) ? "Pasted · " + s.info() : s.info());
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

    /** Tells which rows were pasted: their Info starts with "Pasted" and the row is marked. */
    public void setPasted(java.util.function.Predicate<PacketSummary> test) {
        pasted = test;
        refresh();
    }

    /** Shows other rows (a new session): the list sorts them by its sorted columns. */
    public void setRows(javafx.collections.transformation.SortedList<PacketSummary> rows) {
        if (getItems() instanceof javafx.collections.transformation.SortedList<PacketSummary> old) {
            old.comparatorProperty().unbind();
        }
        setItems(rows);
        rows.comparatorProperty().bind(comparatorProperty());
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
