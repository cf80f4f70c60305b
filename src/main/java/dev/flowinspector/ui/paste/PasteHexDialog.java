package dev.flowinspector.ui.paste;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.ui.session.HexText;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/**
 * Paste export packets as text with a live preview of the detected format and what the bytes decode to. With a
 * capture open, the packets are decoded with its templates as at a frame (its last by default) and appended to it;
 * packets pasted without IP/UDP headers get the exporter address and port set here (templates are kept per exporter,
 * so these decide whose templates apply), and an observation domain may be given whose templates then decode the
 * packets instead of those of the domain in their export header (the bytes shown stay as pasted).
 */
public final class PasteHexDialog extends Dialog<PasteHexDialog.Result> {

    /**
     * The open capture the packets go to.
     *
     * @param name      its name, for the dialog
     * @param lastFrame its last frame number (the default frame whose templates are used)
     * @param exporter  the exporter address and port offered for raw payloads (e.g. the capture's main exporter)
     * @param preview   decodes a pasted frame with the templates as at a frame, without keeping anything
     */
    public record Target(String name, long lastFrame, Endpoint exporter, Preview preview) {
    }

    /** Decodes a pasted frame with the templates as at frame {@code at} of {@code domain} (-1: the header's). */
    @FunctionalInterface
    public interface Preview {
        ExportPacket decode(Frame frame, long at, long domain);
    }

    /**
     * What to paste.
     *
     * @param frames      the pasted frames, raw payloads with the exporter chosen
     * @param templatesAt the frame whose templates to use, or -1 (nothing open: the packets pasted before)
     * @param domain      the observation domain whose templates to use, or -1 for the one in each export header
     */
    public record Result(List<Frame> frames, long templatesAt, long domain) {
    }

    private final TextArea text = new TextArea();
    private final Label preview = new Label("Paste hex: a hex stream, xxd, hexdump -C, tcpdump -X, a Wireshark hex "
            + "dump, a C array or Python bytes; from Ethernet, IP, UDP or the export header. Separate packets with a "
            + "blank line.");
    private final TextField address = new TextField();
    private final TextField port = new TextField();
    private final TextField domain = new TextField();
    private final Spinner<Integer> at;
    private final Target target;

    /** A dialog for a new session of pasted packets (nothing open). */
    public PasteHexDialog() {
        this(null);
    }

    /** A dialog appending to {@code target} (or, when null, to a new session of pasted packets). */
    public PasteHexDialog(Target target) {
        this.target = target;
        setTitle("Paste hex");
        setHeaderText(target == null ? "Paste one or more export packets (NetFlow/IPFIX payload bytes)"
                : "Paste export packets into " + target.name() + ", after frame " + target.lastFrame());
        text.setId("paste-text");
        text.setFont(Font.font("Monospaced", 12));
        text.setPrefSize(720, 300);
        preview.setId("paste-preview");
        preview.setWrapText(true);
        Endpoint ex = target == null ? Endpoint.UNKNOWN : target.exporter();
        address.setId("paste-exporter-address");
        address.setText(ex.address());
        address.setPrefColumnCount(16);
        port.setId("paste-exporter-port");
        port.setText(Integer.toString(ex.port()));
        port.setPrefColumnCount(5);
        domain.setId("paste-domain");
        domain.setPromptText("from header");
        domain.setPrefColumnCount(10);
        Tooltip.install(domain, new Tooltip("Optional: decode with the templates of this observation domain (IPFIX) "
                + "or source id (v9) of the exporter instead of those of the domain in the export header, e.g. for a "
                + "data packet whose header was edited. The bytes shown stay as pasted. Empty: the header's own."));
        HBox exporter = new HBox(6, new Label("Exporter of payloads without IP/UDP headers:"), address,
                new Label("port"), port, new Label("Observation domain:"), domain);
        exporter.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(address, new Tooltip("Templates are kept per exporter address and port, then observation "
                + "domain: the exporter set here decides whose templates decode a pasted payload. Packets pasted "
                + "with their IP and UDP headers keep the addresses in them."));
        VBox box = new VBox(8, text);
        if (target != null) {
            long last = target.lastFrame();
            at = new Spinner<>(0, (int) Math.min(Integer.MAX_VALUE, last), (int) Math.min(Integer.MAX_VALUE, last));
            at.setId("paste-templates-at");
            at.setEditable(true);
            at.setPrefWidth(110);
            HBox templates = new HBox(6, new Label("Decode with the templates of " + target.name() + " as at frame"),
                    at, new Label("(" + last + ": the end of the capture; 0: none)"));
            templates.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(templates);
            at.valueProperty().addListener((o, a, b) -> preview.setText(describe()));
        } else {
            at = null;
        }
        box.getChildren().addAll(exporter, preview);
        box.setPadding(new Insets(8));
        getDialogPane().setContent(box);
        ButtonType decode = new ButtonType(target == null ? "Decode" : "Decode and append", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(decode, ButtonType.CANCEL);
        getDialogPane().lookupButton(decode).setId("paste-decode");
        getDialogPane().lookupButton(decode).disableProperty().bind(Bindings.createBooleanBinding(
                () -> result() == null, text.textProperty(), address.textProperty(), port.textProperty(),
                domain.textProperty()));
        text.textProperty().addListener((o, a, t) -> preview.setText(describe()));
        address.textProperty().addListener((o, a, t) -> preview.setText(describe()));
        port.textProperty().addListener((o, a, t) -> preview.setText(describe()));
        domain.textProperty().addListener((o, a, t) -> preview.setText(describe()));
        setResultConverter(b -> b == decode ? result() : null);
        setOnShown(e -> text.requestFocus());
        setResizable(true);
    }

    /** The text area (for tests and programmatic paste). */
    public TextArea textArea() {
        return text;
    }

    /**
     * The frame whose templates to use; -1 for the end of the capture (each pasted packet then also sees the
     * templates of the packets pasted before it).
     */
    private long templatesAt() {
        return at == null || at.getValue() == null || at.getValue() >= target.lastFrame() ? -1 : at.getValue();
    }

    /** What the dialog would paste, or null when it cannot yet. */
    private Result result() {
        try {
            HexText.Parsed p = HexText.parse(text.getText()).withExporter(HexText.exporter(address.getText(),
                    port.getText()));
            long d = HexText.domain(domain.getText());
            return p.frames().stream().anyMatch(f -> f.payload().length > 0) ? new Result(p.frames(), templatesAt(), d)
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The preview line: format, packets, what the first decodes to (with the capture's templates), or what is wrong. */
    private String describe() {
        String t = text.getText();
        try {
            Endpoint ex = HexText.exporter(address.getText(), port.getText());
            long d = HexText.domain(domain.getText());
            HexText.Parsed p = HexText.parse(t).withExporter(ex);
            if (target == null) {
                return HexText.describe(t);
            }
            Frame first = p.frames().get(0);
            long n = templatesAt() < 0 ? target.lastFrame() : templatesAt();
            ExportPacket pk = target.preview().decode(first, n, d);
            return HexText.describe(p, pk) + "; decoded with the templates as at frame " + n + " of exporter "
                    + first.source() + (d < 0 ? "" : ", domain " + d);
        } catch (HexText.NotExport e) {
            return e.getMessage();
        } catch (IllegalArgumentException e) {
            return "Not yet: " + e.getMessage();
        }
    }

    /** A one-line preview of pasted text (see {@link HexText#describe}). */
    public static String describe(String t) {
        return HexText.describe(t);
    }
}
