package dev.flowinspector.ui.problems;

import dev.flowinspector.decode.Severity;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.common.Severities;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;

/**
 * Expert Info: problems grouped by severity, then code, with counts; selecting one goes to its packet and
 * bytes.
 */
public final class ProblemsView extends TreeTableView<ProblemsView.Row> {

    /** One line: a severity group, a code group or one problem. */
    public record Row(String text, Severity severity, String code, String group, String reference, int count,
                      ProblemEntry entry) {
    }

    private final Map<Severity, Integer> totals = new EnumMap<>(Severity.class);
    private Consumer<ProblemEntry> onOpen = e -> { };
    private static final int MAX_PER_CODE = 10_000;

    public ProblemsView() {
        super(new TreeItem<>());
        setId("problems-view");
        setShowRoot(false);
        TreeTableColumn<Row, String> summary = new TreeTableColumn<>("Summary");
        summary.setPrefWidth(560);
        summary.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().text()));
        TreeTableColumn<Row, String> group = new TreeTableColumn<>("Group");
        group.setPrefWidth(90);
        group.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().group()));
        TreeTableColumn<Row, String> code = new TreeTableColumn<>("Code");
        code.setPrefWidth(230);
        code.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().code()));
        TreeTableColumn<Row, String> count = new TreeTableColumn<>("Count / Frame");
        count.setPrefWidth(100);
        count.setCellValueFactory(c -> {
            Row r = c.getValue().getValue();
            return new ReadOnlyObjectWrapper<>(r.entry() != null ? "frame " + r.entry().frame() : String.valueOf(r.count()));
        });
        TreeTableColumn<Row, String> ref = new TreeTableColumn<>("Reference");
        ref.setPrefWidth(140);
        ref.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().reference()));
        getColumns().add(summary);
        getColumns().add(group);
        getColumns().add(code);
        getColumns().add(count);
        getColumns().add(ref);
        setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                Severities.apply(this, empty || r == null || r.entry() != null ? null : r.severity());
            }
        });
        setPlaceholder(new Label("No problems found"));
        getSelectionModel().selectedItemProperty().addListener((o, a, it) -> {
            if (it != null && it.getValue() != null && it.getValue().entry() != null) {
                onOpen.accept(it.getValue().entry());
            }
        });
    }

    /** Called with a problem when the user selects it. */
    public void setOnOpen(Consumer<ProblemEntry> c) {
        onOpen = c;
    }

    /** Shows all problems of a session. */
    public void show(List<ProblemEntry> problems) {
        totals.clear();
        Map<Severity, Map<String, List<ProblemEntry>>> grouped = new EnumMap<>(Severity.class);
        for (ProblemEntry e : problems) {
            grouped.computeIfAbsent(e.problem().severity(), s -> new TreeMap<>())
                    .computeIfAbsent(e.problem().code(), c -> new java.util.ArrayList<>()).add(e);
            totals.merge(e.problem().severity(), 1, Integer::sum);
        }
        TreeItem<Row> root = new TreeItem<>();
        for (Map.Entry<Severity, Map<String, List<ProblemEntry>>> s : grouped.entrySet()) {
            int n = totals.get(s.getKey());
            TreeItem<Row> sev = new TreeItem<>(new Row(label(s.getKey()) + " (" + n + ")", s.getKey(), "", "", "", n, null));
            for (Map.Entry<String, List<ProblemEntry>> c : s.getValue().entrySet()) {
                var first = c.getValue().get(0).problem();
                TreeItem<Row> code = new TreeItem<>(new Row(first.type().summary(), s.getKey(), c.getKey(),
                        first.type().group().label(), first.type().reference(), c.getValue().size(), null));
                int k = 0;
                for (ProblemEntry e : c.getValue()) {
                    if (++k > MAX_PER_CODE) {
                        code.getChildren().add(new TreeItem<>(new Row("… " + (c.getValue().size() - MAX_PER_CODE)
                                + " more (use the filter: problem == " + c.getKey() + ")", s.getKey(), "", "", "", 0, null)));
                        break;
                    }
                    code.getChildren().add(new TreeItem<>(new Row(e.problem().message(), s.getKey(), c.getKey(),
                            "", "", 1, e)));
                }
                sev.getChildren().add(code);
            }
            sev.setExpanded(true);
            root.getChildren().add(sev);
        }
        setRoot(root);
    }

    /** Problems counted per severity in the last {@link #show}. */
    public Map<Severity, Integer> totals() {
        return new LinkedHashMap<>(totals);
    }

    private static String label(Severity s) {
        return switch (s) {
            case ERROR -> "Errors";
            case WARNING -> "Warnings";
            case NOTE -> "Notes";
        };
    }
}
