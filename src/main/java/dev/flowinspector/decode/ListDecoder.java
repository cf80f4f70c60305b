package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElement;
import java.util.ArrayList;
import java.util.List;

/** Structured data: basicList, subTemplateList and subTemplateMultiList (RFC 6313 §4.5). */
final class ListDecoder {

    private ListDecoder() {
    }

    static String semanticName(int s) {
        return switch (s) {
            case 0 -> "noneOf";
            case 1 -> "exactlyOneOf";
            case 2 -> "oneOrMoreOf";
            case 3 -> "allOf";
            case 4 -> "ordered";
            case 0xff -> "undefined";
            default -> "unassigned " + s;
        };
    }

    static FieldValue decode(InformationElement ie, byte[] d, int off, int len, RecordContext ctx, int depth,
                             List<Problem> problems) {
        String fieldName = ctx.prefix() + "." + ie.name();
        int end = off + len;
        List<FieldValue> kids = new ArrayList<>();
        if (depth >= ValueDecoder.MAX_LIST_DEPTH) {
            add(problems, Problems.LIST_DEPTH, off, len, ie.name() + " nested deeper than "
                    + ValueDecoder.MAX_LIST_DEPTH + " levels; shown raw");
            return new FieldValue(ie.name(), fieldName, ie, off, len, java.util.Arrays.copyOfRange(d, off, end),
                    ValueDecoder.hex(d, off, len), null);
        }
        int semantic = d[off] & 0xff;
        if (semantic > 4 && semantic != 0xff) {
            add(problems, Problems.LIST_SEMANTIC_UNKNOWN, off, 1, "list semantic " + semantic + " is not assigned");
        }
        kids.add(FieldValue.header(fieldName, "semantic", off, 1, (long) semantic,
                semantic + " (" + semanticName(semantic) + ")"));
        String summary;
        switch (ie.type()) {
            case BASIC_LIST -> summary = basicList(d, off, end, ctx, depth, problems, fieldName, kids);
            case SUB_TEMPLATE_LIST -> summary = subTemplateList(d, off, end, ctx, depth, problems, fieldName, kids);
            default -> summary = subTemplateMultiList(d, off, end, ctx, depth, problems, fieldName, kids);
        }
        return new FieldValue(ie.name(), fieldName, ie, off, len, kids,
                ie.type().ianaName() + " " + semanticName(semantic) + ": " + summary, kids);
    }

    private static String basicList(byte[] d, int off, int end, RecordContext ctx, int depth, List<Problem> problems,
                                    String fieldName, List<FieldValue> kids) {
        if (end - off < 5) {
            add(problems, Problems.LIST_LENGTH, off, end - off, "basicList shorter than its 5-byte header");
            return "truncated";
        }
        int fid = ValueDecoder.u16(d, off + 1);
        int elemLen = ValueDecoder.u16(d, off + 3);
        int p = off + 5;
        long pen = 0;
        if ((fid & 0x8000) != 0) {
            if (end - p < 4) {
                add(problems, Problems.LIST_LENGTH, off, end - off, "basicList enterprise number missing");
                return "truncated";
            }
            pen = ValueDecoder.u32(d, p);
            p += 4;
        }
        InformationElement elem = ctx.registry().ipfix(pen, fid & 0x7fff);
        kids.add(FieldValue.header(fieldName, "fieldId", off + 1, 2, (long) (fid & 0x7fff),
                (fid & 0x7fff) + " (" + elem.name() + ")" + (pen != 0 ? " PEN " + pen : "")));
        kids.add(FieldValue.header(fieldName, "elementLength", off + 3, 2, (long) elemLen,
                elemLen == TemplateField.VARIABLE ? "variable" : Integer.toString(elemLen)));
        int n = 0;
        while (p < end) {
            int vlen;
            int vstart;
            if (elemLen == TemplateField.VARIABLE) {
                int[] vl = VarLen.read(d, p, end);
                if (vl == null) {
                    add(problems, Problems.LIST_LENGTH, p, end - p, "basicList element length prefix runs past the list");
                    break;
                }
                vstart = vl[0];
                vlen = vl[1];
            } else {
                vstart = p;
                vlen = elemLen;
            }
            if (vlen == 0 && elemLen != TemplateField.VARIABLE) {
                add(problems, Problems.LIST_LENGTH, off + 3, 2, "basicList element length 0");
                break;
            }
            if (vstart + vlen > end) {
                add(problems, Problems.LIST_LENGTH, p, end - p, "basicList element " + (n + 1) + " runs past the list ("
                        + (vstart + vlen - end) + " bytes missing)");
                break;
            }
            kids.add(ValueDecoder.decode(elem, d, vstart, vlen, ctx, depth + 1, problems));
            n++;
            p = vstart + vlen;
        }
        return n + " × " + elem.name();
    }

