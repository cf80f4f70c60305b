package dev.flowinspector.ui.flows;

import dev.flowinspector.engine.flow.FlowRecord;
import dev.flowinspector.ui.session.FlowSummary;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Every data record as a flow row (sortable, filterable by text), top talkers and bytes over time. */
public final class FlowsView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private final TableView<FlowRecord> table = new TableView<>();
    /**
     * The rows shown (search applied), made again with their sorted view for each summary shown: a JavaFX
     * {@code SortedList} keeps the rows removed from it (past its size) until as many are added again, so refilling
     * one list kept a large capture's flow rows (about 400 bytes each) after a small capture replaced it.
     */
    private FilteredList<FlowRecord> filtered;
    private SortedList<FlowRecord> sorted;
    private final TextField search = new TextField();
    private final Label status = new Label("Flows are read when this tab is opened");
    private final BarChart<Number, String> talkers = new BarChart<>(new NumberAxis(), new CategoryAxis());
    private final LineChart<Number, Number> overTime = new LineChart<>(new NumberAxis(), new NumberAxis());
    private Consumer<FlowRecord> onOpen = r -> { };
    private final javafx.scene.control.ComboBox<String> topBy = new javafx.scene.control.ComboBox<>(
            FXCollections.observableArrayList(java.util.Arrays.stream(FlowSummary.By.values())
                    .map(FlowSummary.By::label).toList()));
    private FlowSummary current = FlowSummary.of(List.of());

    public FlowsView() {
        setId("flows-view");
        table.setId("flows-table");
        table.getColumns().add(col("Start", 170, r -> r.start() == null ? "" : TIME.format(r.start())));
        table.getColumns().add(col("End", 170, r -> r.end() == null ? "" : TIME.format(r.end())));
        table.getColumns().add(num("Duration ms", 80, FlowRecord::durationMillis));
        table.getColumns().add(col("Exporter", 140, r -> r.exporter()));
        table.getColumns().add(col("Source", 120, FlowRecord::src));
        table.getColumns().add(num("Src port", 60, r -> (long) r.srcPort()));
        table.getColumns().add(col("Destination", 120, FlowRecord::dst));
        table.getColumns().add(num("Dst port", 60, r -> (long) r.dstPort()));
        table.getColumns().add(col("Protocol", 80, FlowRecord::protocolLabel));
        table.getColumns().add(num("Packets", 70, FlowRecord::packets));
        table.getColumns().add(num("Bytes", 90, FlowRecord::bytes));
        table.getColumns().add(num("In if", 50, FlowRecord::inIf));
        table.getColumns().add(num("Out if", 50, FlowRecord::outIf));
        table.getColumns().add(num("Src AS", 60, FlowRecord::srcAs));
        table.getColumns().add(num("Dst AS", 60, FlowRecord::dstAs));
        table.getColumns().add(num("Frame", 60, FlowRecord::frame));
        rows(List.of());
        table.setPlaceholder(new Label("No flow records"));
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                onOpen.accept(table.getSelectionModel().getSelectedItem());
            }
        });
        search.setPromptText("Show flows containing… (address, port, protocol)");
        search.textProperty().addListener((o, a, t) -> {
            String q = t == null ? "" : t.strip().toLowerCase();
            filtered.setPredicate(q.isEmpty() ? null : r -> (r.src() + " " + r.dst() + " " + r.srcPort() + " "
                    + r.dstPort() + " " + r.protocolLabel() + " " + r.exporter()).toLowerCase().contains(q));
        });
        talkers.setTitle("Top " + FlowSummary.By.SOURCES.label() + " (bytes)"); // as talkers() names it
        talkers.setLegendVisible(false);
        talkers.setAnimated(false);
        overTime.setTitle("Bytes over time (flow start, s)");
        overTime.setLegendVisible(false);
        overTime.setAnimated(false);
        overTime.setCreateSymbols(false);
        readable(talkers, (NumberAxis) talkers.getXAxis(), "bytes");
        readable(overTime, (NumberAxis) overTime.getYAxis(), "bytes");
        overTime.getXAxis().setLabel("seconds since the first flow started");
        talkers.setCategoryGap(3); // ten bars fill the height: no hairlines
        talkers.setBarGap(0);
        // one chart at a time, each with the whole height: two stacked charts in a short pane were unreadable
        javafx.scene.control.TabPane charts = new javafx.scene.control.TabPane(
                new javafx.scene.control.Tab("Top talkers", scrolled(talkers, 300)),
                new javafx.scene.control.Tab("Over time", scrolled(overTime, 220)));
        charts.setId("flows-charts");
        charts.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(table, charts);
        split.setDividerPositions(0.68);
        topBy.setValue("sources");
        topBy.setId("flows-top");
        topBy.valueProperty().addListener((o, a, b) -> talkers());
        HBox top = new HBox(8, search, new Label("Top"), topBy, status);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);
        top.setPadding(new Insets(4));
        setTop(top);
        setCenter(split);
    }

    /** Called when a flow row is double-clicked. */
    public void setOnOpen(Consumer<FlowRecord> c) {
        onOpen = c;
    }

    /** Shows a status line (loading, limits). */
    public void setStatus(String s) {
        status.setText(s);
    }

    /** Shows flows and recomputes the charts. */
    public void show(List<FlowRecord> rows) {
        show(FlowSummary.of(rows));
    }

    /**
     * Shows the figures of every record (top talkers, bytes over time) and the table's rows; the status line says
     * what share of the records the table holds when it does not hold them all.
     */
    public void show(FlowSummary summary) {
        if (nothing(summary) && nothing(current)) {
            // nothing shown and nothing to show: the charts are not laid out again (an open empties the pane, on a tab
            // mostly hidden, in the pulses that draw the capture's first rows)
            current = summary;
            status.setText(summary.describe());
            return;
        }
        rows(summary.table());
        current = summary;
        talkers();
        XYChart.Series<Number, Number> t = new XYChart.Series<>();
        for (long[] b : summary.overTime()) {
            t.getData().add(new XYChart.Data<>(b[0], b[1]));
        }
        overTime.getData().setAll(List.of(t));
        status.setText(summary.describe());
    }

    /** No records counted for the charts and no rows for the table. */
    private static boolean nothing(FlowSummary f) {
        return f.records() == 0 && f.table().isEmpty();
    }

    /** The table's rows: a new list, filtered by the search and sorted by the table's columns. */
    private void rows(List<FlowRecord> rows) {
        FilteredList<FlowRecord> f = new FilteredList<>(FXCollections.observableArrayList(rows));
        if (filtered != null) {
            f.setPredicate(filtered.getPredicate());
            sorted.comparatorProperty().unbind();
        }
        filtered = f;
        sorted = new SortedList<>(f);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
    }

    /** Recomputes the top-10 chart by the chosen key. */
    private void talkers() {
        FlowSummary.By by = FlowSummary.By.of(topBy.getValue());
        XYChart.Series<Number, String> s = new XYChart.Series<>();
        List<Map.Entry<String, Long>> top = new java.util.ArrayList<>(current.top(by, 10));
        java.util.Collections.reverse(top);
        top.forEach(e -> s.getData().add(new XYChart.Data<>(e.getValue(), e.getKey())));
        talkers.setTitle("Top " + by.label() + " (bytes)");
        talkers.getData().setAll(List.of(s));
    }

    /** Axis label and tick labels in k, M, G (bytes). */
    private static void readable(XYChart<?, ?> chart, NumberAxis values, String unit) {
        values.setLabel(unit);
        values.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return si(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        chart.setPadding(new Insets(2, 8, 2, 2));
    }

    /** A chart never squeezed below {@code min} pixels high (ten bars of readable height): a short pane scrolls. */
    private static javafx.scene.control.ScrollPane scrolled(XYChart<?, ?> chart, double min) {
        chart.setMinHeight(min);
        javafx.scene.control.ScrollPane sp = new javafx.scene.control.ScrollPane(chart);
        sp.setFitToWidth(true);
        sp.setFitToHeight(true);
        return sp;
    }

    /** 1234567 as "1.2M": tick labels that fit. */
    static String si(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return trim(v / 1e9) + "G";
        }
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** The figures shown (a new object each time the flows have been read). */
    public FlowSummary summary() {
        return current;
    }

    public TableView<FlowRecord> table() {
        return table;
    }

    private static TableColumn<FlowRecord, String> col(String name, double w, Function<FlowRecord, String> f) {
        TableColumn<FlowRecord, String> c = new TableColumn<>(name);
        c.setPrefWidth(w);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private static TableColumn<FlowRecord, Long> num(String name, double w, Function<FlowRecord, Long> f) {
        TableColumn<FlowRecord, Long> c = new TableColumn<>(name);
        c.setPrefWidth(w);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setCellFactory(x -> new javafx.scene.control.TableCell<FlowRecord, Long>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || v < 0 ? null : v.toString());
            }
        });
        return c;
    }

}
