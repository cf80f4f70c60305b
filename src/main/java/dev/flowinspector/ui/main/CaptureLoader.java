package dev.flowinspector.ui.main;

import dev.flowinspector.ui.common.Errors;
import dev.flowinspector.ui.common.Pulses;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.common.Tasks;
import dev.flowinspector.ui.packets.PacketListView;
import dev.flowinspector.ui.packets.PacketRows;
import dev.flowinspector.ui.session.LoadResult;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.ui.welcome.WelcomeView;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.List;
import javafx.concurrent.Task;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * Opening, reading, closing and saving captures: a session replaces the one before, its rows stream into the list
 * while a background task reads it (files here; live capture and paste hand their rows in through
 * {@link #addRows}), and reading ends in one place ({@link #loadEnded}).
 */
final class CaptureLoader {

    private final Stage stage;
    private final Settings settings;
    private final OpenCapture capture;
    private final PacketListView list;
    private final StatusBar status;
    private final FilterBar filter;
    private final Navigator navigator;
    private final AnalysisTabs tabs;
    private final WelcomeView welcome;
    private final Runnable onRecentChanged;
    /** Milliseconds from opening to the first rows in the list (last file opened), or -1. */
    private volatile long firstRowsMillis = -1;
    /** {@link Session#rowReplacements} when the list last made its rows again. */
    private long shownReplacements;
    /** Runs when the demo capture is opened for the first time (its hint). */
    private Runnable onFirstDemo = () -> { };

    CaptureLoader(Stage stage, Settings settings, OpenCapture capture, PacketListView list, StatusBar status,
                  FilterBar filter, Navigator navigator, AnalysisTabs tabs, WelcomeView welcome,
                  Runnable onRecentChanged) {
        this.stage = stage;
        this.settings = settings;
        this.capture = capture;
        this.list = list;
        this.status = status;
        this.filter = filter;
        this.navigator = navigator;
        this.tabs = tabs;
        this.welcome = welcome;
        this.onRecentChanged = onRecentChanged;
        tabs.setTemplatesRefresh(navigator::refreshTemplates);
    }

    /** Milliseconds from opening to the first rows in the list (last file opened), or -1. */
    long firstRowsMillis() {
        return firstRowsMillis;
    }

    /** File > Open Recent > Clear Recent: the list is emptied in the settings, the menu and the welcome page. */
    void clearRecent() {
        settings.clearRecent();
        onRecentChanged.run();
    }

    /** File > Open: chooses a capture file, starting in the folder of the last one. */
    void openDialog() {
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
    void openDemo() {
        try (InputStream in = CaptureLoader.class.getResourceAsStream("/dev/flowinspector/demo/demo.pcap")) {
            if (in == null) {
                status.showError("the demo capture is missing from this build");
                return;
            }
            Path tmp = Files.createTempFile("flowinspector-demo-", ".pcap");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            boolean first = settings.firstStart();
            settings.setDemoShown();
            open(tmp, "demo.pcap", false);
            if (first && capture.session() != null) {
                onFirstDemo.run();
            }
        } catch (IOException e) {
            status.showError("cannot open the demo capture: " + Errors.describe(e));
        }
    }

    /** Called when the demo capture is opened for the first time. */
    void setOnFirstDemo(Runnable r) {
        onFirstDemo = r;
    }

    /** Opens a capture file, remembered as recent: rows stream in while it is read. */
    void open(Path path) {
        open(path, path.getFileName().toString(), true);
    }

    /** Opens a capture left in a spill file by a FlowInspector that ended unexpectedly (unsaved until saved). */
    void openRecovered(Path spill) {
        open(spill, null, false);
    }

    /** True when the open capture may be replaced (nothing unsaved, or the user said Discard or saved it). */
    boolean mayDiscard() {
        return dev.flowinspector.ui.capture.DiscardGuard.mayDiscard(stage, capture.session(), s -> saveDialog());
    }

    /**
     * Opens a capture file under a title ({@code null}: a recovered spill file, titled by the session);
     * {@code remember} adds it to the recent files.
     */
    void open(Path path, String title, boolean remember) {
        status.hideError();
        Session s;
        try {
            if (!Files.isRegularFile(path)) {
                status.showError(path + ": no such file");
                return;
            }
            if (title != null) {
                // a file this tool cannot read leaves the open capture as it is, and says why once
                dev.flowinspector.capture.CaptureFiles.open(path).close();
            }
            if (!mayDiscard()) {
                return;
            }
            s = title == null ? Session.recover(path, capture.options(settings.decodingOptions()))
                    : Session.forFile(path, capture.options(settings.decodingOptions()), title);
            title = s.name();
        } catch (IOException e) {
            status.showError(Errors.describe(e));
            return;
        }
        replace(s, title);
        if (remember) {
            settings.addRecent(path);
            onRecentChanged.run();
        }
        long t0 = System.nanoTime();
        status.busy("Reading " + title + " …");
        Session current = s;
        boolean[] firstRows = {true};
        RowFeed feed = new RowFeed((r, p, prog) -> {
            if (capture.session() != current) {
                return;
            }
            if (firstRows[0] && !r.isEmpty()) {
                firstRows[0] = false;
                firstRowsMillis = (System.nanoTime() - t0) / 1_000_000;
            }
            addRows(r, p);
            status.setProgress(prog < 0 ? -1 : prog);
        }, drawn -> navigator.whenShown(() -> Pulses.after(3, drawn)));
        start(current, new Task<>() {
            @Override
            protected LoadResult call() throws Exception {
                return current.load(feed, () -> capture.shouldStop(current));
            }
        });
    }

    /** Runs the task filling {@code s} in the background; {@link #loadEnded} when it ends (Stop included). */
    void start(Session s, Task<LoadResult> task) {
        capture.clearStop();
        capture.setLoading(task);
        filter.updateEmptyText(); // "No packets yet" until the first comes
        if (s.path() == null) {
            tabs.followLive(s); // a live capture: the tab shown follows it
        }
        Tasks.start(task, r -> loadEnded(s, r, null), err -> loadEnded(s, null, err));
    }

    private void loadEnded(Session s, LoadResult r, String error) {
        if (capture.session() != s) {
            return;
        }
        status.idle();
        capture.setLoading(null);
        filter.updateEmptyText(); // none came: the capture has none
        stage.setTitle(s.name() + " — FlowInspector"); // no longer "Listening on …" or "Capturing on …"
        PacketRows rows = capture.view();
        if (r != null) {
            // the first rows' time says something only when they came before reading ended
            status.setText(s.name() + ": " + r.describe() + (firstRowsMillis >= 0 && s.path() != null
                    && firstRowsMillis < r.millis() ? "; first rows shown after "
                    + firstRowsMillis + " ms" : ""));
            if (r.damage() != null) {
                status.showError(r.damage() + " — the " + r.packets() + " packets before it are shown");
            }
        } else if (error != null) {
            status.setText(s.name() + ": " + rows.total() + " packets");
            if (!error.startsWith("Stopped")) {
                status.showError(s.name() + ": " + error);
            } else {
                status.setText(error);
            }
        }
        // finishing may settle cross-packet problems (checks that waited for a late template)
        showSettled(s);
        tabs.loadFlowsIfShown();
    }

    /** Shows the session's rows and problems as they now stand (finished, or seen another way). */
    private void showSettled(Session s) {
        PacketSummary selected = list.getSelectionModel().getSelectedItem();
        long replaced = s.rowReplacements();
        if (replaced != shownReplacements) { // the rows are the session's: replaced rows show as they are now
            shownReplacements = replaced;
            capture.view().rowsChanged();
            list.refresh(); // makes every row shown again: not when none changed (a frame's work at the end of a load)
        }
        capture.problems().clear();
        capture.problems().addAll(s.problems());
        status.setProblems(capture.problems());
        tabs.update(s);
        if (selected != null && list.getSelectionModel().getSelectedItem() == null) {
            navigator.goToFrame(selected.number()); // its row was replaced: the same packet stays selected
        } else {
            navigator.refresh();
        }
        filter.reapply();
    }

    /**
     * View > As a One-Pass Collector Saw It: shows the open capture (and those opened later) as a collector reading
     * it once saw it (data whose template came later not decoded) or, off, with the later templates applied.
     */
    void setOnePass(boolean on) {
        capture.setOnePass(on);
        Session s = capture.session();
        if (s == null) {
            return;
        }
        s.setOnePass(on);
        if (capture.loading() == null) {
            showSettled(s);
            int n = s.lateDecodedPackets();
            status.setText(n == 0 ? "No data in this capture came before its template"
                    : on ? n + (n == 1 ? " packet" : " packets") + " shown as a one-pass collector saw "
                    + (n == 1 ? "it" : "them") + ": data before its template not decoded"
                    : n + (n == 1 ? " packet" : " packets") + " decoded with templates that came later");
        }
    }

    /** Makes {@code s} (or nothing) the open session: everything shown of the one before goes. */
    void replace(Session s, String title) {
        capture.replace(s);
        shownReplacements = 0;
        PacketRows rows = capture.view();
        // a sort of many rows runs on a worker: its progress in the status bar (unless reading shows its own)
        rows.sortProgressProperty().addListener((o, a, x) -> {
            if (capture.view() != rows || capture.loading() != null) {
                return;
            }
            if (x.doubleValue() < 0) {
                status.hideProgress();
                status.setText("Sorted " + rows.size() + " packets");
            } else {
                if (a.doubleValue() < 0) {
                    status.setText("Sorting " + rows.size() + " packets …");
                }
                status.showProgress(x.doubleValue());
            }
        });
        list.setRows(rows);
        status.setProblems(List.of());
        filter.reset();
        tabs.reset();
        navigator.reset();
        list.setFirstNanos(-1);
        welcome.setVisible(false);
        stage.setTitle(title + " — FlowInspector");
    }

    /** Adds rows read, received or pasted to the list (the first one is selected). */
    void addRows(List<PacketSummary> r, List<ProblemEntry> p) {
        PacketRows rows = capture.view();
        if (rows.total() == 0 && !r.isEmpty()) {
            list.setFirstNanos(r.get(0).timeNanos());
        }
        boolean wasEmpty = rows.total() == 0;
        rows.append(r);
        capture.rowsAdded();
        capture.problems().addAll(p);
        status.addProblems(p);
        filter.updateCounts();
        if (wasEmpty && !rows.isEmpty() && list.getSelectionModel().isEmpty()) {
            list.getSelectionModel().select(0);
        }
    }

    /** Packets were pasted into the open capture: an active display filter looks at them too. */
    void pastedInto() {
        filter.reapply();
    }

    /** File > Close: back to the welcome page. */
    void close() {
        if (!mayDiscard()) {
            return;
        }
        replace(null, "FlowInspector");
        stage.setTitle("FlowInspector");
        welcome.setRecent(settings.recent()); // sizes as they are now; a file may have gone meanwhile
        welcome.setVisible(true);
        status.setText("Ready");
        status.setCounts("");
    }

    /** File > Save As: chooses where to save what the list shows. */
    void saveDialog() {
        Session session = capture.session();
        if (session == null || capture.view().total() == 0) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle(filter.active() == null ? "Save capture as pcapng" : "Save displayed packets as pcapng");
        String base = session.name().replaceFirst("\\.(pcapng|pcap|ipfix)(\\.gz)?$", "");
        fc.setInitialFileName((base.isEmpty() ? "export" : base) + ".pcapng");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            save(f.toPath());
        }
    }

    /** Saves the displayed packets (all, or those the filter shows) as a pcapng file, in the background. */
    void save(Path file) {
        Session sess = capture.session();
        if (sess == null) {
            return;
        }
        BitSet bits = filter.shownIndexes();
        Tasks.run(() -> sess.save(file, bits == null ? i -> true : bits::get),
                n -> status.setText("Saved " + n + " packets to " + file), err -> status.showError("save: " + err));
    }
}
