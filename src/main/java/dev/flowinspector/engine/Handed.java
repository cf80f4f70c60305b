package dev.flowinspector.engine;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import java.util.List;

/**
 * A frame handed over to another thread before the capture is complete ({@link Decoding#handOver}), to be decoded
 * there by a {@link Decoding#handedReplay}.
 *
 * @param frame     the frame
 * @param templates the template history and learned types as they stood when it was handed over (null when
 *                  decoded is given)
 * @param cross     its cross-packet problems (final unless a frame before it lacked a template)
 * @param decoded   the packet already decoded, or null
 */
public record Handed(Frame frame, HistorySnapshot templates, List<Problem> cross, ExportPacket decoded) {
}
