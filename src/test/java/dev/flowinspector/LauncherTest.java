package dev.flowinspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
}
