package dev.flowinspector.bench;

import dev.flowinspector.cli.Main;
import dev.flowinspector.testutil.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Decodes every capture under a directory with the CLI ({@code decode} in every output format, two-pass and
 * one-pass) and reports each run that exits non-zero or lets an exception out, with its stack trace. Output
 * goes nowhere; only the verdicts are printed. Run by bench/corpus-check.sh; exits 1 when any run failed.
 */
public final class CorpusCheck {

    /** The decode variants checked for every file. */
    static final List<List<String>> VARIANTS = List.of(
            List.of("-F", "text"), List.of("-F", "jsonl"), List.of("--problems"),
            List.of("-F", "text", "--one-pass"), List.of("-F", "jsonl", "--scope", "TEMPLATE_ID"));

    private CorpusCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Corpus.dir();
        if (Files.isDirectory(dir.resolve("pcaps"))) { // the shared corpus: captures in pcaps/, tshark output in oracle/
            dir = dir.resolve("pcaps");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(CorpusCheck::isCapture).sorted().toList();
        }
        int runs = 0;
        int failed = 0;
        int damaged = 0;
        long start = System.nanoTime();
        for (Path f : files) {
            for (List<String> v : VARIANTS) {
                List<String> cmd = new ArrayList<>(List.of("decode"));
                cmd.addAll(v);
                cmd.add(f.toString());
                String[] a = cmd.toArray(new String[0]);
                StringWriter err = new StringWriter();
                int rc;
                Throwable thrown = null;
                try {
                    rc = Main.run(new PrintWriter(Writer.nullWriter()), new PrintWriter(err), a);
                } catch (Throwable t) { // nothing should get past the CLI's own handler
                    rc = -1;
                    thrown = t;
                }
                runs++;
                String e = err.toString();
                boolean unexpected = rc != 0 || thrown != null || e.startsWith("flowinspector: ")
                        || e.contains("Exception") || e.contains("\tat ");
                if (unexpected) {
                    failed++;
                    System.out.println("FAIL rc=" + rc + " " + String.join(" ", a));
                    System.out.println(indent(e));
                    System.out.println(indent(stackTrace(thrown, a)));
                } else if (!e.isBlank()) {
                    damaged++;
                    System.out.println("note " + String.join(" ", v) + " " + f.getFileName() + ": " + e.strip());
                }
            }
        }
        System.out.printf("corpus-check: %d files x %d variants = %d runs, %d failed, %d with a message on stderr"
                + " (%.1f s)%n", files.size(), VARIANTS.size(), runs, failed, damaged,
                (System.nanoTime() - start) / 1e9);
        System.exit(failed == 0 ? 0 : 1);
    }

    static boolean isCapture(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".txt.gz") || n.endsWith(".json.gz")) {
            return false;
        }
        return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap") || n.endsWith(".gz")
                || n.endsWith(".ipfix");
    }

    /** The stack trace: the thrown one, or the command re-run without the CLI's exception handler. */
    static String stackTrace(Throwable thrown, String[] args) {
        StringWriter sw = new StringWriter();
        if (thrown != null) {
            thrown.printStackTrace(new PrintWriter(sw));
            return sw.toString();
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(OutputStream.nullOutputStream(),
                StandardCharsets.UTF_8)));
        cl.setErr(new PrintWriter(sw, true));
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            ex.printStackTrace(new PrintWriter(sw, true));
            return 1;
        });
        cl.execute(args);
        return sw.toString();
    }

    private static String indent(String s) {
        return s.isBlank() ? "" : "    " + s.strip().replace("\n", "\n    ");
    }
}
