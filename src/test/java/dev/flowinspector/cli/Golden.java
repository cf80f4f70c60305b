package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden files next to the test class; run with -Dgolden.update=true to rewrite them after a reviewed change. */
final class Golden {

    private static final Path DIR = Path.of("src/test/resources/dev/flowinspector/cli");

    private Golden() {
    }

    static void check(String name, String actual) throws IOException {
        Path p = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(p)) {
            Files.createDirectories(DIR);
            Files.writeString(p, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(p, StandardCharsets.UTF_8), actual, "golden file " + p);
    }
}
