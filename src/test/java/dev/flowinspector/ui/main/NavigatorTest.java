package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.tools.generate.CaptureFileWriter;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.session.PacketSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Selection and navigation over the demo capture: go to a frame, find, next problem, first and last. */
@ExtendWith(ApplicationExtension.class)
class NavigatorTest {

    private MainWindow window;
    private final FxRobot robot = new FxRobot();

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    @BeforeEach
    void openDemo() throws Exception {
        Fx.openDemo(window);
    }

    private PacketSummary selected() throws Exception {
        return fx(() -> window.packetList().getSelectionModel().getSelectedItem());
    }

    private void clickTool(String text) throws Exception {
        robot.clickOn(fx(() -> (Button) robot.lookup(".tool-bar .button")
                .match(n -> n instanceof Button b && text.equals(b.getText())).query()));
    }

    @Test
    @DisplayName("going to a frame the filter hides clears the filter; an unknown frame says so")
    void goToFrame() throws Exception {
        run(() -> window.applyFilter("version == 5"));
        waitFor(() -> window.shownRows().size() == 4);
        assertTrue(fx(() -> window.goToFrame(12)));
        assertEquals(14, fx(() -> window.shownRows().size()));
        assertEquals("", fx(() -> window.filterField().getText()));
        assertEquals(12, selected().number());
        waitFor(() -> window.templates().snapshot() != null && window.templates().snapshot().frame() == 12);
        assertFalse(fx(() -> window.goToFrame(999)));
        assertEquals("No export packet with frame number 999", fx(() -> window.statusLine().getText()));
        assertEquals(12, selected().number(), "the selection stays");
    }

    @Test
    @DisplayName("going to a frame on screen leaves the list where it is; one off screen scrolls it into view")
    void goToKeepsRowsOnScreen(@TempDir Path dir) throws Exception {
        Path f = generated(dir, 5, 300, 3);
        run(() -> window.open(f));
        waitFor(() -> window.loading() == null && window.shownRows().size() == 300 && lastVisible() > 5);
        int top = firstVisible();
        int row = lastVisible() - 1; // on screen, and more than five rows below the top: the old jump moved the list
        assertTrue(row - 5 > top, "rows on screen: " + top + " to " + lastVisible());
        assertTrue(fx(() -> window.goToFrame(window.shownRows().get(row).number())));
        waitFor(() -> selected() != null && selected().number() == window.shownRows().get(row).number());
        run(() -> window.packetList().layout());
        assertEquals(top, firstVisible(), "the list did not move");
        assertTrue(fx(() -> window.goToFrame(window.shownRows().get(250).number())));
        waitFor(() -> firstVisible() == 245);
        assertTrue(fx(() -> lastVisible() > 250), "the row is on screen");
        assertTrue(fx(() -> window.goToFrame(window.shownRows().get(299).number())));
        waitFor(() -> lastVisible() == 299);
        assertTrue(fx(() -> window.goToFrame(window.shownRows().get(3).number())));
        waitFor(() -> firstVisible() == 0);
    }

    private int firstVisible() throws Exception {
        return fx(() -> {
            var flow = (javafx.scene.control.skin.VirtualFlow<?>) window.packetList().lookup(".virtual-flow");
            return flow.getFirstVisibleCell() == null ? -1 : flow.getFirstVisibleCell().getIndex();
        });
    }

    private int lastVisible() throws Exception {
        return fx(() -> {
            var flow = (javafx.scene.control.skin.VirtualFlow<?>) window.packetList().lookup(".virtual-flow");
            return flow.getLastVisibleCell() == null ? -1 : flow.getLastVisibleCell().getIndex();
        });
    }

    @Test
    @DisplayName("find selects the next packet whose list text matches, wrapping round; or says it is not there")
    void findWraps() throws Exception {
        assertTrue(fx(() -> window.findText("NetFlow v9 seq")));
        long first = selected().number();
        assertTrue(selected().info().contains("NetFlow v9 seq"), selected().info());
        run(() -> window.packetList().getSelectionModel().clearAndSelect(13));
        assertTrue(fx(() -> window.findText("netflow V5 SEQ 0,")), "case does not matter");
        assertEquals(1, selected().number(), "wrapped round to the first packet");
        assertTrue(first > 1);
        assertFalse(fx(() -> window.findText("no such text")));
        assertEquals("Not found: no such text", fx(() -> window.statusLine().getText()));
        assertEquals(1, selected().number());
    }

