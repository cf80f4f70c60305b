package dev.flowinspector.testutil;

import dev.flowinspector.ui.session.TreeNode;
import javafx.scene.control.TreeItem;

/** Finding nodes of the details tree in tests. */
public final class TreeItems {

    private TreeItems() {
    }

    /** The first node at or below {@code it} (depth first) with this dotted field name, or null. */
    public static TreeNode find(TreeItem<TreeNode> it, String fieldName) {
        if (it.getValue() != null && fieldName.equals(it.getValue().fieldName())) {
            return it.getValue();
        }
        for (TreeItem<TreeNode> c : it.getChildren()) {
            TreeNode n = find(c, fieldName);
            if (n != null) {
                return n;
            }
        }
        return null;
    }
}
