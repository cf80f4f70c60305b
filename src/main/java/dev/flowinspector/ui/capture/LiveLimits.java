package dev.flowinspector.ui.capture;

import dev.flowinspector.capture.RingBuffer;
import dev.flowinspector.capture.StopConditions;
import dev.flowinspector.ui.session.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * The part of the live capture dialogs Wireshark users know from its capture options: stop after so many packets,
 * seconds or megabytes, and a ring buffer (write the frames to files of N MB, keeping the newest K) beside the
 * capture the window shows.
 */
public final class LiveLimits extends GridPane {

    private final TextField packets = field("live-stop-packets");
    private final TextField seconds = field("live-stop-seconds");
    private final TextField megabytes = field("live-stop-mb");
    private final CheckBox ring = new CheckBox("Also write to files");
    private final TextField ringFile = new TextField();
    private final TextField ringMb = field("live-ring-mb");
    private final TextField ringFiles = field("live-ring-files");

    public LiveLimits() {
        setHgap(8);
        setVgap(6);
        ring.setId("live-ring");
        ringFile.setId("live-ring-file");
        ringFile.setPromptText("capture.pcapng");
        ringFile.setPrefColumnCount(24);
        add(new Label("Stop after"), 0, 0);
        add(packets, 1, 0);
        add(new Label("packets"), 2, 0);
        add(seconds, 3, 0);
        add(new Label("seconds"), 4, 0);
        add(megabytes, 5, 0);
        add(new Label("MB (0: no limit)"), 6, 0);
        add(ring, 0, 1);
        add(ringFile, 1, 1, 4, 1);
        add(new Label("new file every"), 0, 2);
        add(ringMb, 1, 2);
        add(new Label("MB, keep"), 2, 2);
        add(ringFiles, 3, 2);
        add(new Label("files (0: all)"), 4, 2, 3, 1);
        for (var n : new javafx.scene.Node[] {ringFile, ringMb, ringFiles}) {
            n.disableProperty().bind(ring.selectedProperty().not());
        }
    }

    private static TextField field(String id) {
        TextField t = new TextField("0");
        t.setId(id);
        t.setPrefColumnCount(6);
        return t;
    }

    /** The stop conditions asked for; a bad number throws with a one-line message. */
    public StopConditions stopConditions() {
        return new StopConditions(number(packets, "packets"), number(seconds, "seconds"),
                number(megabytes, "MB") * 1_000_000);
    }

    /** A ring buffer as asked for (files made now), or null when not asked for. */
    public RingBuffer ringBuffer(String what) throws IOException {
        if (!ring.isSelected()) {
            return null;
        }
        if (ringFile.getText().isBlank()) {
            throw new IllegalArgumentException("name the file to write the capture to");
        }
        return new RingBuffer(Path.of(ringFile.getText().strip()), number(ringMb, "MB per file") * 1_000_000,
                (int) Math.min(Integer.MAX_VALUE, number(ringFiles, "files")), "FlowInspector live capture: " + what);
    }

    private static long number(TextField t, String what) {
        String s = t.getText().strip();
        try {
            long v = s.isEmpty() ? 0 : Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number of " + what);
        }
    }

    /** Stops when {@code other} says so or a condition is reached for the session's packets and bytes. */
    public static BooleanSupplier stopWhen(StopConditions c, Session s, BooleanSupplier other) {
        long t0 = System.nanoTime();
        return () -> other.getAsBoolean() || c.reached(s.size(), s.bytes(), System.nanoTime() - t0);
    }
}
