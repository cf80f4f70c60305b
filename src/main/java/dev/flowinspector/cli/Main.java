package dev.flowinspector.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless command line: {@code flowinspector decode|templates|exporters|...}.
 *
 * <p>Subcommands are added in code, not listed in the annotation: picocli builds a command's model by
 * reflection when it is added, and building all of them took most of the start-up of a small
 * {@code decode} (docs/decisions/0024). A run whose first argument names a subcommand gets only that one;
 * anything else (no argument, {@code --help}, {@code help}, {@code completion}, a typo) gets them all.
 */
@Command(name = "flowinspector", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Inspect NetFlow v1/v5/v7/v8/v9 and IPFIX export packets.")
public final class Main implements Runnable {

    /** picocli's switch for Groovy closures in annotations, which this command line does not use. */
    private static final String NO_CLOSURES = "picocli.disable.closures";

    /** The subcommands by name, in the order {@code --help} lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("decode", DecodeCommand.class);
        m.put("templates", TemplatesCommand.class);
        m.put("exporters", ExportersCommand.class);
        m.put("generate", GenerateCommand.class);
        m.put("collect", CollectCommand.class);
        m.put("capture", CaptureCommand.class);
        m.put("analyze", AnalyzeCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

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

    /**
     * Runs the command line writing to the given streams (tests, embedding). The common shapes of {@code decode}'s
     * arguments are read without picocli ({@link DecodeArgs}, docs/decisions/0040); picocli reads everything else.
     */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        DecodeCommand quick = DecodeArgs.parse(args);
        if (quick != null) {
            int rc = quick.runDirect(out, err);
            out.flush();
            err.flush();
            return rc;
        }
        return runPicocli(out, err, args);
    }

    /** {@link #run(java.io.PrintWriter, java.io.PrintWriter, String...)} with picocli reading every argument. */
    static int runPicocli(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        Failures failures = new Failures();
        cl.setExecutionExceptionHandler(failures);
        cl.setParameterExceptionHandler(failures);
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        return rc;
    }

    /**
     * The command line for these arguments: with only the subcommand the first argument names, unless that is
     * {@code help} or {@code completion} (they show the others); none for a lone {@code --version}; else with
     * every subcommand.
     */
    static CommandLine commandLine(String... args) {
        // picocli looks for Groovy's closure class once per JVM unless told not to; the failed lookup opened every
        // jar of the class path (18 ms of a small decode's 0.29 s: docs/decisions/0034)
        if (System.getProperty(NO_CLOSURES) == null) {
            System.setProperty(NO_CLOSURES, "true");
        }
        CommandLine cl = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        Class<?> only = SUBCOMMANDS.get(first);
        if (args.length == 1 && (first.equals("--version") || first.equals("-V"))) {
            return cl;
        }
        if (only != null && !first.equals("help") && !first.equals("completion")) {
            cl.addSubcommand(first, only);
        } else {
            SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A failure in one line and exit status 2: the command's own message, or a usage error and where to read more.
     * A class, not two lambdas: picocli's classes have an old class-file version, and a lambda implementing one of
     * its interfaces made the class-data-sharing dump link it, which keeps it and {@code CommandLine} itself out of the
     * archive (docs/decisions/0034).
     */
    static final class Failures implements CommandLine.IExecutionExceptionHandler,
            CommandLine.IParameterExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
            cmd.getErr().println(message(ex));
            return 2;
        }

        /** The line a command's failure prints. */
        static String message(Exception ex) {
            return "flowinspector: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString());
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("flowinspector: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        }
    }

    /** The pom's version (see {@link dev.flowinspector.BuildInfo}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"FlowInspector " + dev.flowinspector.BuildInfo.version()};
        }
    }
}
