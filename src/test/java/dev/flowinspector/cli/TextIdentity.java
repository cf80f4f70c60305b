package dev.flowinspector.cli;

import dev.flowinspector.decode.ExportPacket;
import java.nio.charset.StandardCharsets;

/**
 * Checks that {@link TextTreeRenderer#render} writes exactly the text of the packet's {@link
 * dev.flowinspector.decode.PacketTree} walked node by node ({@link TextTreeRenderer#renderTree}, the way the text
 * output was made before the direct rendering). Also run on every packet the fuzz tests decode.
 */
public final class TextIdentity {

    /** One renderer per thread, kept across packets so its per-template caches are exercised too. */
    private static final ThreadLocal<TextTreeRenderer> RENDERER = ThreadLocal.withInitial(TextTreeRenderer::new);

    private TextIdentity() {
    }

    /**
     * Renders p both ways and throws {@link AssertionError} naming the first differing line when they differ.
     *
     * @return the text
     */
    public static String check(ExportPacket p) {
        TextTreeRenderer r = RENDERER.get();
        ByteText direct = new ByteText(4096);
        r.render(p, direct);
        ByteText tree = new ByteText(4096);
        r.renderTree(p, tree);
        byte[] da = bytes(direct);
        byte[] db = bytes(tree);
        String a = new String(da, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(da, db)) {
            String b = new String(db, StandardCharsets.UTF_8);
            String[] la = a.split("\n", -1);
            String[] lb = b.split("\n", -1);
            int i = 0;
            while (i < la.length && i < lb.length && la[i].equals(lb[i])) {
                i++;
            }
            if (i == la.length && i == lb.length) {
                i = 0; // same text, different bytes
            }
            throw new AssertionError("frame " + p.frame() + ": direct text differs from the tree's at line " + (i + 1)
                    + "\n  direct: " + (i < la.length ? la[i] : "(end)") + "\n  tree:   "
                    + (i < lb.length ? lb[i] : "(end)"));
        }
        return a;
    }

    private static byte[] bytes(ByteText t) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(t.length());
        try {
            t.drainTo(bytes, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
