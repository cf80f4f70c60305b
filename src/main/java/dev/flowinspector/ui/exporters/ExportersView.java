package dev.flowinspector.ui.exporters;

import dev.flowinspector.decode.health.ExporterHealth;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
 * gaps, duplicates, resets, reboots, data without template and clock offset, from the cross-packet analysis.
 */
public final class ExportersView extends TableView<ExporterHealth> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    public ExportersView() {
        setId("exporters-view");
        getColumns().add(col("Exporter", 160, e -> e.key().exporter().toString(), null));
        getColumns().add(col("Protocol", 80, e -> e.key().protocol(), null));
        getColumns().add(col("Domain", 95, e -> e.key().domainLabel(), null));
        getColumns().add(num("Packets", 65, ExporterHealth::packets, null));
        getColumns().add(num("Records", 70, ExporterHealth::records, null));
        getColumns().add(col("Lost", 110, e -> e.lost() + " " + e.sequenceUnit(),
                "Records or packets missing by the header sequence numbers"));
        getColumns().add(col("Loss %", 60, e -> String.format("%.2f", e.lossPercent()), null));
        getColumns().add(num("Gaps", 50, ExporterHealth::gaps, "Sequence jumps forward"));
        getColumns().add(num("Dups", 50, ExporterHealth::duplicates, "Sequence numbers seen again"));
        getColumns().add(num("Resets", 55, ExporterHealth::resets, "Sequence numbers going back (exporter restarted)"));
        getColumns().add(num("Reboots", 60, ExporterHealth::reboots, "sysUptime going back"));
        getColumns().add(num("No template", 85, ExporterHealth::setsWithoutTemplate,
                "Data sets that arrived before their template"));
        getColumns().add(col("Clock offset", 90, e -> e.clockKnown() ? e.clockOffsetMs() + " ms" : "",
                "Export time minus capture time"));
        getColumns().add(num("Problems", 70, ExporterHealth::allProblems,
                "Problems in this exporter's packets and across them (sequence, clocks, templates), as Expert Info"
                        + " lists them"));
        getColumns().add(col("First seen", 95, e -> time(e.firstNanos()), null));
        getColumns().add(col("Last seen", 95, e -> time(e.lastNanos()), null));
        setPlaceholder(new Label("No exporters"));
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ExporterHealth h, boolean empty) {
                super.updateItem(h, empty);
                dev.flowinspector.ui.common.Severities.apply(this, empty || h == null ? null
                        : h.lost() > 0 || h.resets() > 0 || h.reboots() > 0 ? dev.flowinspector.decode.Severity.WARNING
                        : null);
            }
        });
        getStyleClass().add("packet-list");
    }

    /** Shows the rows. */
    public void show(List<ExporterHealth> rows) {
        getItems().setAll(rows);
    }

    private static String time(long nanos) {
        return nanos == 0 ? "" : TIME.format(Instant.ofEpochSecond(0, nanos));
    }

    private static TableColumn<ExporterHealth, String> col(String n, double w, Function<ExporterHealth, String> f,
                                                           String tip) {
        TableColumn<ExporterHealth, String> c = new TableColumn<>(n);
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

    private static TableColumn<ExporterHealth, Long> num(String n, double w, Function<ExporterHealth, Long> f,
                                                         String tip) {
        TableColumn<ExporterHealth, Long> c = new TableColumn<>(n);
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
