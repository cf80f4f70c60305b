package dev.flowinspector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * /usr/bin/flowinspector of the Linux packages (packaging/linux/flowinspector-command, docs/decisions/0033): which
 * of the two command-line launchers it runs, and that the arguments reach it unchanged. The launchers are stand-ins
 * here that print their name and arguments; the installed ones are checked by packaging/linux/test-deb.sh.
 */
@DisabledOnOs(OS.WINDOWS)
class CommandScriptTest {

    static final Path SCRIPT = Path.of("packaging", "linux", "flowinspector-command");
    static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;
    Path bin;

    @BeforeEach
    void launchers() throws IOException {
        bin = Files.createDirectory(dir.resolve("bin"));
        for (String name : List.of("flowinspector", "flowinspector-quick")) {
            Path p = bin.resolve(name);
            Files.writeString(p, "#!/bin/sh\necho " + name + "\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
            p.toFile().setExecutable(true);
        }
    }

    /** The launcher the script ran, then its arguments one a line in brackets. */
    private List<String> run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", SCRIPT.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("FLOWINSPECTOR_BIN", bin.toString());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    private String launcher(String... args) throws IOException, InterruptedException {
        return run("", args).get(0);
    }

    /** A file of this apparent size (sparse: no disk used). */
    private String file(String name, long bytes) throws IOException {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return p.toString();
    }

    @Test
    void smallFilesGoToTheQuickLauncherWithTheirArgumentsUnchanged() throws Exception {
        String f = file("a capture [1].pcap", 5000);
        assertEquals(List.of("flowinspector-quick", "[decode]", "[-F]", "[fields]", "[-e]", "[frame]", "[" + f + "]"),
                run("", "decode", "-F", "fields", "-e", "frame", f));
        assertEquals("flowinspector-quick", launcher("templates", f));
        assertEquals("flowinspector-quick", launcher("exporters", f));
        assertEquals("flowinspector-quick", launcher("analyze", f, file("b.pcap", 10 * MIB)));
        assertEquals("flowinspector-quick", launcher("decode", file("c.pcap", 64 * MIB)));
    }

    @Test
    void largerInputsGoToTheLauncherWithC2() throws Exception {
        String big = file("big.pcap", 64 * MIB + 1);
        assertEquals("flowinspector", launcher("decode", big));
        assertEquals("flowinspector", launcher("templates", big));
        assertEquals("flowinspector", launcher("analyze", file("a.pcap", 40 * MIB), file("b.pcap", 40 * MIB)));
    }

    @Test
    void fieldsOutputHasAFourTimesHigherLimit() throws Exception {
        String f = file("f.pcap", 200 * MIB);
        assertEquals("flowinspector", launcher("decode", f));
        assertEquals("flowinspector-quick", launcher("decode", "-F", "fields", "-e", "frame", f));
        assertEquals("flowinspector-quick", launcher("decode", "--format", "fields", f));
        assertEquals("flowinspector-quick", launcher("decode", "--format=fields", f));
        assertEquals("flowinspector-quick", launcher("decode", "-Ffields", f));
        assertEquals("flowinspector", launcher("decode", "-F", "json", f));
        assertEquals("flowinspector", launcher("decode", "-F", "fields", file("g.pcap", 256 * MIB + 1)));
    }

    @Test
    void standardInputDirectoriesAndEverythingElseGoToTheLauncherWithC2() throws Exception {
        String f = file("small.pcap", 5000);
        assertEquals(List.of("flowinspector", "[decode]", "[-]"), run("x", "decode", "-"));
        assertEquals("flowinspector", launcher("decode"));
        assertEquals("flowinspector", launcher("analyze", dir.toString()));
        assertEquals("flowinspector", launcher("collect", "-l", "127.0.55.1:2055", "-w", f));
        assertEquals("flowinspector", launcher("generate", "-w", f));
        assertEquals("flowinspector", launcher(f)); // the GUI, which bin/flowinspector hands to bin/FlowInspector
        assertEquals(List.of("flowinspector"), run(""));
        assertEquals("flowinspector", launcher("--version"));
    }

    @Test
    void withoutTheQuickLauncherEverythingRunsInTheOther() throws Exception {
        Files.delete(bin.resolve("flowinspector-quick"));
        assertEquals("flowinspector", launcher("decode", file("small.pcap", 5000)));
    }
}
