package dev.flowinspector.ui.exporters;

import dev.flowinspector.decode.Severity;
import dev.flowinspector.decode.health.ExporterHealth;
import dev.flowinspector.ui.common.Severities;
import dev.flowinspector.ui.session.ExportersHealth;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The exporter health table: one row per exporter stream (address and port, version, domain) with loss,
 * gaps, duplicates, resets, reboots, data without template and clock offset, from the cross-packet analysis; and a
 * row "(no exporter stream)" counting the export packets that belong to none, so that the rows add up to the capture.
 */
public final class ExportersView extends TableView<ExportersView.Row> {

    /** The Exporter column of the row of the packets in no exporter stream. */
    public static final String NO_STREAM = "(no exporter stream)";

    /**
     * A row: an exporter stream's health, or (health null) the export packets in no exporter stream.
     *
     * @param health   the stream's health, or null
     * @param packets  export packets
     * @param problems their problems (a stream's across its packets too)
     */
    public record Row(ExporterHealth health, long packets, long problems) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final Tooltip NO_STREAM_TIP = new Tooltip("Export packets of a version without exporter streams,"
            + " or with a header too short to say whose they are");

    public ExportersView() {
        setId("exporters-view");
        getColumns().add(column("Exporter", 160, r -> r.health() == null ? NO_STREAM
                : r.health().key().exporter().toString(), null));
        getColumns().add(col("Protocol", 80, e -> e.key().protocol(), null));
        getColumns().add(col("Domain", 95, e -> e.key().domainLabel(), null));
        getColumns().add(column("Packets", 65, Row::packets, null));
        getColumns().add(col("Records", 70, ExporterHealth::records, null));
        getColumns().add(col("Lost", 110, e -> e.lost() + " " + e.sequenceUnit(),
                "Records or packets missing by the header sequence numbers"));
        getColumns().add(col("Loss %", 60, e -> String.format("%.2f", e.lossPercent()), null));
        getColumns().add(col("Gaps", 50, ExporterHealth::gaps, "Sequence jumps forward"));
        getColumns().add(col("Dups", 50, ExporterHealth::duplicates, "Sequence numbers seen again"));
        getColumns().add(col("Resets", 55, ExporterHealth::resets, "Sequence numbers going back (exporter restarted)"));
        getColumns().add(col("Reboots", 60, ExporterHealth::reboots, "sysUptime going back"));
        getColumns().add(col("No template", 85, ExporterHealth::setsWithoutTemplate,
                "Data sets that arrived before their template"));
        getColumns().add(col("Clock offset", 90, e -> e.clockKnown() ? e.clockOffsetMs() + " ms" : "",
                "Export time minus capture time"));
        getColumns().add(column("Problems", 70, Row::problems,
                "Problems in this exporter's packets and across them (sequence, clocks, templates), as Expert Info"
                        + " lists them"));
        getColumns().add(col("First seen", 95, e -> time(e.firstNanos()), null));
        getColumns().add(col("Last seen", 95, e -> time(e.lastNanos()), null));
        setPlaceholder(new Label("No exporters"));
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                ExporterHealth h = empty || r == null ? null : r.health();
                Severities.apply(this, h != null && (h.lost() > 0 || h.resets() > 0 || h.reboots() > 0)
                        ? Severity.WARNING : null);
                setTooltip(!empty && r != null && h == null ? NO_STREAM_TIP : null);
            }
        });
        getStyleClass().add("packet-list");
    }

    /** Shows the streams, and a row for the packets in no stream when there are some. */
    public void show(ExportersHealth e) {
        List<Row> rows = new ArrayList<>(e.streams().size() + 1);
        for (ExporterHealth h : e.streams()) {
            rows.add(new Row(h, h.packets(), h.allProblems()));
        }
        if (e.streamlessPackets() > 0) {
            rows.add(new Row(null, e.streamlessPackets(), e.streamlessProblems()));
        }
        getItems().setAll(rows);
    }

    private static String time(long nanos) {
        return nanos == 0 ? "" : TIME.format(Instant.ofEpochSecond(0, nanos));
    }

    /** A column of a stream's value, blank in the row of the packets in no stream. */
    private static <T> TableColumn<Row, T> col(String n, double w, Function<ExporterHealth, T> f, String tip) {
        return column(n, w, r -> r.health() == null ? null : f.apply(r.health()), tip);
    }

    private static <T> TableColumn<Row, T> column(String n, double w, Function<Row, T> f, String tip) {
        TableColumn<Row, T> c = new TableColumn<>(n);
        c.setPrefWidth(w);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        if (tip != null) {
            Label l = new Label(n);
            l.setTooltip(new Tooltip(tip));
            c.setGraphic(l);
            c.setText("");
        }
        return c;
    }
}
