package dev.flowinspector.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the tests find the shared corpus of vendor captures: {@code ../shared/corpus} beside the project (captures
 * in {@code pcaps/}, tshark's output in {@code oracle/}), or the directory named by {@code -Dcorpus.dir}. The corpus
 * is never part of the project: a test that reads it skips, with the reason, when it is absent.
 */
public final class Corpus {

    /** System property naming the corpus directory. */
    public static final String PROPERTY = "corpus.dir";
    /** Its default, relative to the project directory. */
    public static final String DEFAULT = "../shared/corpus";
    /** What a parameterized test gets as its only argument when the corpus is absent (the test then skips). */
    public static final Path ABSENT = Path.of("(shared corpus absent)");

    private Corpus() {
    }

    /** The corpus directory (it may not exist). */
    public static Path dir() {
        return Path.of(System.getProperty(PROPERTY, DEFAULT));
    }

    /** The directory holding the corpus captures (it may not exist). */
    public static Path pcaps() {
        return dir().resolve("pcaps");
    }

    /** True when the corpus captures are there. */
    public static boolean present() {
        return Files.isDirectory(pcaps());
    }

    /** Why corpus tests skip when it is absent. */
    public static String absentReason() {
        return "shared corpus not found at " + pcaps().toAbsolutePath().normalize() + " (set -D" + PROPERTY
                + "=DIR to use another); corpus tests skip";
    }

    /** Skips the calling test (JUnit assumption) when the corpus is absent. */
    public static void assumePresent() {
        assumeTrue(present(), Corpus::absentReason);
    }

    /**
     * Skips the calling test when the corpus is absent or the argument is the {@link #ABSENT} placeholder; returns
     * the capture otherwise.
     */
    public static Path assumeCapture(Path capture) {
        assumePresent();
        assumeTrue(!ABSENT.equals(capture), Corpus::absentReason);
        return capture;
    }

    /**
     * The corpus captures whose names end with one of the suffixes ({@code ".pcap"}), sorted; for
     * {@code @MethodSource}. When the corpus is absent: the {@link #ABSENT} placeholder alone (JUnit rejects an
     * empty source), which {@link #assumeCapture} turns into a skip.
     */
    public static Stream<Path> captures(String... suffixes) {
        if (!present()) {
            return Stream.of(ABSENT);
        }
        try (Stream<Path> s = Files.list(pcaps())) {
            List<Path> out = s.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(x -> p.getFileName().toString().endsWith(x)))
                    .sorted().toList();
            return out.stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pcaps(), e);
        }
    }
}
