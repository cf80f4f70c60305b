package dev.flowinspector.ui.main;

import dev.flowinspector.capture.StopConditions;
import dev.flowinspector.ui.capture.FollowNewest;
import dev.flowinspector.ui.capture.ListenDialog;
import dev.flowinspector.ui.capture.LiveLimits;

import dev.flowinspector.capture.InterfaceCapture;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.ui.capture.InterfaceDialog;
import dev.flowinspector.ui.capture.InterfaceFeed;
import dev.flowinspector.ui.common.Errors;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.session.LiveCapture;
import dev.flowinspector.ui.session.LoadResult;
import dev.flowinspector.ui.session.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.stage.Stage;

/**
 * Live capture: listening on a UDP port like a collector, or capturing on an interface. Packets are shown as they
 * arrive; Stop (or the menu shortcut again) ends it and keeps what arrived.
 */
final class LiveControl {

    private final Stage stage;
    private final Settings settings;
    private final OpenCapture capture;
    private final CaptureLoader loader;
    private final StatusBar status;

    /** The packet list shows the newest rows while a live capture runs (until the user scrolls or clicks it). */
    private final FollowNewest follow;

    LiveControl(Stage stage, Settings settings, OpenCapture capture, CaptureLoader loader, StatusBar status,
                FollowNewest follow) {
        this.follow = follow;
        this.stage = stage;
        this.settings = settings;
        this.capture = capture;
        this.loader = loader;
        this.status = status;
    }

    /** File > Listen on UDP Port: asks for [address:]port; while reading or listening, stops instead. */
    void listenDialog() {
        if (capture.loading() != null) {
            capture.requestStop();
            return;
        }
        ListenDialog d = new ListenDialog();
        d.initOwner(stage);
        d.showAndWait().ifPresent(t -> listen(t, d.limits()));
    }

    /** Listens on "[address:]port" as typed in the dialog; a bad one shows why. */
    void listen(String typed) {
        listen(typed, null);
    }

    /** Listens on "[address:]port" with stop conditions and a ring buffer (null: none); a bad one shows why. */
    void listen(String typed, LiveLimits limits) {
        String text = typed.strip();
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon).replace("[", "").replace("]", "");
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            listen(host.isEmpty() || host.equals("*") ? null : InetAddress.getByName(host), port, limits);
        } catch (NumberFormatException e) {
            status.showError("'" + text + "' is not a port or address:port");
        } catch (IOException e) {
            status.showError("cannot listen on " + text + ": " + Errors.describe(e));
        }
    }

    /**
     * Listens on a UDP port (0: any free port) and shows exports as they arrive; Stop (or Ctrl+E) ends it.
     * Returns where it listens, or an empty list after showing why it cannot.
     */
    List<Endpoint> listen(InetAddress bind, int port) {
        return listen(bind, port, null);
    }

    /** As {@link #listen(InetAddress, int)}, with stop conditions and a ring buffer (null: none). */
    List<Endpoint> listen(InetAddress bind, int port, LiveLimits limits) {
        status.hideError();
        if (!loader.mayDiscard()) {
            return List.of();
        }
        Session s = Session.empty("UDP port " + port, capture.options(settings.decodingOptions()));
        follow.restart();
        LiveCapture live;
        StopConditions stopAt;
        try {
            stopAt = limits == null ? StopConditions.NONE : limits.stopConditions();
            s.recordTo(limits == null ? null : limits.ringBuffer("UDP port " + port));
            live = new LiveCapture(s, bind, port);
        } catch (IOException | IllegalArgumentException e) {
            status.showError(Errors.describe(e));
            return List.of();
        }
        String where = describe(live.locals());
        loader.replace(s, "Listening on " + where);
        status.busy("Listening on " + where + " … (Stop or Ctrl+E ends)");
        long t0 = System.nanoTime();
        loader.start(s, new Task<>() {
            @Override
            protected LoadResult call() throws Exception {
                live.run((r, p, prog) -> Platform.runLater(() -> {
                    if (capture.session() == s) {
                        loader.addRows(r, p);
                        follow.rowsAdded();
                        status.setText("Listening on " + where + ": " + live.received() + " datagrams, "
                                + live.drops() + " dropped");
                    }
                }), LiveLimits.stopWhen(stopAt, s, () -> capture.shouldStop(s)));
                return new LoadResult(s.size(), 0, live.drops() > 0 ? live.drops()
                        + " datagrams dropped because decoding fell behind" : null, true,
                        (System.nanoTime() - t0) / 1_000_000);
            }
        });
        return live.locals();
    }

    /**
     * Where a listener listens, as a user reads it: "UDP port 2055 (all addresses)" for the wildcard addresses
     * (IPv4 and IPv6 alike), "127.0.55.1:2055" or "[::1]:2055" for one address; several joined by ", ".
     */
    static String describe(List<Endpoint> where) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Endpoint e : where) {
            boolean any = e.address().equals("0.0.0.0") || e.address().equals("::") || e.address().isEmpty();
            out.add(any ? "UDP port " + e.port() + " (all addresses)" : e.toString());
        }
        return out.isEmpty() ? "nothing" : String.join(", ", out);
    }

    /** File > Capture on Interface (ui.capture); while reading or capturing, stops instead. */
    void captureDialog() {
        if (capture.loading() != null) {
            capture.requestStop();
            return;
        }
        InterfaceDialog d = new InterfaceDialog();
        d.initOwner(stage);
        d.showAndWait().filter(o -> loader.mayDiscard()).ifPresent(o -> {
            status.hideError();
            try {
                StopConditions stopAt = d.limits().stopConditions();
                var c = new InterfaceCapture(o);
                Session s = Session.empty("interface " + o.iface(), capture.options(DecodingOptions.defaults()));
                s.recordTo(d.limits().ringBuffer("interface " + o.iface()));
                follow.restart();
                loader.replace(s, "Capturing on " + o.iface());
                status.busy("Capturing on " + o.iface() + " … (Stop or Ctrl+Shift+E ends)");
                loader.start(s, InterfaceFeed.task(s, c, (r, p) -> {
                    if (capture.session() == s) {
                        loader.addRows(r, p);
                        follow.rowsAdded();
                    }
                }, t -> status.setText(capture.session() == s ? t : status.text()),
                        LiveLimits.stopWhen(stopAt, s, () -> capture.shouldStop(s))));
            } catch (IOException | IllegalArgumentException e) {
                status.showError(e.getMessage());
            }
        });
    }

    /** Stops reading a file, listening or capturing. */
    void stop() {
        capture.requestStop();
    }
}
