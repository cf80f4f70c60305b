package dev.flowinspector.ui.capture;

import dev.flowinspector.ui.session.Session;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asks before packets that exist nowhere else (live, pasted, recovered, not saved since) are discarded by
 * closing the capture, opening another or quitting: Save…, Discard or Cancel.
 */
public final class DiscardGuard {

    /** The buttons of the question. */
    public static final ButtonType SAVE = new ButtonType("Save…", ButtonBar.ButtonData.YES);
    public static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);

    private DiscardGuard() {
    }

    /**
     * The question's header for {@code unsaved} packets of which {@code pasted} were pasted: "1 pasted packet is not
     * saved", "3 captured packets are not saved", or "5 packets (3 captured, 2 pasted) are not saved".
     */
    public static String header(int unsaved, int pasted) {
        int p = Math.max(0, Math.min(pasted, unsaved));
        String what = p == unsaved ? " pasted" : p == 0 ? " captured" : "";
        String packets = unsaved == 1 ? " packet is" : " packets are";
        if (!what.isEmpty()) {
            return unsaved + what + packets + " not saved";
        }
        return unsaved + " packets (" + (unsaved - p) + " captured, " + p + " pasted) are not saved";
    }

    /**
     * True when the session may go: it has no unsaved captured packets, or the user chose Discard; Save… calls
     * {@code save} (which saves and then proceeds on its own) and returns false, as Cancel does.
     */
    public static boolean mayDiscard(Window owner, Session session, Consumer<Session> save) {
        int n = session == null ? 0 : session.unsaved();
        if (n == 0) {
            return true;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", SAVE, DISCARD, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Unsaved packets");
        a.setHeaderText(header(n, session.unsavedPasted()));
        a.setContentText(session.path() != null
                ? "The packets pasted into \"" + session.name() + "\" exist only in a temporary file, which goes when"
                + " the capture is closed. Save the capture first?"
                : "\"" + session.name() + "\" exists only in a temporary file, which goes when the capture is"
                + " closed. Save the packets first?");
        Optional<ButtonType> r = a.showAndWait();
        if (r.isPresent() && r.get() == SAVE) {
            save.accept(session);
            return false;
        }
        return r.isPresent() && r.get() == DISCARD;
    }
}
