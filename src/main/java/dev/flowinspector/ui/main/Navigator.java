package dev.flowinspector.ui.main;

import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.decode.TemplateKey;
import dev.flowinspector.ui.common.Pulses;
import dev.flowinspector.ui.common.Tasks;
import dev.flowinspector.ui.details.DetailsView;
import dev.flowinspector.ui.hex.HexView;
import dev.flowinspector.ui.packets.PacketRows;
import dev.flowinspector.ui.packets.PacketListView;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.PacketTreeBuilder;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.session.SelectedPacket;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.ui.session.TreeNode;
import dev.flowinspector.ui.templates.TemplatesView;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Stage;

/**
 * Selection and navigation: the selected packet's tree, bytes and template cache (built in the background), the
 * tree and the bytes following each other, going to a frame, to the next problem, finding text in the list.
 */
final class Navigator {

    private final Stage stage;
    private final OpenCapture capture;
    private final PacketListView list;
    private final DetailsView details;
    private final HexView hex;
    private final TemplatesView templates;
    private final StatusBar status;
    /** Empties the display filter (going to a frame it hides). */
    private final Runnable clearFilter;
    /** The tree of the packet shown (for clicks on its bytes). */
    private List<TreeNode> tree = List.of();
    /** Where the export payload starts in the bytes shown (0 when only the payload is shown). */
    private int payloadBase;
    /** The packet shown in the tree, or null. */
    private SelectedPacket shown;
    private long selectGeneration;
    /** The selection whose packet was last shown (or found empty or unreadable). */
    private long shownGeneration;
    /** What runs once the packet selected now is shown ({@link #whenShown}). */
    private final List<Runnable> onShown = new java.util.ArrayList<>();
    /** A template cache refresh runs in the background. */
    private boolean refreshingTemplates;
    /** A problem chosen in Expert Info, to select in the tree once its packet is shown. */
    private ProblemEntry pendingProblem;
    /** Up to this many shown rows, find searches at once on the FX thread; more on a worker (tests lower it). */
    static int findOnFxThread = 20_000;
    /** Counts finds: a search on a worker stops when a newer one starts. */
    private volatile long findGeneration;