    private static String subTemplateList(byte[] d, int off, int end, RecordContext ctx, int depth,
                                          List<Problem> problems, String fieldName, List<FieldValue> kids) {
        if (end - off < 3) {
            add(problems, Problems.LIST_LENGTH, off, end - off, "subTemplateList shorter than its 3-byte header");
            return "truncated";
        }
        int tid = ValueDecoder.u16(d, off + 1);
        kids.add(FieldValue.header(fieldName, "templateId", off + 1, 2, (long) tid, Integer.toString(tid)));
        int n = records(d, off + 3, end, tid, ctx, depth, problems, fieldName, kids);
        return n < 0 ? "template " + tid + " unknown" : n + " record(s) of template " + tid;
    }

    private static String subTemplateMultiList(byte[] d, int off, int end, RecordContext ctx, int depth,
                                               List<Problem> problems, String fieldName, List<FieldValue> kids) {
        int p = off + 1;
        int total = 0;
        int entries = 0;
        while (p < end) {
            if (end - p < 4) {
                add(problems, Problems.LIST_LENGTH, p, end - p, "subTemplateMultiList entry header cut short");
                break;
            }
            int tid = ValueDecoder.u16(d, p);
            int elen = ValueDecoder.u16(d, p + 2);
            if (elen < 4 || p + elen > end) {
                add(problems, Problems.LIST_LENGTH, p, end - p, "subTemplateMultiList entry length " + elen
                        + " does not fit the " + (end - p) + " bytes left");
                break;
            }
            List<FieldValue> entryKids = new ArrayList<>();
            entryKids.add(FieldValue.header(fieldName, "templateId", p, 2, (long) tid, Integer.toString(tid)));
            entryKids.add(FieldValue.header(fieldName, "entryLength", p + 2, 2, (long) elen, Integer.toString(elen)));
            int n = records(d, p + 4, p + elen, tid, ctx, depth, problems, fieldName, entryKids);
            kids.add(new FieldValue("entry", fieldName + ".entry", null, p, elen, entryKids,
                    "template " + tid + ": " + (n < 0 ? "unknown" : n + " record(s)"), entryKids));
            total += Math.max(n, 0);
            entries++;
            p += elen;
        }
        return entries + " entr" + (entries == 1 ? "y" : "ies") + ", " + total + " record(s)";
    }

    /** Decodes records of a sub-template into kids; -1 when the template is unknown. */
    private static int records(byte[] d, int p, int end, int tid, RecordContext ctx, int depth,
                               List<Problem> problems, String fieldName, List<FieldValue> kids) {
        Template t = ctx.templates() == null ? null : ctx.templates().apply(tid);
        if (t == null) {
            add(problems, Problems.LIST_TEMPLATE_MISSING, p, end - p, "sub-template " + tid + " is not known");
            if (end > p) {
                kids.add(new FieldValue("raw", fieldName + ".raw", null, p, end - p,
                        java.util.Arrays.copyOfRange(d, p, end), ValueDecoder.hex(d, p, end - p), null));
            }
            return -1;
        }
        int n = 0;
        int min = Math.max(1, t.minimumLength());
        while (end - p >= min) {
            int[] lay = RecordLayout.layout(t, d, p, end);
            if (lay == null) {
                add(problems, Problems.LIST_LENGTH, p, end - p, "sub-template " + tid + " record runs past the list");
                break;
            }
            int recEnd = lay[lay.length - 1];
            if (recEnd == p) { // only zero-length fields: records take no bytes and cannot be counted
                add(problems, Problems.LIST_LENGTH, p, end - p, "sub-template " + tid
                        + " has only zero-length fields: its records cannot be delimited");
                break;
            }
            List<FieldValue> fields = new ArrayList<>(t.fields().size());
            for (int i = 0; i < t.fields().size(); i++) {
                fields.add(ValueDecoder.decode(t.fields().get(i).ie(), d, lay[2 * i], lay[2 * i + 1], ctx, depth + 1,
                        problems));
            }
            kids.add(new FieldValue("record", fieldName + ".record", null, p, recEnd - p, fields,
                    "record " + (n + 1) + " (template " + tid + ")", fields));
            n++;
            p = recEnd;
        }
        if (p < end && end - p >= 1 && n > 0) {
            boolean zero = true;
            for (int i = p; i < end; i++) {
                zero &= d[i] == 0;
            }
            if (!zero) {
                add(problems, Problems.LIST_LENGTH, p, end - p, (end - p) + " bytes left over in sub-template list");
            }
        }
        return n;
    }

    private static void add(List<Problem> problems, ProblemType t, int off, int len, String msg) {
        if (problems != null) {
            problems.add(new Problem(t, off, len, msg));
        }
    }
}
