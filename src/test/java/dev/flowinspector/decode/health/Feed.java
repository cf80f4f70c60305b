package dev.flowinspector.decode.health;

import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Transport;
import java.util.ArrayList;
import java.util.List;

/** Decodes test packets in order and runs the cross-packet analyzer over them, as a capture would. */
final class Feed {

    static final Endpoint A = new Endpoint("192.0.2.1", 50000);
    static final Endpoint B = new Endpoint("192.0.2.2", 50000);
    static final Endpoint COLLECTOR = new Endpoint("192.0.2.100", 2055);
    /** 2020-01-01T00:00:00Z in seconds. */
    static final long T0 = 1_577_836_800L;

    final ExportDecoder decoder = new ExportDecoder();
    final CrossPacketAnalyzer analyzer;
    long frame;
    final List<ExportPacket> packets = new ArrayList<>();

    Feed() {
        this(HealthOptions.DEFAULTS);
    }

    Feed(HealthOptions o) {
        analyzer = new CrossPacketAnalyzer(o, decoder.cache().policy());
    }

    /** Feeds a packet from A captured at T0 + secs; returns the cross-packet problems raised for it. */
    List<Problem> at(double secs, byte[] payload) {
        return from(A, secs, payload);
    }

    List<Problem> from(Endpoint src, double secs, byte[] payload) {
        frame++;
        long nanos = (long) ((T0 + secs) * 1e9);
        ExportPacket p = decoder.decode(payload, new DecodeContext(frame, nanos, src, COLLECTOR, Transport.UDP));
        packets.add(p);
        return analyzer.accept(p);
    }

    static List<String> codes(List<Problem> ps) {
        List<String> out = new ArrayList<>();
        for (Problem p : ps) {
            out.add(p.code());
        }
        return out;
    }
}
