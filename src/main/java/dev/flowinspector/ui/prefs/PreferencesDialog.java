package dev.flowinspector.ui.prefs;

import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.ui.common.Settings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Preferences: template scoping policy, template timeout, theme. Returns true when decoding settings changed. */
public final class PreferencesDialog extends Dialog<Boolean> {

    public PreferencesDialog(Settings settings) {
        setTitle("Preferences");
        setHeaderText("Decoding settings apply at once: an open capture file is read again with them (packets "
                + "captured live or pasted keep how they were decoded)");
        ComboBox<ScopingPolicy> policy = new ComboBox<>(FXCollections.observableArrayList(ScopingPolicy.values()));
        policy.setValue(settings.policy());
        policy.setButtonCell(cell());
        policy.setCellFactory(l -> cell());
        TextField timeout = new TextField(String.valueOf(settings.templateTimeoutSeconds()));
        Label error = new Label();
        error.getStyleClass().add("filter-message");
        CheckBox dark = new CheckBox("Dark theme");
        dark.setSelected(settings.dark());
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("Template scoping"), policy);
        g.addRow(1, new Label("Template timeout (s, 0 = never)"), timeout);
        g.addRow(2, new Label("Theme"), dark);
        g.add(error, 0, 3, 2, 1);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                long t = Long.parseLong(timeout.getText().strip());
                if (t < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException ex) {
                error.setText("the template timeout must be a whole number of seconds, 0 or more");
                e.consume();
            }
        });
        setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            long t = Long.parseLong(timeout.getText().strip());
            boolean changed = settings.policy() != policy.getValue() || settings.templateTimeoutSeconds() != t;
            settings.setPolicy(policy.getValue());
            settings.setTemplateTimeoutSeconds(t);
            settings.setDark(dark.isSelected());
            return changed;
        });
    }

    private static ListCell<ScopingPolicy> cell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(ScopingPolicy p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.description());
            }
        };
    }
}
