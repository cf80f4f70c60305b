package dev.flowinspector.ui;

import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.main.MainWindow;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/** The JavaFX application: one main window; opens a file given on the command line, or the demo on first start. */
public final class FlowInspectorApp extends Application {

    @Override
    public void start(Stage stage) {
        Settings settings = new Settings();
        MainWindow w = new MainWindow(stage, settings);
        stage.setOnCloseRequest(e -> {
            if (!w.mayDiscard()) {
                e.consume();
            }
        });
        stage.show();
        List<String> args = getParameters().getRaw();
        if (!args.isEmpty()) {
            w.open(Path.of(args.get(0)));
        } else if (settings.firstStart() && !dev.flowinspector.ui.capture.RecoveryOffer.anyLeft()) {
            w.openDemo();
        }
        // -Dflowinspector.exitAfterMs=N closes the app N ms after the window was shown: the installer build
        // uses it to record which classes a GUI start loads (class-data sharing, docs/packaging.md)
        Long exitAfter = Long.getLong("flowinspector.exitAfterMs");
        if (exitAfter != null) {
            PauseTransition t = new PauseTransition(Duration.millis(exitAfter));
            t.setOnFinished(e -> Platform.exit());
            t.play();
        }
        // after the window shows what it opened: captures a crash left behind, if any
        javafx.application.Platform.runLater(() -> dev.flowinspector.ui.capture.RecoveryOffer.offer(stage,
                w::openRecovered, w::showError));
    }
}
