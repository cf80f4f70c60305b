package dev.flowinspector;

import java.lang.reflect.InvocationTargetException;
import java.util.Set;

/**
 * Entry point: a CLI subcommand goes to {@code dev.flowinspector.cli.Main}, anything else (nothing, or a
 * capture file) opens the GUI. A plain class (not a JavaFX {@code Application}) so that a classpath launch
 * works without the JavaFX module path.
 */
public final class Launcher {

    /** First arguments that mean "run the command-line interface". */
    static final Set<String> CLI_COMMANDS = Set.of("decode", "templates", "exporters", "collect", "analyze",
            "generate", "help", "--help", "-h", "--version", "-V");

    private Launcher() {
    }

    public static void main(String[] args) {
        if (isCli(args)) {
            runCli(args);
            return;
        }
        javafx.application.Application.launch(dev.flowinspector.ui.FlowInspectorApp.class, args);
    }

    /** True when the arguments name a CLI subcommand. */
    static boolean isCli(String[] args) {
        return args.length > 0 && CLI_COMMANDS.contains(args[0]);
    }

    private static void runCli(String[] args) {
        try {
            Class<?> main = Class.forName("dev.flowinspector.cli.Main");
            main.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            System.err.println("flowinspector: the command-line interface is not part of this build");
            System.exit(2);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            System.err.println("flowinspector: " + c);
            System.exit(1);
        }
    }
}
