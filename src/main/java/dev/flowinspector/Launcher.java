package dev.flowinspector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Entry point: a CLI subcommand goes to {@link dev.flowinspector.cli.Main}, anything else (nothing, or a
 * capture file) opens the GUI. A plain class (not a JavaFX {@code Application}) so that the command line
 * never loads JavaFX. A GUI start from the class path ({@code java -jar}, {@code mvn exec:java}) starts again
 * with JavaFX on the module path ({@link JavaFxModules}); the installed app has it there already. A GUI start
 * from the installed app's command-line launcher runs the GUI launcher beside it, whose JVM options suit the GUI
 * ({@link #GUI_LAUNCHER}, docs/decisions/0028).
 */
public final class Launcher {

    /** First arguments that mean "run the command-line interface". */
    static final Set<String> CLI_COMMANDS = Set.of("decode", "templates", "exporters", "collect", "capture", "analyze",
            "generate", "completion", "help", "--help", "-h", "--version", "-V");

    /**
     * System property set by the installed app's command-line launcher (its JVM options are for a streaming command
     * line: serial GC, small young generation): the file name of the GUI launcher in the same directory, which a GUI
     * start runs instead of starting the GUI in this JVM.
     */
    static final String GUI_LAUNCHER = "flowinspector.gui.launcher";

    /** Set by jpackage's launcher for the JVM it starts (JDK 17: "_JPACKAGE_LAUNCHER"). */
    private static final String JPACKAGE_LAUNCHER_VARIABLE = "_JPACKAGE_LAUNCHER";

    private Launcher() {
    }

    public static void main(String[] args) {
        if (isCli(args)) {
            dev.flowinspector.cli.Main.main(args);
            return;
        }
        String noDisplay = noDisplay(System.getProperty("os.name", ""), System.getenv("DISPLAY"),
                System.getenv("WAYLAND_DISPLAY"), System.getProperty("glass.platform"));
        if (noDisplay != null) {
            System.err.println("flowinspector: " + noDisplay);
            System.exit(2);
        }
        dev.flowinspector.ui.RenderDefaults.apply();
        Optional<List<String>> gui = guiLauncherCommand(System.getProperty("jpackage.app-path"),
                System.getProperty(GUI_LAUNCHER), args);
        if (gui.isPresent()) {
            // jpackage's launcher marks the JVM it starts with this variable; inherited, it would make the GUI
            // launcher skip its own configuration and take the capture file for a main class
            System.exit(run(gui.get(), JPACKAGE_LAUNCHER_VARIABLE));
        }
        Optional<List<String>> modular = JavaFxModules.relaunchCommand(args);
        if (modular.isPresent()) {
            System.exit(run(modular.get(), null));
        }
        try {
            javafx.application.Application.launch(dev.flowinspector.ui.FlowInspectorApp.class, args);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // JavaFX could not start its toolkit: e.g. DISPLAY names a display that is not there
            System.err.println("flowinspector: cannot start the GUI: " + e.getMessage()
                    + (System.getenv("DISPLAY") == null ? "" : " (DISPLAY=" + System.getenv("DISPLAY") + ")"));
            System.exit(2);
        }
    }

    /**
     * Why the GUI cannot start on this system, in one line, or null when it may: on Linux and the BSDs JavaFX needs
     * an X display (under Wayland, XWayland's DISPLAY), unless a headless platform (Monocle) is chosen.
     */
    static String noDisplay(String osName, String display, String waylandDisplay, String glassPlatform) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        boolean x11 = os.contains("linux") || os.contains("bsd") || os.contains("sunos");
        if (!x11 || glassPlatform != null && !glassPlatform.isBlank() || display != null && !display.isBlank()) {
            return null;
        }
        return "no display: the GUI needs a graphical session (DISPLAY is not set"
                + (waylandDisplay != null && !waylandDisplay.isBlank() ? "; Wayland needs XWayland for JavaFX" : "")
                + "); the command line works without one: flowinspector help";
    }

    /**
     * Runs the GUI in a child process sharing this one's terminal, without the environment variable
     * {@code unset} (null: none); returns its exit status.
     */
    private static int run(List<String> command, String unset) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            if (unset != null) {
                builder.environment().remove(unset);
            }
            Process child = builder.start();
            Thread stop = new Thread(child::destroy, "stop-gui");
            Runtime.getRuntime().addShutdownHook(stop);
            int rc = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            return rc;
        } catch (IOException e) {
            System.err.println("flowinspector: cannot start " + command.get(0) + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * The command that starts the GUI launcher named {@code guiLauncher} beside the running launcher
     * {@code appPath} (jpackage's {@code jpackage.app-path}) with these arguments; empty when either is not set, or
     * that launcher is not an executable file or is the running one (the GUI then starts in this JVM).
     */
    static Optional<List<String>> guiLauncherCommand(String appPath, String guiLauncher, String[] args) {
        if (appPath == null || appPath.isBlank() || guiLauncher == null || guiLauncher.isBlank()) {
            return Optional.empty();
        }
        Path self = Path.of(appPath);
        Path launcher = self.resolveSibling(guiLauncher);
        try {
            // the same file (a name differing only in case on a case-insensitive file system) would start itself
            if (!Files.isRegularFile(launcher) || !Files.isExecutable(launcher) || Files.isSameFile(launcher, self)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** True when the arguments name a CLI subcommand. */
    static boolean isCli(String[] args) {
        return args.length > 0 && CLI_COMMANDS.contains(args[0]);
    }
}
