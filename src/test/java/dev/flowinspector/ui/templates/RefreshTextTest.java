package dev.flowinspector.ui.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.health.CrossPacketAnalyzer;
import dev.flowinspector.decode.health.TemplateLife;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The template pane's line on how often a template was sent, on real exporters' captures. */
class RefreshTextTest {

    private static List<TemplateLife> lives(String capture) throws Exception {
        URL url = RefreshTextTest.class.getResource("/dev/flowinspector/exporters/" + capture);
        assertNotNull(url, capture);
        ExportDecoder decoder = new ExportDecoder();
        CrossPacketAnalyzer analyzer = new CrossPacketAnalyzer();
        try (CaptureReader r = CaptureFiles.open(Path.of(url.toURI()))) {
            for (Frame f = r.next(); f != null; f = r.next()) {
                analyzer.accept(decoder.decode(f.payload(), f.context()));
            }
        }
        return analyzer.timeline().lives();
    }

    @Test
    @DisplayName("nfreplay repeats its templates within a packet: the line says so instead of 'about every 0 frames'")
    void repeatsWithinAFrame() throws Exception {
        List<TemplateLife> ls = lives("nfreplay-v9.pcap");
        TemplateLife t256 = ls.stream().filter(l -> l.key().templateId() == 256).findFirst().orElseThrow();
        // sent 12 times in frames 1-5, up to 4 times in frame 2: the mean is over the 4 gaps between frames
        String text = TemplatesView.refreshText(t256);
        assertEquals("refreshed every " + String.format(java.util.Locale.ROOT, "%.2f ms", t256.meanRefreshNanos() / 1e6)
                + " on average (about every frame); up to 4 times in one frame", text);
    }

    @Test
    @DisplayName("softflowd sends each template once: 'sent once'")
    void sentOnce() throws Exception {
        for (TemplateLife l : lives("softflowd-v9.pcap")) {
            assertEquals("sent once", TemplatesView.refreshText(l), l.key().toString());
        }
    }
}
