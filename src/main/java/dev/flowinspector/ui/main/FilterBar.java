package dev.flowinspector.ui.main;

import dev.flowinspector.engine.filter.DisplayFilter;
import dev.flowinspector.engine.filter.FilterException;
import dev.flowinspector.ui.common.Tasks;
import dev.flowinspector.ui.packets.PacketListView;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.Session;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The display filter bar and the filter it applies: the text is checked as it is typed, Enter or Apply scans the
 * session in the background and the list then shows the packets that match.
 */
final class FilterBar {

    private static final PseudoClass VALID = PseudoClass.getPseudoClass("valid");
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final OpenCapture capture;
    private final PacketListView list;
    private final StatusBar status;
    private final TextField filter = new TextField();
    private final Label filterMessage = new Label();
    private final HBox bar;
    private BitSet filterBits;
    /** Incremented by each filter applied; an older scan still running stops. */
    private volatile long filterGeneration;
    private DisplayFilter activeFilter;

    FilterBar(OpenCapture capture, PacketListView list, StatusBar status) {
        this.capture = capture;
        this.list = list;
        this.status = status;
        filter.setId("filter");
        filter.getStyleClass().add("filter-field");
        filter.setPromptText("Apply a display filter …  e.g.  version == 9 && sourceIPv4Address == 10.0.0.1,  problem,  template.id == 256");
        filter.setOnAction(e -> applyFilter(filter.getText()));
        filter.textProperty().addListener((o, a, t) -> {
            try {
                DisplayFilter f = DisplayFilter.parse(t);
                filter.pseudoClassStateChanged(VALID, !f.matchesAll());
                filter.pseudoClassStateChanged(INVALID, false);
                filterMessage.setText("");
            } catch (FilterException ex) {
                filter.pseudoClassStateChanged(VALID, false);
                filter.pseudoClassStateChanged(INVALID, true);
                filterMessage.setText(ex.getMessage());
            }
        });
        org.controlsfx.control.textfield.TextFields.bindAutoCompletion(filter, req -> complete(req.getUserText()));
        Button apply = new Button("Apply");
        apply.setId("filter-apply");
        apply.setOnAction(e -> applyFilter(filter.getText()));
        Button clear = new Button("Clear");
        clear.setOnAction(e -> clear());
        filterMessage.setId("filter-message");
        filterMessage.getStyleClass().add("filter-message");
        bar = new HBox(6, filter, apply, clear, filterMessage);
        HBox.setHgrow(filter, Priority.ALWAYS);
        bar.setPadding(new Insets(3, 6, 3, 6));
        bar.setAlignment(Pos.CENTER_LEFT);
    }

    /** The bar: field, Apply, Clear and the message. */
    HBox bar() {
        return bar;
    }

    TextField field() {
        return filter;
    }

    Label message() {
        return filterMessage;
    }

    /** The filter applied, or null when the list shows every packet. */
    DisplayFilter active() {
        return activeFilter;
    }

    /** The indexes of the packets the active filter shows, or null without one. */
    BitSet shownIndexes() {
        return activeFilter == null ? null : filterBits;
    }

    /** Puts the text in the field and applies it (a field chosen in the details tree). */
    void setAndApply(String text) {
        filter.setText(text);
        applyFilter(text);
    }

    /** Empties the field and shows every packet. */
    void clear() {
        filter.clear();
        applyFilter("");
    }

    /** Another session: no filter. */
    void reset() {
        filterBits = null;
        capture.shown().setPredicate(null);
        activeFilter = null;
    }

    /** Applies the active filter again (after reading has ended). */
    void reapply() {
        if (activeFilter != null) {
            applyFilter(activeFilter.text());
        }
    }

    /** Shows the packet counts: all, and displayed when a filter is active. */
    void updateCounts() {
        status.setCounts(activeFilter == null ? "Packets: " + capture.rows().size()
                : "Packets: " + capture.rows().size() + " · Displayed: " + capture.shown().size());
    }

    /** Completions for the last word of the filter text. */
    static List<String> complete(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        int i = text.length();
        while (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.')) {
            i--;
        }
        String word = text.substring(i);
        if (word.length() < 2 || Character.isDigit(word.charAt(0))) {
            return List.of();
        }
        String lower = word.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String f : DisplayFilter.fieldNames()) {
            if (f.toLowerCase(Locale.ROOT).startsWith(lower) && !f.equals(word)) {
                out.add(text.substring(0, i) + f);
                if (out.size() >= 15) {
                    break;
                }
            }
        }
        return out;
    }

    /** Applies a display filter (empty shows everything); a bad filter shows its message. */
    void applyFilter(String text) {
        DisplayFilter f;
        try {
            f = DisplayFilter.parse(text);
        } catch (FilterException e) {
            filterMessage.setText(e.getMessage());
            filter.pseudoClassStateChanged(INVALID, true);
            return;
        }
        filterMessage.setText("");
        Session sess = capture.session();
        if (f.matchesAll() || sess == null) {
            filterGeneration++;
            activeFilter = null;
            filterBits = null;
            capture.shown().setPredicate(null);
            updateCounts();
            return;
        }
        status.setText("Filtering …");
        long gen = ++filterGeneration;
        boolean busy = capture.loading() != null;
        if (!busy) {
            status.showProgress(0);
        }
        Tasks.run(() -> {
            BitSet bits = new BitSet();
            sess.scan((i, fr, p) -> {
                if (f.matches(p)) {
                    bits.set(i);
                }
            }, () -> gen != filterGeneration || sess != capture.session(),
                    x -> Platform.runLater(() -> {
                        if (!busy && gen == filterGeneration) {
                            status.setProgress(x);
                        }
                    }));
            return bits;
        }, bits -> {
            if (!busy && capture.loading() == null) {
                status.hideProgress();
            }
            if (sess != capture.session() || gen != filterGeneration) {
                return;
            }
            SortedList<PacketSummary> view = capture.view();
            PacketSummary sel = list.getSelectionModel().getSelectedItem();
            activeFilter = f;
            filterBits = bits;
            capture.shown().setPredicate(r -> filterBits.get(r.index()));
            updateCounts();
            status.setText("Filter: " + f.text() + " — " + capture.shown().size() + " of " + capture.rows().size()
                    + " packets");
            int i = sel == null ? -1 : view.indexOf(sel);
            if (i >= 0) {
                list.getSelectionModel().clearAndSelect(i);
            } else if (!view.isEmpty()) {
                Navigator.selectShown(list, 0);
            }
        }, err -> status.showError("filter: " + err));
    }
}
