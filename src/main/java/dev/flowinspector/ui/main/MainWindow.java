package dev.flowinspector.ui.main;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Severity;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.ui.session.LoadResult;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.PacketTreeBuilder;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.ui.session.TemplateSnapshot;
import dev.flowinspector.ui.session.TreeNode;
import dev.flowinspector.engine.filter.DisplayFilter;
import dev.flowinspector.engine.filter.FilterException;
import dev.flowinspector.ui.common.Errors;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.common.Tasks;
import dev.flowinspector.ui.details.DetailsView;
import dev.flowinspector.ui.exporters.ExportersView;
import dev.flowinspector.ui.flows.FlowsView;
import dev.flowinspector.ui.hex.HexView;
import dev.flowinspector.ui.packets.PacketListView;
import dev.flowinspector.ui.paste.PasteHexDialog;
import dev.flowinspector.ui.problems.ProblemsView;
import dev.flowinspector.ui.templates.TemplatesView;
import dev.flowinspector.ui.welcome.WelcomeView;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The main window: menu and toolbar, display filter bar, packet list, details tree, bytes, and the
 * Templates / Expert Info / Flows / Exporters tabs, with a status bar. Reading and decoding run in the
 * background ({@link Tasks}); their results are applied here, on the FX thread.
 */
public final class MainWindow {

    private static final PseudoClass VALID = PseudoClass.getPseudoClass("valid");
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    /** Flow rows read for the Flows tab at most. */
    private static final int FLOW_LIMIT = 500_000;

    private final Stage stage;
    private final Settings settings;
    private final Scene scene;
    /**
     * The rows of the session, filtered and sorted for the list: a new chain for each session. (JavaFX's SortedList
     * keeps the elements of removed rows in its array, so clearing the rows of a large capture would keep them all
     * in memory until as many rows came again.)
     */
    private ObservableList<PacketSummary> rows = FXCollections.observableArrayList();
    private FilteredList<PacketSummary> shown = new FilteredList<>(rows);
    /** What the list shows: the filtered rows in the order of the sorted column. */
    private javafx.collections.transformation.SortedList<PacketSummary> view =
            new javafx.collections.transformation.SortedList<>(shown);
    private final PacketListView list = new PacketListView(view);
    private final DetailsView details = new DetailsView();
    private final HexView hex = new HexView();
    private final TemplatesView templates = new TemplatesView();
    private final ProblemsView problems = new ProblemsView();
    private final FlowsView flows = new FlowsView();
    private final ExportersView exporters = new ExportersView();
    private final WelcomeView welcome;
    private final TextField filter = new TextField();
    private final Label filterMessage = new Label();
    private final Label status = new Label("Ready");
    /** The packet list shows the newest rows while a live capture runs. */
    private final dev.flowinspector.ui.capture.FollowNewest follow = new dev.flowinspector.ui.capture.FollowNewest(list);
    private final Label counts = new Label();
    private final Label bullet = new Label();
    private final Circle bulletDot = new Circle(6);
    private final ProgressBar progress = new ProgressBar(0);
    private final Button stop = new Button("Stop");
    private final Label errorText = new Label();
    private final HBox errorBar;
    private final TabPane tabs = new TabPane();
    private final Tab templatesTab = new Tab("Templates", templates);
    private final Tab problemsTab = new Tab("Expert Info", problems);
    private final Tab flowsTab = new Tab("Flows", flows);
    private final Tab exportersTab = new Tab("Exporters", exporters);
    private final StackPane center = new StackPane();
    private final SplitPane mainSplit;
    private final Menu recentMenu = new Menu("Open Recent");
    private final CheckMenuItem darkItem = new CheckMenuItem("Dark Theme");
    private final List<ProblemEntry> allProblems = new ArrayList<>();
    private final Map<Severity, Integer> severityTotals = new EnumMap<>(Severity.class);
    private volatile Session session;
    private Task<LoadResult> loading;
    private List<TreeNode> tree = List.of();
    private long selectGeneration;
    private ProblemEntry pendingProblem;
    private boolean flowsLoaded;
    private BitSet filterBits;
    /** Incremented by each filter applied; an older scan still running stops. */
    private volatile long filterGeneration;
    private DisplayFilter activeFilter;
    private int pastedCount;
    /** Set by Stop (or opening something else): the reader stops at the next frame and keeps what it read. */
    private volatile boolean stopRequested;
    /** Templates imported by the user: known before every capture opened from now on. */
    private List<dev.flowinspector.decode.Template> imported = List.of();

