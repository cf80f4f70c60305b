package dev.flowinspector;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Entry point: a CLI subcommand goes to {@link dev.flowinspector.cli.Main}, anything else (nothing, or a
 * capture file) opens the GUI. A plain class (not a JavaFX {@code Application}) so that the command line
 * never loads JavaFX. A GUI start from the class path ({@code java -jar}, {@code mvn exec:java}) starts again
 * with JavaFX on the module path ({@link JavaFxModules}); the installed app has it there already.
 */
public final class Launcher {

    /** First arguments that mean "run the command-line interface". */
    static final Set<String> CLI_COMMANDS = Set.of("decode", "templates", "exporters", "collect", "capture", "analyze",
            "generate", "completion", "help", "--help", "-h", "--version", "-V");

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
        Optional<List<String>> modular = JavaFxModules.relaunchCommand(args);
        if (modular.isPresent()) {
            System.exit(run(modular.get()));
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

    /** Runs the GUI in a child JVM sharing this one's terminal; returns its exit status. */
    private static int run(List<String> command) {
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
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

    /** True when the arguments name a CLI subcommand. */
    static boolean isCli(String[] args) {
        return args.length > 0 && CLI_COMMANDS.contains(args[0]);
    }
}
