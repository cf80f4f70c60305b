package dev.flowinspector.ui.capture;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Asks where to listen for exports like a collector ([address:]port) and when to stop (see {@link LiveLimits}). */
public final class ListenDialog extends Dialog<String> {

    private final TextField where = new TextField("2055");
    private final LiveLimits limits = new LiveLimits();

    public ListenDialog() {
        setTitle("Listen on UDP port");
        setHeaderText("Receive NetFlow/IPFIX exports like a collector: [address:]port (Ctrl+E again stops)");
        where.setId("listen-where");
        getDialogPane().setContent(new VBox(8, new Label("[Address:]port:"), where, limits));
        ButtonType start = new ButtonType("Start", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(start, ButtonType.CANCEL);
        getDialogPane().lookupButton(start).setId("listen-start");
        setResultConverter(b -> b == start ? where.getText() : null);
    }

    /** The stop conditions and ring buffer asked for. */
    public LiveLimits limits() {
        return limits;
    }
}
