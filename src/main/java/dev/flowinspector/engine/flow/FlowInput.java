package dev.flowinspector.engine.flow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.SetKind;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.DecodingOptions;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads flow records from any input {@code analyze} takes, recognised by its first bytes: the collector's JSON
 * lines (plain or gzip), captures (pcap, pcapng, IPFIX files, gzip too; decoded with late templates), nfcapd
 * files ({@link NfcapdReader}) and flow-tools files ({@link FlowToolsReader}); a directory is read recursively,
 * its files in name order (nfcapd's and flow-capture's names carry the time, so this is time order, as
 * {@code nfdump -R} reads). Options data teaches the {@link ExporterOptions}.
 */
public final class FlowInput {

    private static final int BUFFER = 1 << 16;
    private static final JsonFactory JSON = new JsonFactory();

    private final ExporterOptions options;
    private static final Map<String, Integer> SLOTS;

    static {
        Map<String, Integer> m = new HashMap<>();
        for (String n : FlowExtraction.NAMES) {
            m.put(n, m.size());
        }
        SLOTS = m; // a HashMap: field names are looked up once per value
    }
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Long> formats = new java.util.LinkedHashMap<>();

    public FlowInput(ExporterOptions options) {
        this.options = options;
    }

    /** Problems met while reading (bad lines, damaged files), each naming the file and place. */
    public List<String> warnings() {
        return warnings;
    }

    /** How many files of each format were read ("nfcapd (LZ4)": 3). */
    public Map<String, Long> formats() {
        return formats;
    }

