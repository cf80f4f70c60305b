package dev.flowinspector.ui.templates;

import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateEvent;
import dev.flowinspector.decode.TemplateField;
import dev.flowinspector.ui.session.TemplateSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The template cache as it stood at the selected packet, per exporter and domain: each template's fields, its
 * history across the capture (events after the packet marked "later") and what changed in a redefinition.
 */
public final class TemplatesView extends BorderPane {

    private final Label heading = new Label("No packet selected");
    private final TableView<TemplateSnapshot.Entry> table = new TableView<>();
    private final TableView<TemplateField> fields = new TableView<>();
    private final ListView<String> history = new ListView<>();
    private final Button goTo = new Button("Go to defining frame");
    private final Button exportButton = new Button("Export templates…");
    private final Button importButton = new Button("Import templates…");
    private TemplateSnapshot snapshot;
    private LongConsumer onGoTo = f -> { };
    private final Label life = new Label();
    private Function<dev.flowinspector.decode.TemplateKey, dev.flowinspector.decode.health.TemplateLife> lives = k -> null;

    public TemplatesView() {
        setId("templates-view");
        heading.setId("templates-heading");
        heading.getStyleClass().add("pane-heading");
        table.setId("templates-table");
        table.getColumns().add(col("Exporter", 160, e -> e.key().exporter().toString()));
        table.getColumns().add(col("Version", 60, e -> e.key().version() == 10 ? "IPFIX" : "v" + e.key().version()));
        table.getColumns().add(col("Domain", 70, e -> e.key().domain()));
        table.getColumns().add(col("Template", 70, e -> e.key().templateId()));
        table.getColumns().add(col("Kind", 80, e -> e.template() == null ? "" : e.template().options() ? "options" : "data"));
        table.getColumns().add(col("Fields", 55, e -> e.template() == null ? "" : String.valueOf(e.template().fields().size())));
        table.getColumns().add(col("State", 230, TemplatesView::state));
        table.setPlaceholder(new Label("No templates known at this packet"));
        fields.setId("template-fields");
        TableColumn<TemplateField, String> num = fcol("#", 35, f -> "");
        fields.getColumns().add(num);
        num.setCellFactory(c -> new javafx.scene.control.TableCell<TemplateField, String>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : String.valueOf(getIndex() + 1));
            }
        });
        fields.getColumns().add(fcol("Element", 190, f -> (f.scope() ? "[scope] " : "") + f.name()));
        fields.getColumns().add(fcol("Id", 55, f -> String.valueOf(f.id())));
        fields.getColumns().add(fcol("PEN", 55, f -> f.pen() == 0 ? "" : String.valueOf(f.pen())));
        fields.getColumns().add(fcol("Type", 110, f -> f.ie().type().ianaName()));
        fields.getColumns().add(fcol("Length", 60, f -> f.isVariable() ? "variable" : String.valueOf(f.length())));
        fields.setPlaceholder(new Label("Select a template"));
        history.setId("template-history");
        goTo.setId("template-goto");
        goTo.setDisable(true);
        goTo.setOnAction(e -> {
            TemplateSnapshot.Entry en = table.getSelectionModel().getSelectedItem();
            if (en != null && en.lastEvent() != null) {
                Template t = en.template() != null ? en.template() : en.lastEvent().previous();
                onGoTo.accept(t != null ? t.originFrame() : en.lastEvent().frame());
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, en) -> showEntry(en));
        VBox right = new VBox(4, new Label("Fields"), fields, new Label("History (frames)"), life, history);
        life.setId("template-life");
        life.setWrapText(true);
        VBox.setVgrow(fields, Priority.ALWAYS);
        VBox.setVgrow(history, Priority.ALWAYS);
        right.setPadding(new Insets(0, 0, 0, 4));
        SplitPane split = new SplitPane(table, right);
        split.setDividerPositions(0.55);
        exportButton.setId("template-export");
        exportButton.setTooltip(new javafx.scene.control.Tooltip(
                "Save the templates live at this packet as JSON (for --templates-from or another capture)"));
        importButton.setId("template-import");
        importButton.setTooltip(new javafx.scene.control.Tooltip(
                "Decode this capture again knowing templates from a JSON file or another capture"));
        HBox top = new HBox(12, heading, goTo, exportButton, importButton);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        top.setPadding(new Insets(4));
        setTop(top);
        setCenter(split);
    }

    /** Where the whole-capture life of a template (uses, refresh cadence) comes from. */
    public void setLives(Function<dev.flowinspector.decode.TemplateKey, dev.flowinspector.decode.health.TemplateLife> f) {
        lives = f;
    }

    /** Called for "Export templates…" and "Import templates…". */
    public void setOnExportImport(Runnable export, Runnable importer) {
        exportButton.setOnAction(e -> export.run());
        importButton.setOnAction(e -> importer.run());
    }

    /** Called with a frame number for "go to defining frame". */
    public void setOnGoToFrame(LongConsumer c) {
        onGoTo = c;
    }

    /** Shows the cache at a frame, keeping the selected key selected when it is still there. */
    public void show(TemplateSnapshot s) {
        show(s, null);
    }

    /**
     * Shows the cache at a frame with the templates of the packet's exporter first; keeps the selected key
     * selected when it belongs to that exporter.
     */
    public void show(TemplateSnapshot s, dev.flowinspector.decode.Endpoint exporter) {
        TemplateSnapshot.Entry sel = table.getSelectionModel().getSelectedItem();
        snapshot = s;
        heading.setText("Template cache at frame " + s.frame() + ": " + s.liveCount() + " live, "
                + (s.entries().size() - s.liveCount()) + " withdrawn or expired");
        List<TemplateSnapshot.Entry> entries = new ArrayList<>(s.entries());
        if (exporter != null) {
            entries.sort(java.util.Comparator.comparing(e -> !e.key().exporter().address().equals(exporter.address())
                    || e.key().exporter().port() != exporter.port() && e.key().exporter().port() != 0));
            if (sel != null && !sel.key().exporter().equals(exporter)) {
                sel = null;
            }
        }
        table.getItems().setAll(entries);
        if (sel != null) {
            for (TemplateSnapshot.Entry e : s.entries()) {
                if (e.key().equals(sel.key())) {
                    table.getSelectionModel().select(e);
                    return;
                }
            }
        }
        if (!entries.isEmpty()) {
            table.getSelectionModel().select(0);
        } else {
            showEntry(null);
        }
    }

    /** The snapshot shown, or null. */
    public TemplateSnapshot snapshot() {
        return snapshot;
    }

    public TableView<TemplateSnapshot.Entry> table() {
        return table;
    }

    /** The selected template's history, one line per event (and per changed field). */
    public ListView<String> history() {
        return history;
    }

    private void showEntry(TemplateSnapshot.Entry e) {
        goTo.setDisable(e == null);
        if (e == null) {
            fields.getItems().clear();
            history.getItems().clear();
            return;
        }
        Template t = e.template() != null ? e.template() : e.lastEvent().previous();
        dev.flowinspector.decode.health.TemplateLife l = lives.apply(e.key());
        if (l == null) {
            life.setText("");
        } else {
            long mean = l.meanRefreshNanos();
            life.setText("In the whole capture: used by " + l.timesUsed() + " data sets (" + l.records() + " records"
                    + (l.lateUses() > 0 ? ", " + l.lateUses() + " sets decoded after the fact" : "") + "); "
                    + l.definitions() + (l.definitions() == 1 ? " definition" : " definitions") + "; "
                    + (mean < 0 ? "sent once" : String.format("refreshed every %.1f s on average", mean / 1e9))
                    + "; now " + l.state().label() + ".");
        }
        fields.getItems().setAll(t == null ? List.of() : t.fields());
        List<String> lines = new ArrayList<>();
        for (TemplateEvent ev : e.history()) {
            boolean later = snapshot != null && ev.frame() > snapshot.frame();
            StringBuilder sb = new StringBuilder();
            sb.append("frame ").append(ev.frame()).append(": ").append(ev.kind().label());
            if (ev.template() != null) {
                sb.append(" (").append(ev.template().fields().size()).append(" fields)");
            }
            if (later) {
                sb.append("  [later]");
            }
            lines.add(sb.toString());
            if (ev.kind() == TemplateEvent.Kind.CHANGED && ev.previous() != null && ev.template() != null) {
                lines.addAll(diff(ev.previous(), ev.template()));
            }
        }
        history.getItems().setAll(lines);
    }

    /** The definition changes between two templates, one line each. */
    static List<String> diff(Template before, Template after) {
        List<String> out = new ArrayList<>();
        int n = Math.max(before.fields().size(), after.fields().size());
        for (int i = 0; i < n; i++) {
            TemplateField a = i < before.fields().size() ? before.fields().get(i) : null;
            TemplateField b = i < after.fields().size() ? after.fields().get(i) : null;
            if (a != null && a.equals(b)) {
                continue;
            }
            if (a == null) {
                out.add("    + field " + (i + 1) + ": " + b.name() + " (" + len(b) + ")");
            } else if (b == null) {
                out.add("    − field " + (i + 1) + ": " + a.name() + " (" + len(a) + ")");
            } else {
                out.add("    ~ field " + (i + 1) + ": " + a.name() + " (" + len(a) + ") → " + b.name() + " (" + len(b) + ")");
            }
        }
        return out;
    }

    private static String len(TemplateField f) {
        return f.isVariable() ? "variable" : f.length() + " bytes";
    }

    private static String state(TemplateSnapshot.Entry e) {
        TemplateEvent ev = e.lastEvent();
        String what = ev.kind().label() + " in frame " + ev.frame();
        if (ev.frame() == 0) {
            what = "imported";
        }
        return (e.live() ? "live, " : "gone, ") + what;
    }

    private static <T> TableColumn<TemplateSnapshot.Entry, T> col(String name, double w,
                                                                   Function<TemplateSnapshot.Entry, T> f) {
        TableColumn<TemplateSnapshot.Entry, T> c = new TableColumn<>(name);
        c.setPrefWidth(w);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private static TableColumn<TemplateField, String> fcol(String name, double w, Function<TemplateField, String> f) {
        TableColumn<TemplateField, String> c = new TableColumn<>(name);
        c.setPrefWidth(w);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }
}
