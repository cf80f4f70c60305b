package dev.flowinspector.ui.session;

import dev.flowinspector.capture.Frame;
import java.util.ArrayList;
import java.util.List;

/** Keeps every frame in memory (small files, live captures, pasted packets). Thread-safe. */
public final class MemoryFrameStore implements FrameStore {

    private final List<Frame> frames = new ArrayList<>();

    @Override
    public synchronized void add(Frame frame) {
        frames.add(frame);
    }

    @Override
    public synchronized Frame get(int index) {
        return frames.get(index);
    }

    @Override
    public synchronized int size() {
        return frames.size();
    }
}
