package dev.flowinspector.cli;

import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.decode.ScopingPolicy;
import dev.flowinspector.decode.Template;
import dev.flowinspector.engine.CaptureAnalysis;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.engine.TemplateImport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options shared by every command that decodes a capture: scoping, template timeout, ports, imported templates. */
public final class CaptureOptions {

    @Option(names = "--scope", defaultValue = "STRICT",
            description = "Template scoping: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ScopingPolicy scope = ScopingPolicy.STRICT;

    @Option(names = "--template-timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "UDP template timeout in seconds, 0 for none (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 1800;

    @Option(names = "--port", paramLabel = "PORT", description = "Also treat this UDP port as NetFlow/IPFIX (repeatable).")
    List<Integer> ports = new ArrayList<>();

    @Option(names = "--templates-from", paramLabel = "FILE",
            description = "Know these templates from the start: a JSON file written by 'templates --export', or "
                    + "another capture whose templates are used.")
    Path templatesFrom;

    /** Decoding options from the command line (reads --templates-from). */
    DecodingOptions decodingOptions() throws IOException {
        DecodingOptions o = DecodingOptions.defaults().withPolicy(scope)
                .withTemplateTimeout(Duration.ofSeconds(Math.max(0, timeoutSeconds)));
        if (templatesFrom != null) {
            o = o.withImportedTemplates(importTemplates(templatesFrom));
        }
        return o;
    }

    /** Ports to recognise: the defaults plus --port. */
    ExportPorts exportPorts() {
        if (ports.isEmpty()) {
            return ExportPorts.defaults();
        }
        Set<Integer> all = new HashSet<>(ExportPorts.DEFAULT_PORTS);
        all.addAll(ports);
        return new ExportPorts(all, true);
    }

    /** Templates from a template JSON file, or every template defined in another capture. */
    List<Template> importTemplates(Path from) throws IOException {
        List<Template> out = TemplateImport.load(from, exportPorts());
        if (out.isEmpty()) {
            throw new IOException(from + ": no templates to import (neither a template file nor a capture with templates)");
        }
        return out;
    }

    /**
     * Decodes a whole capture for a command, or prints the one-line reason it cannot be read and returns null
     * (the command then exits 2).
     */
    CaptureAnalysis analyse(Path file, String command, java.io.PrintWriter err) {
        try {
            return CaptureAnalysis.of(file, decodingOptions(), exportPorts());
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("flowinspector " + command + ": " + e.getFile() + ": no such file");
        } catch (IOException e) {
            err.println("flowinspector " + command + ": " + e.getMessage());
        }
        return null;
    }
}
