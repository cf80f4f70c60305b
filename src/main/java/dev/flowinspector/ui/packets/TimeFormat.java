package dev.flowinspector.ui.packets;

/** How the packet list's Time column shows a packet's capture time (View > Time Display Format). */
public enum TimeFormat {
    /** Time of day, local: "14:03:07.123456". */
    ABSOLUTE("Time of Day"),
    /** Seconds since the first packet of the capture (Wireshark's default). */
    SINCE_START("Seconds Since Start of Capture"),
    /** Seconds since the packet before it in the capture. */
    DELTA_PREVIOUS("Seconds Since Previous Packet"),
    /** Seconds since the packet before it from the same exporter (address and port); empty for its first. */
    DELTA_SAME_EXPORTER("Seconds Since Previous Packet of the Same Exporter");

    private final String label;

    TimeFormat(String label) {
        this.label = label;
    }

    /** The menu text. */
    public String label() {
        return label;
    }

    /** The format named, or {@code otherwise}. */
    public static TimeFormat parse(String name, TimeFormat otherwise) {
        for (TimeFormat f : values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return otherwise;
    }
}
