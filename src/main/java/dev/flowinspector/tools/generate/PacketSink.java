package dev.flowinspector.tools.generate;

import java.io.IOException;

/** Where generated packets go: a UDP socket, a capture file, a test's list. */
public interface PacketSink extends AutoCloseable {

    /** Takes one packet. */
    void packet(GeneratedPacket p) throws IOException;

    /** True when packets should carry the expected values of their records (tests; costs time). */
    default boolean wantsRecords() {
        return false;
    }

    @Override
    default void close() throws IOException {
    }
}
