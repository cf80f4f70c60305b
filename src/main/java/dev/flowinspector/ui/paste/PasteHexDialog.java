package dev.flowinspector.ui.paste;

import dev.flowinspector.ui.session.HexText;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/** Paste export packets as text with a live preview of the detected format and what the bytes decode to. */
public final class PasteHexDialog extends Dialog<List<dev.flowinspector.capture.Frame>> {

    private final TextArea text = new TextArea();
    private final Label preview = new Label("Paste hex: a hex stream, xxd, hexdump -C, tcpdump -X, a Wireshark hex "
            + "dump, a C array or Python bytes; from Ethernet, IP, UDP or the export header. Separate packets with a "
            + "blank line.");

    public PasteHexDialog() {
        setTitle("Paste hex");
        setHeaderText("Paste one or more export packets (NetFlow/IPFIX payload bytes)");
        text.setId("paste-text");
        text.setFont(Font.font("Monospaced", 12));
        text.setPrefSize(720, 320);
        preview.setId("paste-preview");
        preview.setWrapText(true);
        VBox box = new VBox(8, text, preview);
        box.setPadding(new Insets(8));
        getDialogPane().setContent(box);
        ButtonType decode = new ButtonType("Decode", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(decode, ButtonType.CANCEL);
        getDialogPane().lookupButton(decode).setId("paste-decode");
        getDialogPane().lookupButton(decode).disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> parse(text.getText()) == null, text.textProperty()));
        text.textProperty().addListener((o, a, t) -> preview.setText(describe(t)));
        setResultConverter(b -> b == decode ? parse(text.getText()).frames() : null);
        setResizable(true);
    }

    /** The text area (for tests and programmatic paste). */
    public TextArea textArea() {
        return text;
    }

    private static HexText.Parsed parse(String t) {
        try {
            HexText.Parsed p = HexText.parse(t);
            return p.frames().stream().anyMatch(f -> f.payload().length > 0) ? p : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A one-line preview of pasted text (see {@link HexText#describe}). */
    public static String describe(String t) {
        return HexText.describe(t);
    }
}
