package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command adds only the subcommand a run names (start-up, docs/decisions/0024), and all otherwise. */
class MainTest {

    @Test
    @DisplayName("the subcommand table uses each command's own @Command name")
    void namesAreTheAnnotationNames() {
        Main.SUBCOMMANDS.forEach((name, type) ->
                assertEquals(name, type.getAnnotation(Command.class).name(), type.getName()));
    }

    @Test
    @DisplayName("a run naming a subcommand builds that one only, --version none; help, completion and no argument build all")
    void onlyTheNamedSubcommand() {
        assertEquals(List.of("decode"), names(Main.commandLine("decode", "x.pcap")));
        assertEquals(List.of("analyze"), names(Main.commandLine("analyze", "--help")));
        List<String> all = new ArrayList<>(Main.SUBCOMMANDS.keySet());
        assertEquals(all, names(Main.commandLine()));
        assertEquals(all, names(Main.commandLine("--help")));
        assertEquals(all, names(Main.commandLine("help", "decode")));
        assertEquals(all, names(Main.commandLine("completion")));
        assertEquals(all, names(Main.commandLine("decdoe")));
        assertEquals(List.of(), names(Main.commandLine("--version")));
        assertEquals(all, names(Main.commandLine("--version", "decode")));
    }

    @Test
    @DisplayName("--help lists every subcommand, help NAME shows a sibling, an unknown name is a usage error")
    void helpAndTypos() {
        DecodeCommandTest.Run help = DecodeCommandTest.run("--help");
        assertEquals(0, help.status());
        for (String name : Main.SUBCOMMANDS.keySet()) {
            assertTrue(help.out().contains("  " + name + " "), name + " in\n" + help.out());
        }
        DecodeCommandTest.Run typo = DecodeCommandTest.run("decdoe");
        assertEquals(2, typo.status());
        assertTrue(typo.err().startsWith("flowinspector: Unmatched argument at index 0: 'decdoe'"), typo.err());
        DecodeCommandTest.Run sub = DecodeCommandTest.run("help", "templates");
        assertEquals(0, sub.status());
        assertTrue(sub.out().contains("flowinspector templates"), sub.out());
    }

    private static List<String> names(CommandLine cl) {
        return new ArrayList<>(cl.getSubcommands().keySet());
    }
}
