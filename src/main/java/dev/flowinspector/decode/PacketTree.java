package dev.flowinspector.decode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds the detail tree of an export packet, with each problem attached to the deepest node it points at. */
public final class PacketTree {

    private PacketTree() {
    }

    /** The tree of one packet: a root covering the whole export packet. */
    public static DecodeNode build(ExportPacket p) {
        List<Node> kids = new ArrayList<>();
        String px = prefix(p.version());
        List<Node> header = new ArrayList<>();
        int headerEnd = 0;
        for (FieldValue f : p.header()) {
            header.add(field(f, headerLabel(f.name())));
            headerEnd = Math.max(headerEnd, f.offset() + f.length());
        }
        if (!header.isEmpty()) {
            kids.add(new Node(headerNodeLabel(p), px + ".header", null, 0, headerEnd, header));
        }
        for (FlowSet s : p.sets()) {
            kids.add(set(p, s, px));
        }
        Node root = new Node(rootLabel(p), px, null, 0, p.data().length, kids);
        List<Problem> sorted = new ArrayList<>(p.problems());
        sorted.sort(Comparator.comparingInt(Problem::offset));
        for (Problem pr : sorted) {
            root.attach(pr);
        }
        return root.freeze();
    }

    /** The root line: "IPFIX message, 1402 bytes: IPFIX seq 0, 5 templates, 17 records". */
    public static String rootLabel(ExportPacket p) {
        return p.protocolName() + (p.version() == 10 ? " message" : " packet") + ", " + p.data().length + " bytes: "
                + p.info();
    }

    /** The header group's line: "NetFlow v9 header". */
    public static String headerNodeLabel(ExportPacket p) {
        return p.protocolName() + " header";
    }

    /** Field-name prefix of a version: nf1, nf5, nf7, nf8, nf9, ipfix (nf for others). */
    public static String prefix(int version) {
        return switch (version) {
            case 10 -> "ipfix";
            case 1, 5, 7, 8, 9 -> "nf" + version;
            default -> "nf";
        };
    }

    /** How a header field is labelled: its name, with units where the name lacks them. */
    public static String headerLabel(String name) {
        return switch (name) {
            case "sysUptime" -> "sysUptime (ms)";
            default -> name;
        };
    }

    private static Node field(FieldValue f, String label) {
        List<Node> kids = null;
        if (!f.children().isEmpty()) {
            kids = new ArrayList<>(f.children().size());
            for (FieldValue c : f.children()) {
                kids.add(field(c, c.name()));
            }
        }
        return new Node(fieldLabel(f, label), f.fieldName(), f.value(), f.offset(), f.length(), kids);
    }

    /** The line of a value: "label: display", and the enterprise of a vendor element. */
    public static String fieldLabel(FieldValue f, String label) {
        String text = label + ": " + f.display();
        String pen = penSuffix(f.ie());
        return pen.isEmpty() ? text : text + pen;
    }

    /** "  [PEN n]" after a vendor element's value ("" for IANA, reverse (RFC 5103) and header fields). */
    public static String penSuffix(dev.flowinspector.dictionary.InformationElement ie) {
        return ie != null && ie.pen() != 0 && ie.pen() != 29305L ? "  [PEN " + ie.pen() + "]" : "";
    }

    private static Node set(ExportPacket p, FlowSet s, String px) {
        List<Node> kids = new ArrayList<>();
        if (hasSetHeader(p, s)) {
            // set header: id and length (RFC 3954 §5.2, RFC 7011 §3.3.2)
            kids.add(new Node(setIdLabel(p, s), px + ".set.id", (long) s.id(), s.offset(), 2, null));
            kids.add(new Node(setLengthLabel(s), px + ".set.length", (long) s.length(), s.offset() + 2, 2, null));
        }
        for (Template t : s.templates()) {
            kids.add(template(t, px));
        }
        int i = 0;
        for (DataRecord r : s.records()) {
            i++;
            List<Node> fields = new ArrayList<>();
            for (FieldValue f : r.fields()) {
                fields.add(field(f, f.name()));
            }
            kids.add(new Node(recordLabelStart(r) + i + recordSummary(r), px + ".record", null, r.offset(),
                    r.length(), fields));
        }
        if (s.paddingLength() > 0) {
            kids.add(new Node(paddingLabel(s), px + ".set.padding", null, s.paddingOffset(), s.paddingLength(), null));
        }
        if (s.kind() == SetKind.RAW) {
            kids.add(new Node("Data: " + ValueDecoder.hex(p.data(), s.offset(), Math.min(s.length(), 64))
                    + (s.length() > 64 ? "…" : ""), px + ".raw", null, s.offset(), s.length(), null));
        }
        return new Node(setLabel(p, s), px + ".set", (long) s.id(), s.offset(), s.length(), kids);
    }

