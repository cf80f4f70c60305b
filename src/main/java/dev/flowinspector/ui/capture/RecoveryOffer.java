package dev.flowinspector.ui.capture;

import dev.flowinspector.capture.SpillFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * At start: captures a FlowInspector left in temporary files when it ended without closing them (a crash, kill -9,
 * power loss) are offered for recovery, one question per capture: Open (it then counts as unsaved), Discard, or
 * Later (asked again at the next start). Leftover decompressed copies are deleted without asking.
 */
public final class RecoveryOffer {

    public static final ButtonType OPEN = new ButtonType("Open", ButtonBar.ButtonData.YES);
    public static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);
    public static final ButtonType LATER = new ButtonType("Later", ButtonBar.ButtonData.CANCEL_CLOSE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private RecoveryOffer() {
    }

    /** Asks about every capture left in the temp directory; {@code open} opens the ones the user wants back. */
    public static void offer(Window owner, Consumer<Path> open, Consumer<String> error) {
        Path dir = SpillFiles.directory();
        SpillFiles.sweep(dir);
        List<SpillFiles.Orphan> left = SpillFiles.orphans(dir).stream()
                .filter(o -> SpillFiles.CAPTURE.equals(o.kind())).toList();
        for (SpillFiles.Orphan o : left) {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", OPEN, DISCARD, LATER);
            a.initOwner(owner);
            a.setTitle("Recover capture");
            a.setHeaderText("A capture was left by a FlowInspector that ended unexpectedly");
            a.setContentText("\"" + o.description() + "\", " + o.bytes() / 1024 + " KiB, last written "
                    + TIME.format(o.modified()) + " (process " + o.pid() + ").\n" + o.file());
            Optional<ButtonType> r = a.showAndWait();
            if (r.isEmpty() || r.get() == LATER) {
                continue;
            }
            if (r.get() == OPEN) {
                open.accept(o.file());
                return; // one capture per window
            }
            try {
                SpillFiles.discard(o.file());
            } catch (IOException e) {
                error.accept("cannot delete " + o.file() + ": " + e.getMessage());
            }
        }
    }
}
