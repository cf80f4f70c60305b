package dev.flowinspector.ui.main;

import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.common.Settings;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** While a UDP listen runs, the tab shown follows it; the title and status say what runs and what ran. */
@ExtendWith(ApplicationExtension.class)
class LiveTabsTest {

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    private static void send(DatagramSocket out, int port, byte[] b) throws Exception {
        out.send(new DatagramPacket(b, b.length, out.getLocalAddress(), port));
    }

    private void selectTab(String id) throws Exception {
        run(() -> window.tabs().getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(t -> window.tabs().getSelectionModel().select(t)));
    }

    @Test
    @DisplayName("Exporters, Expert Info, Flows and Templates fill while listening; the title follows Stop")
    void tabsFollowTheCapture() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.55.3");
        List<Endpoint> where = fx(() -> window.listen(lo, 0));
        assertEquals(1, where.size());
        int port = where.get(0).port();
        assertTrue(fx(stage::getTitle).startsWith("Listening on 127.0.55.3:" + port), fx(stage::getTitle));
        selectTab("tab-exporters"); // shown before anything arrives: it must follow the capture
        try (DatagramSocket v5 = new DatagramSocket(0, lo); DatagramSocket ipfix = new DatagramSocket(0, lo)) {
            send(v5, port, TestPackets.v5(0, "10.0.0.1", "10.0.0.2", 1000, 80, 6, 3, 300));
            send(v5, port, TestPackets.v5(50, "10.0.0.3", "10.0.0.4", 1001, 443, 6, 4, 400)); // 49 flows lost
            send(ipfix, port, TestPackets.ipfix(1, true, "10.1.0.1", "10.1.0.2", 500));
            waitFor(() -> window.shownRows().size() == 3);
            waitFor(() -> window.exporters().getItems().size() == 2);
            selectTab("tab-problems");
            waitFor(() -> !window.problems().getRoot().getChildren().isEmpty());
            selectTab("tab-flows");
            waitFor(() -> window.flows().table().getItems().size() == 3);

            // the template cache at the IPFIX packet takes in what arrives after it
            selectTab("tab-templates");
            run(() -> window.packetList().getSelectionModel().select(2));
            waitFor(() -> window.templates().table().getItems().size() == 1
                    && window.templates().history().getItems().size() == 1);
            send(ipfix, port, TestPackets.ipfix(2, true, "10.1.0.3", "10.1.0.4", 600));
            waitFor(() -> window.templates().history().getItems().size() == 2);
            assertNotNull(fx(() -> window.loading()), "all of it while the capture runs");
        }
        run(() -> window.stopLoading());
        waitFor(() -> window.loading() == null);
        assertEquals("UDP port 0 — FlowInspector", fx(stage::getTitle));
    }

    @Test
    @DisplayName("where a listener listens reads as a user says it")
    void describeWhere() {
        assertEquals("UDP port 2055 (all addresses)", LiveControl.describe(List.of(new Endpoint("::", 2055))));
        assertEquals("UDP port 2055 (all addresses)",
                LiveControl.describe(List.of(new Endpoint("0.0.0.0", 2055), new Endpoint("::", 2055))));
        assertEquals("127.0.55.1:2055, [::1]:4739",
                LiveControl.describe(List.of(new Endpoint("127.0.55.1", 2055), new Endpoint("::1", 4739))));
    }
}
