package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.ExportPacket;

/** Visits packets in order during a {@link Session#scan}. */
@FunctionalInterface
public interface PacketVisitor {
    void visit(int index, Frame frame, ExportPacket packet);
}
