package dev.flowinspector.cli;

import dev.flowinspector.decode.ExportPacket;

/**
 * Turns one decoded export packet into output bytes (decode -F text, -F fields). Instances keep per-thread
 * scratch state: one instance per thread. Called only with packets the decoding thread handed over and no
 * longer touches (see {@link OutputPipeline}).
 */
@FunctionalInterface
interface PacketFormatter {

    /** Appends the packet's output to {@code out}. */
    void format(ExportPacket p, ByteText out);
}
