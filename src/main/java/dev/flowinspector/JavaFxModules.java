package dev.flowinspector;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * JavaFX wants to be loaded as its named modules; from the class path it works but logs "Unsupported JavaFX
 * configuration". The installed app starts with JavaFX on the module path (jpackage {@code --java-options});
 * a class-path start ({@code java -jar}, {@code mvn exec:java}) of the GUI is started again by
 * {@link Launcher} in a child JVM whose command line this class builds: the JavaFX jars found on the class
 * path go on {@code --module-path}, everything else stays on the class path. The command-line interface
 * never loads JavaFX, so it never restarts. {@code -Dflowinspector.relaunch=false} turns the restart off.
 * Why: docs/decisions/0006-release-packaging.md.
 */
final class JavaFxModules {

    /** Options every start with JavaFX on the module path needs (also in the pom and the jpackage argfile). */
    static final List<String> MODULE_OPTIONS = List.of(
            "--add-modules", "javafx.controls",
            // ControlsFX's AutoCompletionBinding (the filter field) uses com.sun.javafx.event.EventHandlerManager
            "--add-exports", "javafx.base/com.sun.javafx.event=ALL-UNNAMED");

    /** One class of each JavaFX module the app uses; their jars go on the module path. */
    private static final List<String> MODULE_CLASSES = List.of(
            "javafx.beans.Observable", "javafx.application.Application", "javafx.scene.control.Control");

    /** System properties passed on to the child: JavaFX's, Monocle's and our own. */
    private static final List<String> FORWARDED_PROPERTIES = List.of(
            "prism.", "glass.", "javafx.", "monocle.", "testfx.", "flowinspector.");

    static final String RELAUNCHED = "flowinspector.relaunched";

    private JavaFxModules() {
    }

    /** True when javafx.graphics is a named module of the boot layer (no warning, nothing to do). */
    static boolean namedModules() {
        return ModuleLayer.boot().findModule("javafx.graphics").isPresent();
    }

    /**
     * The command that starts the GUI again with JavaFX on the module path, or empty when that cannot or
     * should not be done (already named modules, already restarted, switched off, jars not found).
     */
    static Optional<List<String>> relaunchCommand(String[] args) {
        if (namedModules() || Boolean.getBoolean(RELAUNCHED)
                || "false".equals(System.getProperty("flowinspector.relaunch"))) {
            return Optional.empty();
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Set<Path> modulePath = new LinkedHashSet<>();
        for (String name : MODULE_CLASSES) {
            Optional<Path> jar = jarOf(name, loader);
            if (jar.isEmpty()) {
                return Optional.empty();
            }
            modulePath.add(jar.get());
        }
        List<String> classPath = new ArrayList<>();
        for (Path p : classPath(loader)) {
            if (!modulePath.contains(p) && !isJavaFxJar(p)) {
                classPath.add(p.toString());
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(forwardedOptions());
        cmd.add("-D" + RELAUNCHED + "=true");
        cmd.add("--module-path");
        cmd.add(String.join(File.pathSeparator, modulePath.stream().map(Path::toString).toList()));
        cmd.addAll(MODULE_OPTIONS);
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classPath));
        cmd.add(Launcher.class.getName());
        cmd.addAll(List.of(args));
        return Optional.of(cmd);
    }

    /** The empty javafx-*.jar next to each platform jar only names the module: keep it off both paths. */
    private static boolean isJavaFxJar(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        return n.startsWith("javafx-") && n.endsWith(".jar");
    }

    private static Optional<Path> jarOf(String className, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(className, false, loader);
            if (c.getProtectionDomain().getCodeSource() == null) {
                return Optional.empty();
            }
            return Optional.of(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (ClassNotFoundException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The class path as files: java.class.path (a {@code java -jar} start names the jar, whose manifest
     * Class-Path brings the libraries), plus the URLs of the context class loader when it is a URL class
     * loader (Maven's exec:java runs the app in one).
     */
    private static List<Path> classPath(ClassLoader loader) {
        Set<Path> paths = new LinkedHashSet<>();
        if (loader instanceof URLClassLoader u) {
            for (URL url : u.getURLs()) {
                try {
                    paths.add(Path.of(url.toURI()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file: cannot be passed on
                }
            }
        }
        if (paths.isEmpty()) {
            for (String s : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!s.isEmpty()) {
                    paths.add(Path.of(s));
                }
            }
        }
        return new ArrayList<>(paths);
    }

    private static String javaExecutable() {
        String exe = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                ? "java.exe" : "java";
        return Path.of(System.getProperty("java.home"), "bin", exe).toString();
    }

    /**
     * The -X options this JVM was started with (memory, class-data sharing; where the OS reports them: Linux
     * and macOS) and the JavaFX and FlowInspector system properties.
     */
    private static List<String> forwardedOptions() {
        List<String> out = new ArrayList<>();
        String[] a = ProcessHandle.current().info().arguments().orElse(new String[0]);
        for (int i = 0; i < a.length; i++) {
            String s = a[i];
            if (Set.of("-cp", "-classpath", "--class-path", "--module-path", "-p").contains(s)) {
                i++;
            } else if (s.equals("-jar") || !s.startsWith("-")) {
                break; // the options end where the jar or the main class is named
            } else if (s.startsWith("-X")) {
                out.add(s);
            }
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (FORWARDED_PROPERTIES.stream().anyMatch(key::startsWith) && !key.equals(RELAUNCHED)) {
                out.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        return out;
    }
}
