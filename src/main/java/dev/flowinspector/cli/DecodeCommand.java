package dev.flowinspector.cli;

import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.capture.HexPasteException;
import dev.flowinspector.decode.DecodeNode;
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
                case fields -> new FieldsOutput(w, fieldNames);
                default -> new TextOutput(w);
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
                    while ((f = r.next()) != null) {
                        decoding.accept(f);
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

        TextOutput(Writer w) {
            this.w = w;
        }

        @Override
        public void packet(ExportPacket p, Frame f) throws IOException {
            StringBuilder sb = new StringBuilder(4096);
            sb.append("Frame ").append(p.frame());
            if (p.context().timeNanos() != 0) {
                sb.append(": ").append(PacketTree.isoTime(p.context().timeNanos()));
            }
            sb.append(", ").append(p.context().source()).append(" → ").append(p.context().destination())
                    .append(" (").append(p.context().transport()).append("), ").append(p.data().length)
                    .append(" bytes\n");
            render(PacketTree.build(p), 1, sb);
            sb.append('\n');
            w.write(sb.toString());
        }

        private static void render(DecodeNode n, int depth, StringBuilder sb) {
            indent(sb, depth);
            sb.append(n.label()).append('\n');
            for (Problem pr : n.problems()) {
                indent(sb, depth + 1);
                sb.append("[").append(pr.severity().label()).append(' ').append(pr.code()).append("] ")
                        .append(pr.message()).append('\n');
            }
            for (DecodeNode c : n.children()) {
                render(c, depth + 1, sb);
            }
        }

        private static void indent(StringBuilder sb, int depth) {
            for (int i = 0; i < depth - 1; i++) {
                sb.append("    ");
            }
        }
    }

    /** One line per data record with the chosen fields, tab-separated (like tshark -T fields). */
    static final class FieldsOutput implements Output {
        private final Writer w;
        private final String[] names;
        private final StringBuilder sb = new StringBuilder(1 << 16);
        private dev.flowinspector.decode.Template lastTemplate;
        private int[] lastIndex;

        FieldsOutput(Writer w, List<String> names) {
            this.w = w;
            this.names = names.toArray(new String[0]);
        }

        @Override
        public void packet(ExportPacket p, Frame f) throws IOException {
            for (dev.flowinspector.decode.FlowSet s : p.sets()) {
                for (dev.flowinspector.decode.DataRecord r : s.records()) {
                    if (r.template() != lastTemplate) {
                        lastTemplate = r.template();
                        lastIndex = new int[names.length];
                        for (int i = 0; i < names.length; i++) {
                            lastIndex[i] = r.indexOf(names[i]);
                        }
                    }
                    for (int i = 0; i < names.length; i++) {
                        if (i > 0) {
                            sb.append('\t');
                        }
                        int idx = lastIndex[i];
                        if (idx >= 0) {
                            dev.flowinspector.decode.ValueDecoder.appendValue(sb, r, idx);
                        } else {
                            packetField(sb, p, names[i]);
                        }
                    }
                    sb.append('\n');
                }
            }
            if (sb.length() > 60_000) {
                w.append(sb);
                sb.setLength(0);
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
            w.append(sb);
            sb.setLength(0);
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
