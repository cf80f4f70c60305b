package dev.flowinspector.cli;

import dev.flowinspector.decode.DecodeNode;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Problem;
import java.nio.charset.StandardCharsets;

/**
 * The indented tree of decode's text output (like tshark -V), built with {@link PacketTree}: a title line per
 * packet, the tree, a blank line. One instance per thread.
 */
final class TextFormatter {

    private static final byte[] INDENT = "    ".repeat(64).getBytes(StandardCharsets.US_ASCII);
    private final StringBuilder sb = new StringBuilder(256);

    /** Appends the packet's tree to {@code out}. */
    void render(ExportPacket p, ByteText out) {
        sb.setLength(0);
        sb.append("Frame ").append(p.frame());
        if (p.context().timeNanos() != 0) {
            sb.append(": ").append(PacketTree.isoTime(p.context().timeNanos()));
        }
        sb.append(", ").append(p.context().source()).append(" → ").append(p.context().destination())
                .append(" (").append(p.context().transport()).append("), ").append(p.data().length)
                .append(" bytes\n");
        out.put(sb);
        render(PacketTree.build(p), 1, out);
        out.put('\n');
    }

    private static void render(DecodeNode n, int depth, ByteText out) {
        indent(depth, out);
        out.put(n.label()).put('\n');
        for (Problem pr : n.problems()) {
            indent(depth + 1, out);
            out.put('[').put(pr.severity().label()).put(' ').put(pr.code()).put("] ").put(pr.message()).put('\n');
        }
        for (DecodeNode c : n.children()) {
            render(c, depth + 1, out);
        }
    }

    private static void indent(int depth, ByteText out) {
        int n = 4 * (depth - 1);
        while (n > 0) {
            int k = Math.min(n, INDENT.length);
            out.put(INDENT, k);
            n -= k;
        }
    }
}