    @Test
    @DisplayName("find on a large list searches on a worker and selects what it found when it is done, in list order")
    void findOnWorker() throws Exception {
        int before = Navigator.findOnFxThread;
        Navigator.findOnFxThread = 0;
        try {
            // sorted by frame number descending: the next match after the selection is the one above it in frames
            run(() -> {
                var no = window.packetList().getColumns().get(0);
                no.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
                window.packetList().getSortOrder().setAll(List.of(no));
            });
            waitFor(() -> window.shownRows().get(0).number() == 14);
            run(() -> window.packetList().getSelectionModel().clearAndSelect(0));
            assertTrue(fx(() -> window.findText("netflow v5 seq")), "the search runs");
            waitFor(() -> selected().number() != 14);
            long found = selected().number();
            List<Long> v5 = new ArrayList<>();
            for (PacketSummary s : fx(() -> List.copyOf(window.shownRows()))) {
                if (s.info().toLowerCase().contains("netflow v5 seq")) {
                    v5.add(s.number());
                }
            }
            assertEquals(v5.get(0), found, "the first match below the selection in the sorted list");
            assertTrue(fx(() -> window.findText("no such text")));
            waitFor(() -> "Not found: no such text".equals(window.statusLine().getText()));
            assertEquals(found, selected().number());
        } finally {
            Navigator.findOnFxThread = before;
            run(() -> window.packetList().getSortOrder().clear());
        }
    }

    @Test
    @DisplayName("Next problem walks the packets with problems in list order, then says there are no more")
    void nextProblem() throws Exception {
        List<Long> withProblems = new ArrayList<>();
        for (PacketSummary s : fx(() -> List.copyOf(window.shownRows()))) {
            if (s.worst() != null) {
                withProblems.add(s.number());
            }
        }
        assertTrue(withProblems.size() >= 2, withProblems.toString());
        run(() -> window.packetList().getSelectionModel().clearAndSelect(0));
        List<Long> visited = new ArrayList<>();
        for (int i = 0; i < withProblems.size(); i++) {
            clickTool("Next problem");
            visited.add(selected().number());
        }
        assertEquals(withProblems, visited);
        clickTool("Next problem");
        assertEquals("No more packets with problems after this one", fx(() -> window.statusLine().getText()));
        assertEquals(withProblems.get(withProblems.size() - 1), selected().number());
    }

    @Test
    @DisplayName("the first and last buttons select the ends of what the list shows")
    void firstAndLast() throws Exception {
        clickTool("⇥");
        assertEquals(14, selected().number());
        clickTool("⇤");
        assertEquals(1, selected().number());
        run(() -> window.applyFilter("version == 10"));
        waitFor(() -> window.shownRows().size() == 3);
        clickTool("⇥");
        assertEquals(fx(() -> window.shownRows().get(2).number()), selected().number());
    }

    @Test
    @DisplayName("what waits for the selected packet runs once its template cache, bytes and tree are shown (at once when none is on its way)")
    void whenShown() throws Exception {
        List<Long> at = new ArrayList<>();
        run(() -> window.navigator().whenShown(() -> at.add(-1L)));
        assertEquals(List.of(-1L), at, "nothing was on its way: it ran at once");
        run(() -> {
            window.packetList().getSelectionModel().clearAndSelect(5);
            window.navigator().whenShown(() -> at.add(window.templates().snapshot().frame()));
            window.packetList().getSelectionModel().clearAndSelect(7); // a newer selection: it waits for that one
        });
        waitFor(() -> at.size() == 2);
        assertEquals(8L, at.get(1));
        assertEquals(8L, fx(() -> window.templates().snapshot().frame()));
    }

    /** Which panes show something: template cache, its fields, bytes, tree (1 or 0 each). */
    private String panes() {
        return (window.templates().snapshot() != null ? "1" : "0")
                + (window.templates().fieldsTable().getItems().isEmpty() ? "0" : "1")
                + (window.hex().data().length > 0 ? "1" : "0")
                + (window.details().getRoot() != null && !window.details().getRoot().getChildren().isEmpty() ? "1" : "0");
    }

    /** Records what {@code state} gives at the start of every pulse until stopped; the recorder stops itself after 10 s. */
    private static final class PerPulse extends javafx.animation.AnimationTimer {
        final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.function.Supplier<String> state;
        private long first;

        PerPulse(java.util.function.Supplier<String> state) {
            this.state = state;
        }