    /** Whether a set's tree has a header part (set id and length lines): v9 and IPFIX sets with one. */
    public static boolean hasSetHeader(ExportPacket p, FlowSet s) {
        return p.version() >= 9 && s.id() >= 0 && s.length() >= 4;
    }

    /** "FlowSet id: 256 (Data)" (v9) or "Set id: 256 (Data)" (IPFIX). */
    public static String setIdLabel(ExportPacket p, FlowSet s) {
        return (p.version() == 9 ? "FlowSet id: " : "Set id: ") + s.id() + " (" + setTypeName(p, s) + ")";
    }

    /** "Length: 692". */
    public static String setLengthLabel(FlowSet s) {
        return "Length: " + s.length();
    }

    /** "Padding: 3 bytes". */
    public static String paddingLabel(FlowSet s) {
        return "Padding: " + count(s.paddingLength(), "byte");
    }

    /** A record's line starts with this, then its number and {@link #recordSummary}. */
    public static String recordLabelStart(DataRecord r) {
        return r.template().options() ? "Options record " : "Record ";
    }

    /** A set's line: "Data set 256: 14 records (template from frame 1)  [692 bytes]". */
    public static String setLabel(ExportPacket p, FlowSet s) {
        boolean legacy = p.version() < 9;
        String label = switch (s.kind()) {
            case TEMPLATE -> "Template set " + s.id() + ": " + count(s.templates().size(), "template");
            case OPTIONS_TEMPLATE -> "Options template set " + s.id() + ": " + count(s.templates().size(), "template");
            case DATA, OPTIONS_DATA -> dataLabel(legacy, s);
            case RAW -> "Undecoded bytes" + (s.id() >= 0 ? " (set " + s.id() + ")" : "");
        };
        return label + "  [" + count(s.length(), "byte") + "]";
    }

    private static String dataLabel(boolean legacy, FlowSet s) {
        if (legacy) {
            return "Flow records: " + count(s.records().size(), "record");
        }
        StringBuilder sb = new StringBuilder(s.kind() == SetKind.OPTIONS_DATA ? "Options data set " : "Data set ");
        sb.append(s.id()).append(": ").append(count(s.records().size(), "record"));
        if (s.template() == null) {
            sb.append(" (no template: not decoded)");
        } else if (s.lateTemplate()) {
            sb.append(" (template from later frame ").append(s.templateFrame()).append(")");
        } else if (s.templateFrame() > 0) {
            sb.append(" (template from frame ").append(s.templateFrame()).append(")");
        }
        return sb.toString();
    }

    /** ": 10.0.0.1:123 → 10.0.0.2:53" for records with addresses, else "" (the plan's plain texts). */
    public static String recordSummary(DataRecord r) {
        FieldPlan plan = r.plan();
        int src = plan.sourceAddress();
        int dst = plan.destinationAddress();
        if (src < 0 || dst < 0) {
            return "";
        }
        int sp = plan.sourcePort();
        int dp = plan.destinationPort();
        ByteSink sb = new ByteSink();
        ValueText.text(sb, ": ");
        endpoint(sb, plan, r, src, sp);
        ValueText.text(sb, " → ");
        endpoint(sb, plan, r, dst, dp);
        return sb.toString();
    }

    /**
     * Whether an address field's text goes in brackets: an IPv6 address followed by a port ({@code [2001:db8::1]:53},
     * RFC 5952 §6), whose last group would otherwise read as the port.
     */
    public static boolean bracketed(FieldPlan plan, int address, int port) {
        return port >= 0 && plan.kind(address) == FieldPlan.Kind.IPV6;
    }

