package dev.flowinspector.tools.analyze;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.engine.filter.DisplayFilter;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads flows from the collector's JSON lines (gzip or plain) or from a capture (decoded with
 * {@link Decoding}; data whose template came later in the capture is decoded after the first pass).
 */
public final class FlowReader {

    private final List<String> warnings = new ArrayList<>();
    private DisplayFilter filter;

    /** Reads only the flow records this display filter matches (record-level: {@code analyze -Y}); null for all. */
    public FlowReader filter(DisplayFilter f) {
        filter = f == null || f.matchesAll() ? null : f;
        return this;
    }

    /** Problems met while reading (bad lines, damaged captures), each naming the file and place. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every flow in a file. */
    public List<FlowRow> read(Path file) throws IOException {
        List<FlowRow> out = new ArrayList<>();
        read(file, out::add);
        return out;
    }

    /** Streams the flows of a file. */
    public void read(Path file, Consumer<FlowRow> sink) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        boolean json = head.length >= 1 && (head[0] == '{' || head[0] == '[');
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
                byte[] first = in.readNBytes(1);
                json = first.length == 1 && first[0] == '{';
            } catch (IOException e) {
                throw new IOException(file + ": not a readable gzip file (" + e.getMessage() + ")");
            }
        }
        if (json) {
            readJson(file, gzip, sink);
        } else {
            readCapture(file, sink);
        }
    }

    private void readJson(Path file, boolean gzip, Consumer<FlowRow> sink) throws IOException {
        ObjectMapper m = new ObjectMapper(new JsonFactory());
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        long line = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(raw, 1 << 16) : raw,
                StandardCharsets.UTF_8), 1 << 16)) {
            String s;
            while (true) {
                try {
                    s = r.readLine();
                } catch (java.io.EOFException e) {
                    warnings.add(file + ": gzip data cut short after line " + line + " (file still being written?)");
                    break;
                }
                if (s == null) {
                    break;
                }
                line++;
                if (s.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = m.readTree(s);
                } catch (JsonParseException e) {
                    warnings.add(file + ": line " + line + ": not JSON (" + e.getOriginalMessage() + ")");
                    continue;
                }
                FlowRow f = fromJson(n);
                if (f != null && (filter == null || filter.matchesNamed(k -> jsonValue(n.get(k))))) {
                    sink.accept(f);
                }
            }
        }
    }

    /** A JSON value as the display filter reads it: Long, BigInteger, Double, Boolean, String or a List. */
    static Object jsonValue(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.asLong() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(jsonValue(x)));
            return out;
        }
        return v.isValueNode() ? v.asText() : null;
    }

    static FlowRow fromJson(JsonNode n) {
        String src = text(n, "sourceIPv4Address", "sourceIPv6Address");
        String dst = text(n, "destinationIPv4Address", "destinationIPv6Address");
        if (src == null || dst == null) {
            return null;
        }
        return new FlowRow(time(n, "flowStart"), time(n, "flowEnd"), src, dst,
                (int) num(n, 0, "sourceTransportPort"), (int) num(n, 0, "destinationTransportPort"),
                (int) num(n, 0, "protocolIdentifier"),
                num(n, 0, "octetDeltaCount", "octetTotalCount", "postOctetDeltaCount"),
                num(n, 0, "packetDeltaCount", "packetTotalCount", "postPacketDeltaCount"),
                num(n, 0, "bgpSourceAsNumber"), num(n, 0, "bgpDestinationAsNumber"),
                num(n, -1, "ingressInterface"), num(n, -1, "egressInterface"), n.path("exporter").asText(""));
    }

    private static String text(JsonNode n, String... names) {
        for (String k : names) {
            JsonNode v = n.get(k);
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        }
        return null;
    }

    private static long num(JsonNode n, long dflt, String... names) {
        for (String k : names) {
            JsonNode v = n.get(k);
            if (v != null && v.isNumber()) {
                return v.asLong();
            }
        }
        return dflt;
    }

    private static Instant time(JsonNode n, String k) {
        JsonNode v = n.get(k);
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private void readCapture(Path file, Consumer<FlowRow> sink) throws IOException {
        Decoding d = new Decoding(DecodingOptions.defaults());
        List<Frame> orphans = new ArrayList<>();
        try (CaptureReader r = CaptureFiles.open(file)) {
            Frame f;
            while ((f = r.next()) != null) {
                ExportPacket p = d.accept(f);
                boolean orphan = false;
                for (FlowSet s : p.sets()) {
                    if (s.kind() == SetKind.DATA && s.template() != null) {
                        rows(p, s, sink);
                    } else if (s.kind() == SetKind.DATA && s.template() == null && s.id() >= 256) {
                        orphan = true;
                    }
                }
                if (orphan) {
                    orphans.add(f);
                }
            }
            if (r.damage() != null) {
                warnings.add(r.damage());
            }
        }
        d.finish();
        for (Frame f : orphans) {
            ExportPacket p = d.redecode(f);
            for (FlowSet s : p.sets()) {
                if (s.kind() == SetKind.DATA && s.lateTemplate()) {
                    rows(p, s, sink);
                }
            }
        }
    }

    private void rows(ExportPacket p, FlowSet s, Consumer<FlowRow> sink) {
        for (DataRecord r : s.records()) {
            if (filter != null && !filter.matchesRecord(p, r)) {
                continue;
            }
            FlowRow f = fromRecord(p, r);
            if (f != null) {
                sink.accept(f);
            }
        }
    }

    static FlowRow fromRecord(ExportPacket p, DataRecord r) {
        String src = null;
        String dst = null;
        int sp = 0;
        int dp = 0;
        int proto = 0;
        long bytes = 0;
        long pkts = 0;
        long sas = 0;
        long das = 0;
        long in = -1;
        long out = -1;
        Instant start = null;
        Instant end = null;
        for (FieldValue f : r.fields()) {
            switch (f.name()) {
                case "sourceIPv4Address", "sourceIPv6Address" -> src = String.valueOf(f.value());
                case "destinationIPv4Address", "destinationIPv6Address" -> dst = String.valueOf(f.value());
                case "sourceTransportPort" -> sp = (int) f.asLong(0);
                case "destinationTransportPort" -> dp = (int) f.asLong(0);
                case "protocolIdentifier" -> proto = (int) f.asLong(0);
                case "octetDeltaCount", "octetTotalCount" -> bytes = f.asLong(0);
                case "packetDeltaCount", "packetTotalCount" -> pkts = f.asLong(0);
                case "bgpSourceAsNumber" -> sas = f.asLong(0);
                case "bgpDestinationAsNumber" -> das = f.asLong(0);
                case "ingressInterface" -> in = f.asLong(-1);
                case "egressInterface" -> out = f.asLong(-1);
                default -> {
                    Instant t = f.value() instanceof Instant i ? i
                            : f.child("absolute") != null && f.child("absolute").value() instanceof Instant i ? i : null;
                    if (t != null && f.name().startsWith("flowStart") && start == null) {
                        start = t;
                    } else if (t != null && f.name().startsWith("flowEnd") && end == null) {
                        end = t;
                    }
                }
            }
        }
        if (src == null || dst == null) {
            return null;
        }
        return new FlowRow(start, end, src, dst, sp, dp, proto, bytes, pkts, sas, das, in, out,
                p.context().source().toString());
    }
}
