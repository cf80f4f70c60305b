package dev.flowinspector.ui.common;

import javafx.animation.AnimationTimer;

/** Work timed by the FX thread's pulses (the frames it lays out and hands to the renderer). */
public final class Pulses {

    private Pulses() {
    }

    /**
     * Runs r on the FX thread at the start of the n-th pulse from now. A pulse hands its frame to the renderer and
     * the next one waits for that frame before handing over its own, so with n = 3 what the current FX work
     * changed has been laid out (pulse 1) and drawn (by pulse 2's end) when r runs.
     */
    public static void after(int n, Runnable r) {
        new AnimationTimer() {
            private int left = n;

            @Override
            public void handle(long now) {
                if (--left <= 0) {
                    stop();
                    r.run();
                }
            }
        }.start();
    }
}