    public MainWindow(Stage stage, Settings settings) {
        this.stage = stage;
        this.settings = settings;
        welcome = new WelcomeView(this::openDialog, this::pasteHex, this::openDemo, this::listenDialog);
        welcome.setOnRecent(this::open);
        welcome.setRecent(settings.recent());

        SplitPane lower = new SplitPane(details, hex);
        lower.setDividerPositions(0.55);
        for (Tab t : List.of(templatesTab, problemsTab, flowsTab, exportersTab)) {
            t.setClosable(false);
        }
        templatesTab.setId("tab-templates");
        problemsTab.setId("tab-problems");
        flowsTab.setId("tab-flows");
        exportersTab.setId("tab-exporters");
        tabs.getTabs().addAll(templatesTab, problemsTab, flowsTab, exportersTab);
        mainSplit = new SplitPane(list, lower, tabs);
        mainSplit.setOrientation(Orientation.VERTICAL);
        mainSplit.setDividerPositions(0.38, 0.70);
        center.getChildren().addAll(mainSplit, welcome);

        errorText.setId("error-text");
        errorText.setWrapText(true);
        Button close = new Button("✕");
        close.setOnAction(e -> hideError());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        errorBar = new HBox(8, errorText, grow, close);
        errorBar.setId("error-bar");
        errorBar.getStyleClass().add("error-bar");
        errorBar.setPadding(new Insets(4, 8, 4, 8));
        errorBar.setAlignment(Pos.CENTER_LEFT);
        errorBar.setVisible(false);
        errorBar.setManaged(false);

        VBox top = new VBox(menuBar(), toolBar(), filterBar(), errorBar);
        BorderPane root = new BorderPane(center, top, null, statusBar(), null);
        root.setId("main-root");
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight()));
        applyTheme(settings.dark());
        wire();
        dragAndDrop();
        stage.setTitle("FlowInspector");
        stage.setScene(scene);
    }

    /** The scene (for tests). */
    public Scene scene() {
        return scene;
    }

    /** The current session, or null. */
    public Session session() {
        return session;
    }

    public PacketListView packetList() {
        return list;
    }

    public DetailsView details() {
        return details;
    }

    public HexView hex() {
        return hex;
    }

    public TemplatesView templates() {
        return templates;
    }

    public ProblemsView problems() {
        return problems;
    }

    public FlowsView flows() {
        return flows;
    }

    public TabPane tabs() {
        return tabs;
    }

    /** The loading task, or null. */
    public Task<LoadResult> loading() {
        return loading;
    }

    // ---------------------------------------------------------------- layout

    private MenuBar menuBar() {
        MenuItem open = item("Open…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openDialog);
        MenuItem demo = item("Open Demo Capture", null, this::openDemo);
        MenuItem paste = item("Paste Hex…", new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::pasteHex);
        MenuItem listen = item("Listen on UDP Port…", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                this::listenDialog);
        MenuItem capture = item("Capture on Interface…", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::captureDialog);
        MenuItem save = item("Save As…", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::saveAs);
        MenuItem closeItem = item("Close", new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), this::closeSession);
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () -> {
            if (mayDiscard()) {
                stage.close();
            }
        });
        refreshRecentMenu();
        Menu file = new Menu("File", null, open, recentMenu, demo, new SeparatorMenuItem(), listen, capture, paste, save,
                new SeparatorMenuItem(), closeItem, quit);
        MenuItem find = item("Find Packet…", new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), this::find);
        MenuItem go = item("Go to Packet…", new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN), this::goToDialog);
        MenuItem copyText = item("Copy Details as Text", null, () -> copy(details.selected() == null ? null
                : details.selected().toText()));
        MenuItem copyJson = item("Copy Details as JSON", null, () -> copy(details.selected() == null ? null
                : details.selected().toJson()));
        MenuItem focusFilter = item("Display Filter", new KeyCodeCombination(KeyCode.SLASH, KeyCombination.SHORTCUT_DOWN),
                filter::requestFocus);
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
        CheckMenuItem relative = new CheckMenuItem("Time Since First Packet");
        relative.setSelected(true);
        relative.setOnAction(e -> list.setRelativeTime(relative.isSelected()));
        Menu view = new Menu("View", null, dark, relative,
                item("Templates", null, () -> tabs.getSelectionModel().select(templatesTab)),
                item("Expert Info", null, () -> tabs.getSelectionModel().select(problemsTab)),
                item("Flows", null, () -> tabs.getSelectionModel().select(flowsTab)),
                item("Exporters", null, () -> tabs.getSelectionModel().select(exportersTab)));
        Menu help = new Menu("Help", null, item("About FlowInspector", null, this::about));
        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private ToolBar toolBar() {
        Button open = new Button("Open");
        open.setId("tool-open");
        open.setTooltip(new Tooltip("Open a capture file (Ctrl+O)"));
        open.setOnAction(e -> openDialog());
        Button paste = new Button("Paste hex");
        paste.setTooltip(new Tooltip("Paste export packets as hex (Ctrl+Shift+V)"));
        paste.setOnAction(e -> pasteHex());
        Button go = new Button("Go to");
        go.setTooltip(new Tooltip("Go to packet (Ctrl+G)"));
        go.setOnAction(e -> goToDialog());
        Button first = new Button("⇤");
        first.setTooltip(new Tooltip("First packet"));
        first.setOnAction(e -> selectShown(0));
        Button last = new Button("⇥");
        last.setTooltip(new Tooltip("Last packet"));
        last.setOnAction(e -> selectShown(view.size() - 1));
        Button nextProblem = new Button("Next problem");
        nextProblem.setTooltip(new Tooltip("Next packet with a problem"));
        nextProblem.setOnAction(e -> nextProblem());
        return new ToolBar(open, paste, go, first, last, nextProblem);
    }

    private HBox filterBar() {
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
        clear.setOnAction(e -> {
            filter.clear();
            applyFilter("");
        });
        filterMessage.setId("filter-message");
        filterMessage.getStyleClass().add("filter-message");
        HBox box = new HBox(6, filter, apply, clear, filterMessage);
        HBox.setHgrow(filter, Priority.ALWAYS);
        box.setPadding(new Insets(3, 6, 3, 6));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
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

    private HBox statusBar() {
        bullet.setId("status-bullet");
        bullet.setGraphic(bulletDot);
        bullet.setText("No problems");
        bullet.setOnMouseClicked(e -> tabs.getSelectionModel().select(problemsTab));
        bullet.setTooltip(new Tooltip("Expert Info: click to open"));
        bulletDot.getStyleClass().add("bullet-none");
        status.setId("status");
        counts.setId("counts");
        progress.setPrefWidth(160);
        progress.setVisible(false);
        stop.setId("stop");
        stop.setVisible(false);
        stop.setOnAction(e -> stopRequested = true);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, bullet, status, grow, progress, stop, counts);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(3, 8, 3, 8));
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void wire() {
        list.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> showPacket(s));
        details.getSelectionModel().selectedItemProperty().addListener((o, a, it) -> {
            TreeNode n = it == null ? null : it.getValue();
            if (n == null || n.offset() < 0) {
                hex.highlight(-1, 0);
            } else {
                hex.highlight(n.offset(), n.length());
            }
        });
        details.setOnApplyFilter(f -> {
            filter.setText(f);
            applyFilter(f);
        });
        hex.setOnByteClicked(b -> {
            TreeNode n = PacketTreeBuilder.at(tree, b);
            if (n != null) {
                details.select(n);
            }
        });
        problems.setOnOpen(this::openProblem);
        templates.setOnGoToFrame(this::goToFrame);
        templates.setOnExportImport(this::exportTemplates, this::importTemplates);
        templates.setLives(k -> session == null ? null : session.templateLife(k));
        flows.setOnOpen(r -> goToFrame(r.frame()));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t == flowsTab) {
                loadFlows();
            } else if (t == exportersTab && session != null) {
                exporters.show(session.exporterHealth());
            }
        });
    }

    private void dragAndDrop() {
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
                open(files.get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void applyTheme(boolean dark) {
        scene.getStylesheets().setAll(
                MainWindow.class.getResource("/dev/flowinspector/css/base.css").toExternalForm(),
                MainWindow.class.getResource(dark ? "/dev/flowinspector/css/dark.css"
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

    private void refreshRecentMenu() {
        recentMenu.getItems().clear();
        for (Path p : settings.recent()) {
            recentMenu.getItems().add(item(p.toString(), null, () -> open(p)));
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    // ---------------------------------------------------------------- opening

    private void openDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open capture");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Captures", "*.pcap", "*.pcapng", "*.cap",
                "*.pcap.gz", "*.ipfix"), new FileChooser.ExtensionFilter("All files", "*"));
        List<Path> recent = settings.recent();
        if (!recent.isEmpty() && recent.get(0).getParent() != null && Files.isDirectory(recent.get(0).getParent())) {
            fc.setInitialDirectory(recent.get(0).getParent().toFile());
        }
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    /** Opens the bundled demo capture (copied to a temporary file so frames can be re-read from it). */
    public void openDemo() {
        try (InputStream in = MainWindow.class.getResourceAsStream("/dev/flowinspector/demo/demo.pcap")) {
            if (in == null) {
                showError("the demo capture is missing from this build");
                return;
            }
            Path tmp = Files.createTempFile("flowinspector-demo-", ".pcap");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            settings.setDemoShown();
            open(tmp, "demo.pcap", false);
        } catch (IOException e) {
            showError("cannot open the demo capture: " + Errors.describe(e));
        }
    }

    /** Opens a capture file: rows stream in while it is read. */
    public void open(Path path) {
        open(path, path.getFileName().toString(), true);
    }

    /** Opens a capture left in a spill file by a FlowInspector that ended unexpectedly (unsaved until saved). */
    public void openRecovered(Path spill) {
        open(spill, null, false);
    }

    /** True when the current capture may be replaced (nothing unsaved, or the user said Discard). */
    public boolean mayDiscard() {
        return dev.flowinspector.ui.capture.DiscardGuard.mayDiscard(stage, session, s -> saveAs());
    }

    private void open(Path path, String title, boolean remember) {
        hideError();
        Session s;
        try {
            if (!Files.isRegularFile(path)) {
                showError(path + ": no such file");
                return;
            }
            if (!mayDiscard()) {
                return;
            }
            s = title == null ? Session.recover(path, settings.decodingOptions().withImportedTemplates(imported))
                    : Session.forFile(path, settings.decodingOptions().withImportedTemplates(imported), title);
            title = s.name();
        } catch (IOException e) {
            showError(Errors.describe(e));
            return;
        }
        replaceSession(s, title);
        if (remember) {
            settings.addRecent(path);
            refreshRecentMenu();
            welcome.setRecent(settings.recent());
        }
        long t0 = System.nanoTime();
        status.setText("Reading " + title + " …");
        progress.setVisible(true);
        progress.setProgress(-1);
        stop.setVisible(true);
        Session current = s;
        boolean[] firstRows = {true};
        RowFeed feed = new RowFeed((r, p, prog) -> {
            if (session != current) {
                return;
            }
            if (firstRows[0] && !r.isEmpty()) {
                firstRows[0] = false;
                firstRowsMillis = (System.nanoTime() - t0) / 1_000_000;
            }
            addRows(r, p);
            progress.setProgress(prog < 0 ? -1 : prog);
        });
        Task<LoadResult> task = new Task<>() {
            @Override
            protected LoadResult call() throws Exception {
                return current.load(feed, () -> stopRequested || session != current);
            }
        };
        stopRequested = false;
        loading = task;
        Tasks.start(task, r -> loadEnded(current, r, null), err -> loadEnded(current, null, err));
    }

    /**
     * Hands batches of rows from the reading thread to the FX thread, merged: while the FX thread has not taken the
     * last ones yet, further batches join them instead of queueing more work there. Each change of the list costs
     * the FX thread a pass over the rows already shown (sorted and filtered views), so fewer, larger changes keep it
     * drawing while a large capture streams in.
     */
    private static final class RowFeed implements dev.flowinspector.ui.session.LoadListener {
        private final dev.flowinspector.ui.session.LoadListener onFx;
        private final Object lock = new Object();
        private List<PacketSummary> rows = new ArrayList<>();
        private List<ProblemEntry> problems = new ArrayList<>();
        private double progress;
        private boolean scheduled;

        RowFeed(dev.flowinspector.ui.session.LoadListener onFx) {
            this.onFx = onFx;
        }

        @Override
        public void batch(List<PacketSummary> r, List<ProblemEntry> p, double prog) {
            synchronized (lock) {
                rows.addAll(r);
                problems.addAll(p);
                progress = prog;
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            Platform.runLater(this::drain);
        }

        private void drain() {
            List<PacketSummary> r;
            List<ProblemEntry> p;
            double prog;
            synchronized (lock) {
                r = rows;
                p = problems;
                prog = progress;
                rows = new ArrayList<>();
                problems = new ArrayList<>();
                scheduled = false;
            }
            onFx.batch(r, p, prog);
        }
    }

    /** Milliseconds from opening to the first rows in the list (last file opened). */
    public volatile long firstRowsMillis = -1;

    private void loadEnded(Session s, LoadResult r, String error) {
        if (session != s) {
            return;
        }
        progress.setVisible(false);
        stop.setVisible(false);
        loading = null;
        if (r != null) {
            status.setText(s.name() + ": " + r.describe() + (firstRowsMillis >= 0 ? "; first rows shown after "
                    + firstRowsMillis + " ms" : ""));
            if (r.damage() != null) {
                showError(r.damage() + " — the " + r.packets() + " packets before it are shown");
            }
        } else if (error != null) {
            status.setText(s.name() + ": " + rows.size() + " packets");
            if (!error.startsWith("Stopped")) {
                showError(s.name() + ": " + error);
            } else {
                status.setText(error);
            }
        }
        // finishing may settle cross-packet problems (checks that waited for a late template)
        List<PacketSummary> fresh = s.rows();
        for (int i = 0; i < fresh.size() && i < rows.size(); i++) {
            if (fresh.get(i) != rows.get(i)) {
                rows.set(i, fresh.get(i));
            }
        }
        allProblems.clear();
        allProblems.addAll(s.problems());
        severityTotals.clear();
        for (ProblemEntry e : allProblems) {
            severityTotals.merge(e.problem().severity(), 1, Integer::sum);
        }
        updateBullet();
        problems.show(allProblems);
        exporters.show(s.exporterHealth());
        if (list.getSelectionModel().getSelectedItem() != null) {
            showPacket(list.getSelectionModel().getSelectedItem());
        }
        if (activeFilter != null) {
            applyFilter(activeFilter.text());
        }
        if (tabs.getSelectionModel().getSelectedItem() == flowsTab) {
            loadFlows();
        }
    }

    private void replaceSession(Session s, String title) {
        if (loading != null) {
            stopRequested = true;
            loading = null;
        }
        if (session != null) {
            try {
                session.close();
            } catch (IOException e) {
                // nothing to keep
            }
        }
        session = s;
        rows = FXCollections.observableArrayList();
        shown = new FilteredList<>(rows);
        view = new javafx.collections.transformation.SortedList<>(shown);
        list.setRows(view);
        allProblems.clear();
        severityTotals.clear();
        filterBits = null;
        shown.setPredicate(null);
        activeFilter = null;
        flowsLoaded = false;
        tree = List.of();
        details.clear();
        hex.setData(null);
        problems.show(List.of());
        flows.show(List.of());
        exporters.show(List.of());
        list.setFirstNanos(-1);
        updateBullet();
        welcome.setVisible(false);
        stage.setTitle(title + " — FlowInspector");
    }

    private void addRows(List<PacketSummary> r, List<ProblemEntry> p) {
        if (rows.isEmpty() && !r.isEmpty()) {
            list.setFirstNanos(r.get(0).timeNanos());
        }
        boolean wasEmpty = rows.isEmpty();
        rows.addAll(r);
        allProblems.addAll(p);
        for (ProblemEntry e : p) {
            severityTotals.merge(e.problem().severity(), 1, Integer::sum);
        }
        updateBullet();
        updateCounts();
        if (wasEmpty && !rows.isEmpty() && list.getSelectionModel().isEmpty()) {
            list.getSelectionModel().select(0);
        }
    }

    private void updateCounts() {
        counts.setText(activeFilter == null ? "Packets: " + rows.size()
                : "Packets: " + rows.size() + " · Displayed: " + shown.size());
    }

    private void updateBullet() {
        Severity worst = null;
        for (Severity s : Severity.values()) {
            if (severityTotals.getOrDefault(s, 0) > 0) {
                worst = s;
                break;
            }
        }
        bulletDot.getStyleClass().setAll("bullet-" + (worst == null ? "none" : worst.label()));
        if (worst == null) {
            bullet.setText("No problems");
            return;
        }
        bullet.setText("Errors: " + severityTotals.getOrDefault(Severity.ERROR, 0) + " · Warnings: "
                + severityTotals.getOrDefault(Severity.WARNING, 0) + " · Notes: "
                + severityTotals.getOrDefault(Severity.NOTE, 0));
    }

    private void closeSession() {
        if (!mayDiscard()) {
            return;
        }
        replaceSession(null, "FlowInspector");
        session = null;
        stage.setTitle("FlowInspector");
        welcome.setVisible(true);
        status.setText("Ready");
        counts.setText("");
    }

    // ---------------------------------------------------------------- live

    private void listenDialog() {
        if (loading != null) {
            stopRequested = true;
            return;
        }
        var d = new dev.flowinspector.ui.capture.ListenDialog();
        d.initOwner(stage);
        d.showAndWait().ifPresent(t -> {
            String text = t.strip();
            int colon = text.lastIndexOf(':');
            String host = colon < 0 ? "" : text.substring(0, colon).replace("[", "").replace("]", "");
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                listen(host.isEmpty() || host.equals("*") ? null : java.net.InetAddress.getByName(host), port, d.limits());
            } catch (NumberFormatException e) {
                showError("'" + text + "' is not a port or address:port");
            } catch (IOException e) {
                showError("cannot listen on " + text + ": " + Errors.describe(e));
            }
        });
    }

    /**
     * Listens on a UDP port (0: any free port) and shows exports as they arrive; Stop (or Ctrl+E) ends it.
     * Returns where it listens, or an empty list after showing why it cannot.
     */
    public List<Endpoint> listen(java.net.InetAddress bind, int port) {
        return listen(bind, port, null);
    }

    /** As {@link #listen(java.net.InetAddress, int)}, with stop conditions and a ring buffer (null: none). */
    public List<Endpoint> listen(java.net.InetAddress bind, int port, dev.flowinspector.ui.capture.LiveLimits limits) {
        hideError();
        if (!mayDiscard()) {
            return List.of();
        }
        Session s = Session.empty("UDP port " + port, settings.decodingOptions().withImportedTemplates(imported));
        follow.restart();
        dev.flowinspector.ui.session.LiveCapture live;
        dev.flowinspector.capture.StopConditions stopAt;
        try {
            stopAt = limits == null ? dev.flowinspector.capture.StopConditions.NONE : limits.stopConditions();
            s.recordTo(limits == null ? null : limits.ringBuffer("UDP port " + port));
            live = new dev.flowinspector.ui.session.LiveCapture(s, bind, port);
        } catch (IOException | IllegalArgumentException e) {
            showError(Errors.describe(e));
            return List.of();
        }
        String where = live.locals().toString();
        replaceSession(s, "Listening on " + where);
        status.setText("Listening on " + where + " … (Stop or Ctrl+E ends)");
        progress.setVisible(true);
        progress.setProgress(-1);
        stop.setVisible(true);
        long t0 = System.nanoTime();
        Task<LoadResult> task = new Task<>() {
            @Override
            protected LoadResult call() throws Exception {
                live.run((r, p, prog) -> Platform.runLater(() -> {
                    if (session == s) {
                        addRows(r, p);
                        follow.rowsAdded();
                        status.setText("Listening on " + where + ": " + live.received() + " datagrams, "
                                + live.drops() + " dropped");
                    }
                }), dev.flowinspector.ui.capture.LiveLimits.stopWhen(stopAt, s, () -> stopRequested || session != s));
                return new LoadResult(s.size(), 0, live.drops() > 0 ? live.drops()
                        + " datagrams dropped because decoding fell behind" : null, true,
                        (System.nanoTime() - t0) / 1_000_000);
            }
        };
        stopRequested = false;
        loading = task;
        Tasks.start(task, r -> loadEnded(s, r, null), err -> loadEnded(s, null, err));
        return live.locals();
    }

    /** Live capture on an interface (ui.capture); Ctrl+Shift+E again stops. */
    private void captureDialog() {
        if (loading != null) {
            stopRequested = true;
            return;
        }
        dev.flowinspector.ui.capture.InterfaceDialog d = new dev.flowinspector.ui.capture.InterfaceDialog();
        d.initOwner(stage);
        d.showAndWait().filter(o -> mayDiscard()).ifPresent(o -> {
            hideError();
            try {
                var stopAt = d.limits().stopConditions();
                var c = new dev.flowinspector.capture.InterfaceCapture(o);
                Session s = Session.empty("interface " + o.iface(), DecodingOptions.defaults().withImportedTemplates(imported));
                s.recordTo(d.limits().ringBuffer("interface " + o.iface()));
                follow.restart();
                replaceSession(s, "Capturing on " + o.iface());
                status.setText("Capturing on " + o.iface() + " … (Stop or Ctrl+Shift+E ends)");
                progress.setVisible(true);
                progress.setProgress(-1);
                stop.setVisible(true);
                stopRequested = false;
                loading = dev.flowinspector.ui.capture.InterfaceFeed.task(s, c, (r, p) -> {
                    if (session == s) {
                        addRows(r, p);
                        follow.rowsAdded();
                    }
                }, t -> status.setText(session == s ? t : status.getText()),
                        dev.flowinspector.ui.capture.LiveLimits.stopWhen(stopAt, s, () -> stopRequested || session != s));
                Tasks.start(loading, r -> loadEnded(s, r, null), err -> loadEnded(s, null, err));
            } catch (IOException | IllegalArgumentException e) {
                showError(e.getMessage());
            }
        });
    }

    /** Stops reading a file or listening. */
    public void stopLoading() {
        stopRequested = true;
    }

    // ---------------------------------------------------------------- packets

    private record Shown(PacketSummary row, Frame frame, ExportPacket packet, List<TreeNode> tree,
                         TemplateSnapshot templates) {
    }

    private void showPacket(PacketSummary s) {
        long gen = ++selectGeneration;
        if (s == null || session == null) {
            tree = List.of();
            details.clear();
            hex.setData(null);
            return;
        }
        Session sess = session;
        Tasks.run(() -> {
            Frame f = sess.frame(s.index());
            ExportPacket p = sess.packet(s.index());
            return new Shown(s, f, p, PacketTreeBuilder.build(f, p), sess.templatesAt(s.number()));
        }, sh -> {
            if (gen != selectGeneration || sess != session) {
                return;
            }
            tree = sh.tree();
            details.show(sh.tree(), sh.packet().data());
            hex.setData(sh.packet().data());
            templates.show(sh.templates(), sh.frame().source());
            ProblemEntry pp = pendingProblem;
            pendingProblem = null;
            if (pp != null && pp.index() == s.index()) {
                if (!details.selectProblem(pp.problem())) {
                    hex.highlight(pp.problem().offset(), pp.problem().length());
                }
            }
        }, err -> {
            if (gen == selectGeneration) {
                details.clear();
                hex.setData(null);
                showError("frame " + s.number() + ": " + err);
            }
        });
    }

    private void selectShown(int i) {
        if (i >= 0 && i < view.size()) {
            list.getSelectionModel().clearAndSelect(i);
            list.scrollTo(Math.max(0, i - 5));
            list.requestFocus();
        }
    }

    /** Selects a packet by frame number (clearing the filter when it hides it). */
    public boolean goToFrame(long frame) {
        if (session == null) {
            return false;
        }
        PacketSummary s = session.rowOfFrame(frame);
        if (s == null) {
            status.setText("No export packet with frame number " + frame);
            return false;
        }
        int i = view.indexOf(s);
        if (i < 0) {
            filter.clear();
            applyFilter("");
            i = view.indexOf(s);
        }
        selectShown(i);
        return true;
    }

    private void openProblem(ProblemEntry e) {
        pendingProblem = e;
        PacketSummary current = list.getSelectionModel().getSelectedItem();
        if (current != null && current.index() == e.index()) {
            showPacket(current);
        } else {
            goToFrame(e.frame());
        }
    }

    private void nextProblem() {
        int from = list.getSelectionModel().getSelectedIndex();
        for (int i = from + 1; i < view.size(); i++) {
            if (view.get(i).worst() != null) {
                selectShown(i);
                return;
            }
        }
        status.setText("No more packets with problems after this one");
    }

    private void goToDialog() {
        if (session == null) {
            return;
        }
        TextInputDialog d = new TextInputDialog();
        d.initOwner(stage);
        d.setTitle("Go to packet");
        d.setHeaderText("Frame number");
        d.showAndWait().ifPresent(t -> {
            try {
                goToFrame(Long.parseLong(t.strip()));
            } catch (NumberFormatException e) {
                showError("'" + t + "' is not a frame number");
            }
        });
    }

    private void find() {
        if (session == null) {
            return;
        }
        TextInputDialog d = new TextInputDialog();
        d.initOwner(stage);
        d.setTitle("Find packet");
        d.setHeaderText("Text to find in the packet list (exporter, protocol, info)");
        d.showAndWait().ifPresent(this::findText);
    }

    /** Selects the next shown packet after the selection whose list text contains the text. */
    public boolean findText(String text) {
        String q = text.strip().toLowerCase(Locale.ROOT);
        int from = list.getSelectionModel().getSelectedIndex();
        for (int k = 1; k <= view.size(); k++) {
            int i = (from + k) % view.size();
            PacketSummary s = view.get(i);
            if ((s.exporter() + " " + s.info() + " " + s.number()).toLowerCase(Locale.ROOT).contains(q)) {
                selectShown(i);
                return true;
            }
        }
        status.setText("Not found: " + text);
        return false;
    }

    // ---------------------------------------------------------------- filter

    /** Applies a display filter (empty shows everything); a bad filter shows its message. */
    public void applyFilter(String text) {
        DisplayFilter f;
        try {
            f = DisplayFilter.parse(text);
        } catch (FilterException e) {
            filterMessage.setText(e.getMessage());
            filter.pseudoClassStateChanged(INVALID, true);
            return;
        }
        filterMessage.setText("");
        if (f.matchesAll() || session == null) {
            filterGeneration++;
            activeFilter = null;
            filterBits = null;
            shown.setPredicate(null);
            updateCounts();
            return;
        }
        Session sess = session;
        status.setText("Filtering …");
        long gen = ++filterGeneration;
        boolean busy = loading != null;
        if (!busy) {
            progress.setVisible(true);
            progress.setProgress(0);
            stopRequested = false;
            stop.setVisible(true);
        }
        Tasks.run(() -> sess.matching(f::matches, () -> gen != filterGeneration || sess != session
                || (!busy && stopRequested), x -> Platform.runLater(() -> {
                    if (!busy && gen == filterGeneration) {
                        progress.setProgress(x);
                    }
                })), bits -> {
            if (!busy && loading == null) {
                stop.setVisible(false);
            }
            if (!busy && stopRequested && gen == filterGeneration) {
                progress.setVisible(false);
                status.setText("Filter stopped");
                return;
            }
            if (!busy && loading == null) {
                progress.setVisible(false);
            }
            if (sess != session || gen != filterGeneration) {
                return;
            }
            PacketSummary sel = list.getSelectionModel().getSelectedItem();
            activeFilter = f;
            filterBits = bits;
            shown.setPredicate(r -> filterBits.get(r.index()));
            updateCounts();
            status.setText("Filter: " + f.text() + " — " + shown.size() + " of " + rows.size() + " packets");
            int i = sel == null ? -1 : view.indexOf(sel);
            if (i >= 0) {
                list.getSelectionModel().clearAndSelect(i);
            } else if (!view.isEmpty()) {
                selectShown(0);
            }
        }, err -> showError("filter: " + err));
    }

    /** The status line (for tests). */
    public Label statusLine() {
        return status;
    }

    /** The filter text field. */
    public TextField filterField() {
        return filter;
    }

    /** The filter message label. */
    public Label filterMessage() {
        return filterMessage;
    }

    /** Rows the list shows (after the filter). */
    public ObservableList<PacketSummary> shownRows() {
        return view;
    }

    // ---------------------------------------------------------------- tabs

    private void loadFlows() {
        if (flowsLoaded || session == null || loading != null) {
            if (loading != null) {
                flows.setStatus("Flows are read when the capture has been read");
            }
            return;
        }
        flowsLoaded = true;
        Session sess = session;
        flows.setStatus("Reading flow records …");
        Tasks.run(() -> dev.flowinspector.ui.session.FlowSummary.of(sess, FLOW_LIMIT, () -> sess != session,
                x -> Platform.runLater(() -> flows.setStatus(String.format("Reading flow records … %.0f %%", 100 * x)))),
                r -> {
                    if (sess == session) {
                        flows.show(r);
                    }
        }, err -> flows.setStatus("Cannot read flows: " + err));
    }

    // ---------------------------------------------------------------- templates

    private void exportTemplates() {
        TemplateSnapshot snap = templates.snapshot();
        if (session == null || snap == null) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the templates live at frame " + snap.frame());
        fc.setInitialFileName("templates.json");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            exportTemplates(f.toPath());
        }
    }

    /** Writes the templates live at the selected packet to a JSON file (in the background). */
    public void exportTemplates(Path file) {
        TemplateSnapshot snap = templates.snapshot();
        if (session == null || snap == null) {
            return;
        }
        List<dev.flowinspector.decode.Template> live = new ArrayList<>();
        for (TemplateSnapshot.Entry e : snap.entries()) {
            if (e.live()) {
                live.add(e.template());
            }
        }
        String source = session.name() + " at frame " + snap.frame();
        Tasks.run(() -> {
            dev.flowinspector.engine.TemplateFile.write(file, live, source);
            return live.size();
        }, n -> status.setText("Exported " + n + " templates to " + file), err -> showError("export templates: " + err));
    }

    private void importTemplates() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Import templates from a JSON export or another capture");
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            importTemplates(f.toPath());
        }
    }

    /** Reads templates from a JSON export or a capture and decodes the current file again knowing them. */
    public void importTemplates(Path from) {
        Path current = session == null ? null : session.path();
        Tasks.run(() -> dev.flowinspector.engine.TemplateImport.load(from,
                dev.flowinspector.capture.ExportPorts.defaults()), t -> {
            imported = List.copyOf(t);
            status.setText(t.size() + " templates imported from " + from.getFileName());
            if (current != null) {
                open(current, current.getFileName().toString(), false);
            }
        }, err -> showError("import templates: " + err));
    }

    // ---------------------------------------------------------------- paste, save

    /** Opens the paste-hex dialog; pasted packets go to a "Pasted packets" session. */
    public void pasteHex() {
        PasteHexDialog d = new PasteHexDialog();
        d.initOwner(stage);
        d.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        Optional<List<Frame>> r = d.showAndWait();
        r.ifPresent(this::addPasted);
    }

    /** Adds pasted frames to the pasted-packets session (numbered on from the packets pasted before). */
    public void addPasted(List<Frame> payloads) {
        if (session == null || session.path() != null) {
            if (!mayDiscard()) {
                return;
            }
            replaceSession(Session.empty("Pasted packets", settings.decodingOptions().withImportedTemplates(imported)), "Pasted packets");
            pastedCount = 0;
        }
        List<PacketSummary> added = new ArrayList<>();
        List<ProblemEntry> probs = new ArrayList<>();
        for (Frame p : payloads) {
            pastedCount++;
            Frame f = new Frame(pastedCount, p.timeNanos() != 0 ? p.timeNanos() : System.currentTimeMillis() * 1_000_000L,
                    p.source(), p.destination(), p.transport(), p.payload(), p.linkType(), p.frameBytes(), -1,
                    p.comment() != null ? p.comment() : "pasted", p.notes());
            added.add(session.add(f, probs));
        }
        addRows(added, probs);
        problems.show(allProblems);
        exporters.show(session.exporterHealth());
        status.setText("Pasted " + payloads.size() + (payloads.size() == 1 ? " packet" : " packets"));
        selectShown(rows.indexOf(added.get(0)));
    }

    private void saveAs() {
        if (session == null || rows.isEmpty()) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle(activeFilter == null ? "Save capture as pcapng" : "Save displayed packets as pcapng");
        String base = session.name().replaceFirst("\\.(pcapng|pcap|ipfix)(\\.gz)?$", "");
        fc.setInitialFileName((base.isEmpty() ? "export" : base) + ".pcapng");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            save(f.toPath());
        }
    }

    /** Saves the displayed packets (all, or those the filter shows) as a pcapng file, in the background. */
    public void save(Path file) {
        if (session == null) {
            return;
        }
        Session sess = session;
        BitSet bits = activeFilter == null ? null : filterBits;
        Tasks.run(() -> sess.save(file, bits == null ? i -> true : bits::get),
                n -> status.setText("Saved " + n + " packets to " + file), err -> showError("save: " + err));
    }

    // ---------------------------------------------------------------- messages

    /** Shows an error in the window (one line, never a stack trace). */
    public void showError(String message) {
        errorText.setText(message);
        errorBar.setVisible(true);
        errorBar.setManaged(true);
    }

    private void hideError() {
        errorBar.setVisible(false);
        errorBar.setManaged(false);
    }

    /** The error line shown, or null. */
    public String errorShown() {
        return errorBar.isVisible() ? errorText.getText() : null;
    }

    private void preferences() {
        dev.flowinspector.ui.prefs.PreferencesDialog d = new dev.flowinspector.ui.prefs.PreferencesDialog(settings);
        d.initOwner(stage);
        d.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        d.showAndWait().ifPresent(changed -> {
            applyTheme(settings.dark());
            darkItem.setSelected(settings.dark());
            if (changed && session != null && session.path() != null && loading == null) {
                open(session.path(), session.name(), false);
            }
        });
    }

    private void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("About FlowInspector");
        a.setHeaderText("FlowInspector 0.1");
        a.setContentText("An inspector for NetFlow v1/v5/v7/v8/v9 and IPFIX export packets.");
        a.showAndWait();
    }

    private static void copy(String s) {
        if (s != null) {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString(s);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        }
    }
}
