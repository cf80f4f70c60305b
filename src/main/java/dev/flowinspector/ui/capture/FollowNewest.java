package dev.flowinspector.ui.capture;

import javafx.scene.control.TableView;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * While a live capture runs, the packet list shows the newest rows as they arrive (as Wireshark's "automatic
 * scrolling in live capture"), until the user clicks or scrolls the list; the next capture follows again.
 */
public final class FollowNewest {

    private final TableView<?> table;
    private boolean userMoved;

    /** Follows the newest rows of this table until the user clicks or scrolls it. */
    public FollowNewest(TableView<?> table) {
        this.table = table;
        table.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> userMoved = true);
        table.addEventFilter(ScrollEvent.SCROLL, e -> userMoved = true);
    }

    /** A new capture starts: follow again. */
    public void restart() {
        userMoved = false;
    }

    /** Rows were added: shows the newest one unless the user moved in the list. Call on the FX thread. */
    public void rowsAdded() {
        int n = table.getItems().size();
        if (!userMoved && n > 0) {
            table.scrollTo(n - 1);
        }
    }
}
