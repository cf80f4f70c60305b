package dev.flowinspector.ui.exporters;

import dev.flowinspector.session.ExporterSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** One row per exporter, version and domain: packets, records, templates, problems, time and sequence span. */
public final class ExportersView extends TableView<ExporterSummary> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    public ExportersView() {
        setId("exporters-view");
        getColumns().add(col("Exporter", 170, e -> e.exporter().toString()));
        getColumns().add(col("Version", 70, e -> e.version() == 10 ? "IPFIX" : "v" + e.version()));
        getColumns().add(col("Domain", 70, e -> String.valueOf(e.domain())));
        getColumns().add(col("Packets", 70, e -> String.valueOf(e.packets())));
        getColumns().add(col("Records", 70, e -> String.valueOf(e.records())));
        getColumns().add(col("Templates", 75, e -> String.valueOf(e.templates())));
        getColumns().add(col("Problems", 70, e -> String.valueOf(e.problems())));
        getColumns().add(col("First seen", 100, e -> time(e.firstNanos())));
        getColumns().add(col("Last seen", 100, e -> time(e.lastNanos())));
        getColumns().add(col("Sequence", 150, e -> e.firstSeq() + " … " + e.lastSeq()));
        setPlaceholder(new Label("No exporters"));
    }

    /** Shows the rows. */
    public void show(List<ExporterSummary> rows) {
        getItems().setAll(rows);
    }

    private static String time(long nanos) {
        return nanos == 0 ? "" : TIME.format(Instant.ofEpochSecond(0, nanos));
    }

    private static TableColumn<ExporterSummary, String> col(String n, double w, Function<ExporterSummary, String> f) {
        TableColumn<ExporterSummary, String> c = new TableColumn<>(n);
        c.setPrefWidth(w);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }
}
