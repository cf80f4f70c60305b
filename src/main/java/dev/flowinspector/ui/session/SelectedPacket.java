package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;
import java.io.IOException;
import java.util.List;

/**
 * What the window shows for the packet selected in the list: its frame, the packet decoded again, its display tree
 * and the template cache as it stood at it. Made off the FX thread (the main window's selection, and
 * {@code SessionBench} measuring what a click costs).
 *
 * @param row       the list row selected
 * @param frame     its frame, read again
 * @param packet    the export packet in it, decoded again
 * @param shown     the display tree of frame and packet and the bytes it points into (the whole frame when kept)
 * @param templates the template cache at the packet's frame
 */
public record SelectedPacket(PacketSummary row, Frame frame, ExportPacket packet, FrameTree shown,
                             TemplateSnapshot templates) {

    /** The display tree's top-level nodes. */
    public List<TreeNode> tree() {
        return shown.roots();
    }

    /** Reads and decodes the row's packet again and builds what the window shows for it. */
    public static SelectedPacket of(Session session, PacketSummary row) throws IOException {
        Frame f = session.frame(row.index());
        ExportPacket p = session.packet(row.index());
        return new SelectedPacket(row, f, p, PacketTreeBuilder.frame(f, p), session.templatesAt(row.number()));
    }
}
