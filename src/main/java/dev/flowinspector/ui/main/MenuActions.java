package dev.flowinspector.ui.main;

import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.details.DetailsView;
import dev.flowinspector.ui.hex.HexView;
import dev.flowinspector.ui.packets.PacketListView;
import dev.flowinspector.ui.prefs.PreferencesDialog;
import dev.flowinspector.ui.session.Session;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;

/**
 * The window's commands: the menu bar with its shortcuts, the toolbar, recent files, dropping a file on the window,
 * the theme, Preferences and About. Each command runs the part of the window it belongs to.
 */
final class MenuActions {

    private final Stage stage;
    private final Settings settings;
    private final CaptureLoader loader;
    private final LiveControl live;
    private final PasteControl paste;
    private final Navigator navigator;
    private final FilterBar filter;
    private final AnalysisTabs tabs;
    private final OpenCapture capture;
    private final PacketListView list;
    private final DetailsView details;
    private final HexView hex;
    private final Menu recentMenu = new Menu("Open Recent");
    private final CheckMenuItem darkItem = new CheckMenuItem("Dark Theme");
    private Scene scene;

    MenuActions(Stage stage, Settings settings, OpenCapture capture, CaptureLoader loader, LiveControl live,
                PasteControl paste, Navigator navigator, FilterBar filter, AnalysisTabs tabs, PacketListView list,
                DetailsView details, HexView hex) {
        this.stage = stage;
        this.settings = settings;
        this.capture = capture;
        this.loader = loader;
        this.live = live;
        this.paste = paste;
        this.navigator = navigator;
        this.filter = filter;
        this.tabs = tabs;
        this.list = list;
        this.details = details;
        this.hex = hex;
    }

