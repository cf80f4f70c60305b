package dev.flowinspector.ui.session;

import java.util.List;

/**
 * What the details tree and the bytes pane show for one export packet: the tree, with every offset counted in
 * {@code bytes}, and where the export payload lies in them (marked in the bytes pane). Built by
 * {@link PacketTreeBuilder#frame}.
 *
 * @param roots         the top-level nodes: frame, link, network and transport layers, then the export packet
 * @param bytes         the whole frame as captured, or the export payload alone when no frame is kept for it
 * @param payloadOffset first byte of the export payload in {@code bytes}
 * @param payloadLength its length
 * @param note          why only the export payload is shown (reassembled, TCP stream, pasted payload...), or null
 *                      when {@code bytes} is the whole frame
 */
public record FrameTree(List<TreeNode> roots, byte[] bytes, int payloadOffset, int payloadLength, String note) {

    public FrameTree {
        roots = List.copyOf(roots);
    }

    /** True when {@code bytes} is the whole captured frame. */
    public boolean wholeFrame() {
        return note == null;
    }
}
