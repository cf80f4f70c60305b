package dev.flowinspector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: {@code flowinspector decode|templates|exporters|...}. */
@Command(name = "flowinspector", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Inspect NetFlow v1/v5/v7/v8/v9 and IPFIX export packets.",
        subcommands = {DecodeCommand.class, TemplatesCommand.class, ExportersCommand.class, GenerateCommand.class,
            CollectCommand.class, CaptureCommand.class, AnalyzeCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (0 ok, 2 unreadable input or bad usage). */
    public static int run(String... args) {
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        return run(new StdoutWriter(System.out),
                new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err, utf8), true), args);
    }

    /** Runs the command line writing to the given streams (tests, embedding). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
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
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        return rc;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The pom's version (see {@link dev.flowinspector.BuildInfo}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"FlowInspector " + dev.flowinspector.BuildInfo.version()};
        }
    }
}