    Navigator(Stage stage, OpenCapture capture, PacketListView list, DetailsView details, HexView hex,
              TemplatesView templates, StatusBar status, Runnable clearFilter) {
        this.stage = stage;
        this.capture = capture;
        this.list = list;
        this.details = details;
        this.hex = hex;
        this.templates = templates;
        this.status = status;
        this.clearFilter = clearFilter;
        list.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> showPacket(s));
        details.getSelectionModel().selectedItemProperty().addListener((o, a, it) -> {
            TreeNode n = it == null ? null : it.getValue();
            if (n == null || n.offset() < 0) {
                hex.highlight(-1, 0);
            } else {
                hex.highlight(n.offset(), n.length());
                selectTemplateOf(n);
            }
        });
        hex.setOnByteClicked(b -> {
            TreeNode n = PacketTreeBuilder.at(tree, b);
            if (n != null) {
                details.select(n);
            }
        });
    }

    /**
     * A node inside a data set was selected in the tree: the Templates pane selects the set's template (exporter,
     * domain and id as the session scopes them), or says that the cache at the packet does not hold it.
     */
    private void selectTemplateOf(TreeNode n) {
        SelectedPacket sh = shown;
        Session sess = capture.session();
        if (sh == null || sess == null) {
            return;
        }
        int at = n.offset() - sh.shown().payloadOffset(); // tree offsets count from the frame; sets from the payload
        for (FlowSet set : sh.packet().sets()) {
            boolean data = set.kind() == SetKind.DATA || set.kind() == SetKind.OPTIONS_DATA;
            if (data && set.id() >= 256 && at >= set.offset() && at < set.offset() + set.length()) {
                TemplateKey key = set.template() != null ? set.template().key()
                        : TemplateKey.of(sess.options().policy(), sh.frame().source(), sh.packet().version(),
                        sh.packet().domain(), set.id());
                templates.select(key, set.lateTemplate() ? set.templateFrame() : 0);
                return;
            }
        }
    }

    /**
     * No packet selected (another session, or a display filter hides every row): no tree, bytes or template cache
     * shown, each pane saying so.
     */
    void reset() {
        shown = null;
        tree = List.of();
        payloadBase = 0;
        details.clear();
        hex.setData(null);
        templates.clear(); // not the cache at the packet selected before
    }

    /** Shows the selected packet again (reading has ended: its problems may have settled). */
    void refresh() {
        if (list.getSelectionModel().getSelectedItem() != null) {
            showPacket(list.getSelectionModel().getSelectedItem());
        }
    }

    /**
     * Shows the template cache at the selected packet again, as the capture's history now stands (a live capture
     * adds events, uses and refreshes); built in the background.
     */
    void refreshTemplates() {
        PacketSummary s = list.getSelectionModel().getSelectedItem();
        Session sess = capture.session();
        if (s == null || sess == null || refreshingTemplates) {
            return;
        }
        refreshingTemplates = true;
        long gen = selectGeneration;
        Tasks.run(() -> sess.templatesAt(s.number()), snap -> {
            refreshingTemplates = false;
            if (gen == selectGeneration && sess == capture.session()) {
                templates.show(snap, s.exporter());
            }
        }, err -> refreshingTemplates = false);
    }

    private void showPacket(PacketSummary s) {
        long gen = ++selectGeneration;
        Session sess = capture.session();
        if (s == null || sess == null) {
            reset();
            shown(gen);
            return;
        }
        Tasks.run(() -> SelectedPacket.of(sess, s), sh -> {
            if (gen != selectGeneration || sess != capture.session()) {
                shown(gen);
                return;
            }
            // reset() empties shown when the session is replaced, so a shown packet is one of this session
            boolean again = shown != null && shown.frame().number() == sh.frame().number();
            boolean empty = shown == null;
            tree = sh.tree();
            shown = sh;
            payloadBase = sh.shown().payloadOffset();
            // the template cache before the tree, whose selection may pick one; the bytes before the tree, whose kept
            // selection highlights them
            if (empty) {
                Runnable[] pick = new Runnable[1]; // the template cache's second step: a template's fields and history
                inTurns(List.of(
                        () -> pick[0] = templates.showEntries(sh.templates(), sh.frame().source()),
                        () -> pick[0].run(),
                        () -> showBytes(sh),
                        () -> showTree(sh, s, again, gen)), 0, sh, gen);
            } else {
                templates.show(sh.templates(), sh.frame().source());
                showBytes(sh);
                showTree(sh, s, again, gen);
            }
        }, err -> {
            if (gen == selectGeneration) {
                reset(); // no tree, bytes or template cache of the packet shown before
                templates.clear("Frame " + s.number() + " could not be read");
                status.showError("frame " + s.number() + ": " + err);
            }
            shown(gen);
        });
    }

    /**
     * Fills empty panes (the first packet shown after an open) one step a pulse, starting two pulses from now, after
     * the list's first rows: the template cache's templates, a template's fields and history, the bytes, the tree.
     * Drawing a pane from empty makes its rows and cells, code the window has hardly run yet; the whole of it in one
     * pulse froze the window of a 2-core machine for 100-150 ms while a large capture loaded (docs/decisions/0035).
     * Stops when another packet is selected or the panes are emptied meanwhile.
     */
    private void inTurns(List<Runnable> panes, int k, SelectedPacket sh, long gen) {
        Pulses.after(k == 0 ? 2 : 1, () -> {
            if (gen != selectGeneration || shown != sh) {
                shown(gen); // emptied without a new selection: nothing more of this packet comes
                return;
            }
            panes.get(k).run();
            if (k + 1 < panes.size()) {
                inTurns(panes, k + 1, sh, gen);
            }
        });
    }

    private void showBytes(SelectedPacket sh) {
        hex.setData(sh.shown().bytes());
        if (sh.shown().wholeFrame()) {
            hex.setPayload(sh.shown().payloadOffset(), sh.shown().payloadLength());
        }
    }

    /** The tree, the problem chosen in Expert Info selected in it, and the packet counted as shown. */
    private void showTree(SelectedPacket sh, PacketSummary s, boolean again, long gen) {
        details.show(sh.tree(), sh.shown().bytes(), again);
        ProblemEntry pp = pendingProblem;
        pendingProblem = null;
        if (pp != null && pp.index() == s.index()) {
            if (!details.selectProblem(pp.problem())) {
                hex.highlight(pp.problem().offset() + payloadBase, pp.problem().length());
            }
        }
        shown(gen);
    }

    /**
     * Runs r once the packet selected now is shown in the tree, bytes and template cache (at once when no packet
     * is on its way there).
     */
    void whenShown(Runnable r) {
        if (shownGeneration == selectGeneration) {
            r.run();
        } else {
            onShown.add(r);
        }
    }

    /** Selection gen's packet is shown (or will not be): what waited for the current one runs. */
    private void shown(long gen) {
        if (gen != selectGeneration) {
            return; // a newer selection is on its way
        }
        shownGeneration = gen;
        List<Runnable> run = List.copyOf(onShown);
        onShown.clear();
        run.forEach(Runnable::run);
    }

    /**
     * Selects row {@code i} of what the list shows and focuses the list. A row already on screen stays where it is
     * (as Wireshark's Go to Packet); any other is scrolled into view with five rows above it.
     */
    static void selectShown(PacketListView list, int i) {
        if (i >= 0 && i < list.getItems().size()) {
            boolean onScreen = list.onScreen(i);
            list.getSelectionModel().clearAndSelect(i);
            if (!onScreen) {
                list.scrollToTop(Math.max(0, i - 5));
            }
            list.requestFocus();
        }
    }

    void selectShown(int i) {
        selectShown(list, i);
    }

    /** Scrolls shown row {@code i} into view once the rows just added are laid out (rows appended at the end). */
    void revealLater(int i) {
        javafx.application.Platform.runLater(() -> {
            list.layout(); // the list's rows count the new ones only after a layout
            list.scrollToTop(i);
        });
    }

    void selectFirst() {
        selectShown(0);
    }

    void selectLast() {
        selectShown(capture.view().size() - 1);
    }

    /** Selects a packet by frame number (clearing the filter when it hides it). */
    boolean goToFrame(long frame) {
        Session sess = capture.session();
        if (sess == null) {
            return false;
        }
        PacketSummary s = sess.rowOfFrame(frame);
        if (s == null) {
            status.setText("No export packet with frame number " + frame);
            return false;
        }
        int i = capture.view().indexOf(s);
        if (i < 0) {
            clearFilter.run();
            i = capture.view().indexOf(s);
        }
        selectShown(i);
        return true;
    }

    /** Shows a problem chosen in Expert Info: its packet, and the problem in the tree (or its bytes). */
    void openProblem(ProblemEntry e) {
        pendingProblem = e;
        PacketSummary current = list.getSelectionModel().getSelectedItem();
        if (current != null && current.index() == e.index()) {
            showPacket(current);
        } else {
            goToFrame(e.frame());
        }
    }

    /** Selects the next shown packet with a problem after the selection (rows read without being made). */
    boolean nextProblem() {
        PacketRows view = capture.view();
        Session sess = capture.session();
        int from = list.getSelectionModel().getSelectedIndex();
        int i = sess == null ? -1 : sess.firstWithProblem(from + 1, view.size(), view::rowAt);
        if (i >= 0) {
            selectShown(i);
            return true;
        }
        status.setText("No more packets with problems after this one");
        return false;
    }

    /** Edit > Go to Packet: asks for a frame number. */
    void goToDialog() {
        if (capture.session() == null) {
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
                status.showError("'" + t + "' is not a frame number");
            }
        });
    }

    /** Edit > Find Packet: asks for the text to find. */
    void findDialog() {
        if (capture.session() == null) {
            return;
        }
        TextInputDialog d = new TextInputDialog();
        d.initOwner(stage);
        d.setTitle("Find packet");
        d.setHeaderText("Text to find in the packet list (exporter, protocol, info)");
        d.showAndWait().ifPresent(this::findText);
    }

    /**
     * Selects the next shown packet after the selection whose list text contains the text, wrapping round. Up to
     * {@link #findOnFxThread} rows are searched at once (true: found and selected); more on a worker, which makes
     * each row's text, with the packet found selected on the FX thread when it is still shown (true: the search
     * runs; the status line says what it found).
     */
    boolean findText(String text) {
        PacketRows view = capture.view();
        Session sess = capture.session();
        String q = text.strip().toLowerCase(Locale.ROOT);
        int from = list.getSelectionModel().getSelectedIndex();
        int n = view.size();
        long generation = ++findGeneration;
        if (n > findOnFxThread && sess != null) {
            int[] rows = view.shownRowsCopy();
            status.setText("Finding " + text + " …");
            Tasks.run(() -> {
                for (int k = 1; k <= n; k++) {
                    if ((k & 4095) == 0 && generation != findGeneration) {
                        return -1;
                    }
                    int p = (from + k) % n;
                    int row = rows == null ? p : rows[p];
                    if (listTextContains(sess.row(row), q)) {
                        return row;
                    }
                }
                return -1;
            }, row -> {
                if (generation != findGeneration || sess != capture.session()) {
                    return;
                }
                int p = row < 0 ? -1 : capture.view().positionOf(row);
                if (p >= 0) {
                    status.setText("");
                    selectShown(p);
                } else {
                    status.setText("Not found: " + text);
                }
            }, err -> {
                if (generation == findGeneration && sess == capture.session()) {
                    status.showError("Cannot find " + text + ": " + err);
                }
            });
            return true;
        }
        for (int k = 1; k <= n; k++) {
            int i = (from + k) % n;
            if (listTextContains(view.get(i), q)) {
                selectShown(i);
                return true;
            }
        }
        status.setText("Not found: " + text);
        return false;
    }

    /** Whether a row's list text (exporter, info, frame number) contains {@code q} (lower case). */
    private static boolean listTextContains(PacketSummary s, String q) {
        return (s.exporter() + " " + s.info() + " " + s.number()).toLowerCase(Locale.ROOT).contains(q);
    }
}
