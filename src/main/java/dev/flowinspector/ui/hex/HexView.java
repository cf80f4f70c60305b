package dev.flowinspector.ui.hex;

import java.util.function.IntConsumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The bytes pane: offset, 16 hex bytes and ASCII per line (virtualized: one cell per visible line).
 * {@link #highlight} marks [offset, offset+length); {@link #setPayload} tints the export payload inside a whole frame;
 * a click on a byte reports its offset.
 */
public final class HexView extends ListView<Integer> {

    private static final int PER_LINE = 16;
    private final Font font = Font.font("Monospaced", 12);
    private final double charW;
    private final double lineH;
    private byte[] data = new byte[0];
    private final IntegerProperty selStart = new SimpleIntegerProperty(-1);
    private final IntegerProperty selLength = new SimpleIntegerProperty(0);
    private IntConsumer onByteClicked = b -> { };
    private Color text = Color.BLACK;
    private Color dim = Color.GRAY;
    private Color mark = Color.web("#9cc3f5");
    private Color payloadTint = Color.web("#fbefc4");
    private int payloadStart = -1;
    private int payloadLength;

    public HexView() {
        Text probe = new Text("0123456789");
        probe.setFont(font);
        charW = probe.getLayoutBounds().getWidth() / 10;
        lineH = Math.ceil(probe.getLayoutBounds().getHeight()) + 2;
        getStyleClass().add("hex-view");
        setFixedCellSize(lineH);
        setCellFactory(lv -> new Line());
        setFocusTraversable(true);
    }

    /** Uses dark-theme colours. */
    public void setDark(boolean dark) {
        text = dark ? Color.web("#e0e0e0") : Color.BLACK;
        dim = dark ? Color.web("#909090") : Color.GRAY;
        mark = dark ? Color.web("#2d5d9a") : Color.web("#9cc3f5");
        payloadTint = dark ? Color.web("#4a4126") : Color.web("#fbefc4");
        refresh();
    }

    /** Shows new bytes and clears the highlight and the payload tint. */
    public void setData(byte[] bytes) {
        data = bytes == null ? new byte[0] : bytes;
        payloadStart = -1;
        payloadLength = 0;
        selStart.set(-1);
        selLength.set(0);
        int lines = (data.length + PER_LINE - 1) / PER_LINE;
        getItems().setAll(FXCollections.observableArrayList(java.util.stream.IntStream.range(0, lines).boxed().toList()));
        refresh();
    }

    public byte[] data() {
        return data;
    }

    /** Tints [offset, offset+length) as the export payload inside the frame shown; offset -1 removes the tint. */
    public void setPayload(int offset, int length) {
        payloadStart = offset;
        payloadLength = offset < 0 ? 0 : length;
        refresh();
    }

    /** First byte of the tinted export payload, or -1 when none is tinted. */
    public int payloadStart() {
        return payloadStart;
    }

    /** Bytes of the tinted export payload. */
    public int payloadLength() {
        return payloadLength;
    }

    /** Highlights [offset, offset+length) and scrolls to it; offset -1 clears. */
    public void highlight(int offset, int length) {
        selStart.set(offset);
        selLength.set(offset < 0 ? 0 : Math.max(length, 1));
        if (offset >= 0 && offset < data.length) {
            int line = offset / PER_LINE;
            scrollTo(Math.max(0, line - 2));
        }
        refresh();
    }

    /** First highlighted byte, or -1. */
    public IntegerProperty selectionStartProperty() {
        return selStart;
    }

    /** Number of highlighted bytes. */
    public IntegerProperty selectionLengthProperty() {
        return selLength;
    }

    /** Called with the offset of a clicked byte. */
    public void setOnByteClicked(IntConsumer c) {
        onByteClicked = c;
    }

    /** The byte offset at x within a line, or -1 (hex or ASCII column). */
    int byteAtX(int line, double x) {
        int col = (int) Math.floor(x / charW);
        int hexStart = 10;
        int idx = -1;
        if (col >= hexStart && col < hexStart + PER_LINE * 3 + 1) {
            int c = col - hexStart;
            if (c >= 24) {
                c -= 1;
            }
            idx = c / 3;
        } else {
            int asc = hexStart + PER_LINE * 3 + 2;
            if (col >= asc && col < asc + PER_LINE) {
                idx = col - asc;
            }
        }
        if (idx < 0 || idx >= PER_LINE) {
            return -1;
        }
        int b = line * PER_LINE + idx;
        return b < data.length ? b : -1;
    }

    /** Simulates a click on a byte (for keyboard use and tests). */
    public void clickByte(int offset) {
        if (offset >= 0 && offset < data.length) {
            onByteClicked.accept(offset);
        }
    }

    private final class Line extends ListCell<Integer> {
        private final Canvas canvas = new Canvas();

        Line() {
            canvas.setWidth(charW * (10 + PER_LINE * 3 + 2 + PER_LINE + 2));
            canvas.setHeight(lineH);
            setText(null);
            canvas.setOnMouseClicked(e -> {
                Integer line = getItem();
                if (line != null) {
                    int b = byteAtX(line, e.getX());
                    if (b >= 0) {
                        onByteClicked.accept(b);
                    }
                }
            });
        }

        @Override
        protected void updateItem(Integer line, boolean empty) {
            super.updateItem(line, empty);
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            draw(line);
            setGraphic(canvas);
        }

        private void draw(int line) {
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.setFont(font);
            double base = lineH - 4;
            int start = line * PER_LINE;
            int s = selStart.get();
            int e = s + selLength.get();
            g.setFill(dim);
            g.fillText(String.format("%08x", start), 0, base);
            int asc = 10 + PER_LINE * 3 + 2;
            for (int i = 0; i < PER_LINE && start + i < data.length; i++) {
                int b = start + i;
                int col = 10 + i * 3 + (i >= 8 ? 1 : 0);
                boolean on = s >= 0 && b >= s && b < e;
                boolean pay = payloadStart >= 0 && b >= payloadStart && b < payloadStart + payloadLength;
                if (pay && !on) {
                    boolean nextPay = b + 1 < payloadStart + payloadLength && i + 1 < PER_LINE
                            && !(s >= 0 && b + 1 >= s && b + 1 < e);
                    g.setFill(payloadTint);
                    g.fillRect(col * charW - 1, 1, (nextPay ? 3 + (i == 7 ? 1 : 0) : 2) * charW + 1, lineH - 2);
                    g.fillRect((asc + i) * charW, 1, charW, lineH - 2);
                }
                if (on) {
                    g.setFill(mark);
                    boolean nextOn = b + 1 < e && i + 1 < PER_LINE;
                    g.fillRect(col * charW - 1, 1, (nextOn ? 3 + (i == 7 ? 1 : 0) : 2) * charW + 1, lineH - 2);
                    g.fillRect((asc + i) * charW, 1, charW, lineH - 2);
                }
                g.setFill(text);
                int v = data[b] & 0xff;
                g.fillText(String.format("%02x", v), col * charW, base);
                g.fillText(v >= 0x20 && v < 0x7f ? String.valueOf((char) v) : ".", (asc + i) * charW, base);
            }
        }
    }
}
