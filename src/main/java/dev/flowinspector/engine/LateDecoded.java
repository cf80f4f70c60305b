package dev.flowinspector.engine;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;

/**
 * A frame decoded again because a template its data was missing arrived later (live capture): its data sets
 * are now decoded and marked "template from frame N (later)".
 *
 * @param frame         the earlier frame
 * @param packet        its new decoding (cross-packet problems included)
 * @param templateFrame the frame whose template made it decodable
 */
public record LateDecoded(Frame frame, ExportPacket packet, long templateFrame) {
}
