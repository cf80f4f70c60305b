package dev.flowinspector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: {@code flowinspector decode|templates|exporters|...}. */
@Command(name = "flowinspector", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Inspect NetFlow v1/v5/v7/v8/v9 and IPFIX export packets.",
        subcommands = {DecodeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (0 ok, 2 unreadable input or bad usage). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("flowinspector: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return 2;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("flowinspector: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Version from the jar manifest or the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"FlowInspector " + (v != null ? v : "development build")};
        }
    }
}
