package dev.flowinspector.ui.main;

import dev.flowinspector.engine.filter.DisplayFilter;
import dev.flowinspector.engine.filter.FilterException;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.common.Tasks;
import dev.flowinspector.ui.packets.PacketListView;
import dev.flowinspector.ui.packets.PacketRows;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.Session;
import java.util.BitSet;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/**
 * The display filter bar and the filter it applies: the text is checked as it is typed, Enter or Apply scans the
 * session in the background and the list then shows the packets that match.
 */
final class FilterBar {

    private final OpenCapture capture;
    private final PacketListView list;
    private final StatusBar status;
    private final dev.flowinspector.ui.filter.FilterBar widget;
    private final TextField filter;
    private final Label filterMessage;
    private BitSet filterBits;
    /** Incremented by each filter applied; an older scan still running stops. */
    private volatile long filterGeneration;
    private DisplayFilter activeFilter;
    /** The status line this bar last showed (the scan or its result), or null. */
    private String statusShown;
    /** The status line before this bar's text replaced it: shown again when the filter is cleared. */
    private String statusBefore;

    FilterBar(OpenCapture capture, PacketListView list, StatusBar status, Settings settings) {
        this.capture = capture;
        this.list = list;
        this.status = status;
        widget = new dev.flowinspector.ui.filter.FilterBar(settings, this::applyFilter);
        filter = widget.field();
        filterMessage = widget.message();
    }

    /** The bar: saved filters, field, Apply, Clear and the message. */
    Node bar() {
        return widget.node();
    }

    /** The bar's widget (completion, saved filters). */
    dev.flowinspector.ui.filter.FilterBar widget() {
        return widget;
    }

    TextField field() {
        return filter;
    }

    Label message() {
        return filterMessage;
    }

    /** The filter applied, or null when the list shows every packet. */
    DisplayFilter active() {
        return activeFilter;
    }

    /** The indexes of the packets the active filter shows, or null without one. */
    BitSet shownIndexes() {
        return activeFilter == null ? null : filterBits;
    }

    /** Puts the text in the field and applies it (a field chosen in the details tree). */
    void setAndApply(String text) {
        filter.setText(text);
        applyFilter(text);
    }

    /** Empties the field and shows every packet. */
    void clear() {
        filter.clear();
        applyFilter("");
    }

    /** Another session: no filter. */
    void reset() {
        filterBits = null;
        activeFilter = null;
        statusShown = null;
        updateEmptyText();
    }

    /** Applies the active filter again (after reading has ended). */
    void reapply() {
        if (activeFilter != null) {
            applyFilter(activeFilter.text());
        }
    }

    /** Shows the packet counts: all, and displayed when a filter is active. */
    void updateCounts() {
        status.setCounts(activeFilter == null ? "Packets: " + capture.view().total()
                : "Packets: " + capture.view().total() + " · Displayed: " + capture.view().size());
        updateEmptyText();
    }

    /**
     * Says in the list, when it shows no row, why, as the status bar does: a filter that matches none of the packets,
     * a capture being read or listened to with no packet yet, or one that ended with none.
     */
    void updateEmptyText() {
        list.setEmptyText(capture.session() == null ? "No capture open" // the welcome page covers the list
                : capture.view().total() > 0 ? "No packet matches the filter"
                : capture.loading() != null ? "No packets yet" : "No export packets in this capture");
    }

    /** Completions for the last word of the filter text. */
    static List<String> complete(String text) {
        return dev.flowinspector.ui.filter.FilterBar.complete(text);
    }

    /** Applies a display filter (empty shows everything); a bad filter shows its message. */
    void applyFilter(String text) {
        DisplayFilter f;
        try {
            f = DisplayFilter.parse(text);
        } catch (FilterException e) {
            widget.showError(e);
            return;
        }
        filterMessage.setText("");
        Session sess = capture.session();
        if (f.matchesAll() || sess == null) {
            filterGeneration++;
            activeFilter = null;
            filterBits = null;
            capture.view().setFilter(null);
            updateCounts();
            if (statusShown != null && statusShown.equals(status.text())) {
                status.setText(statusBefore); // the filter's text goes with it (unless something said more since)
            }
            statusShown = null;
            return;
        }
        showStatus("Filtering …");
        long gen = ++filterGeneration;
        boolean busy = capture.loading() != null;
        if (!busy) {
            status.showProgress(0);
            capture.clearStop();
            status.showStop(true);
        }
        // worker threads test batches of packets (decoded as at load time); Stop ends it
        Tasks.run(() -> sess.matching(f::matches, () -> gen != filterGeneration || sess != capture.session()
                || (!busy && capture.stopRequested()), x -> Platform.runLater(() -> {
                    if (!busy && gen == filterGeneration) {
                        status.setProgress(x);
                    }
                })), bits -> {
            if (!busy && capture.loading() == null) {
                status.showStop(false);
                status.hideProgress();
            }
            if (!busy && capture.stopRequested() && gen == filterGeneration) {
                showStatus("Filter stopped");
                return;
            }
            if (sess != capture.session() || gen != filterGeneration) {
                return;
            }
            PacketRows view = capture.view();
            PacketSummary sel = list.getSelectionModel().getSelectedItem();
            activeFilter = f;
            filterBits = bits;
            view.setFilter(bits);
            updateCounts();
            showStatus("Filter: " + f.text() + " — " + view.size() + " of " + view.total() + " packets");
            int i = sel == null ? -1 : view.indexOf(sel);
            if (i >= 0) {
                list.getSelectionModel().clearAndSelect(i);
            } else if (!view.isEmpty()) {
                Navigator.selectShown(list, 0);
            }
        }, err -> status.showError("filter: " + err));
    }

    /** Shows a filter's text in the status line, keeping what it replaces for when no filter is applied. */
    private void showStatus(String text) {
        if (statusShown == null || !statusShown.equals(status.text())) {
            statusBefore = status.text();
        }
        statusShown = text;
        status.setText(text);
    }
}
