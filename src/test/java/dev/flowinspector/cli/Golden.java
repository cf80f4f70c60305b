package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files next to the test class. They are written only when asked, with {@code -Dgolden.update=true}, after
 * a reviewed change; a missing golden file fails the test (it is never written by a test run on its own).
 */
final class Golden {

    /** System property that rewrites the golden files from the current output. */
    static final String UPDATE = "golden.update";

    private static final Path DIR = Path.of("src/test/resources/dev/flowinspector/cli");

    private Golden() {
    }

    /** Asserts that actual is the golden file's text (rewriting the file first when {@value #UPDATE} is set). */
    static void check(String name, String actual) throws IOException {
        Path p = DIR.resolve(name);
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual, StandardCharsets.UTF_8);
        } else if (!Files.exists(p)) {
            fail("golden file " + p + " is missing; write it with -D" + UPDATE + "=true and review it before"
                    + " committing");
        }
        assertEquals(Files.readString(p, StandardCharsets.UTF_8), actual, "golden file " + p
                + " (if the change is intended: rerun with -D" + UPDATE + "=true and review the diff)");
    }
}
