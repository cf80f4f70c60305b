package dev.flowinspector.engine;

import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.health.TemplateLife;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Templates to import for {@code --templates-from OTHER}: OTHER is either a template JSON file
 * ({@link TemplateFile}) or another capture, whose templates (the last definition of each) are learned by
 * decoding it.
 */
public final class TemplateImport {

    private TemplateImport() {
    }

    /** The templates of a JSON template file or of a capture file. */
    public static List<Template> load(Path other, ExportPorts ports) throws IOException {
        if (!Files.exists(other)) {
            throw new NoSuchFileException(other.toString(), null, "no such file");
        }
        if (looksLikeJson(other)) {
            return TemplateFile.read(other);
        }
        CaptureAnalysis a = CaptureAnalysis.of(other, DecodingOptions.defaults().withTemplateTimeout(
                java.time.Duration.ZERO), ports);
        return lastDefinitions(a.decoding());
    }

    /** The last definition of every template a decoding saw (withdrawn and expired ones included). */
    public static List<Template> lastDefinitions(Decoding d) {
        List<Template> out = new ArrayList<>();
        for (TemplateLife l : d.timeline().lives()) {
            Template t = l.lastDefinition();
            if (t != null && !t.isWithdrawal()) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean looksLikeJson(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xEF || c == 0xBB || c == 0xBF);
            return c == '{';
        }
    }
}
