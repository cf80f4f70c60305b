package dev.flowinspector.ui.templates;

import dev.flowinspector.decode.PacketTree;
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

    private static final String NO_PACKET = "No packet selected";
    private static final String NO_TEMPLATES = "No templates known at this packet";
    private final Label heading = new Label(NO_PACKET);
    /** The templates table's placeholder: no packet, or an empty cache at the packet shown. */
    private final Label empty = new Label(NO_PACKET);
    private final TableView<TemplateSnapshot.Entry> table = new TableView<>();
    private final TableView<FieldRow> fields = new TableView<>();
    private final ListView<HistoryLine> history = new ListView<>();
    private final Button goTo = new Button("Go to definition");
    private final Button exportButton = new Button("Export…");
    private final Button importButton = new Button("Import…");
    /** The columns of the second half of the fields, shown when the template does not fit one column of rows. */
    private final List<TableColumn<FieldRow, String>> secondHalf = new ArrayList<>();
    /** The template whose fields are shown, or null. */
    private Template shownTemplate;

    /** Height of a row of the fields table (fixed, so the rows that fit are known). */
    public static final double FIELD_ROW = 18;

    /**
     * One row of the fields table: a field, and when the template has more fields than rows fit, the field half a
     * template further on (the fields read down the first half, then down the second, like newspaper columns).
     *
     * @param first   1-based number of the first field
     * @param a       the first field
     * @param second  1-based number of the second field, or 0
     * @param b       the second field, or null
     */
    public record FieldRow(int first, TemplateField a, int second, TemplateField b) {
    }

    /**
     * One line of a template's history: an event, which links to its frame, or a field changed by it (frame -1).
     *
     * @param frame the frame of the event, or -1 for a changed-field line
     * @param text  what the line says
     */
    public record HistoryLine(long frame, String text) {
        @Override
        public String toString() {
            return text;
        }
    }
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
        table.setPlaceholder(empty);
        fields.setId("template-fields");
        fields.setFixedCellSize(FIELD_ROW);
        fields.getStyleClass().add("template-fields"); // compact rows (css): a whole template at the default size
        for (int half = 0; half < 2; half++) {
            boolean first = half == 0;
            List<TableColumn<FieldRow, String>> cols = List.of(
                    fcol("#", 26, r -> first ? num(r.first()) : num(r.second())),
                    fcol("Element", 160, r -> field(first ? r.a() : r.b(), f -> (f.scope() ? "[scope] " : "") + f.name())),
                    fcol("Id", 52, r -> field(first ? r.a() : r.b(), f -> f.pen() == 0 ? String.valueOf(f.id())
                            : f.pen() + "/" + f.id())),
                    fcol("Type", 82, r -> field(first ? r.a() : r.b(), f -> f.ie().type().ianaName())),
                    fcol("Len", 52, r -> field(first ? r.a() : r.b(), f -> f.isVariable() ? "variable"
                            : String.valueOf(f.length()))));
            fields.getColumns().addAll(cols);
            if (!first) {
                secondHalf.addAll(cols);
                cols.get(0).setStyle("-fx-border-color: transparent transparent transparent -fx-box-border;");
            }
        }
        fields.heightProperty().addListener((o, a, h) -> layoutFields());
        // the columns share the width (no horizontal scroll bar: it would take a row's height)
        fields.widthProperty().addListener((o, a, w) -> sizeColumns());
        fields.setPlaceholder(new Label("Select a template"));
        history.setId("template-history");
        history.setCellFactory(v -> new HistoryCell());
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
        life.setId("template-life");
        life.setWrapText(true);
        life.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox historyBox = new VBox(2, life, history);
        VBox.setVgrow(history, Priority.ALWAYS);
        // the fields take the whole height of the pane (a whole template at the window's default size); the
        // templates and the selected one's life and history share the other side
        SplitPane left = new SplitPane(table, historyBox);
        left.setOrientation(javafx.geometry.Orientation.VERTICAL);
        left.setDividerPositions(0.5);
        exportButton.setId("template-export");
        exportButton.setDisable(true); // until a cache with live templates is shown
        exportButton.setTooltip(new javafx.scene.control.Tooltip(
                "Save the templates live at this packet as JSON (for --templates-from or another capture)"));
        importButton.setId("template-import");
        importButton.setTooltip(new javafx.scene.control.Tooltip(
                "Decode this capture again knowing templates from a JSON file or another capture"));
        goTo.setTooltip(new javafx.scene.control.Tooltip("Select the frame that defined the selected template"));
        HBox top = new HBox(8, heading, goTo, exportButton, importButton);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        top.setPadding(new Insets(4));
        BorderPane leftPane = new BorderPane(left, top, null, null, null);
        SplitPane split = new SplitPane(leftPane, fields);
        split.setDividerPositions(0.52);
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
        showEntries(s, exporter).run();
    }

    /**
     * {@link #show(TemplateSnapshot, dev.flowinspector.decode.Endpoint)} in two steps, for a caller that lays each
     * out in a pulse of its own: this shows the cache's templates and returns the second step, which selects one
     * (the one selected before, else the first) and shows its fields and history. The second step does nothing
     * when another cache has been shown or cleared meanwhile.
     */
    public Runnable showEntries(TemplateSnapshot s, dev.flowinspector.decode.Endpoint exporter) {
        TemplateSnapshot.Entry sel = table.getSelectionModel().getSelectedItem();
        snapshot = s;
        heading.setText("Cache at frame " + s.frame() + ": " + s.liveCount() + " live, "
                + (s.entries().size() - s.liveCount()) + " gone");
        heading.setTooltip(new javafx.scene.control.Tooltip("Templates known right after frame " + s.frame()
                + ": live, or withdrawn or expired by then"));
        exportButton.setDisable(s.liveCount() == 0); // Export writes the live ones
        empty.setText(NO_TEMPLATES);
        List<TemplateSnapshot.Entry> entries = new ArrayList<>(s.entries());
        if (exporter != null) {
            entries.sort(java.util.Comparator.comparing(e -> !e.key().exporter().address().equals(exporter.address())
                    || e.key().exporter().port() != exporter.port() && e.key().exporter().port() != 0));
            if (sel != null && !sel.key().exporter().equals(exporter)) {
                sel = null;
            }
        }
        TemplateSnapshot.Entry keep = sel == null ? null : withKey(s, sel);
        table.getItems().setAll(entries);
        return () -> {
            if (snapshot != s) {
                return;
            }
            if (keep != null) {
                table.getSelectionModel().select(keep);
            } else if (!entries.isEmpty()) {
                table.getSelectionModel().select(0);
            } else {
                showEntry(null);
            }
        };
    }

    /** The entry of s with the same key as e, or null. */
    private static TemplateSnapshot.Entry withKey(TemplateSnapshot s, TemplateSnapshot.Entry e) {
        for (TemplateSnapshot.Entry x : s.entries()) {
            if (x.key().equals(e.key())) {
                return x;
            }
        }
        return null;
    }

    /** Shows no cache (nothing open, or another capture before its first packet is shown). */
    public void clear() {
        clear(NO_PACKET); // not "no templates known at this packet": there is no packet
    }

    /** Shows no cache, saying why in the heading and the table (e.g. the packet selected could not be read). */
    public void clear(String why) {
        snapshot = null;
        heading.setText(why);
        heading.setTooltip(null);
        empty.setText(why);
        exportButton.setDisable(true);
        table.getItems().clear();
        showEntry(null);
    }

    /** The snapshot shown, or null. */
    public TemplateSnapshot snapshot() {
        return snapshot;
    }

    public TableView<TemplateSnapshot.Entry> table() {
        return table;
    }

    /** The selected template's history, one line per event (and per changed field). */
    public ListView<HistoryLine> history() {
        return history;
    }

    private void showEntry(TemplateSnapshot.Entry e) {
        goTo.setDisable(e == null);
        if (e == null) {
            shownTemplate = null;
            fields.getItems().clear();
            history.getItems().clear();
            life.setText("");
            return;
        }
        Template t = e.template() != null ? e.template() : e.lastEvent().previous();
        dev.flowinspector.decode.health.TemplateLife l = lives.apply(e.key());
        if (l == null) {
            life.setText("");
        } else {
            life.setText("In the whole capture: used by " + PacketTree.count(l.timesUsed(), "data set") + " ("
                    + PacketTree.count(l.records(), "record")
                    + (l.lateUses() > 0 ? ", " + l.lateUses() + " sets decoded after the fact" : "") + "); "
                    + l.definitions() + (l.definitions() == 1 ? " definition" : " definitions") + "; "
                    + refreshText(l) + "; now " + l.state().label() + ".");
        }
        shownTemplate = t;
        layoutFields();
        List<HistoryLine> lines = new ArrayList<>();
        for (TemplateEvent ev : e.history()) {
            boolean later = snapshot != null && ev.frame() > snapshot.frame();
            StringBuilder sb = new StringBuilder();
            sb.append(ev.kind().label());
            if (ev.template() != null) {
                sb.append(" (").append(ev.template().fields().size()).append(" fields)");
            }
            if (later) {
                sb.append("  [later]");
            }
            lines.add(new HistoryLine(ev.frame(), sb.toString()));
            if (ev.kind() == TemplateEvent.Kind.CHANGED && ev.previous() != null && ev.template() != null) {
                for (String d : diff(ev.previous(), ev.template())) {
                    lines.add(new HistoryLine(-1, d));
                }
            }
        }
        history.getItems().setAll(lines);
    }

    /**
     * How often a template was sent, in a unit that reads: "sent once", "refreshed every 1.5 s on average (about
     * every 20 frames)", "every 2 min", "every 0.04 ms" for a burst; repeats within one frame are said apart
     * ("sent 3 times, all in frame 1"; "...; up to 4 times in one frame").
     */
    static String refreshText(dev.flowinspector.decode.health.TemplateLife l) {
        String repeats = l.mostInOneFrame() > 1 ? "; up to " + l.mostInOneFrame() + " times in one frame" : "";
        long mean = l.meanRefreshNanos();
        if (mean < 0) {
            return l.framesSent() == 1 && l.definitions() > 1 && !l.imported()
                    ? "sent " + l.definitions() + " times, all in frame " + l.firstFrame() : "sent once";
        }
        String every = dev.flowinspector.decode.health.Durations.fine(mean);
        String frames = "";
        if (l.framesSent() > 1 && l.lastRefreshFrame() > l.firstFrame()) {
            long n = Math.round((double) (l.lastRefreshFrame() - l.firstFrame()) / (l.framesSent() - 1));
            frames = n == 1 ? " (about every frame)" : " (about every " + n + " frames)";
        }
        return "refreshed every " + every + " on average" + frames + repeats;
    }

    /**
     * Lays the shown template's fields out: one column of rows when they fit the table's height, else two halves
     * side by side.
     */
    private void layoutFields() {
        Template t = shownTemplate;
        List<FieldRow> rows = new ArrayList<>();
        boolean split = false;
        if (t != null) {
            List<TemplateField> f = t.fields();
            int n = f.size();
            int fit = rowsThatFit();
            int perColumn = n <= fit ? n : (n + 1) / 2;
            split = perColumn < n;
            for (int i = 0; i < perColumn; i++) {
                int j = i + perColumn;
                rows.add(new FieldRow(i + 1, f.get(i), j < n ? j + 1 : 0, j < n ? f.get(j) : null));
            }
        }
        for (TableColumn<FieldRow, String> c : secondHalf) {
            c.setVisible(split);
        }
        fields.getItems().setAll(rows);
        sizeColumns();
    }

    /** Shares of a half's width: #, Element, Id, Type, Length. */
    private static final double[] SHARES = {0.09, 0.42, 0.11, 0.27, 0.11};

    /** Gives the columns of the half (or halves) shown their share of the table's width. */
    private void sizeColumns() {
        boolean split = !secondHalf.isEmpty() && secondHalf.get(0).isVisible();
        double w = fields.getWidth() - 20; // the vertical scroll bar, when a long template needs it
        if (w <= 0) {
            return;
        }
        double half = split ? w / 2 : w;
        List<TableColumn<FieldRow, ?>> cols = fields.getColumns();
        for (int i = 0; i < cols.size(); i++) {
            cols.get(i).setPrefWidth(Math.floor(half * SHARES[i % SHARES.length]));
        }
    }

    /** Rows of fields the table shows without scrolling at its current height (all before it is laid out). */
    private int rowsThatFit() {
        double h = fields.getHeight();
        if (h <= 0) {
            return Integer.MAX_VALUE;
        }
        javafx.scene.Node header = fields.lookup(".column-header-background");
        double head = header == null ? 25 : header.getBoundsInLocal().getHeight();
        return Math.max(1, (int) ((h - head - 2) / FIELD_ROW));
    }

    /** The fields shown for the selected template, in template order. */
    public List<TemplateField> fieldsShown() {
        List<TemplateField> first = new ArrayList<>();
        List<TemplateField> second = new ArrayList<>();
        for (FieldRow r : fields.getItems()) {
            first.add(r.a());
            if (r.b() != null) {
                second.add(r.b());
            }
        }
        first.addAll(second);
        return first;
    }

    /** Rows of the fields table (a template too long for one column shows in two halves side by side). */
    public TableView<FieldRow> fieldsTable() {
        return fields;
    }

    /**
     * Selects the template with this key (a data set selected in the packet tree); when the cache at the packet
     * does not hold it, nothing is selected and the life line says why.
     *
     * @param key        the data set's template key
     * @param laterFrame the frame of a later definition the data set was decoded with, or 0
     */
    public void select(dev.flowinspector.decode.TemplateKey key, long laterFrame) {
        if (snapshot == null) {
            return;
        }
        for (TemplateSnapshot.Entry e : table.getItems()) {
            if (e.key().equals(key)) {
                table.getSelectionModel().select(e);
                table.scrollTo(e);
                return;
            }
        }
        table.getSelectionModel().clearSelection();
        life.setText("Template " + key.templateId() + " of " + key.exporter() + " domain " + key.domain()
                + " is not known at frame " + snapshot.frame()
                + (laterFrame > 0 ? ": it is defined later, in frame " + laterFrame + " (its data is decoded with that)"
                : ": no definition of it has been seen before this packet"));
    }

    /**
     * A history line: the frame as a link that selects it, then what happened. The cell keeps one link and its tooltip
     * and updates them: a new link and tooltip per update made every packet selected rebuild controls (and their CSS)
     * for every visible line.
     */
    private final class HistoryCell extends javafx.scene.control.ListCell<HistoryLine> {
        private javafx.scene.control.Hyperlink link;
        private javafx.scene.control.Tooltip tip;
        private long frame;

        @Override
        protected void updateItem(HistoryLine line, boolean empty) {
            super.updateItem(line, empty);
            if (empty || line == null) {
                setText(null);
                setGraphic(null);
            } else if (line.frame() < 0) {
                setText(line.text());
                setGraphic(null);
            } else {
                if (link == null) {
                    link = new javafx.scene.control.Hyperlink();
                    link.setPadding(Insets.EMPTY);
                    link.setOnAction(a -> onGoTo.accept(frame));
                    tip = new javafx.scene.control.Tooltip();
                    link.setTooltip(tip);
                }
                frame = line.frame();
                link.setText(frame == 0 ? "imported" : "frame " + frame);
                link.setDisable(frame == 0);
                tip.setText("Go to frame " + frame);
                setGraphic(link);
                setGraphicTextGap(0);
                setText(": " + line.text());
            }
        }
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

    private static String num(int n) {
        return n == 0 ? "" : String.valueOf(n);
    }

    private static String field(TemplateField f, Function<TemplateField, String> text) {
        return f == null ? "" : text.apply(f);
    }

    private static TableColumn<FieldRow, String> fcol(String name, double w, Function<FieldRow, String> f) {
        TableColumn<FieldRow, String> c = new TableColumn<>(name);
        c.setPrefWidth(w);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }
}
