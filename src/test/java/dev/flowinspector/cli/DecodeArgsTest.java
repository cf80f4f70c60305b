package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** decode's common argument shapes read without picocli give the run picocli gives (docs/decisions/0040). */
class DecodeArgsTest {

    private static final String CAPTURE = "src/test/resources/dev/flowinspector/exporters/softflowd-v10-truncated.pcap";
    private static final String V9 = "src/test/resources/dev/flowinspector/exporters/softflowd-v9-data-before-template.pcap";

    /** Shapes read without picocli. */
    private static final List<String[]> TAKEN = List.of(
            args("decode", CAPTURE),
            args("decode", "-F", "fields", "-e", "sourceIPv4Address", "-e", "octetDeltaCount", CAPTURE),
            args("decode", "--format", "jsonl", CAPTURE),
            args("decode", CAPTURE, "--format", "text", "--one-pass"),
            args("decode", "--one-pass", "-F", "fields", "--field", "frame", "-e", "cflow.srcport", V9),
            args("decode", "--problems", V9),
            args("decode", "-Y", "destinationTransportPort in {53, 443}", CAPTURE),
            args("decode", "--display-filter", "sequence > 3 && !problem", "--problems", CAPTURE),
            args("decode", "-F", "fields", "-e", "noSuchElement", CAPTURE),
            args("decode", "-F", "fields", CAPTURE),
            args("decode", "-e", "sourceIPv4Address", CAPTURE),
            args("decode", "-Y", "sourceIPv4Address ==", CAPTURE),
            args("decode", "no-such-file.pcap"),
            args("decode", "\"quoted.pcap\""),
            args("decode", "-e", "a,b", "-e", "decode", "x.pcap"));

    /** Shapes left to picocli, which refuses some of them and reads the others in ways this reader does not. */
    private static final List<String[]> LEFT = List.of(
            args("decode"),
            args("decode", "-"),
            args("decode", "--hex", "0a0b"),
            args("decode", "--help"),
            args("decode", "-h", CAPTURE),
            args("decode", "-c", "3", CAPTURE),
            args("decode", "--port", "9995", CAPTURE),
            args("decode", "--workers", "0", CAPTURE),
            args("decode", "--format=fields", "-e", "frame", CAPTURE),
            args("decode", "-Ffields", "-e", "frame", CAPTURE),
            args("decode", "-F", "FIELDS", "-e", "frame", CAPTURE),
            args("decode", "-F", "json", CAPTURE),
            args("decode", "-F", "fields", "-F", "text", CAPTURE),
            args("decode", "-Y", "frame > 1", "-Y", "frame < 9", CAPTURE),
            args("decode", "--one-pass", "--one-pass", CAPTURE),
            args("decode", "--problems", "--problems", CAPTURE),
            args("decode", "-e", "", CAPTURE),
            args("decode", "-e", "-F", CAPTURE),
            args("decode", "-e"),
            args("decode", CAPTURE, "-F"),
            args("decode", "-Y", "-frame", CAPTURE),
            args("decode", "@args.txt"),
            args("decode", "-e", "@names", CAPTURE),
            args("decode", CAPTURE, CAPTURE),
            args("decode", "--", CAPTURE),
            args("decode", "-x", CAPTURE),
            args("decode", "--one-pass"),
            args("templates", CAPTURE),
            args("--version"),
            args(CAPTURE));

    @Test
    @DisplayName("each shape read without picocli sets every option field as picocli's parse does")
    void sameFieldsAsPicocli() throws Exception {
        for (String[] a : TAKEN) {
            DecodeCommand quick = DecodeArgs.parse(a);
            assertNotNull(quick, Arrays.toString(a));
            DecodeCommand parsed = new DecodeCommand();
            new CommandLine(parsed).parseArgs(Arrays.copyOfRange(a, 1, a.length));
            List<String> compared = new ArrayList<>();
            sameOptions(parsed, quick, Arrays.toString(a), compared);
            assertTrue(compared.containsAll(List.of("file", "format", "fieldNames", "displayFilter", "onePass",
                    "problemsOnly", "count", "hex", "workers", "scope", "timeoutSeconds", "ports")), compared.toString());
        }
    }

    @Test
    @DisplayName("every other shape goes to picocli")
    void othersGoToPicocli() {
        for (String[] a : LEFT) {
            assertNull(DecodeArgs.parse(a), Arrays.toString(a));
        }
    }

    @Test
    @DisplayName("a run read without picocli prints what picocli's run prints, messages and exit status too")
    void sameRun() {
        for (String[] a : TAKEN) {
            assertNotNull(DecodeArgs.parse(a));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int rc = Main.run(new PrintWriter(out), new PrintWriter(err), a);
            StringWriter pout = new StringWriter();
            StringWriter perr = new StringWriter();
            int prc = Main.runPicocli(new PrintWriter(pout), new PrintWriter(perr), a);
            String what = Arrays.toString(a);
            assertEquals(pout.toString(), out.toString(), what);
            assertEquals(perr.toString(), err.toString(), what);
            assertEquals(prc, rc, what);
        }
        // the shapes cover a decode that prints, a refused -e name and a missing file
        assertTrue(run(TAKEN.get(1)).out().contains("\t"));
        assertEquals(2, run(TAKEN.get(8)).status());
        assertTrue(run(TAKEN.get(12)).err().contains("no such file"), run(TAKEN.get(12)).err());
    }

    private static DecodeCommandTest.Run run(String[] a) {
        return DecodeCommandTest.run(a);
    }

    /** The fields picocli sets (options, parameters, and those of mixins, compared inside them) are equal. */
    private static void sameOptions(Object expected, Object actual, String what, List<String> compared)
            throws IllegalAccessException {
        for (Field f : expected.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                sameOptions(f.get(expected), f.get(actual), what, compared);
            } else if (f.isAnnotationPresent(CommandLine.Option.class)
                    || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                assertTrue(Objects.equals(f.get(expected), f.get(actual)),
                        what + ": " + f.getName() + " " + f.get(expected) + " against " + f.get(actual));
                compared.add(f.getName());
            }
        }
    }

    private static String[] args(String... a) {
        return a;
    }
}
