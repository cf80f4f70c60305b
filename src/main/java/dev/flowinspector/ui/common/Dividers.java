package dev.flowinspector.ui.common;

import javafx.collections.ListChangeListener;
import javafx.scene.control.SplitPane;

/** Split panes whose dividers stay where the user left them (kept in the settings by pane name). */
public final class Dividers {

    private Dividers() {
    }

    /** Puts the dividers where they were left (else at the defaults) and remembers where they are moved to. */
    public static void remember(SplitPane pane, Settings settings, String name, double... defaults) {
        pane.setDividerPositions(settings.dividers(name, defaults));
        Runnable save = () -> settings.setDividers(name, pane.getDividerPositions());
        for (SplitPane.Divider d : pane.getDividers()) {
            d.positionProperty().addListener((o, a, b) -> save.run());
        }
        pane.getDividers().addListener((ListChangeListener<SplitPane.Divider>) c -> {
            while (c.next()) {
                for (SplitPane.Divider d : c.getAddedSubList()) {
                    d.positionProperty().addListener((o, a, b) -> save.run());
                }
            }
        });
    }
}
