package dev.flowinspector.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A decoded export packet (NetFlow v1/v5/v7/v8/v9 datagram or IPFIX message): header fields, sets,
 * problems and the template events it caused. Offsets are relative to the first byte of the packet.
 */
public final class ExportPacket {

    private final DecodeContext context;
    private final byte[] data;
    private final int version;
    private volatile List<FieldValue> header;
    private final List<FlowSet> sets;
    private final List<Problem> problems;
    private final List<TemplateEvent> events;
    private final long domain;
    private final long sequence;
    private final long exportMillis;
    private final long sysUptimeMs;
    private final int headerCount;

    /** Made by {@link PacketBuilder#build()}, which hands over its problem list (an ArrayList) and drops it. */
    ExportPacket(DecodeContext context, byte[] data, int version, List<FlowSet> sets,
                 List<Problem> problems, List<TemplateEvent> events, long domain, long sequence, long exportMillis,
                 long sysUptimeMs, int headerCount) {
        this.context = context;
        this.data = data;
        this.version = version;
        // the builder gives its list up (as it does the problems): a read-only view, not a copy of it
        this.sets = sets instanceof ArrayList<FlowSet> own ? Collections.unmodifiableList(own) : List.copyOf(sets);
        this.problems = problems instanceof ArrayList<Problem> own ? own : new ArrayList<>(problems);
        this.events = events.isEmpty() ? List.of() : List.copyOf(events);
        this.domain = domain;
        this.sequence = sequence;
        this.exportMillis = exportMillis;
        this.sysUptimeMs = sysUptimeMs;
        this.headerCount = headerCount;
    }

    public DecodeContext context() {
        return context;
    }

    public long frame() {
        return context.frame();
    }

    /** The packet's bytes (do not modify). */
    public byte[] data() {
        return data;
    }

    /** 1, 5, 7, 8, 9, 10 or the unknown number read. */
    public int version() {
        return version;
    }

    /** Header fields, decoded on first use. */
    public List<FieldValue> header() {
        List<FieldValue> h = header;
        if (h == null) {
            h = List.copyOf(HeaderFields.of(data, version));
            header = h;
        }
        return h;
    }

    /** Header field by name, or null. */
    public FieldValue headerField(String name) {
        for (FieldValue f : header()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    public List<FlowSet> sets() {
        return sets;
    }

    /** Problems found in this packet, in order of offset as found. */
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Adds a problem found by looking across packets (sequence, timing); used by analyzers. */
    public void addProblem(Problem p) {
        problems.add(p);
    }

    public List<TemplateEvent> templateEvents() {
        return events;
    }

    /** Observation domain id (IPFIX), source id (v9), engine type/id (v5/v7/v8 as type<<8|id), or 0. */
    public long domain() {
        return domain;
    }

    /** Header sequence number (flow sequence for v5/v7/v8, packet sequence for v9, IPFIX sequence). */
    public long sequence() {
        return sequence;
    }

    /** Header export time in ms since the epoch. */
    public long exportMillis() {
        return exportMillis;
    }

    /** Header sysUptime in ms, or -1 for IPFIX. */
    public long sysUptimeMs() {
        return sysUptimeMs;
    }

    /** The header's count field (records for v1-v8, records+templates for v9), or -1 for IPFIX. */
    public int headerCount() {
        return headerCount;
    }

    /** Number of data records decoded (options data included). */
    public int recordCount() {
        int n = 0;
        for (int i = 0; i < sets.size(); i++) {
            n += sets.get(i).records().size();
        }
        return n;
    }

    /**
     * Number of sets the set walk found (RFC 7011 §3.3, RFC 3954 §5): the packet list's Sets column and the display
     * filter's {@code sets}. Raw nodes of bytes that are not a set do not count: those after the last set, after the
     * message length or past the set limit, those of a packet cut short before its header or of an unknown version
     * (set id -1), and the rest of a packet from a set header whose length is below 4 (v9 zero padding among them),
     * which the walk stops at. A set with a reserved id counts; the records of a v1-v8 packet are one set.
     */
    public int setCount() {
        int n = 0;
        for (int i = 0; i < sets.size(); i++) {
            FlowSet s = sets.get(i);
            if (s.kind() != SetKind.RAW
                    || s.id() >= 0 && (version < 9 || s.offset() + 4 <= data.length
                            && ValueDecoder.u16(data, s.offset() + 2) >= 4)) {
                n++;
            }
        }
        return n;
    }

    /** Number of template and options template definitions. */
    public int templateCount() {
        int n = 0;
        for (int i = 0; i < sets.size(); i++) {
            n += sets.get(i).templates().size();
        }
        return n;
    }

    /** Worst severity of this packet's problems, or null. */
    public Severity worstSeverity() {
        Severity w = null;
        for (Problem p : problems) {
            if (p.severity().worseThan(w)) {
                w = p.severity();
            }
        }
        return w;
    }

    /** Protocol name: "NetFlow v5", "IPFIX", ... */
    public String protocolName() {
        return version == 10 ? "IPFIX" : "NetFlow v" + version;
    }

    /**
     * What the summary of a packet shorter than its version's header says instead of its header's values, which it
     * does not have all of: ", header cut short (10 of 16 bytes)"; null when the header is whole.
     */
    public static String headerCutShort(int version, int length) {
        int h = ExportDecoder.headerLength(version);
        return length < h ? ", header cut short (" + length + " of " + h + " bytes)" : null;
    }

    /** One-line summary for packet lists, e.g. "IPFIX seq 1234, 1 template, 28 records". */
    public String info() {
        StringBuilder sb = new StringBuilder(protocolName());
        String cut = headerCutShort(version, data.length);
        if (cut != null) {
            return sb.append(cut).toString();
        }
        if (version == 1) {
            sb.append(", ").append(PacketTree.count(recordCount(), "record"));
            return sb.toString();
        }
        sb.append(" seq ").append(sequence);
        int t = templateCount();
        if (t > 0) {
            sb.append(", ").append(t).append(t == 1 ? " template" : " templates");
        }
        int r = recordCount();
        if (r > 0 || t == 0) {
            sb.append(", ").append(r).append(r == 1 ? " record" : " records");
        }
        String missing = missingTemplates();
        if (missing != null) {
            sb.append(missing);
        }
        return sb.toString();
    }

    /**
     * The data sets left without a template, for summaries: "; set 259: no template", a set id once however many of
     * its sets the packet has ("; set 259: no template (5 sets); set 262: no template"), in the order they first come;
     * null when every data set had its template.
     */
    public String missingTemplates() {
        java.util.Map<Integer, Integer> ids = null;
        for (FlowSet s : sets) {
            if ((s.kind() == SetKind.DATA || s.kind() == SetKind.OPTIONS_DATA) && s.template() == null
                    && s.id() >= 256) {
                if (ids == null) {
                    ids = new java.util.LinkedHashMap<>();
                }
                ids.merge(s.id(), 1, Integer::sum);
            }
        }
        if (ids == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        ids.forEach((id, n) -> sb.append("; set ").append(id).append(": no template")
                .append(n > 1 ? " (" + n + " sets)" : ""));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "frame " + frame() + " " + info();
    }
}
