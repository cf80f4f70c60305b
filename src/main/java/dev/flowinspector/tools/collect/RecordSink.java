package dev.flowinspector.tools.collect;

import dev.flowinspector.decode.Endpoint;
import java.io.IOException;

/**
 * A destination for the collector's records besides its files (a Kafka topic): it gets every data set's
 * records as the JSON lines the files get, byte for byte. Called on the collector's decode thread only; it must
 * not block for long (a slow destination counts what it could not take rather than stall decoding).
 */
public interface RecordSink {

    /**
     * The records of one data set.
     *
     * @param exporter where the export packet came from
     * @param domain   its observation domain (IPFIX), source id (v9) or engine type/id (v5)
     * @param lines    {@code count} JSON objects in {@code lines[0, length)}, each followed by {@code '\n'}
     */
    void records(Endpoint exporter, long domain, byte[] lines, int length, int count);

    /** A short account for the collector's status line and summary (records delivered, failed, dropped). */
    String status();

    /** Delivers what is still buffered (waiting a bounded time) and releases the destination. */
    void close() throws IOException;
}
