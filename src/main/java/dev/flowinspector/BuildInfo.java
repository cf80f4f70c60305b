package dev.flowinspector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build knows about itself: the version from the pom, written into
 * {@code dev/flowinspector/version.properties} by Maven resource filtering, so the same text is shown by
 * {@code flowinspector --version}, the About box and the installers (which take the pom version too),
 * whether the app runs from {@code target/classes}, the jar or an installed image.
 */
public final class BuildInfo {

    private static final String RESOURCE = "version.properties";
    private static final String VERSION = load();

    private BuildInfo() {
    }

    /** The pom's version, e.g. {@code 0.2.0}. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: build with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            if (v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered by Maven (version is '" + v + "')");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
