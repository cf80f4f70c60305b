package dev.flowinspector.ui.capture;

import dev.flowinspector.ui.session.Session;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asks before captured packets that exist nowhere else (live, pasted, recovered, not saved since) are discarded by
 * closing the capture, opening another or quitting: Save…, Discard or Cancel.
 */
public final class DiscardGuard {

    /** The buttons of the question. */
    public static final ButtonType SAVE = new ButtonType("Save…", ButtonBar.ButtonData.YES);
    public static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);

    private DiscardGuard() {
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
        a.setHeaderText(n + (n == 1 ? " captured packet is" : " captured packets are") + " not saved");
        a.setContentText("\"" + session.name() + "\" exists only in a temporary file, which goes when the capture is"
                + " closed. Save the packets first?");
        Optional<ButtonType> r = a.showAndWait();
        if (r.isPresent() && r.get() == SAVE) {
            save.accept(session);
            return false;
        }
        return r.isPresent() && r.get() == DISCARD;
    }
}
