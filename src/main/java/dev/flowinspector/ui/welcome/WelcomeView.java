package dev.flowinspector.ui.welcome;

import dev.flowinspector.engine.flow.FlowNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
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
    /** Counts {@link #setRecent} calls: sizes looked up for an older list are not shown. */
    private int recentShown;

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
        recent.setId("welcome-recent");
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

    /**
     * Shows the recent files list, each file with its size, or "(not found)" and not clickable when it is gone
     * (as Wireshark's start page does). The sizes are looked up off the FX thread: a file on a network share that
     * does not answer must not freeze the window.
     */
    public void setRecent(List<Path> files) {
        recent.getChildren().clear();
        if (files.isEmpty()) {
            recent.getChildren().add(new Label("(none yet)"));
        }
        List<Hyperlink> links = new ArrayList<>();
        List<Label> notes = new ArrayList<>();
        for (Path f : files) {
            Hyperlink h = new Hyperlink(f.toString());
            h.setMnemonicParsing(false); // a file name's underscores are its own
            h.setOnAction(e -> onRecent.accept(f));
            Label note = new Label();
            note.getStyleClass().add("recent-note");
            HBox row = new HBox(4, h, note);
            row.setAlignment(Pos.BASELINE_LEFT);
            recent.getChildren().add(row);
            links.add(h);
            notes.add(note);
        }
        int shown = ++recentShown;
        List<Path> copy = List.copyOf(files);
        CompletableFuture.supplyAsync(() -> copy.stream().map(WelcomeView::describe).toList())
                .thenAccept(texts -> Platform.runLater(() -> {
                    if (shown != recentShown) {
                        return;
                    }
                    for (int i = 0; i < texts.size(); i++) {
                        String t = texts.get(i);
                        notes.get(i).setText(t == null ? "(not found)" : "(" + t + ")");
                        links.get(i).setDisable(t == null);
                    }
                }));
    }

    /** The file's size as text, or null when it no longer exists. */
    private static String describe(Path f) {
        try {
            return FlowNames.bytes(Files.size(f));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | SecurityException e) {
            return "not readable";
        }
    }
}
