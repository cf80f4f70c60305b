package dev.flowinspector.capture;

import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Transport;
import java.util.List;

/**
 * One captured export packet: when and where it came from and its payload (the NetFlow/IPFIX bytes).
 *
 * @param number      1-based frame number in the capture (numbering every captured frame, like Wireshark)
 * @param timeNanos   capture time, nanoseconds since the epoch
 * @param source      exporter
 * @param destination collector
 * @param transport   UDP, TCP, or NONE (IPFIX file, pasted hex)
 * @param payload     the export packet bytes
 * @param linkType    pcap link type of the original frame, or -1
 * @param frameBytes  the original frame as captured (for saving), or null
 * @param fileOffset  offset of the frame's record in its file, or -1
 * @param comment     frame comment (pcapng), or null
 * @param notes       transport findings (checksum, fragments, TCP), offsets relative to the payload
 */
public record Frame(long number, long timeNanos, Endpoint source, Endpoint destination, Transport transport,
                    byte[] payload, int linkType, byte[] frameBytes, long fileOffset, String comment,
                    List<Problem> notes) {

    public Frame {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The decode context for this frame. */
    public DecodeContext context() {
        return new DecodeContext(number, timeNanos, source, destination, transport);
    }
}
