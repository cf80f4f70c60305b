package dev.flowinspector.ui.main;

import dev.flowinspector.decode.Template;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.ui.session.LoadResult;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.session.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.concurrent.Task;

/**
 * What the main window has open: the session, its rows as the packet list shows them, its problems, the task
 * reading it and the templates the user imported. Used on the FX thread; {@link #session()} and the stop request
 * are read by the reading thread too.
 */
final class OpenCapture {

    /**
     * The rows of the session, filtered and sorted for the list: a new chain for each session. (JavaFX's SortedList
     * keeps the elements of removed rows in its array, so clearing the rows of a large capture would keep them all
     * in memory until as many rows came again.)
     */
    private ObservableList<PacketSummary> rows = FXCollections.observableArrayList();
    private FilteredList<PacketSummary> shown = new FilteredList<>(rows);
    /** What the list shows: the filtered rows in the order of the sorted column. */
    private SortedList<PacketSummary> view = new SortedList<>(shown);
    private final List<ProblemEntry> problems = new ArrayList<>();
    private volatile Session session;
    private Task<LoadResult> loading;
    /** Set by Stop (or opening something else): the reader stops at the next frame and keeps what it read. */
    private volatile boolean stopRequested;
    /** View > As a One-Pass Collector Saw It: sessions show data whose template came later as not decoded. */
    private boolean onePass;
    /** Templates imported by the user: known before every capture opened from now on. */
    private List<Template> imported = List.of();

    /** The current session, or null. */
    Session session() {
        return session;
    }

    /** Every row of the session, in frame order. */
    ObservableList<PacketSummary> rows() {
        return rows;
    }

    /** The rows the display filter lets through. */
    FilteredList<PacketSummary> shown() {
        return shown;
    }

    /** What the list shows: the shown rows in the order of the sorted column. */
    SortedList<PacketSummary> view() {
        return view;
    }

    /** The problems of the session so far. */
    List<ProblemEntry> problems() {
        return problems;
    }

    /** The task reading or capturing into the session, or null. */
    Task<LoadResult> loading() {
        return loading;
    }

    void setLoading(Task<LoadResult> task) {
        loading = task;
    }

    /** Asks the reading task to stop at the next frame. */
    void requestStop() {
        stopRequested = true;
    }

    /** Whether Stop was pressed since the last {@link #clearStop()}. */
    boolean stopRequested() {
        return stopRequested;
    }

    /** A new reading task starts: no stop asked for yet. */
    void clearStop() {
        stopRequested = false;
    }

    /** Whether the task filling {@code s} should stop: asked to, or {@code s} is no longer open. */
    boolean shouldStop(Session s) {
        return stopRequested || session != s;
    }

    boolean onePass() {
        return onePass;
    }

    void setOnePass(boolean on) {
        onePass = on;
    }

    List<Template> imported() {
        return imported;
    }

    void setImported(List<Template> templates) {
        imported = List.copyOf(templates);
    }

    /** The decoding options with the imported templates. */
    DecodingOptions options(DecodingOptions base) {
        return base.withImportedTemplates(imported);
    }

    /**
     * Makes {@code s} (or nothing) the open session: stops the reading task, closes the session before and starts a
     * new, unfiltered row chain.
     */
    void replace(Session s) {
        if (loading != null) {
            stopRequested = true;
            loading = null;
        }
        if (session != null) {
            try {
                session.close();
            } catch (IOException e) {
                // nothing to keep
            }
        }
        session = s;
        if (s != null) {
            s.setOnePass(onePass);
        }
        rows = FXCollections.observableArrayList();
        shown = new FilteredList<>(rows);
        view = new SortedList<>(shown);
        problems.clear();
    }
}
