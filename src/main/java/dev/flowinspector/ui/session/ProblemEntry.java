package dev.flowinspector.ui.session;

import dev.flowinspector.decode.Problem;

/**
 * A problem and the packet it was found in, for the Expert Info list.
 *
 * @param index   0-based row of the packet in the session
 * @param frame   frame number
 * @param problem the problem (offsets relative to the export packet)
 */
public record ProblemEntry(int index, long frame, Problem problem) {
}
