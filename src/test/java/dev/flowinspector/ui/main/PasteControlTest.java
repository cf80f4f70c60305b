package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.common.Settings;
import java.util.HexFormat;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import javafx.scene.Node;
import javafx.scene.control.Button;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Pasted packets: one session, numbered on from the packets pasted before, until a file is opened. */
@ExtendWith(ApplicationExtension.class)
class PasteControlTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    private static List<Frame> pasted(int seq) throws Exception {
        byte[] v5 = TestPackets.v5(seq, "10.1.2.3", "10.3.2.1", 5000, 53, 17, 2, 120);
        return HexPaste.parse(HexFormat.of().formatHex(v5)).stream().map(HexPaste.Packet::frame).toList();
    }

    @Test
    @DisplayName("a second paste adds to the pasted packets, numbered on; after opening a file, pasting starts anew")
    void pastesNumberOn(FxRobot robot) throws Exception {
        List<Frame> first = pasted(7);
        List<Frame> second = pasted(8);
        run(() -> window.addPasted(first));
        assertEquals("Pasted 1 packet", fx(() -> window.statusLine().getText()));
        run(() -> window.addPasted(second));
        assertEquals(2, fx(() -> window.shownRows().size()));
        assertEquals(List.of(1L, 2L), fx(() -> window.shownRows().stream().map(r -> r.number()).toList()));
        assertEquals("Pasted packets", fx(() -> window.session().name()));
        assertNull(fx(() -> window.session().path()));
        assertEquals(2, fx(() -> window.packetList().getSelectionModel().getSelectedItem().number()),
                "the packet just pasted is selected");
        assertTrue(fx(() -> window.scene().getWindow() instanceof Stage s && s.getTitle().startsWith("Pasted packets")));

        // the pasted packets exist nowhere else: opening a file asks first, and Discard lets it go
        javafx.application.Platform.runLater(() -> window.open(TestPackets.demo().toAbsolutePath()));
        waitFor(() -> robot.lookup((Node n) -> n instanceof Button b && b.getText().equals("Discard")).tryQuery()
                .isPresent());
        robot.clickOn(robot.lookup((Node n) -> n instanceof Button b && b.getText().equals("Discard")).queryButton());
        waitFor(() -> window.loading() == null && window.shownRows().size() == 14);
        List<Frame> third = pasted(9);
        run(() -> window.addPasted(third));
        waitFor(() -> window.shownRows().size() == 1);
        assertEquals(1, fx(() -> window.shownRows().get(0).number()));
        assertEquals("Pasted packets", fx(() -> window.session().name()));
    }
}
