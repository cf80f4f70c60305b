package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.common.Settings;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** File > Listen on UDP Port, driven through its shortcut and dialog as a user does. */
@ExtendWith(ApplicationExtension.class)
class LiveControlTest {

    private MainWindow window;
    private Stage stage;
    private final FxRobot robot = new FxRobot();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    /** Ctrl+E, the text typed into the dialog, Enter. */
    private void listenDialog(String text) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitFor(() -> robot.lookup(".dialog-pane .text-field").tryQuery().isPresent());
        run(() -> robot.lookup(".dialog-pane .text-field").queryTextInputControl().setText(text));
        robot.type(KeyCode.ENTER);
    }

    @Test
    @DisplayName("Ctrl+E listens on the address:port typed; packets show as they arrive; Ctrl+E again stops")
    void listenAndStop() throws Exception {
        listenDialog("127.0.55.1:0");
        waitFor(() -> window.loading() != null && window.statusLine().getText().startsWith("Listening on "));
        Matcher m = Pattern.compile("127\\.0\\.55\\.1:(\\d+)").matcher(fx(() -> window.statusLine().getText()));
        assertTrue(m.find(), fx(() -> window.statusLine().getText()));
        int port = Integer.parseInt(m.group(1));
        assertTrue(fx(stage::getTitle).startsWith("Listening on "), fx(stage::getTitle));
        assertEquals("No packets yet", Fx.packetListPlaceholder(window), "before the first packet");
        InetAddress lo = InetAddress.getByName("127.0.55.1");
        byte[] b = TestPackets.v5(3, "10.0.0.1", "10.0.0.2", 1000, 2055, 17, 1, 60);
        try (DatagramSocket out = new DatagramSocket(0, lo)) {
            out.send(new DatagramPacket(b, b.length, lo, port));
        }
        waitFor(() -> window.shownRows().size() == 1);
        waitFor(() -> window.statusLine().getText().contains(": 1 datagrams, 0 dropped"));
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitFor(() -> window.loading() == null);
        assertEquals(1, fx(() -> window.session().size()));
        assertEquals("UDP port 0", fx(() -> window.session().name()));
        assertNull(fx(() -> window.errorShown()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"70000", "-1", "127.0.55.1:port", "udp"})
    @DisplayName("what is not a port or address:port says so and listens nowhere")
    void badPort(String text) throws Exception {
        listenDialog(text);
        waitFor(() -> window.errorShown() != null);
        assertEquals("'" + text + "' is not a port or address:port", fx(() -> window.errorShown()));
        assertNull(fx(() -> window.loading()));
    }
}
