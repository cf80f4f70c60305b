package dev.flowinspector.engine;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole capture file through a {@link Decoding} (headless: CLI, tests): template cache and history,
 * cross-packet problems, exporter health. Damage is reported, not thrown: what was read before it counts.
 *
 * @param decoding the finished decoding
 * @param packets  export packets read
 * @param skipped  other frames
 * @param damage   why reading stopped early (file, frame, offset), or null
 */
public record CaptureAnalysis(Decoding decoding, long packets, long skipped, String damage) {

    /** Decodes every export packet of a file in order, then finishes the decoding. */
    public static CaptureAnalysis of(Path file, DecodingOptions options, ExportPorts ports) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory");
        }
        Decoding d = new Decoding(options);
        long n = 0;
        try (CaptureReader r = CaptureFiles.open(file, ports)) {
            r.dropFrameBytes(); // decoded, never saved
            Frame f;
            while ((f = r.next()) != null) {
                d.accept(f);
                n++;
            }
            d.finish();
            return new CaptureAnalysis(d, n, r.skipped(), r.damage());
        }
    }
}
