package dev.flowinspector.decode.health;

import dev.flowinspector.decode.ExportPacket;
import java.util.ArrayList;
import java.util.List;

/**
 * The export packets that belong to no exporter stream: of a version without one, or with a header too short to say
 * whose they are. They are export packets (counted, with their problems) but in no stream's health. Filled by
 * {@link CrossPacketAnalyzer} on its thread; read when the analysis is done.
 */
public final class StreamlessPackets {

    /** How many of their frames {@link #frames} names. */
    public static final int FRAMES = 10;

    private long packets;
    private long problems;
    private final List<Long> frames = new ArrayList<>();

    void add(ExportPacket p) {
        packets++;
        problems += p.problems().size();
        if (frames.size() < FRAMES) {
            frames.add(p.frame());
        }
    }

    /** How many export packets belong to no stream. */
    public long packets() {
        return packets;
    }

    /** Their problems (as decoded, with the frame's notes). */
    public long problems() {
        return problems;
    }

    /** The frames of the first {@link #FRAMES} of them. */
    public List<Long> frames() {
        return List.copyOf(frames);
    }
}
