package dev.flowinspector.ui.main;

import dev.flowinspector.ui.session.ExportersHealth;
import dev.flowinspector.ui.session.FlowSummary;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;

import dev.flowinspector.ui.common.Tasks;
import dev.flowinspector.ui.exporters.ExportersView;
import dev.flowinspector.ui.flows.FlowsView;
import dev.flowinspector.ui.problems.ProblemsView;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.ui.templates.TemplatesView;
import java.util.List;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The tabs under the packet: Templates, Expert Info, Flows and Exporters. Flows are read when their tab is first
 * shown for a session that has been read; exporters when their tab is chosen or reading ends. While a live capture
 * runs, the tab shown follows it ({@link #followLive}): at most once a second, the costly parts (flows, the template
 * cache) computed in the background, so a capture of thousands of packets a second keeps the window responsive.
 */
final class AnalysisTabs {

    /** Flow rows read for the Flows tab at most. */
    private static final int FLOW_LIMIT = 500_000;
    /**
     * Flow rows the table holds while a live capture runs (the charts count every record): replacing a large table
     * every few seconds would cost the FX thread more than the capture.
     */
    private static final int LIVE_FLOW_LIMIT = 20_000;

    private final OpenCapture capture;
    private final ProblemsView problems;
    private final FlowsView flows;
    private final ExportersView exporters;
    private final TemplatesView templates;
    private final TabPane tabs = new TabPane();
    private final Tab templatesTab;
    private final Tab problemsTab;
    private final Tab flowsTab;
    private final Tab exportersTab;
    private boolean flowsLoaded;
    /** The live session the shown tab follows, or null. */
    private Session live;
    /** Ticks while a live capture runs: refreshes the tab shown. */
    private final Timeline liveTicks = new Timeline(new KeyFrame(Duration.millis(LIVE_TICK_MS), e -> liveTick()));
    /** Refreshes the template cache shown at the selected packet (Navigator's). */
    private Runnable templatesRefresh = () -> { };
    /** Problems shown in Expert Info by the last live refresh (-1: none yet). */
    private int problemsShown = -1;
    /** The live session's exporter health is being copied in the background. */
    private boolean exportersReading;
    /** A flows scan of the live session runs in the background. */
    private boolean flowsScanning;
    /** When the next live flows scan may start (System.nanoTime), and how long the last one took. */
    private long nextFlowsScan;
    private volatile long lastFlowsScanNanos;

    /** Milliseconds between two refreshes of the tab shown while a live capture runs. */
    static final int LIVE_TICK_MS = 1000;

    AnalysisTabs(OpenCapture capture, TemplatesView templates, ProblemsView problems, FlowsView flows,
                 ExportersView exporters) {
        this.capture = capture;
        this.problems = problems;
        this.flows = flows;
        this.exporters = exporters;
        this.templates = templates;
        templatesTab = new Tab("Templates", templates);
        problemsTab = new Tab("Expert Info", problems);
        flowsTab = new Tab("Flows", flows);
        exportersTab = new Tab("Exporters", exporters);
        for (Tab t : List.of(templatesTab, problemsTab, flowsTab, exportersTab)) {
            t.setClosable(false);
        }
        templatesTab.setId("tab-templates");
        problemsTab.setId("tab-problems");
        flowsTab.setId("tab-flows");
        exportersTab.setId("tab-exporters");
        tabs.getTabs().addAll(templatesTab, problemsTab, flowsTab, exportersTab);
        templates.setLives(k -> capture.session() == null ? null : capture.session().templateLife(k));
        liveTicks.setCycleCount(Animation.INDEFINITE);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (live != null) {
                liveTick();
            } else if (t == flowsTab) {
                loadFlows();
            } else if (t == exportersTab && capture.session() != null) {
                exporters.show(capture.session().exporterHealth());
            }
        });
    }

    /** What refreshes the template cache shown at the selected packet while a live capture runs. */
    void setTemplatesRefresh(Runnable r) {
        templatesRefresh = r;
    }

    /** A live capture into {@code s} runs: the tab shown follows it until it ends or another session opens. */
    void followLive(Session s) {
        live = s;
        problemsShown = -1;
        nextFlowsScan = 0;
        lastFlowsScanNanos = 0;
        liveTicks.playFromStart();
    }

    private void stopFollowing() {
        live = null;
        liveTicks.stop();
    }

    /** Refreshes the tab shown from the live session as it stands. */
    private void liveTick() {
        Session s = live;
        if (s == null || s != capture.session()) {
            stopFollowing();
            return;
        }
        Tab t = tabs.getSelectionModel().getSelectedItem();
        if (t == problemsTab) {
            if (capture.problems().size() != problemsShown) {
                problemsShown = capture.problems().size();
                problems.show(capture.problems());
            }
        } else if (t == exportersTab && !exportersReading) {
            // a copy under the session's lock, which decoding holds for a whole batch: not on the FX thread
            exportersReading = true;
            Tasks.run(s::exporterHealth, h -> {
                exportersReading = false;
                if (s == live) {
                    exporters.show(h);
                }
            }, err -> exportersReading = false);
        } else if (t == templatesTab) {
            templatesRefresh.run();
        } else if (t == flowsTab) {
            liveFlows(s);
        }
    }

    /**
     * Reads the flows of the live session so far in the background; the next scan waits at least 2 s and four
     * times as long as the last one took, so that scanning never takes more than a fifth of a processor.
     */
    private void liveFlows(Session s) {
        long now = System.nanoTime();
        if (flowsScanning || now < nextFlowsScan) {
            return;
        }
        flowsScanning = true;
        if (flows.table().getItems().isEmpty()) {
            flows.setStatus(s.size() == 0 ? "No flow records yet" : "Reading the flow records so far …");
        }
        Tasks.run(() -> {
            long t0 = System.nanoTime();
            FlowSummary r = FlowSummary.of(s, LIVE_FLOW_LIMIT, () -> s != capture.session(), null);
            lastFlowsScanNanos = System.nanoTime() - t0;
            return r;
        }, r -> {
            flowsScanning = false;
            nextFlowsScan = System.nanoTime() + Math.max(2_000_000_000L, 4 * lastFlowsScanNanos);
            if (s == live && s == capture.session()) {
                flows.show(r);
                flows.setStatus(r.describe() + " (so far; the capture runs)");
            }
        }, err -> {
            flowsScanning = false;
            flows.setStatus("Cannot read flows: " + err);
        });
    }

    TabPane pane() {
        return tabs;
    }

    void showTemplates() {
        tabs.getSelectionModel().select(templatesTab);
    }

    void showProblems() {
        tabs.getSelectionModel().select(problemsTab);
    }

    void showFlows() {
        tabs.getSelectionModel().select(flowsTab);
    }

    void showExporters() {
        tabs.getSelectionModel().select(exportersTab);
    }

    /**
     * Another session (or none): empty panes, flows not read yet. The Templates pane is emptied by
     * {@link Navigator#reset}, which runs with this and whenever the selection goes.
     */
    void reset() {
        stopFollowing();
        flowsLoaded = false;
        problems.show(List.of());
        flows.show(List.of());
        exporters.show(ExportersHealth.NONE);
    }

    /** Shows the session's problems and exporter health as they stand. */
    void update(Session s) {
        if (s == live) {
            stopFollowing();
        }
        problems.show(capture.problems());
        exporters.show(s.exporterHealth());
    }

    /** Reading has ended: reads the flows when their tab is shown. */
    void loadFlowsIfShown() {
        if (tabs.getSelectionModel().getSelectedItem() == flowsTab) {
            loadFlows();
        }
    }

    private void loadFlows() {
        if (flowsLoaded || capture.session() == null || capture.loading() != null) {
            if (capture.loading() != null) {
                flows.setStatus("Flows are read when the capture has been read");
            }
            return;
        }
        flowsLoaded = true;
        Session sess = capture.session();
        flows.setStatus("Reading flow records …");
        // every record counts in top talkers and the chart; the table holds the first FLOW_LIMIT, and says so
        Tasks.run(() -> FlowSummary.of(sess, FLOW_LIMIT, () -> sess != capture.session(),
                x -> Platform.runLater(() -> flows.setStatus(String.format("Reading flow records … %.0f %%", 100 * x)))),
                r -> {
                    if (sess == capture.session()) {
                        flows.show(r);
                    }
                }, err -> flows.setStatus("Cannot read flows: " + err));
    }
}
