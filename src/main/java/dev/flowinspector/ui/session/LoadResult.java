package dev.flowinspector.ui.session;

/**
 * How reading a capture ended.
 *
 * @param packets   export packets read
 * @param skipped   frames that were not export packets
 * @param damage    why reading stopped early (file, frame, byte offset), or null
 * @param cancelled true when the user stopped it
 * @param millis    time taken
 */
public record LoadResult(int packets, long skipped, String damage, boolean cancelled, long millis) {

    /** One line for the status bar. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(packets).append(packets == 1 ? " export packet" : " export packets");
        if (skipped > 0) {
            sb.append(", ").append(skipped).append(" other frames skipped");
        }
        sb.append(" in ").append(millis).append(" ms");
        if (cancelled) {
            sb.append(" (stopped; what was read so far is shown)");
        }
        if (damage != null) {
            sb.append(" — ").append(damage);
        }
        return sb.toString();
    }
}
