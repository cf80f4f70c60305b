package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.testutil.Loopback;
import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.common.Settings;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The commands that need something open are disabled while it is not there, in the window as it starts. */
@ExtendWith(ApplicationExtension.class)
class CommandsEnabledTest {

    private MainWindow window;
    private final FxRobot robot = new FxRobot();

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    /** The menu bar's item with this text. */
    private MenuItem menuItem(String text) throws Exception {
        return fx(() -> {
            for (Menu m : ((MenuBar) window.scene().lookup("#menu-bar")).getMenus()) {
                for (MenuItem it : m.getItems()) {
                    if (text.equals(it.getText())) {
                        return it;
                    }
                }
            }
            throw new AssertionError("no menu item " + text);
        });
    }

    /** The toolbar's button with this text. */
    private Button tool(String text) throws Exception {
        return fx(() -> (Button) robot.lookup(".tool-bar .button")
                .match(n -> n instanceof Button b && text.equals(b.getText())).query());
    }

    /** Whether Edit > Go to Packet, the Go to button and the Next problem button are each disabled. */
    private List<Boolean> goToAndNextProblemDisabled() throws Exception {
        MenuItem go = menuItem("Go to Packet…");
        Button goButton = tool("Go to");
        Button next = tool("Next problem");
        return fx(() -> List.of(go.isDisable(), goButton.isDisabled(), next.isDisabled()));
    }

    @Test
    @DisplayName("Go to Packet and Next problem are disabled with nothing open, enabled with packets, disabled after Close")
    void goToAndNextProblem() throws Exception {
        assertEquals(List.of(true, true, true), goToAndNextProblemDisabled(), "nothing open");
        Fx.openDemo(window);
        assertEquals(List.of(false, false, false), goToAndNextProblemDisabled(), "the demo open");
        MenuItem close = menuItem("Close");
        run(close::fire);
        waitFor(() -> window.session() == null);
        assertEquals(List.of(true, true, true), goToAndNextProblemDisabled(), "closed");
    }

    @Test
    @DisplayName("listening, Go to Packet and Next problem are enabled once the first packet has come")
    void goToAndNextProblemWhenPacketsCome() throws Exception {
        InetAddress lo = Loopback.v4(1);
        List<Endpoint> at = fx(() -> window.listen(lo, 0));
        assertEquals(1, at.size());
        try {
            assertTrue(fx(() -> window.session() != null));
            assertEquals(List.of(true, true, true), goToAndNextProblemDisabled(), "listening, no packet yet");
            try (DatagramSocket out = new DatagramSocket(0, lo)) {
                byte[] b = TestPackets.ipfix(0, true, "10.0.0.1", "10.0.0.2", 1500);
                out.send(new DatagramPacket(b, b.length, lo, at.get(0).port()));
            }
            waitFor(() -> window.shownRows().size() == 1);
            assertEquals(List.of(false, false, false), goToAndNextProblemDisabled(), "a packet has come");
        } finally {
            run(window::stopLoading);
            waitFor(() -> window.loading() == null);
        }
        assertFalse(goToAndNextProblemDisabled().contains(true), "stopped, the packet kept");
    }

    /** Selects frame {@code n} and gives the live templates of the cache the Templates pane shows at it. */
    private int liveTemplatesAt(long n) throws Exception {
        run(() -> window.goToFrame(n));
        waitFor(() -> window.templates().snapshot() != null && window.templates().snapshot().frame() == n);
        return fx(() -> window.templates().snapshot().liveCount());
    }

    @Test
    @DisplayName("the Templates pane's Export is disabled with nothing open and at a packet with no live template")
    void exportTemplates() throws Exception {
        Button export = fx(() -> (Button) window.templates().lookup("#template-export"));
        assertTrue(fx(export::isDisabled), "nothing open");
        Fx.openDemo(window);
        assertTrue(liveTemplatesAt(5) > 0);
        assertFalse(fx(export::isDisabled), "frame 5 (v9 templates defined)");
        assertEquals(0, liveTemplatesAt(1));
        assertTrue(fx(export::isDisabled), "frame 1 (v5: no templates)");
        assertTrue(liveTemplatesAt(9) > 0);
        assertFalse(fx(export::isDisabled), "frame 9 (IPFIX templates defined)");
    }

    /** Whether the toolbar's first and last packet buttons and Edit > Find Packet are each disabled. */
    private List<Boolean> firstLastFindDisabled() throws Exception {
        Button first = tool("⇤");
        Button last = tool("⇥");
        MenuItem find = menuItem("Find Packet…");
        return fx(() -> List.of(first.isDisabled(), last.isDisabled(), find.isDisable()));
    }

    /** Whether Edit > Copy Details as Text and as JSON are each disabled. */
    private List<Boolean> copyDetailsDisabled() throws Exception {
        MenuItem text = menuItem("Copy Details as Text");
        MenuItem json = menuItem("Copy Details as JSON");
        return fx(() -> List.of(text.isDisable(), json.isDisable()));
    }

    @Test
    @DisplayName("first / last packet and Find Packet are disabled with nothing open, enabled with packets, disabled "
            + "after Close")
    void firstLastAndFind() throws Exception {
        assertEquals(List.of(true, true, true), firstLastFindDisabled(), "nothing open");
        Fx.openDemo(window);
        assertEquals(List.of(false, false, false), firstLastFindDisabled(), "the demo open");
        run(menuItem("Close")::fire);
        waitFor(() -> window.session() == null);
        assertEquals(List.of(true, true, true), firstLastFindDisabled(), "closed");
    }

    @Test
    @DisplayName("Copy Details is enabled while a field of the packet details is selected, as Wireshark's Copy of one")
    void copyDetails() throws Exception {
        assertEquals(List.of(true, true), copyDetailsDisabled(), "nothing open");
        Fx.openDemo(window);
        run(() -> window.details().getSelectionModel().clearSelection());
        assertEquals(List.of(true, true), copyDetailsDisabled(), "a packet shown, no field selected");
        run(() -> window.details().select(window.details().getRoot().getChildren().get(0).getValue()));
        assertEquals(List.of(false, false), copyDetailsDisabled(), "a field selected");
        run(menuItem("Close")::fire);
        waitFor(() -> window.session() == null);
        assertEquals(List.of(true, true), copyDetailsDisabled(), "closed");
    }
}
