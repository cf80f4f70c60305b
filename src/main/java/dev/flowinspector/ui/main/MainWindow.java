package dev.flowinspector.ui.main;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.details.DetailsView;
import dev.flowinspector.ui.exporters.ExportersView;
import dev.flowinspector.ui.flows.FlowsView;
import dev.flowinspector.ui.hex.HexView;
import dev.flowinspector.ui.packets.PacketListView;
import dev.flowinspector.ui.problems.ProblemsView;
import dev.flowinspector.ui.session.LoadResult;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.ui.templates.TemplatesView;
import dev.flowinspector.ui.welcome.WelcomeView;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The main window: menu and toolbar, display filter bar, packet list, details tree, bytes, and the
 * Templates / Expert Info / Flows / Exporters tabs, with a status bar. It lays the views out and composes the parts
 * that act on them, one per concern (docs/decisions/0014): {@link MenuActions} (menus, toolbar, theme),
 * {@link CaptureLoader} (open, read, close, save), {@link LiveControl} (UDP and interface capture),
 * {@link Navigator} (selection and navigation), {@link FilterBar}, {@link TemplateTransfer} (templates import and
 * export), {@link PasteControl}, {@link AnalysisTabs} and {@link StatusBar}, over the state they share
 * ({@link OpenCapture}). Reading and decoding run in the background; their results are applied on the FX thread.
 */
public final class MainWindow {

    private final Settings settings;
    private final Scene scene;
    private final OpenCapture capture = new OpenCapture();
    private final PacketListView list = new PacketListView(capture.view());
    private final DetailsView details = new DetailsView();
    private final HexView hex = new HexView();
    private final TemplatesView templates = new TemplatesView();
    private final ProblemsView problems = new ProblemsView();
    private final FlowsView flows = new FlowsView();
    private final ExportersView exporters = new ExportersView();
    private final WelcomeView welcome;
    private final AnalysisTabs tabs;
    private final StatusBar status;
    private final FilterBar filter;
    private final Navigator navigator;
    private final CaptureLoader loader;
    private final LiveControl live;
    private final TemplateTransfer templateTransfer;
    private final PasteControl paste;
    private final MenuActions actions;
    private final dev.flowinspector.ui.packets.CustomColumns columns;
    private final DemoHint demoHint = new DemoHint();

