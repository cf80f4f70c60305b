package dev.flowinspector.ui.main;

import dev.flowinspector.ui.session.FlowSummary;
import javafx.application.Platform;

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
 * shown for a session that has been read; exporters when their tab is chosen or reading ends.
 */
final class AnalysisTabs {

    /** Flow rows read for the Flows tab at most. */
    private static final int FLOW_LIMIT = 500_000;

    private final OpenCapture capture;
    private final ProblemsView problems;
    private final FlowsView flows;
    private final ExportersView exporters;
    private final TabPane tabs = new TabPane();
    private final Tab templatesTab;
    private final Tab problemsTab;
    private final Tab flowsTab;
    private final Tab exportersTab;
    private boolean flowsLoaded;

    AnalysisTabs(OpenCapture capture, TemplatesView templates, ProblemsView problems, FlowsView flows,
                 ExportersView exporters) {
        this.capture = capture;
        this.problems = problems;
        this.flows = flows;
        this.exporters = exporters;
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
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t == flowsTab) {
                loadFlows();
            } else if (t == exportersTab && capture.session() != null) {
                exporters.show(capture.session().exporterHealth());
            }
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

    /** Another session: empty panes, flows not read yet. */
    void reset() {
        flowsLoaded = false;
        problems.show(List.of());
        flows.show(List.of());
        exporters.show(List.of());
    }

    /** Shows the session's problems and exporter health as they stand. */
    void update(Session s) {
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