    /** The files a path stands for: itself, or a directory's regular files, recursively, in path name order. */
    public static List<Path> expand(Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString(), null, "no such file");
        }
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /**
     * Streams the flows of a file or of every file under a directory; in a directory a file that cannot be
     * read becomes a warning and the next file is read.
     */
    public void read(Path p, Consumer<FlowRecord> sink) throws IOException {
        boolean dir = Files.isDirectory(p);
        for (Path f : expand(p)) {
            try (InputStream in = CaptureFiles.input(f)) {
                read(f.toString(), in, sink);
            } catch (IOException e) {
                if (!dir) {
                    throw e;
                }
                warnings.add(e.getMessage() + " (skipped)");
            }
        }
    }

    /**
     * Streams the flows of one input (a file's bytes or standard input), whatever its format. A stream that can
     * mark and reset ({@link CaptureFiles#input}) is read as it is; any other is buffered here.
     */
    public void read(String name, InputStream raw, Consumer<FlowRecord> sink) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, BUFFER);
        in.mark(BUFFER);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (head.length == 0) {
            warnings.add(name + ": empty");
            return;
        }
        boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        if (gzip) {
            in.mark(BUFFER);
            int first;
            try {
                first = new GZIPInputStream(in, 512).read();
            } catch (IOException e) {
                throw new IOException(name + ": not a readable gzip file (" + e.getMessage() + ")");
            }
            in.reset();
            if (first == '{') {
                count("JSON lines (gzip)");
                json(name, new GZIPInputStream(in, BUFFER), sink);
                return;
            }
        } else if (head[0] == '{') {
            count("JSON lines");
            json(name, in, sink);
            return;
        } else if (NfcapdReader.matches(head)) {
            NfcapdReader r = new NfcapdReader(name, in);
            r.read(sink);
            count("nfcapd " + r.layout());
            return;
        } else if (FlowToolsReader.matches(head)) {
            FlowToolsReader r = new FlowToolsReader(name, in);
            r.read(sink);
            count("flow-tools " + r.describe());
            return;
        }
        count("capture");
        capture(name, in, sink);
    }

    private void count(String format) {
        formats.merge(format, 1L, Long::sum);
    }

    /**
     * JSON lines: read in blocks of whole lines, one byte-level parser per block (the parse is what costs); a
     * line that is not a JSON object is reported with its number and skipped.
     */
    private void json(String name, InputStream in, Consumer<FlowRecord> sink) throws IOException {
        Object[] values = new Object[SLOTS.size()];
        java.util.function.Function<String, Object> get = k -> {
            Integer i = SLOTS.get(k);
            return i == null ? null : values[i];
        };
        java.util.IdentityHashMap<String, Integer> seen = new java.util.IdentityHashMap<>();
        byte[] buf = new byte[1 << 22];
        int len = 0;
        long lineBase = 1; // line number of buf[0]
        boolean eof = false;
        while (!eof || len > 0) {
            if (!eof) {
                int n = in.readNBytes(buf, len, buf.length - len);
                eof = len + n < buf.length;
                len += n;
            }
            int end = len;
            if (!eof) {
                while (end > 0 && buf[end - 1] != '\n') {
                    end--;
                }
                if (end == 0) { // a line longer than the buffer
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    continue;
                }
            }
            lineBase = jsonBlock(name, buf, 0, end, lineBase, values, get, seen, sink);
            System.arraycopy(buf, end, buf, 0, len - end);
            len -= end;
        }
    }

    /** Parses the lines in buf[from, to); returns the number of the line after them. */
    private long jsonBlock(String name, byte[] buf, int from, int to, long lineBase, Object[] values,
                           java.util.function.Function<String, Object> get, java.util.IdentityHashMap<String, Integer> seen,
                           Consumer<FlowRecord> sink) throws IOException {
        int start = from;
        long line = lineBase;
        while (start < to) {
            try (JsonParser p = JSON.createParser(buf, start, to - start)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t != JsonToken.START_OBJECT) {
                        throw new JsonParseException(p, "not a JSON object");
                    }
                    java.util.Arrays.fill(values, null);
                    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        Integer slot = seen.get(k); // the parser hands out the same String for a name
                        if (slot == null) {
                            slot = SLOTS.getOrDefault(k, -1);
                            if (seen.size() < 4096) {
                                seen.put(k, slot);
                            }
                        }
                        JsonToken v = p.nextToken();
                        if (slot < 0) {
                            p.skipChildren();
                            continue;
                        }
                        switch (v) {
                            case VALUE_NUMBER_INT -> {
                                if (p.getNumberType() == JsonParser.NumberType.INT
                                        || p.getNumberType() == JsonParser.NumberType.LONG) {
                                    values[slot] = p.getLongValue();
                                }
                            }
                            case VALUE_STRING -> values[slot] = p.getText();
                            case VALUE_TRUE -> values[slot] = Boolean.TRUE;
                            case VALUE_FALSE -> values[slot] = Boolean.FALSE;
                            default -> p.skipChildren();
                        }
                    }
                    if (t != JsonToken.END_OBJECT) {
                        throw new JsonParseException(p, "not a JSON object");
                    }
                    if (Boolean.TRUE.equals(get.apply("options"))) {
                        FlowExtraction.learnOptionsJson(get, options, name + " line "
                                + (line + p.currentLocation().getLineNr() - 1));
                        continue;
                    }
                    FlowRecord f = FlowExtraction.ofJson(get, options);
                    if (f != null) {
                        sink.accept(f);
                    }
                }
                return lineBase + count(buf, from, to);
            } catch (JsonParseException e) {
                long at = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
                long bad = line + at - 1;
                warnings.add(name + ": line " + bad + ": not JSON (" + e.getOriginalMessage() + ")");
                // resume after the bad line
                int skip = (int) (at);
                int pos = start;
                while (skip > 0 && pos < to) {
                    if (buf[pos++] == '\n') {
                        skip--;
                    }
                }
                start = pos;
                line = bad + 1;
            }
        }
        return lineBase + count(buf, from, to);
    }

    private static long count(byte[] b, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Decodes a capture; data whose template came later is decoded after the first pass. */
    private void capture(String name, InputStream in, Consumer<FlowRecord> sink) throws IOException {
        Decoding d = new Decoding(DecodingOptions.defaults());
        List<Frame> orphans = new ArrayList<>();
        int row = 0;
        try (CaptureReader r = CaptureFiles.open(name, in, -1, ExportPorts.defaults())) {
            r.dropFrameBytes(); // decoded into flow records, never saved
            Frame f;
            while ((f = r.next()) != null) {
                ExportPacket p = d.accept(f);
                boolean orphan = false;
                for (FlowSet s : p.sets()) {
                    if (s.kind() == SetKind.DATA && s.template() != null) {
                        for (DataRecord rec : s.records()) {
                            FlowRecord fr = FlowExtraction.of(p, rec, row, options);
                            if (fr != null) {
                                sink.accept(fr);
                            }
                        }
                    } else if (s.kind() == SetKind.OPTIONS_DATA && s.template() != null) {
                        for (DataRecord rec : s.records()) {
                            FlowExtraction.learnOptions(p, rec, options, "frame " + p.frame());
                        }
                    } else if (s.kind() == SetKind.DATA && s.template() == null && s.id() >= 256) {
                        orphan = true;
                    }
                }
                if (orphan) {
                    orphans.add(f);
                }
                row++;
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
                    for (DataRecord rec : s.records()) {
                        FlowRecord fr = FlowExtraction.of(p, rec, -1, options);
                        if (fr != null) {
                            sink.accept(fr);
                        }
                    }
                }
            }
        }
    }
}