    public MainWindow(Stage stage, Settings settings) {
        this.settings = settings;
        welcome = new WelcomeView(this::openDialog, this::pasteHex, this::openDemo, this::listenDialog);
        tabs = new AnalysisTabs(capture, templates, problems, flows, exporters);
        status = new StatusBar(tabs::showProblems, capture::requestStop);
        filter = new FilterBar(capture, list, status, settings);
        navigator = new Navigator(stage, capture, list, details, hex, templates, status, filter::clear);
        loader = new CaptureLoader(stage, settings, capture, list, status, filter, navigator, tabs, welcome,
                this::recentChanged);
        live = new LiveControl(stage, settings, capture, loader, status,
                new dev.flowinspector.ui.capture.FollowNewest(list));
        templateTransfer = new TemplateTransfer(stage, capture, templates, loader, status);
        paste = new PasteControl(stage, settings, capture, loader, navigator, tabs, status);
        list.setPasted(paste::pasted);
        actions = new MenuActions(stage, settings, capture, loader, live, paste, navigator, filter, tabs, list,
                details, hex);
        welcome.setOnRecent(this::open);
        welcome.setOnCapture(live::captureDialog);
        loader.setOnFirstDemo(demoHint::show);
        list.itemsProperty().addListener((o, a, b) -> demoHint.hide()); // another capture: the hint was the demo's
        welcome.setRecent(settings.recent());
        details.setOnApplyFilter(filter::setAndApply);
        columns = new dev.flowinspector.ui.packets.CustomColumns(list, settings, capture::session);
        details.setOnApplyColumn(f -> {
            String why = columns.add(f);
            if (why != null) {
                status.showError(why);
            }
        });
        list.setRowLookup(i -> {
            Session s = capture.session();
            return s != null && i >= 0 && i < s.size() ? s.row(i) : null;
        });
        problems.setOnOpen(navigator::openProblem);
        templates.setOnGoToFrame(navigator::goToFrame);
        flows.setOnOpen(r -> navigator.goToFrame(r.frame()));

        // details and bytes get the most room (Wireshark's proportions); dividers stay where they are left
        SplitPane lower = new SplitPane(details, hex);
        dev.flowinspector.ui.common.Dividers.remember(lower, settings, "details-hex", 0.52);
        SplitPane mainSplit = new SplitPane(list, lower, tabs.pane());
        mainSplit.setOrientation(Orientation.VERTICAL);
        dev.flowinspector.ui.common.Dividers.remember(mainSplit, settings, "main", 0.27, 0.69);
        StackPane center = new StackPane(mainSplit, welcome);
        VBox top = new VBox(actions.menuBar(), actions.toolBar(), filter.bar(), status.errorBar(), demoHint.bar());
        BorderPane root = new BorderPane(center, top, null, status.bar(), null);
        root.setId("main-root");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight()));
        actions.install(scene);
        stage.setTitle("FlowInspector");
        stage.setScene(scene);
    }

    private void recentChanged() {
        actions.refreshRecentMenu();
        welcome.setRecent(settings.recent());
    }

    private void openDialog() {
        loader.openDialog();
    }

    private void listenDialog() {
        live.listenDialog();
    }

    // ---------------------------------------------------------------- views and state (read-only, for tests)

    /** The scene (for tests). */
    public Scene scene() {
        return scene;
    }

    /** The current session, or null. */
    public Session session() {
        return capture.session();
    }

    public PacketListView packetList() {
        return list;
    }

    /** Selection and navigation (for tests). */
    Navigator navigator() {
        return navigator;
    }

    /** The packet list's custom columns. */
    public dev.flowinspector.ui.packets.CustomColumns columns() {
        return columns;
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

    public ExportersView exporters() {
        return exporters;
    }

    public TabPane tabs() {
        return tabs.pane();
    }

    /** The loading task, or null. */
    public Task<LoadResult> loading() {
        return capture.loading();
    }

    /** Milliseconds from opening to the first rows in the list (last file opened), or -1 before any. */
    public long firstRowsMillis() {
        return loader.firstRowsMillis();
    }

    /** The status line (for tests). */
    public Label statusLine() {
        return status.line();
    }

    /** The filter text field. */
    public TextField filterField() {
        return filter.field();
    }

    /** The display filter bar (completion, saved filters). */
    public dev.flowinspector.ui.filter.FilterBar filterBar() {
        return filter.widget();
    }

    /** The filter message label. */
    public Label filterMessage() {
        return filter.message();
    }

    /** Rows the list shows (after the filter). */
    public ObservableList<PacketSummary> shownRows() {
        return capture.view();
    }

    /** The demo's hint shown, or null. */
    public String demoHintShown() {
        return demoHint.shown();
    }

    /** The error line shown, or null. */
    public String errorShown() {
        return status.errorShown();
    }

    // ---------------------------------------------------------------- commands

    /** Opens the bundled demo capture (copied to a temporary file so frames can be re-read from it). */
    public void openDemo() {
        loader.openDemo();
    }

    /** Opens a capture file: rows stream in while it is read. */
    public void open(Path path) {
        loader.open(path);
    }

    /**
     * Listens on a UDP port (0: any free port) and shows exports as they arrive; Stop (or Ctrl+E) ends it.
     * Returns where it listens, or an empty list after showing why it cannot.
     */
    public List<Endpoint> listen(InetAddress bind, int port) {
        return live.listen(bind, port);
    }

    /** As {@link #listen(InetAddress, int)}, with stop conditions and a ring buffer (null: none). */
    public List<Endpoint> listen(InetAddress bind, int port, dev.flowinspector.ui.capture.LiveLimits limits) {
        return live.listen(bind, port, limits);
    }

    /** Opens a capture left in a spill file by a FlowInspector that ended unexpectedly (unsaved until saved). */
    public void openRecovered(Path spill) {
        loader.openRecovered(spill);
    }

    /** True when the current capture may be replaced (nothing unsaved, or the user said Discard). */
    public boolean mayDiscard() {
        return loader.mayDiscard();
    }

    /** Stops reading a file or listening. */
    public void stopLoading() {
        live.stop();
    }

    /** Selects a packet by frame number (clearing the filter when it hides it). */
    public boolean goToFrame(long frame) {
        return navigator.goToFrame(frame);
    }

    /** Selects the next shown packet after the selection whose list text contains the text. */
    public boolean findText(String text) {
        return navigator.findText(text);
    }

    /** Applies a display filter (empty shows everything); a bad filter shows its message. */
    public void applyFilter(String text) {
        filter.applyFilter(text);
    }

    /** Writes the templates live at the selected packet to a JSON file (in the background). */
    public void exportTemplates(Path file) {
        templateTransfer.exportTo(file);
    }

    /** Reads templates from a JSON export or a capture and decodes the current file again knowing them. */
    public void importTemplates(Path from) {
        templateTransfer.importFrom(from);
    }

    /** Opens the paste-hex dialog; pasted packets are appended to the open capture (or a new session). */
    public void pasteHex() {
        actions.pasteHex();
    }

    /** Appends pasted frames to the open capture, with its templates as at its end (or to a new session). */
    public void addPasted(List<Frame> payloads) {
        paste.addPasted(payloads);
    }

    /** Appends pasted frames to the open capture, with its templates as at frame {@code templatesAt}. */
    public void addPasted(List<Frame> payloads, long templatesAt) {
        paste.addPasted(payloads, templatesAt);
    }

    /** Saves the displayed packets (all, or those the filter shows) as a pcapng file, in the background. */
    public void save(Path file) {
        loader.save(file);
    }

    /** Shows an error in the window (one line, never a stack trace). */
    public void showError(String message) {
        status.showError(message);
    }
}
