package dev.flowinspector.ui.filter;

import dev.flowinspector.engine.filter.DisplayFilter;
import dev.flowinspector.engine.filter.FilterException;
import dev.flowinspector.ui.common.Settings;
import impl.org.controlsfx.autocompletion.AutoCompletionTextFieldBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.controlsfx.control.textfield.AutoCompletionBinding;

/**
 * The display filter bar: the filter field (green when valid, red with the error naming the token when not),
 * completion of field names, Apply, Clear and saved filters (kept in {@link Settings}). Enter applies the text
 * as typed; a completion is taken only when chosen (arrow keys then Enter, Tab, or a click). Once a filter is
 * applied, no completion list opens until the text changes (completions are found a moment after each key, so they
 * may come after an Enter typed quickly).
 */
public final class FilterBar {

    private static final PseudoClass VALID = PseudoClass.getPseudoClass("valid");
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    /** Height of a row of the completion list (the height ControlsFX's skin counts a row). */
    private static final double COMPLETION_ROW = 24;

    private final Settings settings;
    private final Consumer<String> onApply;
    private final TextField field = new TextField();
    private final Label message = new Label();
    private final MenuButton saved = new MenuButton("★");
    private final HBox box;
    private final AutoCompletionBinding<String> completion;
    /** True once the user moved through the completion list with the arrow keys. */
    private boolean chose;
    /** True from applying the filter until the text changes: completions still on their way are not shown. */
    private boolean applied;

