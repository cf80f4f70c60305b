package dev.flowinspector.ui.main;

import static dev.flowinspector.decode.health.Hex.ipfix;
import static dev.flowinspector.decode.health.Hex.ipfixTemplate;
import static dev.flowinspector.ui.main.Fx.fx;
import static dev.flowinspector.ui.main.Fx.run;
import static dev.flowinspector.ui.main.Fx.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.health.Hex;
import dev.flowinspector.testutil.PcapWriter;
import dev.flowinspector.ui.common.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Exporters pane over a capture the test writes. */
@ExtendWith(ApplicationExtension.class)
class ExportersPaneTest {

    private static final long T0 = 1_577_836_800L;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new Settings());
        stage.show();
    }

    /** The column headed {@code name} (its text, or the label it shows with a tooltip). */
    private static TableColumn<?, ?> column(TableView<?> t, String name) {
        for (TableColumn<?, ?> c : t.getColumns()) {
            if (name.equals(c.getText()) || c.getGraphic() instanceof Label l && name.equals(l.getText())) {
                return c;
            }
        }
        throw new AssertionError("no column " + name);
    }

    /** Each row's cell text in the column headed {@code name} ("" for an empty cell). */
    private static List<String> cells(TableView<?> t, String name) throws Exception {
        return fx(() -> {
            TableColumn<?, ?> c = column(t, name);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < t.getItems().size(); i++) {
                Object v = c.getCellData(i);
                out.add(v == null ? "" : v.toString());
            }
            return out;
        });
    }

    private static long sum(List<String> cells) {
        return cells.stream().mapToLong(Long::parseLong).sum();
    }

    @Test
    @DisplayName("a packet too short to say whose it is has a row (no exporter stream): the rows add up to the capture")
    void packetInNoStream(@TempDir Path dir) throws Exception {
        byte[] tenBytes = Hex.of().u16(10).u16(10).u32(T0).u16(0).build(); // an IPFIX header needs 16
        Path c = new PcapWriter()
                .udp("192.0.2.1", 50000, "192.0.2.100", 4739, T0 * 1_000_000L,
                        ipfix(T0, 0, 1, ipfixTemplate(256, 8, 4)))
                .udp("192.0.2.1", 50000, "192.0.2.100", 4739, (T0 + 1) * 1_000_000L, tenBytes)
                .write(dir.resolve("short.pcap"));
        run(() -> window.open(c.toAbsolutePath()));
        waitFor(() -> window.loading() == null && window.shownRows().size() == 2);
        run(() -> window.tabs().getSelectionModel().select(3));
        TableView<?> t = window.exporters();
        waitFor(() -> !t.getItems().isEmpty());

        List<String> exporters = cells(t, "Exporter");
        int none = exporters.indexOf("(no exporter stream)");
        assertTrue(none >= 0, "a row for the packet in no stream: " + exporters);
        assertEquals(2, sum(cells(t, "Packets")), "the rows' packets are the capture's: " + cells(t, "Packets"));
        assertEquals("1", cells(t, "Packets").get(none));
        assertEquals("", cells(t, "Domain").get(none), "it carries no domain");
        long frame2 = fx(() -> window.session().problems().stream().filter(p -> p.frame() == 2).count());
        assertTrue(frame2 > 0);
        assertEquals(Long.toString(frame2), cells(t, "Problems").get(none));
        assertEquals(fx(() -> window.session().problems().size()), (int) sum(cells(t, "Problems")),
                "the rows' problems are every problem Expert Info lists");

        // the packet list does not give it a domain either
        assertEquals(List.of("1", ""), cells(window.packetList(), "Domain"));
    }
}
