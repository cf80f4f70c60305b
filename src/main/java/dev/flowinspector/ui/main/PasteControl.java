package dev.flowinspector.ui.main;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.paste.PasteHexDialog;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.session.Session;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Paste hex: packets pasted as text go to a "Pasted packets" session, numbered on from the packets pasted before
 * (opening a file and pasting again starts a new one).
 */
final class PasteControl {

    private final Stage stage;
    private final Settings settings;
    private final OpenCapture capture;
    private final CaptureLoader loader;
    private final Navigator navigator;
    private final AnalysisTabs tabs;
    private final StatusBar status;
    private int pastedCount;

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

    /** Opens the paste-hex dialog (styled like the window); pasted packets go to the pasted-packets session. */
    void pasteDialog(Scene scene) {
        PasteHexDialog d = new PasteHexDialog();
        d.initOwner(stage);
        d.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        d.showAndWait().ifPresent(this::addPasted);
    }

    /** Adds pasted frames to the pasted-packets session (numbered on from the packets pasted before). */
    void addPasted(List<Frame> payloads) {
        if (capture.session() == null || capture.session().path() != null) {
            if (!loader.mayDiscard()) {
                return;
            }
            loader.replace(Session.empty("Pasted packets", capture.options(settings.decodingOptions())),
                    "Pasted packets");
            pastedCount = 0;
        }
        Session session = capture.session();
        List<PacketSummary> added = new ArrayList<>();
        List<ProblemEntry> probs = new ArrayList<>();
        for (Frame p : payloads) {
            pastedCount++;
            Frame f = new Frame(pastedCount, p.timeNanos() != 0 ? p.timeNanos() : System.currentTimeMillis() * 1_000_000L,
                    p.source(), p.destination(), p.transport(), p.payload(), p.linkType(), p.frameBytes(), -1,
                    p.comment() != null ? p.comment() : "pasted", p.notes());
            added.add(session.add(f, probs));
        }
        loader.addRows(added, probs);
        tabs.update(session);
        status.setText("Pasted " + payloads.size() + (payloads.size() == 1 ? " packet" : " packets"));
        navigator.selectShown(capture.view().indexOf(added.get(0)));
    }
}
