package dev.flowinspector.ui.main;

import dev.flowinspector.decode.Template;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.ui.packets.PacketRows;
import dev.flowinspector.ui.session.LoadResult;
import dev.flowinspector.ui.session.ProblemEntry;
import dev.flowinspector.ui.session.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;

/**
 * What the main window has open: the session, its rows as the packet list shows them, its problems, the task
 * reading it and the templates the user imported. Used on the FX thread; {@link #session()} and the stop request
 * are read by the reading thread too.
 */
final class OpenCapture {

    /**
     * What the list shows: the session's rows, filtered and in the order of the sorted column, made when shown (no
     * object per row); new for each session.
     */
    private PacketRows view = PacketRows.empty();
    private final List<ProblemEntry> problems = new ArrayList<>();
    private volatile Session session;
    private Task<LoadResult> loading;
    /** Set by Stop (or opening something else): the reader stops at the next frame and keeps what it read. */
    private volatile boolean stopRequested;
    /** View > As a One-Pass Collector Saw It: sessions show data whose template came later as not decoded. */
    private boolean onePass;
    /** Templates imported by the user: known before every capture opened from now on. */
    private List<Template> imported = List.of();
    /** True while the open capture has packets (the commands that go to a packet are enabled). */
    private final ReadOnlyBooleanWrapper hasPackets = new ReadOnlyBooleanWrapper(this, "hasPackets");

    /** The current session, or null. */
    Session session() {
        return session;
    }

    /** What the list shows: the rows the display filter lets through, in the order of the sorted column. */
    PacketRows view() {
        return view;
    }

    /** True while the open capture has packets, shown or not. */
    ReadOnlyBooleanProperty hasPacketsProperty() {
        return hasPackets.getReadOnlyProperty();
    }

    /** Rows were added to the view. */
    void rowsAdded() {
        hasPackets.set(view.total() > 0);
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
        view = s == null ? PacketRows.empty() : new PacketRows(s::row);
        hasPackets.set(false);
        problems.clear();
    }
}
