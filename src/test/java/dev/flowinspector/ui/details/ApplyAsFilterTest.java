package dev.flowinspector.ui.details;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.engine.filter.DisplayFilter;
import dev.flowinspector.engine.filter.FilterException;
import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.session.PacketTreeBuilder;
import dev.flowinspector.ui.session.TreeNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** "Apply as filter" in the details tree makes filters the display filter takes, which select their packet. */
class ApplyAsFilterTest {

    @BeforeAll
    static void toolkit() {
        try {
            javafx.application.Platform.startup(() -> { }); // DetailsView is a control: its class needs JavaFX
        } catch (IllegalStateException alreadyRunning) {
            // another test started it
        }
    }

    @Test
    @DisplayName("every node of the demo capture gives a valid filter (or none) that matches its own packet")
    void filtersFromTheTree() throws Exception {
        Decoding d = new Decoding(DecodingOptions.defaults());
        List<String> bad = new ArrayList<>();
        TreeSet<String> made = new TreeSet<>();
        try (CaptureReader r = CaptureFiles.open(TestPackets.demo())) {
            Frame f;
            while ((f = r.next()) != null) {
                ExportPacket p = d.accept(f);
                List<TreeNode> todo = new ArrayList<>(PacketTreeBuilder.build(f, p));
                while (!todo.isEmpty()) {
                    TreeNode n = todo.remove(todo.size() - 1);
                    todo.addAll(n.children());
                    String text = DetailsView.filterFor(n);
                    if (text == null) {
                        continue;
                    }
                    made.add(text.split(" ")[0]);
                    try {
                        if (!DisplayFilter.parse(text).matches(p) && !n.fieldName().startsWith("frame.")) {
                            bad.add("frame " + p.frame() + " " + n.fieldName() + ": '" + text + "' does not match it");
                        }
                    } catch (FilterException e) {
                        bad.add("frame " + p.frame() + " " + n.fieldName() + ": '" + text + "': " + e.getMessage());
                    }
                }
            }
        }
        assertTrue(made.size() > 20, "filters made: " + made);
        assertEquals(List.of(), bad.stream().distinct().limit(30).toList());
    }
}
