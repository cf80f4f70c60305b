package dev.flowinspector.ui.main;

import dev.flowinspector.decode.Severity;
import dev.flowinspector.ui.session.ProblemEntry;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/**
 * The window's messages: the status bar (problem bullet, status line, progress, Stop, packet counts) and the error
 * bar under the filter (one line, never a stack trace).
 */
final class StatusBar {

    private final Label status = new Label("Ready");
    private final Label counts = new Label();
    private final Label bullet = new Label();
    private final Circle bulletDot = new Circle(6);
    private final ProgressBar progress = new ProgressBar(0);
    private final Button stop = new Button("Stop");
    private final Label errorText = new Label();
    private final Map<Severity, Integer> severityTotals = new EnumMap<>(Severity.class);
    private final HBox bar;
    private final HBox errorBar;

    StatusBar(Runnable onBullet, Runnable onStop) {
        bullet.setId("status-bullet");
        bullet.setGraphic(bulletDot);
        bullet.setText("No problems");
        bullet.setOnMouseClicked(e -> onBullet.run());
        bullet.setTooltip(new Tooltip("Expert Info: click to open"));
        bulletDot.getStyleClass().add("bullet-none");
        status.setId("status");
        counts.setId("counts");
        progress.setPrefWidth(160);
        progress.setVisible(false);
        stop.setId("stop");
        stop.setVisible(false);
        stop.setOnAction(e -> onStop.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        bar = new HBox(10, bullet, status, grow, progress, stop, counts);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(3, 8, 3, 8));
        bar.setAlignment(Pos.CENTER_LEFT);

        errorText.setId("error-text");
        errorText.setWrapText(true);
        Button close = new Button("✕");
        close.setOnAction(e -> hideError());
        Region fill = new Region();
        HBox.setHgrow(fill, Priority.ALWAYS);
        errorBar = new HBox(8, errorText, fill, close);
        errorBar.setId("error-bar");
        errorBar.getStyleClass().add("error-bar");
        errorBar.setPadding(new Insets(4, 8, 4, 8));
        errorBar.setAlignment(Pos.CENTER_LEFT);
        errorBar.setVisible(false);
        errorBar.setManaged(false);
    }

    /** The status bar (bottom of the window). */
    HBox bar() {
        return bar;
    }

    /** The error bar (under the filter bar; hidden until an error is shown). */
    HBox errorBar() {
        return errorBar;
    }

    /** The status line. */
    Label line() {
        return status;
    }

    void setText(String text) {
        status.setText(text);
    }

    String text() {
        return status.getText();
    }

    void setCounts(String text) {
        counts.setText(text);
    }

    /** Something runs until stopped: the text, an indefinite progress bar and Stop. */
    void busy(String text) {
        status.setText(text);
        progress.setVisible(true);
        progress.setProgress(-1);
        stop.setVisible(true);
    }

    /** Reading has ended: no progress bar, no Stop. */
    void idle() {
        progress.setVisible(false);
        stop.setVisible(false);
    }

    /** Shows the progress bar at a fraction (negative: indefinite). */
    void showProgress(double fraction) {
        progress.setVisible(true);
        progress.setProgress(fraction);
    }

    /** Moves the progress bar (-1: indefinite) without showing it. */
    void setProgress(double fraction) {
        progress.setProgress(fraction);
    }

    /** Shows or hides Stop (a filter running over a finished capture). */
    void showStop(boolean shown) {
        stop.setVisible(shown);
    }

    void hideProgress() {
        progress.setVisible(false);
    }

    /** Counts problems added to the session in the bullet. */
    void addProblems(Collection<ProblemEntry> added) {
        for (ProblemEntry e : added) {
            severityTotals.merge(e.problem().severity(), 1, Integer::sum);
        }
        updateBullet();
    }

    /** The bullet counts these problems only. */
    void setProblems(Collection<ProblemEntry> all) {
        severityTotals.clear();
        addProblems(all);
    }

    /** The bullet's text ("No problems" or the counts per severity). */
    String bulletText() {
        return bullet.getText();
    }

    private void updateBullet() {
        Severity worst = null;
        for (Severity s : Severity.values()) {
            if (severityTotals.getOrDefault(s, 0) > 0) {
                worst = s;
                break;
            }
        }
        bulletDot.getStyleClass().setAll("bullet-" + (worst == null ? "none" : worst.label()));
        if (worst == null) {
            bullet.setText("No problems");
            return;
        }
        bullet.setText("Errors: " + severityTotals.getOrDefault(Severity.ERROR, 0) + " · Warnings: "
                + severityTotals.getOrDefault(Severity.WARNING, 0) + " · Notes: "
                + severityTotals.getOrDefault(Severity.NOTE, 0));
    }

    /** Shows an error in the window (one line, never a stack trace). */
    void showError(String message) {
        errorText.setText(message);
        errorBar.setVisible(true);
        errorBar.setManaged(true);
    }

    void hideError() {
        errorBar.setVisible(false);
        errorBar.setManaged(false);
    }

    /** The error line shown, or null. */
    String errorShown() {
        return errorBar.isVisible() ? errorText.getText() : null;
    }
}
