package dev.flowinspector.ui.main;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.paste.PasteHexDialog;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.ui.session.ExporterSummary;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.session.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Paste hex: packets pasted as text are appended to the open capture as marked frames, decoded with its templates
 * as at its end (or a frame the user picks); with nothing open they go to a new "Pasted packets" session, numbered on
 * from the packets pasted before.
 */
final class PasteControl {

    private final Stage stage;
    private final Settings settings;
    private final OpenCapture capture;
    private final CaptureLoader loader;
    private final Navigator navigator;
    private final AnalysisTabs tabs;
    private final StatusBar status;

    PasteControl(Stage stage, Settings settings, OpenCapture capture, CaptureLoader loader, Navigator navigator,
                 AnalysisTabs tabs, StatusBar status) {
        this.stage = stage;
        this.settings = settings;
        this.capture = capture;
        this.loader = loader;
        this.navigator = navigator;
        this.tabs = tabs;
        this.status = status;
    }

    /**
     * Opens the paste-hex dialog (styled like the window): for the open capture (its templates, its main exporter
     * offered for raw payloads), or for a new session when nothing is open.
     */
    void pasteDialog(Scene scene) {
        if (capture.loading() != null) {
            status.showError("Paste hex: the capture is still being read or captured; paste when it has ended "
                    + "(or after Stop)");
            return;
        }
        Session s = capture.session();
        PasteHexDialog d = new PasteHexDialog(s == null || s.size() == 0 ? null : new PasteHexDialog.Target(
                s.name(), s.lastFrame(), mainExporter(s), s::previewPasted));
        d.initOwner(stage);
        d.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        d.showAndWait().ifPresent(r -> addPasted(r.frames(), r.templatesAt(), r.domain()));
    }

    /** Whether a row of the open capture was pasted (the packet list marks it). */
    boolean pasted(PacketSummary row) {
        Session s = capture.session();
        return s != null && row.index() < s.size() && s.pasted(row.index());
    }

    /**
     * The exporter whose templates a raw payload most likely needs: the one that defined most templates (then sent
     * most packets), or 0.0.0.0:0 when no exporter defined any.
     */
    private static Endpoint mainExporter(Session s) {
        Map<Endpoint, long[]> counts = new HashMap<>();
        for (ExporterSummary e : s.exporters()) {
            long[] c = counts.computeIfAbsent(e.exporter(), k -> new long[2]);
            c[0] += e.templates();
            c[1] += e.packets();
        }
        return counts.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .max(Comparator.comparingLong((Map.Entry<Endpoint, long[]> e) -> e.getValue()[0])
                        .thenComparingLong(e -> e.getValue()[1]))
                .map(Map.Entry::getKey).orElse(Endpoint.UNKNOWN);
    }

    /** Appends pasted frames to the open capture with its templates as at its end (a new session when none is open). */
    void addPasted(List<Frame> payloads) {
        addPasted(payloads, -1);
    }

    /**
     * Appends pasted frames to the open capture, decoded with its templates as at frame {@code templatesAt} (-1: its
     * last frame), or to a new "Pasted packets" session when nothing is open.
     */
    void addPasted(List<Frame> payloads, long templatesAt) {
        addPasted(payloads, templatesAt, -1);
    }

    /**
     * As {@link #addPasted(List, long)}, with the templates of observation domain {@code domain} (-1: the one in each
     * packet's header).
     */
    void addPasted(List<Frame> payloads, long templatesAt, long domain) {
        if (capture.loading() != null) {
            status.showError("Paste hex: the capture is still being read or captured; paste when it has ended");
            return;
        }
        if (capture.session() == null) {
            loader.replace(Session.empty("Pasted packets", capture.options(settings.decodingOptions())),
                    "Pasted packets");
        }
        Session session = capture.session();
        List<ProblemEntry> probs = new ArrayList<>();
        List<PacketSummary> added = session.addPasted(payloads, templatesAt, domain, probs);
        loader.addRows(added, probs);
        tabs.update(session);
        loader.pastedInto();
        status.setText("Pasted " + payloads.size() + (payloads.size() == 1 ? " packet" : " packets")
                + (session.path() == null ? "" : " after frame " + (added.get(0).number() - 1) + " of "
                + session.name()));
        int shown = capture.view().indexOf(added.get(0));
        navigator.selectShown(shown);
        navigator.revealLater(shown);
    }
}
