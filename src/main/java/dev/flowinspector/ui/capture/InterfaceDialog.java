package dev.flowinspector.ui.capture;

import dev.flowinspector.capture.CaptureException;
import dev.flowinspector.capture.InterfaceCapture;
import dev.flowinspector.capture.InterfaceInfo;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Chooses what to capture live: an interface (with its addresses), a BPF capture filter (default: the NetFlow/IPFIX
 * ports) and promiscuous mode. Without libpcap or without permission to list interfaces, it says so and how to fix
 * it instead of listing.
 */
public final class InterfaceDialog extends Dialog<InterfaceCapture.Options> {

    private final ListView<InterfaceInfo> list = new ListView<>();
    private final TextField filter = new TextField(InterfaceCapture.DEFAULT_FILTER);
    private final CheckBox promiscuous = new CheckBox("Promiscuous mode (also frames not addressed to this host)");
    private final Label message = new Label();
    private final LiveLimits limits = new LiveLimits();

    public InterfaceDialog() {
        setTitle("Capture on interface");
        setHeaderText("Capture NetFlow/IPFIX exports on a network interface (libpcap)");
        list.setId("interface-list");
        filter.setId("interface-filter");
        promiscuous.setId("interface-promiscuous");
        message.setId("interface-message");
        message.setWrapText(true);
        list.setPrefHeight(200);
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(InterfaceInfo i, boolean empty) {
                super.updateItem(i, empty);
                setText(empty || i == null ? null : i.label());
            }
        });
        try {
            List<InterfaceInfo> all = InterfaceCapture.interfaces();
            list.getItems().setAll(all);
            all.stream().filter(i -> i.up() && !i.loopback() && !i.addresses().isEmpty()).findFirst()
                    .or(() -> all.stream().findFirst()).ifPresent(list.getSelectionModel()::select);
            if (all.isEmpty()) {
                message.setText("No interfaces found: capturing needs permission (run `sudo "
                        + "flowinspector-capture-setup --user $USER`), or use Listen on UDP port instead.");
            }
        } catch (CaptureException e) {
            message.setText(e.getMessage());
        }
        message.setVisible(!message.getText().isEmpty());
        message.setManaged(message.isVisible());
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(8, message, new Label("Interface:"), list, new Label("Capture filter (BPF):"), filter,
                promiscuous, limits);
        box.setPrefWidth(620);
        getDialogPane().setContent(box);
        ButtonType start = new ButtonType("Start", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(start, ButtonType.CANCEL);
        getDialogPane().lookupButton(start).setId("interface-start");
        getDialogPane().lookupButton(start).disableProperty().bind(Bindings.isNull(
                list.getSelectionModel().selectedItemProperty()));
        setResultConverter(b -> b == start ? options() : null);
    }

    /** The stop conditions and ring buffer asked for. */
    public LiveLimits limits() {
        return limits;
    }

    /** What the dialog asks for as it stands. */
    public InterfaceCapture.Options options() {
        InterfaceInfo i = list.getSelectionModel().getSelectedItem();
        return InterfaceCapture.Options.of(i == null ? null : i.name()).withFilter(filter.getText())
                .withPromiscuous(promiscuous.isSelected());
    }
}
