package dev.flowinspector.cli;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.capture.HexPasteException;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Template;
import dev.flowinspector.session.Decoding;
import dev.flowinspector.session.DecodingOptions;
import dev.flowinspector.session.PacketJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowinspector decode}: every export packet of a capture as a tree (like tshark -V) or JSON lines. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode the NetFlow/IPFIX export packets of a capture (pcap, pcapng, IPFIX file; '-' reads "
                + "standard input) or of one hex payload.",
            "Exit status: 0 when the input was read (problems are findings, not failures), 2 when it could not be."})
public final class DecodeCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, jsonl, fields }

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = "--hex", paramLabel = "HEX", description = "Decode pasted hex instead of a file ('-' reads it from "
            + "standard input): a hex stream, xxd, hexdump -C, od -x, tcpdump -X/-xx, Wireshark hex dump, C or Python "
            + "byte literals; starting at Ethernet, IP, UDP or the NetFlow/IPFIX header; several packets separated by "
            + "blank lines.")
    String hex;

    @Option(names = {"-F", "--format"}, defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-e", "--field"}, paramLabel = "NAME", description = "With -F fields: an element name to print "
            + "(repeatable), e.g. -e sourceIPv4Address -e octetDeltaCount; also frame, time, src, version, domain.")
    List<String> fieldNames = new ArrayList<>();

    @Option(names = "--problems", description = "Print only the problems found, one per line.")
    boolean problemsOnly;

    @Option(names = "--one-pass", description = "Decode in one pass like tshark: data whose template comes later stays undecoded.")
    boolean onePass;

    @picocli.CommandLine.Mixin
    CaptureOptions capture = new CaptureOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Writer w = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        try {
            Output out = problemsOnly ? new ProblemsOutput(w) : switch (format) {
                case jsonl -> new JsonOutput(w);
                case fields -> new FieldsOutput(w, rawOut(), fieldNames);
                default -> new TextOutput(w, rawOut());
            };
            if (format == Format.fields && fieldNames.isEmpty()) {
                err.println("flowinspector decode: -F fields needs at least one -e NAME");
                return 2;
            }
            if (hex != null) {
                return pasted(hex.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : hex, out, err);
            }
            if (file == null) {
                err.println("flowinspector decode: give a capture FILE, '-' for standard input, or --hex HEX");
                return 2;
            }
            ExportPorts ep = capture.exportPorts();
            DecodingOptions opts = capture.decodingOptions();
            boolean twoPass = !onePass && !file.equals("-");
            Decoding decoding = new Decoding(opts);
            if (twoPass) {
                // first pass: every template, cross-packet problem and late definition, so data sent
                // before its template decodes too
                try (CaptureReader r = open(ep)) {
                    Frame f;
                    boolean dataOnly = format == Format.fields && !problemsOnly;
                    while ((f = r.next()) != null) {
                        if (dataOnly) {
                            decoding.skim(f); // templates only: fields output shows no problems
                        } else {
                            decoding.accept(f);
                        }
                    }
                }
                decoding.finish();
            }
            long packets = 0;
            String damage;
            long skipped;
            try (CaptureReader r = open(ep)) {
                Frame f;
                while ((f = r.next()) != null) {
                    out.packet(twoPass ? decoding.redecode(f) : decoding.accept(f), f);
                    packets++;
                }
                damage = r.damage();
                skipped = r.skipped();
            }
            out.finish();
            w.flush();
            if (damage != null) {
                err.println("flowinspector decode: " + damage + " (" + packets + " export packets read before it)");
            }
            if (packets == 0) {
                err.println("flowinspector decode: " + file + ": no NetFlow/IPFIX packets found (" + skipped
                        + " other frames); add a port with --port if the exporter uses an unusual one");
            }
            return 0;
        } catch (NoSuchFileException e) {
            w.flush();
            err.println("flowinspector decode: " + e.getFile() + ": no such file");
            return 2;
        } catch (IOException e) {
            w.flush();
            err.println("flowinspector decode: " + e.getMessage());
            return 2;
        } finally {
            w.flush();
        }
    }

    /** Standard output as bytes when the command writes to it (not when a caller gave its own writer). */
    private java.io.OutputStream rawOut() {
        return spec.commandLine().getOut() instanceof StdoutWriter so ? so.stream() : null;
    }

    private CaptureReader open(ExportPorts ep) throws IOException {
        if (file.equals("-")) {
            InputStream in = System.in;
            return CaptureFiles.open("standard input", in, -1, ep);
        }
        Path p = Path.of(file);
        if (Files.isDirectory(p)) {
            throw new IOException(file + ": is a directory");
        }
        return CaptureFiles.open(p, ep);
    }

    /**
     * Decodes pasted hex (any format {@link HexPaste} reads: hex stream, xxd, hexdump -C, od -x, tcpdump -X,
     * Wireshark hex dump, C or Python byte literals), several packets in order with one template cache.
     */
    private int pasted(String text, Output out, PrintWriter err) throws IOException {
        List<HexPaste.Packet> packets;
        try {
            packets = HexPaste.parse(text);
        } catch (HexPasteException e) {
            err.println("flowinspector decode: --hex: " + e.getMessage());
            return 2;
        }
        if (packets.isEmpty()) {
            err.println("flowinspector decode: --hex: no hex bytes found");
            return 2;
        }
        Decoding decoding = new Decoding(capture.decodingOptions());
        int n = 0;
        for (HexPaste.Packet p : packets) {
            n++;
            if (p.frame() == null) {
                err.println("flowinspector decode: pasted packet " + n + " (" + p.layer() + "): "
                        + (p.note() != null ? p.note() : "no NetFlow/IPFIX payload"));
                continue;
            }
            Frame f = p.frame();
            if (f.number() != n) {
                f = new Frame(n, f.timeNanos(), f.source(), f.destination(), f.transport(), f.payload(), f.linkType(),
                        f.frameBytes(), f.fileOffset(), f.comment(), f.notes());
            }
            out.packet(decoding.accept(f), f);
        }
        out.finish();
        return 0;
    }

    /** Where decoded packets go. */
    interface Output {
        void packet(ExportPacket p, Frame f) throws IOException;

        default void finish() throws IOException {
        }
    }

    /** Indented tree, like tshark -V. */
    static final class TextOutput implements Output {
        private final Writer w;
        private final java.io.OutputStream raw;
        private final ByteText out = new ByteText(1 << 17);
        private final TextTreeRenderer renderer = new TextTreeRenderer();

        TextOutput(Writer w) {
            this(w, null);
        }

        /** With raw set, text goes to it as UTF-8 bytes (flush w before using this). */
        TextOutput(Writer w, java.io.OutputStream raw) {
            this.w = w;
            this.raw = raw;
        }

        @Override
        public void packet(ExportPacket p, Frame f) throws IOException {
            renderer.render(p, out);
            if (out.length() > 120_000) {
                out.drainTo(raw, w);
            }
        }

        @Override
        public void finish() throws IOException {
            out.drainTo(raw, w);
            if (raw != null) {
                raw.flush();
            }
        }
    }

    /** One line per data record with the chosen fields, tab-separated (like tshark -T fields). */
    static final class FieldsOutput implements Output {
        private final Writer w;
        private final java.io.OutputStream raw;
        private final String[] names;
        private final ByteText out = new ByteText(1 << 17);
        private final StringBuilder sb = new StringBuilder(64);
        /** The field list of the last record's template (v1-v8 templates of one layout share it). */
        private List<dev.flowinspector.decode.TemplateField> lastFields;
        private int[] lastIndex;
        /** Per chosen name: 1 unsigned integer, 2 IPv4 address, 0 anything else. */
        private int[] lastKind;
        /** Both of the above by field-list identity (templates are immutable). */
        private final Map<List<dev.flowinspector.decode.TemplateField>, int[][]> indexes =
                new java.util.IdentityHashMap<>();

        FieldsOutput(Writer w, List<String> names) {
            this(w, null, names);
        }

        /** With raw set, lines go to it as bytes (flush w before using this). */
        FieldsOutput(Writer w, java.io.OutputStream raw, List<String> names) {
            this.w = w;
            this.raw = raw;
            this.names = names.toArray(new String[0]);
        }

        @Override
        public void packet(ExportPacket p, Frame f) throws IOException {
            for (dev.flowinspector.decode.FlowSet s : p.sets()) {
                for (dev.flowinspector.decode.DataRecord r : s.records()) {
                    if (r.template().fields() != lastFields) {
                        index(r);
                    }
                    for (int i = 0; i < names.length; i++) {
                        if (i > 0) {
                            out.put('\t');
                        }
                        int idx = lastIndex[i];
                        if (idx >= 0) {
                            value(r, idx, lastKind[i]);
                        } else {
                            sb.setLength(0);
                            packetField(sb, p, names[i]);
                            out.put(sb);
                        }
                    }
                    out.put('\n');
                }
            }
            if (out.length() > 120_000) {
                out.drainTo(raw, w);
            }
        }

        private void index(dev.flowinspector.decode.DataRecord r) {
            lastFields = r.template().fields();
            int[][] known = indexes.get(lastFields);
            if (known != null) {
                lastIndex = known[0];
                lastKind = known[1];
                return;
            }
            if (indexes.size() > 4096) {
                indexes.clear();
            }
            lastIndex = new int[names.length];
            lastKind = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                int idx = r.indexOf(names[i]);
                lastIndex[i] = idx;
                if (idx >= 0) {
                    dev.flowinspector.dictionary.DataType t = lastFields.get(idx).ie().type();
                    lastKind[i] = t.isUnsigned() ? 1 : t == dev.flowinspector.dictionary.DataType.IPV4_ADDRESS ? 2 : 0;
                }
            }
            indexes.put(lastFields, new int[][] {lastIndex, lastKind});
        }

        /** As {@link dev.flowinspector.decode.ValueDecoder#appendValue}, straight into bytes for the common types. */
        private void value(dev.flowinspector.decode.DataRecord r, int idx, int kind) {
            int len = r.valueLength(idx);
            if (len == 0) {
                return;
            }
            if (kind == 1 && len <= 8) {
                long v = r.unsigned(idx);
                if (v >= 0) {
                    out.putDecimal(v);
                } else {
                    out.put(Long.toUnsignedString(v));
                }
            } else if (kind == 2 && len == 4) {
                out.putIpv4(r.unsigned(idx));
            } else {
                sb.setLength(0);
                dev.flowinspector.decode.ValueDecoder.appendValue(sb, r, idx);
                out.put(sb);
            }
        }

        private static void packetField(StringBuilder sb, ExportPacket p, String name) {
            switch (name) {
                case "frame" -> sb.append(p.frame());
                case "time" -> sb.append(PacketTree.isoTime(p.context().timeNanos()));
                case "src" -> sb.append(p.context().source());
                case "dst" -> sb.append(p.context().destination());
                case "version" -> sb.append(p.version());
                case "domain" -> sb.append(p.domain());
                case "sequence" -> sb.append(p.sequence());
                default -> {
                }
            }
        }

        @Override
        public void finish() throws IOException {
            out.drainTo(raw, w);
            if (raw != null) {
                raw.flush();
            }
        }
    }

    /** One JSON object per packet. */
    static final class JsonOutput implements Output {
        private final PacketJson json;

        JsonOutput(Writer w) throws IOException {
            this.json = new PacketJson(w);
        }

        @Override
        public void packet(ExportPacket p, Frame f) throws IOException {
            json.write(p);
        }

        @Override
        public void finish() throws IOException {
            json.close();
        }
    }

    /** Problems only: frame, offset, severity, code, message. */
    static final class ProblemsOutput implements Output {
        private final Writer w;

        ProblemsOutput(Writer w) {
            this.w = w;
        }

        @Override
        public void packet(ExportPacket p, Frame f) throws IOException {
            for (Problem pr : p.problems()) {
                w.write("frame " + p.frame() + " offset " + pr.offset() + "+" + pr.length() + " " + pr.severity().label()
                        + " " + pr.code() + ": " + pr.message() + "\n");
            }
        }
    }
}