    private static void endpoint(ByteSink sb, FieldPlan plan, DataRecord r, int address, int port) {
        boolean brackets = bracketed(plan, address, port);
        if (brackets) {
            ValueText.text(sb, "[");
        }
        plan.plain(r, address, sb);
        if (brackets) {
            ValueText.text(sb, "]");
        }
        if (port >= 0) {
            ValueText.text(sb, ":");
            plan.plain(r, port, sb);
        }
    }

    /** "1 record", "3 records": a count and its noun, plural unless the count is 1. */
    public static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String setTypeName(ExportPacket p, FlowSet s) {
        return switch (s.kind()) {
            case TEMPLATE -> "Template";
            case OPTIONS_TEMPLATE -> "Options Template";
            case DATA -> "Data";
            case OPTIONS_DATA -> "Options Data";
            case RAW -> s.id() >= 0 && s.id() < 256 ? "reserved" : "raw";
        };
    }

    /** The subtree of one template definition (as in a template set), with no problems attached. */
    public static DecodeNode templateNode(Template t, String px) {
        return template(t, px).freeze();
    }

    private static Node template(Template t, String px) {
        List<Node> kids = new ArrayList<>();
        int off = t.originOffset();
        if (t.isWithdrawal()) {
            return new Node("Template " + t.id() + " withdrawn", px + ".template", (long) t.id(), off, 4, null);
        }
        kids.add(new Node("Template id: " + t.id(), px + ".template.id", (long) t.id(), off, 2, null));
        kids.add(new Node("Field count: " + t.fields().size(), px + ".template.fieldCount",
                (long) t.fields().size(), off + 2, 2, null));
        if (t.options()) {
            kids.add(new Node("Scope field count: " + t.scopeCount(), px + ".template.scopeCount",
                    (long) t.scopeCount(), off + 4, 2, null));
        }
        int p = off + (t.options() ? 6 : 4);
        int end = off + t.originLength();
        for (TemplateField f : t.fields()) {
            int spec = px.equals("ipfix") && f.pen() != 0 ? 8 : 4;
            String id = f.pen() == 0 ? "id " + f.id() : "PEN " + f.pen() + " id " + f.id();
            String size = f.isVariable() ? "variable length" : count(f.length(), "byte");
            kids.add(new Node((f.scope() ? "Scope " : "") + f.name() + " (" + id + ", " + f.ie().type().ianaName()
                    + ", " + size + ")" + (f.ie().known() ? "" : " [unknown element]"), px + ".template.field",
                    f.name(), p, p + spec <= end ? spec : 0, null));
            p += spec;
        }
        String label = (t.options() ? "Options template " : "Template ") + t.id() + ": " + count(t.fields().size(), "field")
                + (t.options() ? " (" + t.scopeCount() + " scope)" : "");
        return new Node(label, px + ".template", (long) t.id(), off, t.originLength(), kids);
    }

    /** Mutable node used while attaching problems. */
    private static final class Node {
        final String label;
        final String field;
        final Object value;
        final int offset;
        final int length;
        final List<Node> children;
        List<Problem> problems; // most nodes have none: made when the first arrives

        Node(String label, String field, Object value, int offset, int length, List<Node> children) {
            this.label = label;
            this.field = field;
            this.value = value;
            this.offset = offset;
            this.length = length;
            this.children = children == null ? List.of() : children;
        }

        boolean covers(Problem p) {
            int end = p.offset() + Math.max(p.length(), 0);
            return p.offset() >= offset && end <= offset + length && (length > 0 || p.length() == 0);
        }

        void attach(Problem p) {
            if (problems == null) {
                problems = new ArrayList<>(2);
            }
            if (p.length() == 0 && p.offset() == 0) {
                problems.add(p); // about the whole packet (transport notes)
                return;
            }
            for (Node c : children) {
                if (c.length > 0 && c.covers(p)) {
                    c.attach(p);
                    return;
                }
            }
            problems.add(p);
        }

        DecodeNode freeze() {
            List<DecodeNode> kids = List.of();
            if (!children.isEmpty()) {
                DecodeNode[] k = new DecodeNode[children.size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = children.get(i).freeze();
                }
                kids = List.of(k); // immutable already: DecodeNode keeps it without another copy
            }
            return new DecodeNode(label, field, value, offset, length, problems == null ? List.of() : problems, kids);
        }
    }

    /** ISO-8601 UTC text of a capture time in ns. */
    public static String isoTime(long nanos) {
        return ValueDecoder.instantText(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L)));
    }
}
