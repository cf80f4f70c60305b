package dev.flowinspector.bench;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes an IPFIX file (RFC 5655: the messages one after another) from the IPFIX packets of a capture, for the
 * GUI benchmarks of that format. Run: {@code ToIpfixFile CAPTURE OUT}.
 */
public final class ToIpfixFile {

    private ToIpfixFile() {
    }

    public static void main(String[] args) throws Exception {
        long n = 0;
        try (CaptureReader r = CaptureFiles.open(Path.of(args[0]));
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[1])), 1 << 16)) {
            for (Frame f; (f = r.next()) != null; ) {
                if (f.payload().length >= 16 && f.payload()[0] == 0 && f.payload()[1] == 10) {
                    out.write(f.payload());
                    n++;
                }
            }
        }
        System.out.println(n + " IPFIX messages");
    }
}