    MenuBar menuBar() {
        MenuItem open = item("Open…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), loader::openDialog);
        MenuItem demo = item("Open Demo Capture", null, loader::openDemo);
        MenuItem pasteItem = item("Paste Hex…", new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::pasteHex);
        MenuItem listen = item("Listen on UDP Port…", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                live::listenDialog);
        MenuItem captureItem = item("Capture on Interface…", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), live::captureDialog);
        MenuItem save = item("Save As…", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), loader::saveDialog);
        MenuItem closeItem = item("Close", new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), loader::close);
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () -> {
            if (loader.mayDiscard()) {
                stage.close();
            }
        });
        refreshRecentMenu();
        Menu file = new Menu("File", null, open, recentMenu, demo, new SeparatorMenuItem(), listen, captureItem,
                pasteItem, save, new SeparatorMenuItem(), closeItem, quit);
        MenuItem find = item("Find Packet…", new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                navigator::findDialog);
        find.disableProperty().bind(capture.hasPacketsProperty().not());
        MenuItem go = item("Go to Packet…", new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN),
                navigator::goToDialog);
        go.disableProperty().bind(capture.hasPacketsProperty().not());
        MenuItem copyText = item("Copy Details as Text", null, () -> copy(details.selected() == null ? null
                : details.selected().toText()));
        MenuItem copyJson = item("Copy Details as JSON", null, () -> copy(details.selected() == null ? null
                : details.selected().toJson()));
        // as Wireshark's Copy of a field: only while one is selected in the packet details
        copyText.disableProperty().bind(Bindings.createBooleanBinding(() -> details.selected() == null,
                details.getSelectionModel().selectedItemProperty()));
        copyJson.disableProperty().bind(copyText.disableProperty());
        MenuItem focusFilter = item("Display Filter", new KeyCodeCombination(KeyCode.SLASH, KeyCombination.SHORTCUT_DOWN),
                filter.field()::requestFocus);
        MenuItem prefs = item("Preferences…", new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
                this::preferences);
        Menu edit = new Menu("Edit", null, find, go, new SeparatorMenuItem(), copyText, copyJson,
                new SeparatorMenuItem(), focusFilter, new SeparatorMenuItem(), prefs);
        CheckMenuItem dark = darkItem;
        dark.setSelected(settings.dark());
        dark.setOnAction(e -> {
            settings.setDark(dark.isSelected());
            applyTheme(dark.isSelected());
        });
        CheckMenuItem onePass = new CheckMenuItem("As a One-Pass Collector Saw It");
        onePass.setId("menu-one-pass");
        onePass.setOnAction(e -> loader.setOnePass(onePass.isSelected()));
        Menu view = new Menu("View", null, dark, timeFormatMenu(), onePass, new SeparatorMenuItem(),
                item("Templates", null, tabs::showTemplates),
                item("Expert Info", null, tabs::showProblems),
                item("Flows", null, tabs::showFlows),
                item("Exporters", null, tabs::showExporters));
        Menu help = new Menu("Help", null, item("About FlowInspector", null, this::about));
        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    /** View > Time Display Format: one choice, remembered. */
    private Menu timeFormatMenu() {
        dev.flowinspector.ui.packets.TimeFormat current = dev.flowinspector.ui.packets.TimeFormat.parse(
                settings.timeFormat(""), dev.flowinspector.ui.packets.TimeFormat.SINCE_START);
        list.setTimeFormat(current);
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        Menu m = new Menu("Time Display Format");
        m.setId("menu-time-format");
        for (dev.flowinspector.ui.packets.TimeFormat f : dev.flowinspector.ui.packets.TimeFormat.values()) {
            javafx.scene.control.RadioMenuItem r = new javafx.scene.control.RadioMenuItem(f.label());
            r.setId("time-format-" + f.name());
            r.setToggleGroup(group);
            r.setSelected(f == current);
            r.setOnAction(e -> {
                list.setTimeFormat(f);
                settings.setTimeFormat(f.name());
            });
            m.getItems().add(r);
        }
        return m;
    }

    ToolBar toolBar() {
        Button open = new Button("Open");
        open.setId("tool-open");
        open.setTooltip(new Tooltip("Open a capture file (Ctrl+O)"));
        open.setOnAction(e -> loader.openDialog());
        Button pasteButton = new Button("Paste hex");
        pasteButton.setTooltip(new Tooltip("Paste export packets as hex (Ctrl+Shift+V)"));
        pasteButton.setOnAction(e -> pasteHex());
        Button go = new Button("Go to");
        go.setTooltip(new Tooltip("Go to packet (Ctrl+G)"));
        go.setOnAction(e -> navigator.goToDialog());
        go.disableProperty().bind(capture.hasPacketsProperty().not());
        Button first = new Button("⇤");
        first.setTooltip(new Tooltip("First packet"));
        first.setOnAction(e -> navigator.selectFirst());
        first.disableProperty().bind(capture.hasPacketsProperty().not());
        Button last = new Button("⇥");
        last.setTooltip(new Tooltip("Last packet"));
        last.setOnAction(e -> navigator.selectLast());
        last.disableProperty().bind(capture.hasPacketsProperty().not());
        Button nextProblem = new Button("Next problem");
        nextProblem.setTooltip(new Tooltip("Next packet with a problem"));
        nextProblem.setOnAction(e -> navigator.nextProblem());
        nextProblem.disableProperty().bind(capture.hasPacketsProperty().not());
        return new ToolBar(open, pasteButton, go, first, last, nextProblem);
    }

    /** The scene is made: styles it with the theme and opens files dropped on it. */
    void install(Scene s) {
        scene = s;
        applyTheme(settings.dark());
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                loader.open(files.get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** File > Paste Hex (and the toolbar, the welcome page). */
    void pasteHex() {
        paste.pasteDialog(scene);
    }

    private void applyTheme(boolean dark) {
        scene.getStylesheets().setAll(
                MenuActions.class.getResource("/dev/flowinspector/css/base.css").toExternalForm(),
                MenuActions.class.getResource(dark ? "/dev/flowinspector/css/dark.css"
                        : "/dev/flowinspector/css/light.css").toExternalForm());
        hex.setDark(dark);
    }

    private static MenuItem item(String text, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (key != null) {
            m.setAccelerator(key);
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    /** File > Open Recent: the recent files from the settings. */
    void refreshRecentMenu() {
        recentMenu.getItems().clear();
        for (Path p : settings.recent()) {
            MenuItem r = item(p.toString(), null, () -> loader.open(p));
            r.setMnemonicParsing(false); // a file name's underscores are its own, not mnemonics
            recentMenu.getItems().add(r);
        }
        if (!recentMenu.getItems().isEmpty()) {
            recentMenu.getItems().addAll(new SeparatorMenuItem(), item("Clear Recent", null, loader::clearRecent));
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void preferences() {
        PreferencesDialog d = new PreferencesDialog(settings);
        d.initOwner(stage);
        d.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        d.showAndWait().ifPresent(changed -> {
            applyTheme(settings.dark());
            darkItem.setSelected(settings.dark());
            Session session = capture.session();
            if (changed && session != null && session.path() != null && capture.loading() == null) {
                loader.open(session.path(), session.name(), false);
            }
        });
    }

    private void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("About FlowInspector");
        a.setHeaderText("FlowInspector " + dev.flowinspector.BuildInfo.version());
        a.setContentText("An inspector for NetFlow v1/v5/v7/v8/v9 and IPFIX export packets.\n"
                + "Licensed under the Apache License 2.0; bundled components and data sources and their licences: "
                + "the NOTICE file installed with it.");
        a.showAndWait();
    }

    private static void copy(String s) {
        if (s != null) {
            ClipboardContent c = new ClipboardContent();
            c.putString(s);
            Clipboard.getSystemClipboard().setContent(c);
        }
    }
}
