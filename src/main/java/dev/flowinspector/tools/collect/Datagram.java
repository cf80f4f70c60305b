package dev.flowinspector.tools.collect;

import dev.flowinspector.decode.Endpoint;

/**
 * One received UDP datagram.
 *
 * @param data      payload
 * @param source    exporter
 * @param local     collector address and port it arrived on
 * @param timeNanos receive time, ns since the epoch
 */
public record Datagram(byte[] data, Endpoint source, Endpoint local, long timeNanos) {
}
