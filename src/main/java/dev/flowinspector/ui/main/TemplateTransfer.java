package dev.flowinspector.ui.main;

import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.decode.Template;
import dev.flowinspector.engine.TemplateFile;
import dev.flowinspector.engine.TemplateImport;
import dev.flowinspector.ui.common.Tasks;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.ui.session.TemplateSnapshot;
import dev.flowinspector.ui.templates.TemplatesView;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * Templates in and out: the templates live at the selected packet exported to a JSON file, and templates imported
 * from such a file or another capture, known before every capture opened from then on (the open one is read again).
 */
final class TemplateTransfer {

    private final Stage stage;
    private final OpenCapture capture;
    private final TemplatesView templates;
    private final CaptureLoader loader;
    private final StatusBar status;

    TemplateTransfer(Stage stage, OpenCapture capture, TemplatesView templates, CaptureLoader loader,
                     StatusBar status) {
        this.stage = stage;
        this.capture = capture;
        this.templates = templates;
        this.loader = loader;
        this.status = status;
        templates.setOnExportImport(this::exportDialog, this::importDialog);
    }

    private void exportDialog() {
        TemplateSnapshot snap = templates.snapshot();
        if (capture.session() == null || snap == null) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the templates live at frame " + snap.frame());
        fc.setInitialFileName("templates.json");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            exportTo(f.toPath());
        }
    }

    /** Writes the templates live at the selected packet to a JSON file (in the background). */
    void exportTo(Path file) {
        TemplateSnapshot snap = templates.snapshot();
        Session session = capture.session();
        if (session == null || snap == null) {
            return;
        }
        List<Template> live = new ArrayList<>();
        for (TemplateSnapshot.Entry e : snap.entries()) {
            if (e.live()) {
                live.add(e.template());
            }
        }
        String source = session.name() + " at frame " + snap.frame();
        Tasks.run(() -> {
            TemplateFile.write(file, live, source);
            return live.size();
        }, n -> status.setText("Exported " + n + " templates to " + file),
                err -> status.showError("export templates: " + err));
    }

    private void importDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Import templates from a JSON export or another capture");
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            importFrom(f.toPath());
        }
    }

    /** Reads templates from a JSON export or a capture and decodes the current file again knowing them. */
    void importFrom(Path from) {
        Path current = capture.session() == null ? null : capture.session().path();
        Tasks.run(() -> TemplateImport.load(from, ExportPorts.defaults()), t -> {
            capture.setImported(t);
            status.setText(t.size() + " templates imported from " + from.getFileName());
            if (current != null) {
                loader.open(current, current.getFileName().toString(), false);
            }
        }, err -> status.showError("import templates: " + err));
    }
}
