package dev.flowinspector;

import java.util.Set;

/**
 * Entry point: a CLI subcommand goes to {@link dev.flowinspector.cli.Main}, anything else (nothing, or a
 * capture file) opens the GUI. A plain class (not a JavaFX {@code Application}) so that a classpath launch
 * works without the JavaFX module path.
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
        javafx.application.Application.launch(dev.flowinspector.ui.FlowInspectorApp.class, args);
    }

    /** True when the arguments name a CLI subcommand. */
    static boolean isCli(String[] args) {
        return args.length > 0 && CLI_COMMANDS.contains(args[0]);
    }
}
