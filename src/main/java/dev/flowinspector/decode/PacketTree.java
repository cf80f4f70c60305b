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
        for (FieldValue f : p.header()) {
            kids.add(field(f, headerLabel(f.name())));
        }
        int setNo = 0;
        for (FlowSet s : p.sets()) {
            setNo++;
            kids.add(set(p, s, setNo, px));
        }
        Node root = new Node(p.protocolName() + (p.version() == 10 ? " message" : " packet") + ", "
                + p.data().length + " bytes: " + p.info(), px, null, 0, p.data().length, kids);
        List<Problem> sorted = new ArrayList<>(p.problems());
        sorted.sort(Comparator.comparingInt(Problem::offset));
        for (Problem pr : sorted) {
            root.attach(pr);
        }
        return root.freeze();
    }

    static String prefix(int version) {
        return switch (version) {
            case 10 -> "ipfix";
            case 1, 5, 7, 8, 9 -> "nf" + version;
            default -> "nf";
        };
    }

    private static String headerLabel(String name) {
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
        String text = label + ": " + f.display();
        if (f.ie() != null && f.ie().pen() != 0 && f.ie().pen() != 29305L) {
            text += "  [PEN " + f.ie().pen() + "]";
        }
        return new Node(text, f.fieldName(), f.value(), f.offset(), f.length(), kids);
    }

    private static Node set(ExportPacket p, FlowSet s, int setNo, String px) {
        List<Node> kids = new ArrayList<>();
        boolean legacy = p.version() < 9;
        if (!legacy && s.kind() != SetKind.RAW || (s.kind() == SetKind.RAW && s.id() >= 0 && s.length() >= 4)) {
            kids.add(new Node((p.version() == 9 ? "FlowSet Id: " : "Set Id: ") + s.id() + " (" + setTypeName(p, s)
                    + ")", px + ".set.id", (long) s.id(), s.offset(), 2, null));
            kids.add(new Node("Length: " + s.length(), px + ".set.length", (long) s.length(), s.offset() + 2, 2, null));
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
            kids.add(new Node((r.template().options() ? "Options record " : "Flow ") + i, px + ".record", null,
                    r.offset(), r.length(), fields));
        }
        if (s.paddingLength() > 0) {
            kids.add(new Node("Padding: " + s.paddingLength() + " byte(s)", px + ".set.padding", null,
                    s.paddingOffset(), s.paddingLength(), null));
        }
        String label;
        if (s.kind() == SetKind.RAW) {
            label = "Undecoded bytes: " + s.length() + " at offset " + s.offset();
            kids.add(new Node("Data: " + ValueDecoder.hex(p.data(), s.offset(), Math.min(s.length(), 64))
                    + (s.length() > 64 ? "…" : ""), px + ".raw", null, s.offset(), s.length(), null));
        } else if (legacy) {
            label = s.records().size() + " flow record(s) of " + (s.template() == null ? "?" : s.template().fixedLength())
                    + " bytes";
        } else {
            label = (p.version() == 9 ? "FlowSet " : "Set ") + setNo + " [id=" + s.id() + "] (" + setTypeName(p, s) + ")";
            if (s.kind() == SetKind.DATA || s.kind() == SetKind.OPTIONS_DATA) {
                if (s.template() == null) {
                    label += ": no template, " + (s.length() - 4) + " bytes undecoded";
                } else {
                    label += ": " + s.records().size() + " record(s), template " + s.template().id()
                            + " from frame " + s.template().originFrame() + (s.lateTemplate() ? " (later)" : "");
                }
            } else {
                label += ": " + s.templates().size() + " template(s)";
            }
        }
        return new Node(label, px + ".set", null, s.offset(), s.length(), kids);
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

    private static Node template(Template t, String px) {
        List<Node> kids = new ArrayList<>();
        int off = t.originOffset();
        if (t.isWithdrawal()) {
            return new Node("Template withdrawal (Id = " + t.id() + ")", px + ".template", (long) t.id(), off, 4, null);
        }
        kids.add(new Node("Template Id: " + t.id(), px + ".template.id", (long) t.id(), off, 2, null));
        kids.add(new Node("Field Count: " + t.fields().size(), px + ".template.fieldCount",
                (long) t.fields().size(), off + 2, 2, null));
        int p = off + (t.options() ? (px.equals("nf9") ? 6 : 6) : 4);
        if (t.options()) {
            kids.add(new Node("Scope Field Count: " + t.scopeCount(), px + ".template.scopeCount",
                    (long) t.scopeCount(), off + 4, 2, null));
        }
        int n = t.fields().size();
        for (int i = 0; i < n; i++) {
            TemplateField f = t.fields().get(i);
            int spec = px.equals("ipfix") && f.pen() != 0 ? 8 : 4;
            String len = f.isVariable() ? "variable" : Integer.toString(f.length());
            String who = f.pen() != 0 ? " PEN " + f.pen() : "";
            kids.add(new Node("Field (" + (i + 1) + "/" + n + ")" + (f.scope() ? " [scope]" : "") + ": " + f.name()
                    + " (" + f.id() + who + "), " + f.ie().type().ianaName() + ", length " + len,
                    px + ".template.field", f.name(), p, spec, null));
            p += spec;
        }
        String label = (t.options() ? "Options Template" : "Template") + " (Id = " + t.id() + ", Count = " + n + ")";
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
