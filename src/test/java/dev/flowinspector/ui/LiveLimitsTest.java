package dev.flowinspector.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.testutil.TestPackets;
import dev.flowinspector.ui.capture.LiveLimits;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.main.MainWindow;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A live capture in the window stops by itself after so many packets and writes its frames to files too. */
@ExtendWith(ApplicationExtension.class)
class LiveLimitsTest {

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
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(c).get());
    }

    @Test
    @DisplayName("while listening, the list shows the newest rows as they arrive")
    void followsNewest() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.55.1");
        List<dev.flowinspector.decode.Endpoint> at = fx(() -> window.listen(lo, 0));
        try (DatagramSocket out = new DatagramSocket(0, lo)) {
            for (int i = 0; i < 200; i++) {
                byte[] b = TestPackets.v5(i, "10.0.0.1", "10.0.0.2", 1000 + i, 80, 6, 3, 180);
                out.send(new DatagramPacket(b, b.length, lo, at.get(0).port()));
                if (i % 20 == 19) {
                    Thread.sleep(30);
                }
            }
        }
        waitFor(() -> window.shownRows().size() == 200);
        waitFor(() -> lastVisible() == 199);
        fx(() -> {
            window.stopLoading();
            return null;
        });
        waitFor(() -> window.loading() == null);
    }

    private int lastVisible() {
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) window.packetList().lookup(".virtual-flow");
        return flow == null || flow.getLastVisibleCell() == null ? -1 : flow.getLastVisibleCell().getIndex();
    }

    @Test
    @DisplayName("listening with 'stop after 3 packets' and 'also write to files' stops alone and saved the frames")
    void stopAfterPackets(@TempDir Path dir) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.55.1");
        Path file = dir.resolve("ring.pcapng");
        List<dev.flowinspector.decode.Endpoint> at = fx(() -> {
            LiveLimits l = new LiveLimits();
            ((TextField) l.lookup("#live-stop-packets")).setText("3");
            ((CheckBox) l.lookup("#live-ring")).setSelected(true);
            ((TextField) l.lookup("#live-ring-file")).setText(file.toString());
            return window.listen(lo, 0, l);
        });
        assertEquals(1, at.size());
        try (DatagramSocket out = new DatagramSocket(0, lo)) {
            for (int i = 0; i < 3; i++) {
                byte[] b = TestPackets.v5(i, "10.0.0.1", "10.0.0.2", 1000 + i, 80, 6, 3, 180);
                out.send(new DatagramPacket(b, b.length, lo, at.get(0).port()));
            }
        }
        waitFor(() -> window.loading() == null);
        assertEquals(3, (int) fx(() -> window.session().size()));
        int frames = 0;
        try (CaptureReader r = CaptureFiles.open(file)) {
            while (r.next() != null) {
                frames++;
            }
        }
        assertEquals(3, frames);
        assertTrue(fx(() -> window.session().unsaved()) == 3);
    }
}
