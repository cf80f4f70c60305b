package dev.flowinspector.ui;

import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.main.MainWindow;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

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
        // after the window shows what it opened: captures a crash left behind, if any
        javafx.application.Platform.runLater(() -> dev.flowinspector.ui.capture.RecoveryOffer.offer(stage,
                w::openRecovered, w::showError));
    }
}
