package dev.flowinspector.ui.main;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The hint shown over the packet list the first time the bundled demo capture is opened: what the demo holds and
 * what to look at first. Closed with its button (and it does not come again: the settings remember the demo was
 * shown).
 */
final class DemoHint {

    /** What the demo holds (see src/main/resources/dev/flowinspector/demo/README.md) and where to start. */
    static final String TEXT = "Demo capture from softflowd: NetFlow v5 (frames 1-4), v9 with templates (5-8), IPFIX "
            + "(9-11) and v9 whose templates were not captured (12-14). Look first at the coloured rows: frame 11 lost "
            + "32 records (sequence gap), frames 12-14 cannot be decoded without their template. Expert Info (below) "
            + "lists every problem; click a field to see its bytes, hover it for its element.";

    private final Label text = new Label(TEXT);
    private final HBox bar;

    DemoHint() {
        text.setWrapText(true);
        text.setId("demo-hint-text");
        Button close = new Button("Got it");
        close.setOnAction(e -> hide());
        close.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        bar = new HBox(8, text, close);
        bar.setId("demo-hint");
        bar.getStyleClass().add("demo-hint");
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.setAlignment(Pos.CENTER_LEFT);
        hide();
    }

    /** The hint bar (under the filter bar). */
    HBox bar() {
        return bar;
    }

    void show() {
        bar.setVisible(true);
        bar.setManaged(true);
    }

    void hide() {
        bar.setVisible(false);
        bar.setManaged(false);
    }

    /** The hint shown, or null. */
    String shown() {
        return bar.isVisible() ? text.getText() : null;
    }
}
