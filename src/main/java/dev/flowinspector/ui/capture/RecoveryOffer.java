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

    /** True when a capture left by a crash waits in the temp directory. */
    public static boolean anyLeft() {
        return SpillFiles.orphans(SpillFiles.directory()).stream().anyMatch(o -> SpillFiles.CAPTURE.equals(o.kind()));
    }

    /** Asks about every capture left in the temp directory; {@code open} opens the ones the user wants back. */
    public static void offer(Window owner, Consumer<Path> open, Consumer<String> error) {
        Path dir = SpillFiles.directory();
        SpillFiles.sweep(dir);
        List<SpillFiles.Orphan> left = new java.util.ArrayList<>();
        for (SpillFiles.Orphan o : SpillFiles.orphans(dir)) {
            if (SpillFiles.CAPTURE.equals(o.kind()) && !holdsFrames(o.file())) {
                discard(o, error); // ended before its first frame was written: nothing to offer
            } else if (SpillFiles.CAPTURE.equals(o.kind())) {
                left.add(o);
            }
        }
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
            discard(o, error);
        }
    }

    private static void discard(SpillFiles.Orphan o, Consumer<String> error) {
        try {
            SpillFiles.discard(o.file());
        } catch (IOException e) {
            error.accept("cannot delete " + o.file() + ": " + e.getMessage());
        }
    }

    /** True when a spill file holds at least one frame. */
    private static boolean holdsFrames(Path file) {
        try (dev.flowinspector.capture.CaptureReader r = dev.flowinspector.capture.CaptureFiles.open(file,
                dev.flowinspector.capture.ExportPorts.everything())) {
            return r.next() != null || r.frames() > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
