package dev.flowinspector.ui.details;

import dev.flowinspector.decode.Problem;
import dev.flowinspector.engine.filter.DisplayFilter;
import dev.flowinspector.engine.filter.FilterException;
import dev.flowinspector.ui.session.TreeNode;
import dev.flowinspector.ui.common.Severities;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The packet details tree, built from {@link TreeNode}s; copy as text, hex or JSON from the context menu. */
public final class DetailsView extends TreeView<TreeNode> {

    private final Map<TreeNode, TreeItem<TreeNode>> items = new IdentityHashMap<>();
    private byte[] data = new byte[0];
    private Consumer<String> onFilter = s -> { };
    private Consumer<String> onColumn = s -> { };

    public DetailsView() {
        super(new TreeItem<>());
        setId("details-tree");
        setShowRoot(false);
        setCellFactory(tv -> new TreeCell<>() {
            private final Tooltip tip = new Tooltip();

            {
                tip.setShowDelay(javafx.util.Duration.millis(400));
                tip.setShowDuration(javafx.util.Duration.seconds(30));
                tip.setWrapText(true);
                tip.setMaxWidth(520);
            }

            @Override
            protected void updateItem(TreeNode n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : n.label());
                String t = empty || n == null ? null : n.tooltip();
                tip.setText(t);
                setTooltip(t == null ? null : tip);
                Severities.apply(this, empty || n == null ? null : n.worst());
                getStyleClass().remove("problem-node");
                if (!empty && n != null && n.problem() != null) {
                    getStyleClass().add("problem-node");
                }
            }
        });
        MenuItem text = new MenuItem("Copy as text");
        text.setOnAction(e -> copy(selected() == null ? null : selected().toText()));
        MenuItem hex = new MenuItem("Copy bytes as hex");
        hex.setOnAction(e -> copy(hexOf(selected())));
        MenuItem json = new MenuItem("Copy as JSON");
        json.setOnAction(e -> copy(selected() == null ? null : selected().toJson()));
        MenuItem name = new MenuItem("Copy field name");
        name.setOnAction(e -> copy(selected() == null ? null : selected().fieldName()));
        MenuItem filter = new MenuItem("Apply as filter");
        filter.setOnAction(e -> {
            String f = filterFor(selected());
            if (f != null) {
                onFilter.accept(f);
            }
        });
        MenuItem column = new MenuItem("Apply as column");
        column.setId("details-apply-column");
        column.setOnAction(e -> {
            String f = columnFor(selected());
            if (f != null) {
                onColumn.accept(f);
            }
        });
        MenuItem expand = new MenuItem("Expand all");
        expand.setOnAction(e -> expandAll(getRoot(), true));
        MenuItem collapse = new MenuItem("Collapse all");
        collapse.setOnAction(e -> expandAll(getRoot(), false));
        ContextMenu menu = new ContextMenu(text, hex, json, name, new SeparatorMenuItem(), filter, column,
                new SeparatorMenuItem(), expand, collapse);
        menu.setOnShowing(e -> column.setDisable(columnFor(selected()) == null));
        setContextMenu(menu);
    }

    /** Called with a filter text for "Apply as filter". */
    public void setOnApplyFilter(Consumer<String> c) {
        onFilter = c;
    }

    /** Called with a field name for "Apply as column". */
    public void setOnApplyColumn(Consumer<String> c) {
        onColumn = c;
    }

    /** Shows a packet's tree; the bytes it points into (the frame, or the export payload) are kept for "copy bytes". */
    public void show(List<TreeNode> roots, byte[] bytes) {
        show(roots, bytes, false);
    }

    /**
     * Shows a packet's tree; with {@code again} (the same packet built anew, e.g. after reading ended and its
     * problems settled) the nodes stay open or closed as they were and the selected node stays selected, found by field
     * name and bytes.
     */
    public void show(List<TreeNode> roots, byte[] bytes, boolean again) {
        Map<NodeKey, Boolean> open = new java.util.HashMap<>();
        NodeKey chosen = null;
        if (again) {
            for (Map.Entry<TreeNode, TreeItem<TreeNode>> e : items.entrySet()) {
                open.put(NodeKey.of(e.getKey()), e.getValue().isExpanded());
            }
            chosen = selected() == null ? null : NodeKey.of(selected());
        }
        items.clear();
        data = bytes == null ? new byte[0] : bytes;
        TreeItem<TreeNode> root = new TreeItem<>();
        for (TreeNode n : roots) {
            root.getChildren().add(item(n, 0));
        }
        TreeItem<TreeNode> reselect = null;
        if (again) {
            for (Map.Entry<TreeNode, TreeItem<TreeNode>> e : items.entrySet()) {
                NodeKey k = NodeKey.of(e.getKey());
                Boolean was = open.get(k);
                if (was != null && !e.getValue().isLeaf()) {
                    e.getValue().setExpanded(was);
                }
                if (k.equals(chosen)) {
                    reselect = e.getValue();
                }
            }
        }
        setRoot(root);
        if (reselect != null) {
            getSelectionModel().select(reselect);
        }
    }

    /** What identifies a node across two builds of the same packet's tree (its label may change as problems settle). */
    private record NodeKey(String fieldName, int offset, int length, int depth) {
        static NodeKey of(TreeNode n) {
            int d = 0;
            for (TreeNode p = n.parent(); p != null; p = p.parent()) {
                d++;
            }
            return new NodeKey(n.fieldName(), n.offset(), n.length(), d);
        }
    }

    /** Clears the tree. */
    public void clear() {
        items.clear();
        data = new byte[0];
        setRoot(new TreeItem<>());
    }

    private TreeItem<TreeNode> item(TreeNode n, int depth) {
        TreeItem<TreeNode> it = new TreeItem<>(n);
        items.put(n, it);
        for (TreeNode c : n.children()) {
            it.getChildren().add(item(c, depth + 1));
        }
        // Wireshark opens the protocol layer; we also open what carries a problem
        it.setExpanded(depth == 0 && n.offset() >= 0 && n.fieldName() != null && n.fieldName().endsWith(".header")
                || n.worst() != null && n.problem() == null);
        return it;
    }

    /** The selected node, or null. */
    public TreeNode selected() {
        TreeItem<TreeNode> it = getSelectionModel().getSelectedItem();
        return it == null ? null : it.getValue();
    }

    /** Selects a node (expanding its parents) and scrolls to it. */
    public void select(TreeNode n) {
        TreeItem<TreeNode> it = items.get(n);
        if (it == null && n != null) { // a node of the tree shown before this packet's tree was built again
            NodeKey k = NodeKey.of(n);
            it = items.entrySet().stream().filter(e -> NodeKey.of(e.getKey()).equals(k)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        if (it == null) {
            return;
        }
        for (TreeItem<TreeNode> p = it.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        getSelectionModel().select(it);
        scrollIntoView(getRow(it));
    }

    /**
     * Scrolls so that the row is wholly visible, moving as little as possible (a row already in view stays where it
     * is; one below comes up to the last line, not just its top pixels).
     */
    private void scrollIntoView(int row) {
        if (row < 0) {
            return;
        }
        if (lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            layout(); // rows expanded just now are counted
            flow.scrollTo(row);
        } else {
            scrollTo(Math.max(0, row - 3));
        }
    }

    /** Selects the node showing this problem, if any. */
    public boolean selectProblem(Problem p) {
        for (TreeNode n : items.keySet()) {
            if (p.equals(n.problem())) {
                select(n);
                return true;
            }
        }
        return false;
    }

    private void expandAll(TreeItem<TreeNode> it, boolean on) {
        if (it != getRoot()) {
            it.setExpanded(on);
        }
        for (TreeItem<TreeNode> c : it.getChildren()) {
            expandAll(c, on);
        }
    }

    private String hexOf(TreeNode n) {
        if (n == null || n.offset() < 0 || n.offset() >= data.length) {
            return null;
        }
        int end = Math.min(data.length, n.offset() + n.length());
        return HexFormat.of().formatHex(data, n.offset(), end);
    }

    /** A display filter for a node: "field == value" when it has a simple value. */
    static String filterFor(TreeNode n) {
        if (n == null || n.fieldName() == null) {
            return null;
        }
        if (n.problem() != null) {
            return "problem == " + n.problem().code();
        }
        String f = n.fieldName();
        String leaf = f.substring(f.lastIndexOf('.') + 1);
        Object v = n.value();
        String field = f.startsWith("ipfix.") || f.matches("nf\\d+\\..*") ? leaf : f;
        if (f.matches("(nf\\d+|ipfix)\\.set\\.[A-Za-z]+")) {
            field = "set." + leaf; // set.id, set.length (not the packet's length)
        } else if (field.equals("set")) {
            field = "set.id";
        } else if (field.equals("template")) {
            field = "template.id";
        }
        String text = field;
        if (v instanceof Number) {
            text = field + " == " + v;
        } else if (v instanceof String s && !s.contains("\"")) {
            text = field + " == " + (s.matches("[0-9A-Za-z.:_\\[\\]-]+") ? s : "\"" + s + "\"");
        }
        try {
            DisplayFilter.parse(text);
            return text;
        } catch (FilterException e) {
            return null; // a structural node (header, record, frame) the filter has no field for
        }
    }

    /**
     * The column a node can become: its element name for a record field, its name for a header field
     * ({@code sysUptime}; {@code sequence} for every version's sequence number); null for structure, flags and
     * problems.
     */
    public static String columnFor(TreeNode n) {
        if (n == null || n.fieldName() == null || n.problem() != null || n.offset() < 0 || !n.children().isEmpty()
                && n.element() == null) {
            return null;
        }
        if (n.element() != null) {
            return n.element().name();
        }
        String f = n.fieldName();
        if (!f.matches("(nf\\d+|ipfix)\\.header\\.[A-Za-z0-9]+")) {
            return null;
        }
        String leaf = f.substring(f.lastIndexOf('.') + 1);
        // every version's header sequence number is the packet's "sequence", as in the display filter
        return leaf.matches("sequence|sequenceNumber|flowSequence") ? "sequence" : leaf;
    }

    private static void copy(String s) {
        if (s == null) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(s);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
