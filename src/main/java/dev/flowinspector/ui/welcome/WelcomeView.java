package dev.flowinspector.ui.welcome;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The start page: open a capture, paste hex, open the demo, recent files. */
public final class WelcomeView extends VBox {

    private final VBox recent = new VBox(2);
    private Consumer<Path> onRecent = p -> { };
    private Runnable onCapture = () -> { };

    public WelcomeView(Runnable open, Runnable paste, Runnable demo, Runnable listen) {
        super(14);
        setId("welcome");
        getStyleClass().add("welcome");
        setPadding(new Insets(40));
        setAlignment(Pos.TOP_LEFT);
        Label title = new Label("FlowInspector");
        title.getStyleClass().add("welcome-title");
        Label sub = new Label("Inspect NetFlow v1/v5/v7/v8/v9 and IPFIX export packets: every field, every template, "
                + "every problem, down to the byte.");
        sub.setWrapText(true);
        Button o = new Button("Open capture…  (Ctrl+O)");
        o.setId("welcome-open");
        o.setOnAction(e -> open.run());
        Button p = new Button("Paste hex…  (Ctrl+Shift+V)");
        p.setId("welcome-paste");
        p.setOnAction(e -> paste.run());
        Button d = new Button("Open the demo capture");
        d.setId("welcome-demo");
        d.setOnAction(e -> demo.run());
        Button l = new Button("Listen on UDP port…  (Ctrl+E)");
        l.setId("welcome-listen");
        l.setOnAction(e -> listen.run());
        Button c = new Button("Capture on interface…  (Ctrl+Shift+E)");
        c.setId("welcome-capture");
        c.setOnAction(e -> onCapture.run());
        HBox actions = new HBox(10, o, p, l, c, d);
        Label rl = new Label("Recent captures");
        rl.getStyleClass().add("pane-heading");
        Label drop = new Label("…or drop a capture file (pcap) anywhere on this window.");
        getChildren().addAll(title, sub, actions, drop, rl, recent);
    }

    /** Called by "Capture on interface…". */
    public void setOnCapture(Runnable r) {
        onCapture = r;
    }

    /** Called with a recent file the user picked. */
    public void setOnRecent(Consumer<Path> c) {
        onRecent = c;
    }

    /** Shows the recent files list. */
    public void setRecent(List<Path> files) {
        recent.getChildren().clear();
        if (files.isEmpty()) {
            recent.getChildren().add(new Label("(none yet)"));
        }
        for (Path f : files) {
            Hyperlink h = new Hyperlink(f.toString());
            h.setMnemonicParsing(false); // a file name's underscores are its own
            h.setOnAction(e -> onRecent.accept(f));
            recent.getChildren().add(h);
        }
    }
}
