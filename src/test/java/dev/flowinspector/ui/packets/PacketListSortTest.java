package dev.flowinspector.ui.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.ui.session.PacketSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A click on a column header of a large list: sorted on a worker, the FX thread free meanwhile (TestFX). */
@ExtendWith(ApplicationExtension.class)
class PacketListSortTest {

    private static final int ROWS = 300_000;
    private static final Endpoint EXPORTER = new Endpoint("192.0.2.1", 2055);
    private PacketListView list;
    private PacketRows rows;

    @Start
    void start(Stage stage) {
        rows = new PacketRows(i -> new PacketSummary(i, i + 1, 1_000L * i, EXPORTER, 9, 0, i, 1, 0, 1,
                40 + (int) ((i * 2_654_435_761L) % 1000), null, 0, null, null));
        list = new PacketListView(rows);
        List<PacketSummary> all = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            all.add(rows.getSource(i));
        }
        rows.append(all);
        stage.setScene(new Scene(list, 800, 400));
        stage.show();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("sorting 300 000 rows by Length runs on a worker; the selected row stays selected")
    void sortOffFxThread() throws Exception {
        PacketSummary selected = fx(() -> {
            list.getSelectionModel().clearAndSelect(5);
            return list.getSelectionModel().getSelectedItem();
        });
        boolean sortingRightAfter = fx(() -> {
            TableColumn<PacketSummary, ?> length = list.getColumns().stream()
                    .filter(c -> c.getText().equals("Length")).findFirst().orElseThrow();
            length.setSortType(TableColumn.SortType.DESCENDING);
            list.getSortOrder().setAll(List.of(length));
            return rows.sorting();
        });
        assertTrue(sortingRightAfter, "the sort should run on a worker");
        assertEquals(5, (int) fx(() -> rows.get(5).index()), "the list keeps its order until the sort is done");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(rows::sorting));
        assertTrue(fx(() -> {
            for (int i = 1; i < rows.size(); i++) {
                PacketSummary a = rows.get(i - 1);
                PacketSummary b = rows.get(i);
                if (a.length() < b.length() || (a.length() == b.length() && a.index() > b.index())) {
                    return false;
                }
            }
            return true;
        }));
        assertEquals(selected.index(), (int) fx(() -> list.getSelectionModel().getSelectedItem().index()));
        assertEquals(-1.0, fx(() -> rows.sortProgressProperty().get()));
    }
}
