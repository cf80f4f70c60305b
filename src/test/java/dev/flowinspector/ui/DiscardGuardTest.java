package dev.flowinspector.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.capture.DiscardGuard;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.main.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window asks before captured or pasted packets that exist only in its temporary file are discarded. */
@ExtendWith(ApplicationExtension.class)
class DiscardGuardTest {

    static {
        System.setProperty("flowinspector.prefs", "dev/flowinspector/ui-test");
    }

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(c).get());
    }

    private void paste() throws Exception {
        byte[] v5 = TestPackets.v5(7, "10.0.0.1", "10.0.0.2", 1234, 80, 6, 3, 180);
        fx(() -> {
            window.addPasted(List.of(new Frame(1, 1_700_000_000_000_000_000L, new Endpoint("192.0.2.1", 2055),
                    new Endpoint("192.0.2.2", 2055), Transport.UDP, v5, -1, null, -1, null, null)));
            return null;
        });
        waitFor(() -> window.session() != null && window.session().unsaved() == 1);
    }

    /** Closes with Ctrl+W, answers the question, and returns its header and content. */
    private String[] closeAndAnswer(FxRobot robot, String answer) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        waitFor(() -> robot.lookup((Node n) -> n instanceof Button b && b.getText().equals(answer)).tryQuery()
                .isPresent());
        DialogPane pane = robot.lookup((Node n) -> n instanceof DialogPane).query();
        String[] question = fx(() -> new String[] {pane.getHeaderText(), pane.getContentText()});
        Button b = robot.lookup((Node n) -> n instanceof Button x && x.getText().equals(answer)).queryButton();
        robot.clickOn(b);
        WaitForAsyncUtils.waitForFxEvents();
        return question;
    }

    @Test
    @DisplayName("closing pasted packets asks: Cancel keeps them, Discard closes and deletes the temporary file")
    void cancelThenDiscard(FxRobot robot) throws Exception {
        paste();
        Path spill = fx(() -> window.session().spillFile());
        assertNotNull(spill);
        assertTrue(Files.exists(spill));
        String[] question = closeAndAnswer(robot, "Cancel");
        assertEquals("1 pasted packet is not saved", question[0]);
        assertEquals("\"Pasted packets\" exists only in a temporary file, which goes when the capture is closed. "
                + "Save the packets first?", question[1]);
        assertEquals(1, fx(() -> window.session() == null ? 0 : window.session().size()));
        closeAndAnswer(robot, "Discard");
        waitFor(() -> window.session() == null);
        assertFalse(Files.exists(spill), "the temporary capture goes with the session");
    }

    @Test
    @DisplayName("packets pasted into a file: the question says pasted, and that the file lacks them")
    void pastedIntoAFile(FxRobot robot) throws Exception {
        Path demo = TestPackets.demo().toAbsolutePath();
        fx(() -> {
            window.open(demo);
            return null;
        });
        waitFor(() -> window.loading() == null && window.session() != null && window.session().size() == 14);
        byte[] v5 = TestPackets.v5(7, "10.0.0.1", "10.0.0.2", 1234, 80, 6, 3, 180);
        fx(() -> {
            window.addPasted(List.of(new Frame(1, 0, Endpoint.UNKNOWN, Endpoint.UNKNOWN, Transport.NONE, v5, -1, null,
                    -1, null, null), new Frame(2, 0, Endpoint.UNKNOWN, Endpoint.UNKNOWN, Transport.NONE, v5, -1, null,
                    -1, null, null)));
            return null;
        });
        waitFor(() -> window.session().unsaved() == 2);
        String[] question = closeAndAnswer(robot, "Cancel");
        assertEquals("2 pasted packets are not saved", question[0]);
        assertTrue(question[1].startsWith("The packets pasted into \"" + demo.getFileName()), question[1]);
        assertEquals(16, fx(() -> window.session().size()), "Cancel keeps them");
    }

    @Test
    @DisplayName("the header names captured, pasted or both")
    void header() {
        assertEquals("1 captured packet is not saved", DiscardGuard.header(1, 0));
        assertEquals("1495 captured packets are not saved", DiscardGuard.header(1495, 0));
        assertEquals("3 pasted packets are not saved", DiscardGuard.header(3, 3));
        assertEquals("5 packets (3 captured, 2 pasted) are not saved", DiscardGuard.header(5, 2));
    }

    @Test
    @DisplayName("saved packets close without a question")
    void savedClosesQuietly(@TempDir Path dir) throws Exception {
        paste();
        Path out = dir.resolve("pasted.pcapng");
        fx(() -> {
            window.save(out);
            return null;
        });
        waitFor(() -> window.session().unsaved() == 0);
        assertTrue(Files.size(out) > 0);
        robot().press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        waitFor(() -> window.session() == null);
    }

    private static FxRobot robot() {
        return new FxRobot();
    }
}