        @Override
        public void handle(long now) {
            first = first == 0 ? now : first;
            if (now - first > 10_000_000_000L) {
                stop();
            }
            String x = state.get();
            if (!x.equals(last())) {
                seen.add(x);
            }
        }

        /** What the last pulse saw ("" before the first). */
        String last() {
            return seen.isEmpty() ? "" : seen.get(seen.size() - 1);
        }
    }

    /** Waits until the packet selected now is shown and a pulse has seen every pane filled, then stops p. */
    private void stopWhenFilled(PerPulse p) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean shown = new java.util.concurrent.atomic.AtomicBoolean();
        run(() -> window.navigator().whenShown(() -> shown.set(true)));
        waitFor(() -> shown.get() && p.last().equals("1111"));
        run(p::stop);
    }

    /** A capture of {@code count} packets of one NetFlow version made by {@code generate}, in dir. */
    private static Path generated(Path dir, int version, int count, int seed) throws Exception {
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.of(version);
        o.count = count;
        o.seed = seed;
        Path f = dir.resolve("v" + version + "-" + count + ".pcap");
        try (CaptureFileWriter w = new CaptureFileWriter(f)) {
            new Generator(o).run(w);
        }
        return f;
    }

    @Test
    @DisplayName("after an open the first packet fills the empty panes one a pulse: templates, a template's fields, bytes, tree")
    void firstPacketInTurns(@TempDir Path dir) throws Exception {
        Path f = generated(dir, 9, 20, 5);
        PerPulse p = new PerPulse(this::panes);
        run(() -> {
            p.start();
            window.open(f);
        });
        waitFor(() -> window.loading() == null && panes().equals("1111"));
        stopWhenFilled(p);
        List<String> seen = p.seen;
        int emptied = seen.indexOf("0000");
        assertTrue(emptied >= 0, "the open empties the panes: " + seen);
        assertEquals(List.of("0000", "1000", "1100", "1110", "1111"), seen.subList(emptied, seen.size()),
                "one pane more a pulse, in this order");
    }

    @Test
    @DisplayName("a packet selected while another is shown replaces its template cache, bytes and tree in one pulse")
    void laterSelectionAtOnce() throws Exception {
        javafx.scene.control.TreeItem<?> oldTree = fx(() -> window.details().getRoot());
        byte[] oldBytes = fx(() -> window.hex().data());
        long oldFrame = fx(() -> window.templates().snapshot().frame());
        PerPulse p = new PerPulse(() -> (window.templates().snapshot().frame() == oldFrame ? "old" : "new")
                + (window.hex().data() == oldBytes ? " old" : " new")
                + (window.details().getRoot() == oldTree ? " old" : " new"));
        run(p::start);
        waitFor(() -> p.last().equals("old old old"));
        run(() -> window.packetList().getSelectionModel().clearAndSelect(5));
        waitFor(() -> p.last().equals("new new new"));
        run(p::stop);
        assertEquals(1L, oldFrame);
        assertEquals(List.of("old old old", "new new new"), p.seen, "no pulse showed a mix of the two packets");
    }

    @Test
    @DisplayName("another capture opened while the first packet's panes fill shows nothing more of that packet")
    void openWhileFilling(@TempDir Path dir) throws Exception {
        Path f = generated(dir, 9, 20, 5);
        byte[] demoFirst = fx(() -> window.hex().data()).clone();
        java.util.concurrent.atomic.AtomicBoolean again = new java.util.concurrent.atomic.AtomicBoolean();
        // once the demo's first packet has its template cache shown (its other panes still to come), open f
        PerPulse p = new PerPulse(() -> {
            String x = panes();
            if (x.equals("1000") && !again.getAndSet(true)) {
                window.open(f);
            }
            return x + (window.hex().data().length > 0 && java.util.Arrays.equals(window.hex().data(), demoFirst)
                    ? " demo bytes" : "");
        });
        run(() -> {
            p.start();
            window.open(dev.flowinspector.testutil.TestPackets.demo().toAbsolutePath());
        });
        waitFor(() -> again.get() && window.loading() == null && panes().equals("1111")
                && window.shownRows().size() == 20);
        stopWhenFilled(p);
        assertFalse(p.seen.stream().anyMatch(x -> x.endsWith("demo bytes")), p.seen.toString());
        assertFalse(java.util.Arrays.equals(demoFirst, fx(() -> window.hex().data())));
        assertEquals(List.of("0000", "1000", "1100", "1110", "1111"),
                p.seen.subList(p.seen.lastIndexOf("0000"), p.seen.size()), "f's first packet, one pane a pulse");
    }
}
