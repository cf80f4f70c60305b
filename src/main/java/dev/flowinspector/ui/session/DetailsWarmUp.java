package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import java.io.IOException;

/**
 * Once a session's first rows are out, builds the details of its first packet a few times on a background thread
 * (what a click on a row does: frame, packet as it stood, tree, template snapshot), so that the code behind the first
 * click is loaded and compiled by the time a user clicks, instead of costing the first click 0.1-0.5 s.
 */
final class DetailsWarmUp {

    private static final int WARM_UPS = 3;

    private DetailsWarmUp() {
    }

    static void start(Session s) {
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < WARM_UPS; i++) {
                    Frame f = s.frame(0);
                    PacketTreeBuilder.frame(f, s.packet(0));
                    s.templatesAt(f.number());
                }
            } catch (IOException | RuntimeException e) {
                // only a warm-up: a real selection reports the same failure
            }
        }, "flowinspector-warm " + s.name());
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
