package dev.flowinspector.ui.packets;

import dev.flowinspector.engine.filter.FilterFields;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.session.FieldValues;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextInputDialog;

/**
 * The packet list's custom columns ("Apply as column" in the details tree, "Add Column…" in a column header's menu):
 * one column per field name, kept in the settings with every column's width. A cell's text is computed when the row
 * is shown, in the background, by {@link FieldValues} (nothing is stored per row); until then the cell is empty.
 */
public final class CustomColumns {

    private final PacketListView list;
    private final Settings settings;
    private final Supplier<Session> session;
    /** The values computed for the current session and columns (a new cache for each). */
    private FieldValues values = new FieldValues();
    private final List<String> names = new ArrayList<>();
    /** Rows to compute, newest first: scrolling fast leaves old requests behind, dropped beyond {@link #QUEUED}. */
    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private static final int QUEUED = 256;
    private Thread worker;
    /** Rows asked for and not computed yet (FX thread). */
    private final Set<Integer> pending = new HashSet<>();
    private long generation;
    private boolean refreshQueued;
    private String lastError;

    public CustomColumns(PacketListView list, Settings settings, Supplier<Session> session) {
        this.list = list;
        this.settings = settings;
        this.session = session;
        for (TableColumn<PacketSummary, ?> c : list.getColumns()) {
            prepare(c, false);
        }
        for (String n : settings.customColumns()) {
            insert(n);
        }
        list.itemsProperty().addListener((o, a, b) -> reset());
    }

    /** The custom columns' field names, in order. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** Another session: forgets every computed value. */
    public void reset() {
        generation++;
        pending.clear();
        queue.clear();
        values = new FieldValues();
    }

    /**
     * Adds a column for a field (an element name such as {@code sourceIPv4Address}, a header field such as
     * {@code sequenceNumber}, or a Wireshark cflow name); returns null, or why it cannot.
     */
    public String add(String field) {
        String name = field == null ? "" : field.strip();
        if (name.isEmpty()) {
            return "type a field name, e.g. sourceIPv4Address";
        }
        List<FilterFields.Field> f = FilterFields.standard().resolve(name);
        if (f.isEmpty()) {
            return "unknown field '" + name + "': " + FilterFields.standard().suggest(name);
        }
        String canonical = f.get(0).source() == FilterFields.Source.PACKET ? name : f.get(0).name();
        if (!names.contains(canonical)) {
            insert(canonical);
            settings.setCustomColumns(names);
        }
        return null;
    }

    /** Removes a custom column. */
    public void remove(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            return;
        }
        names.remove(i);
        list.getColumns().removeIf(c -> name.equals(c.getUserData()));
        settings.setCustomColumns(names);
        reset();
    }

    /** The column showing a field, or null. */
    public TableColumn<PacketSummary, ?> column(String name) {
        for (TableColumn<PacketSummary, ?> c : list.getColumns()) {
            if (name.equals(c.getUserData())) {
                return c;
            }
        }
        return null;
    }

    /** The last reason "Add Column…" could not add a column (for tests), or null. */
    public String lastError() {
        return lastError;
    }

    private void insert(String name) {
        names.add(name);
        TableColumn<PacketSummary, String> c = new TableColumn<>(name);
        c.setUserData(name);
        c.setId("column-custom-" + name);
        c.setPrefWidth(140);
        c.setSortable(false); // sorting would decode every packet on the FX thread
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(text(cd.getValue(), name)));
        prepare(c, true);
        int at = list.getColumns().indexOf(list.infoColumn());
        list.getColumns().add(at < 0 ? list.getColumns().size() : at, c);
        reset();
    }

    /** A column's header menu and remembered width. */
    private void prepare(TableColumn<PacketSummary, ?> c, boolean custom) {
        String key = custom ? "custom." + c.getUserData() : c.getText();
        if (c != list.infoColumn()) {
            c.setPrefWidth(settings.columnWidth(key, c.getPrefWidth()));
            c.widthProperty().addListener((o, a, w) -> settings.setColumnWidth(key, w.doubleValue()));
        }
        MenuItem add = new MenuItem("Add Column…");
        add.setOnAction(e -> addDialog());
        ContextMenu menu = new ContextMenu(add);
        if (custom) {
            MenuItem remove = new MenuItem("Remove Column " + c.getUserData());
            remove.setOnAction(e -> remove((String) c.getUserData()));
            menu.getItems().add(remove);
        }
        c.setContextMenu(menu);
    }

    private void addDialog() {
        TextInputDialog d = new TextInputDialog();
        if (list.getScene() != null) {
            d.initOwner(list.getScene().getWindow());
        }
        d.setTitle("Add column");
        d.setHeaderText("Field to show (an element such as sourceIPv4Address, a header field such as sequenceNumber)");
        d.showAndWait().ifPresent(t -> {
            lastError = add(t);
            if (lastError != null) {
                javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                        lastError);
                a.setHeaderText("Cannot add the column");
                a.showAndWait();
            }
        });
    }

    /** The text of a cell: computed already, or asked for in the background (empty until then). */
    private String text(PacketSummary row, String name) {
        if (row == null) {
            return "";
        }
        Map<String, String> m = values.cached(row.index());
        if (m != null && m.containsKey(name)) {
            return m.get(name);
        }
        request(row.index());
        return "";
    }

    private void request(int index) {
        Session s = session.get();
        if (s == null || !pending.add(index)) {
            return;
        }
        queue.offerFirst(new Job(generation, s, values, index, List.copyOf(names)));
        while (queue.size() > QUEUED) {
            Job old = queue.pollLast();
            if (old != null) {
                pending.remove(old.index()); // asked for again if its row is drawn again
            }
        }
        if (worker == null) {
            worker = new Thread(this::work, "flowinspector-columns");
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** One row to compute for the columns of its time. */
    private record Job(long generation, Session session, FieldValues into, int index, List<String> names) {
    }

    private void work() {
        while (true) {
            Job j;
            try {
                j = queue.takeFirst();
            } catch (InterruptedException e) {
                return;
            }
            try {
                j.into().compute(j.session(), j.index(), j.names());
            } catch (Exception e) {
                j.into().failed(j.index(), j.names()); // empty cells; selecting the packet says why it cannot be read
            }
            Platform.runLater(() -> done(j));
        }
    }

    private void done(Job j) {
        if (j.generation() != generation) {
            return;
        }
        pending.remove(j.index());
        if (!refreshQueued) {
            refreshQueued = true;
            Platform.runLater(() -> {
                refreshQueued = false;
                list.refresh();
            });
        }
    }
}