    /**
     * @param settings where saved filters are kept
     * @param onApply  applies a filter text (the window filters its packet list); called with the typed text
     */
    public FilterBar(Settings settings, Consumer<String> onApply) {
        this.settings = settings;
        this.onApply = onApply;
        field.setId("filter");
        field.getStyleClass().add("filter-field");
        field.setPromptText("Apply a display filter …  e.g.  sourceIPv4Address == 10.0.0.0/8 && destinationTransportPort in "
                + "{80, 443},  cflow.srcaddr == 10.0.0.1,  problem,  template.id == 256");
        field.setOnAction(e -> apply());
        field.textProperty().addListener((o, a, t) -> {
            applied = false;
            check(t);
        });
        // TextFields.bindAutoCompletion's binding, holding back completions that come after the filter was applied
        completion = new AutoCompletionTextFieldBinding<>(field, req -> complete(req.getUserText())) {
            @Override
            protected void showPopup() {
                if (!applied) {
                    super.showPopup();
                }
            }
        };
        completion.getAutoCompletionPopup().setOnShown(e -> chose = false);
        completion.getAutoCompletionPopup().skinProperty().addListener((o, a, skin) -> fitList(skin));
        completion.getAutoCompletionPopup().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN) {
                chose = true;
            } else if (e.getCode() == KeyCode.ENTER && !chose) {
                // Enter means "apply what I typed" (Wireshark's habit), not "take the first completion"
                e.consume();
                apply();
            }
        });
        Button applyButton = new Button("Apply");
        applyButton.setId("filter-apply");
        applyButton.setOnAction(e -> apply());
        Button clear = new Button("Clear");
        clear.setId("filter-clear");
        clear.setOnAction(e -> {
            field.clear();
            onApply.accept("");
        });
        saved.setId("filter-saved");
        saved.setTooltip(new Tooltip("Saved filters"));
        saved.setOnShowing(e -> fillSaved());
        fillSaved();
        message.setId("filter-message");
        message.getStyleClass().add("filter-message");
        message.setMinWidth(0);
        Tooltip full = new Tooltip();
        full.textProperty().bind(message.textProperty());
        message.tooltipProperty().bind(javafx.beans.binding.Bindings.when(message.textProperty().isEmpty())
                .then((Tooltip) null).otherwise(full)); // the whole message when the window cuts it short
        box = new HBox(6, saved, field, applyButton, clear, message);
        HBox.setHgrow(field, Priority.ALWAYS);
        box.setPadding(new Insets(3, 6, 3, 6));
        box.setAlignment(Pos.CENTER_LEFT);
    }

    /** The bar, to place in the window. */
    public Node node() {
        return box;
    }

    /** The filter text field. */
    public TextField field() {
        return field;
    }

    /** The message label (the filter's error, or empty). */
    public Label message() {
        return message;
    }

    /** True while the completion list is shown (for tests). */
    public boolean completionShowing() {
        return completion.getAutoCompletionPopup().isShowing();
    }

    /** The completions last found for the text, shown or not (for tests). */
    public List<String> completions() {
        return List.copyOf(completion.getAutoCompletionPopup().getSuggestions());
    }

    /** Shows a filter error: the message, the field in red, the offending token selected. */
    public void showError(FilterException e) {
        message.setText(e.getMessage());
        field.pseudoClassStateChanged(VALID, false);
        field.pseudoClassStateChanged(INVALID, true);
        int from = Math.min(e.column(), field.getLength());
        field.selectRange(from, Math.min(field.getLength(), from + e.length()));
    }

    /**
     * Makes the completion list as high as its rows: ControlsFX's skin gives it 18 px more than its rows of 24 px
     * (against a scroll bar with one row), which showed as an empty row under the last suggestion.
     */
    private void fitList(javafx.scene.control.Skin<?> skin) {
        if (skin == null || !(skin.getNode() instanceof ListView<?> list)) {
            return;
        }
        list.setFixedCellSize(COMPLETION_ROW);
        list.prefHeightProperty().unbind();
        IntegerProperty rows = completion.getAutoCompletionPopup().visibleRowCountProperty();
        list.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> Math.min(rows.get(), list.getItems().size())
                * COMPLETION_ROW + list.snappedTopInset() + list.snappedBottomInset(), rows, list.getItems(),
                list.insetsProperty()));
    }

    private void apply() {
        applied = true;
        completion.getAutoCompletionPopup().hide();
        onApply.accept(field.getText());
    }

    private void check(String t) {
        try {
            DisplayFilter f = DisplayFilter.parse(t);
            field.pseudoClassStateChanged(VALID, !f.matchesAll());
            field.pseudoClassStateChanged(INVALID, false);
            message.setText("");
        } catch (FilterException ex) {
            field.pseudoClassStateChanged(VALID, false);
            field.pseudoClassStateChanged(INVALID, true);
            message.setText(ex.getMessage());
        }
    }

    private void fillSaved() {
        List<MenuItem> items = new ArrayList<>();
        String text = field.getText() == null ? "" : field.getText().strip();
        List<String> list = settings.savedFilters();
        MenuItem save = new MenuItem("Save this filter");
        save.setId("filter-save");
        save.setDisable(text.isEmpty() || list.contains(text) || text.length() > Preferences.MAX_VALUE_LENGTH
                || !message.getText().isEmpty());
        save.setOnAction(e -> {
            List<String> l = new ArrayList<>(settings.savedFilters());
            l.add(field.getText().strip());
            settings.setSavedFilters(l);
            fillSaved();
        });
        MenuItem remove = new MenuItem("Remove this filter");
        remove.setId("filter-remove");
        remove.setDisable(!list.contains(text));
        remove.setOnAction(e -> {
            List<String> l = new ArrayList<>(settings.savedFilters());
            l.remove(field.getText().strip());
            settings.setSavedFilters(l);
            fillSaved();
        });
        items.add(save);
        items.add(remove);
        items.add(new SeparatorMenuItem());
        if (list.isEmpty()) {
            MenuItem none = new MenuItem("No saved filters yet");
            none.setDisable(true);
            items.add(none);
        }
        for (String f : list) {
            MenuItem m = new MenuItem(f);
            m.setMnemonicParsing(false);
            m.getStyleClass().add("saved-filter");
            m.setOnAction(e -> {
                field.setText(f);
                apply();
            });
            items.add(m);
        }
        saved.getItems().setAll(items);
    }

    /** Completions for the last word of the filter text. */
    public static List<String> complete(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        int i = text.length();
        while (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.'
                || text.charAt(i - 1) == '_')) {
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
}
