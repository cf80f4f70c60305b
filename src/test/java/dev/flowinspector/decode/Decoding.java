package dev.flowinspector.decode;

import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the decoder tests. */
final class Decoding {

    static final Endpoint EXPORTER_A = new Endpoint("192.0.2.1", 40000);
    static final Endpoint EXPORTER_B = new Endpoint("192.0.2.2", 40000);
    static final Endpoint COLLECTOR = new Endpoint("198.51.100.9", 4739);

    private Decoding() {
    }

    static DecodeContext ctx(long frame, Endpoint from, Transport t) {
        return new DecodeContext(frame, 0, from, COLLECTOR, t);
    }

    static DecodeContext udp(long frame) {
        return ctx(frame, EXPORTER_A, Transport.UDP);
    }

    /** Decodes bytes with a fresh decoder (standalone context). */
    static ExportPacket decode(byte[] b) {
        return new ExportDecoder().decode(b, DecodeContext.standalone(1));
    }

    static ExportPacket decode(Bytes b) {
        return decode(b.bytes());
    }

    /** Problem codes, in order. */
    static List<String> codes(ExportPacket p) {
        List<String> out = new ArrayList<>();
        for (Problem pr : p.problems()) {
            out.add(pr.code());
        }
        return out;
    }

    /** The first problem with this code, or null. */
    static Problem problem(ExportPacket p, String code) {
        for (Problem pr : p.problems()) {
            if (pr.code().equals(code)) {
                return pr;
            }
        }
        return null;
    }

    /** Data records of every data / options data set, in order. */
    static List<DataRecord> records(ExportPacket p) {
        List<DataRecord> out = new ArrayList<>();
        for (FlowSet s : p.sets()) {
            out.addAll(s.records());
        }
        return out;
    }

    static DataRecord record(ExportPacket p, int i) {
        return records(p).get(i);
    }
}
