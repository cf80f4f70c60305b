package dev.flowinspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GUI start without a display says so in one line instead of JavaFX's stack trace. */
class LauncherTest {

    @Test
    @DisplayName("Linux without DISPLAY: one line naming DISPLAY and the command line")
    void noDisplayOnLinux() {
        String why = Launcher.noDisplay("Linux", null, null, null);
        assertTrue(why.startsWith("no display: the GUI needs a graphical session (DISPLAY is not set)"), why);
        assertTrue(why.endsWith("flowinspector help"), why);
        assertEquals(1, why.lines().count());
        assertTrue(Launcher.noDisplay("Linux", "", "wayland-0", null).contains("XWayland"));
    }

    @Test
    @DisplayName("a display, a headless platform (Monocle), Windows or macOS: the GUI may start")
    void mayStart() {
        assertNull(Launcher.noDisplay("Linux", ":0", null, null));
        assertNull(Launcher.noDisplay("Linux", null, null, "Monocle"));
        assertNull(Launcher.noDisplay("Windows 11", null, null, null));
        assertNull(Launcher.noDisplay("Mac OS X", null, null, null));
    }

    @Test
    @DisplayName("the command-line subcommands never need a display")
    void cliNeedsNoDisplay() {
        assertTrue(Launcher.isCli(new String[] {"decode", "x.pcap"}));
        assertTrue(!Launcher.isCli(new String[] {"x.pcap"}));
    }

    @Test
    @DisplayName("the command-line launcher hands a GUI start to the GUI launcher beside it, with the same arguments")
    void guiFromTheCommandLineLauncher(@TempDir Path dir) throws IOException {
        Path cli = Files.createFile(dir.resolve("flowinspector"));
        Path gui = Files.createFile(dir.resolve("FlowInspector"));
        assertTrue(gui.toFile().setExecutable(true));
        assertEquals(Optional.of(List.of(gui.toString(), "a b.pcap", "--x")),
                Launcher.guiLauncherCommand(cli.toString(), "FlowInspector", new String[] {"a b.pcap", "--x"}));
        assertEquals(Optional.of(List.of(gui.toString())),
                Launcher.guiLauncherCommand(cli.toString(), "FlowInspector", new String[0]));
    }

    @Test
    @DisplayName("no GUI launcher named, not run from a launcher, or the named one missing: the GUI starts here")
    void guiStartsHere(@TempDir Path dir) throws IOException {
        Path cli = Files.createFile(dir.resolve("flowinspector"));
        Files.createFile(dir.resolve("NotExecutable"));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir.resolve("NotExecutable"), PosixFilePermissions.fromString("rw-r--r--"));
            assertEquals(Optional.empty(), Launcher.guiLauncherCommand(cli.toString(), "NotExecutable", new String[0]));
        }
        assertEquals(Optional.empty(), Launcher.guiLauncherCommand(null, "FlowInspector", new String[0]));
        assertEquals(Optional.empty(), Launcher.guiLauncherCommand(cli.toString(), null, new String[0]));
        assertEquals(Optional.empty(), Launcher.guiLauncherCommand(cli.toString(), " ", new String[0]));
        assertEquals(Optional.empty(), Launcher.guiLauncherCommand(cli.toString(), "Missing", new String[0]));
        assertTrue(cli.toFile().setExecutable(true));
        assertEquals(Optional.empty(), Launcher.guiLauncherCommand(cli.toString(), "flowinspector", new String[0]),
                "never itself");
    }
}
