package dev.flowinspector.decode;

import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElement;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** NetFlow v9 export packets (RFC 3954). */
final class V9Decoder extends TemplateBasedDecoder {

    static final int HEADER = 20;
    private static final String[] SCOPE_NAMES = {null, "scopeSystem", "scopeInterface", "scopeLineCard",
        "scopeCache", "scopeTemplate"};

    V9Decoder(InformationElementRegistry registry, TemplateCache cache, DecodeOptions options) {
        super(registry, cache, options);
    }

    @Override
    String prefix() {
        return "nf9";
    }

    ExportPacket decode(byte[] d, DecodeContext ctx, LateTemplates late) {
        PacketBuilder pb = new PacketBuilder(ctx, d, 9);
        if (d.length < HEADER) {
            pb.problem(Problems.PACKET_TRUNCATED, 0, d.length, "NetFlow v9 header needs 20 bytes, packet has " + d.length);
            pb.raw(0, d.length, -1);
            return pb.build();
        }
        pb.headerCount = ValueDecoder.u16(d, 2);
        pb.sysUptimeMs = ValueDecoder.u32(d, 4);
        pb.exportMillis = ValueDecoder.u32(d, 8) * 1000;
        pb.sequence = ValueDecoder.u32(d, 12);
        pb.domain = ValueDecoder.u32(d, 16);

        int p = HEADER;
        int flowsets = 0;
        int found = 0;
        boolean countKnown = true;
        while (p < d.length) {
            if (flowsets >= options.maxSetsPerPacket()) {
                pb.problem(Problems.LIMIT_REACHED, p, d.length - p, "more than " + options.maxSetsPerPacket()
                        + " FlowSets; the rest is shown raw");
                pb.raw(p, d.length - p, -1);
                break;
            }
            if (d.length - p < 4) {
                trailing(pb, p);
                break;
            }
            int id = ValueDecoder.u16(d, p);
            int len = ValueDecoder.u16(d, p + 2);
            if (len < 4) {
                if (allZero(d, p, d.length)) { // padding: no FlowSet, so no FlowSet id (its 0 is a padding byte)
                    pb.problem(Problems.TRAILING_BYTES, p, d.length - p, (d.length - p)
                            + " zero bytes after the last FlowSet");
                    pb.raw(p, d.length - p, -1);
                } else {
                    pb.problem(Problems.SET_LENGTH_SHORT, p + 2, 2, "FlowSet " + id + " at offset " + p
                            + " has length " + len + " (minimum 4); the rest of the packet is shown raw");
                    pb.raw(p, d.length - p, id);
                }
                break;
            }
            int setLen = len;
            if (p + len > d.length) {
                pb.problem(Problems.SET_OVERRUN, p + 2, 2, "FlowSet " + id + " at offset " + p + " says " + len
                        + " bytes but only " + (d.length - p) + " remain; decoding what is there");
                setLen = d.length - p;
            }
            flowsets++;
            if (len % 4 != 0 && id >= 256) {
                pb.problem(Problems.V9_PADDING_ALIGN, p + 2, 2, "FlowSet " + id + " length " + len
                        + " is not a multiple of 4");
            }
            if (id == 0) {
                found += templates(pb, p, setLen);
            } else if (id == 1) {
                found += optionsTemplates(pb, p, setLen);
            } else if (id < 256) {
                pb.problem(Problems.V9_FLOWSET_ID_RESERVED, p, 2, "FlowSet id " + id + " is reserved");
                pb.raw(p, setLen, id);
                countKnown = false;
            } else {
                TemplateKey key = dataKey(ctx.source(), 9, pb.domain, id);
                int before = pb.sets.size();
                dataSet(pb, id, p, setLen, key, late, false, setLen < len);
                FlowSet s = pb.sets.get(before);
                if (s.template() == null) {
                    countKnown = false;
                }
                found += s.records().size();
            }
            p += setLen;
        }
        checkCount(pb, found, flowsets, countKnown);
        return pb.build();
    }

    private void trailing(PacketBuilder pb, int p) {
        pb.problem(Problems.TRAILING_BYTES, p, pb.data.length - p, (pb.data.length - p)
                + " byte(s) after the last FlowSet, too few for a FlowSet header");
        pb.raw(p, pb.data.length - p, -1);
    }

    static boolean allZero(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            if (d[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private void checkCount(PacketBuilder pb, int found, int flowsets, boolean countKnown) {
        int count = pb.headerCount;
        if (!countKnown || count == found) {
            return;
        }
        if (count == 0) {
            pb.problem(Problems.V9_COUNT_ZERO, 2, 2, "header count is 0 but the packet holds "
                    + PacketTree.count(found, "record") + " (templates included)");
        } else if (count == flowsets && flowsets != found) {
            pb.problem(Problems.V9_COUNT_IS_FLOWSETS, 2, 2, "header count " + count + " equals the number of FlowSets; "
                    + "the packet holds " + PacketTree.count(found, "record") + " (templates included). RFC 3954 counts records, "
                    + "as MikroTik RouterOS does not");
        } else {
            pb.problem(Problems.V9_COUNT_MISMATCH, 2, 2, "header count " + count + " but the packet holds "
                    + PacketTree.count(found, "record") + " (templates included)");
        }
    }

    private InformationElement fieldIe(int type) {
        InformationElement learned = cache.learnedType(0, type);
        return learned != null ? learned : registry.v9(type);
    }

    /** Template FlowSet (id 0), RFC 3954 §5.2. Returns the number of template records. */
    private int templates(PacketBuilder pb, int off, int len) {
        byte[] d = pb.data;
        int end = off + len;
        int p = off + 4;
        List<Template> defs = new ArrayList<>();
        while (end - p >= 4) {
            int tid = ValueDecoder.u16(d, p);
            int n = ValueDecoder.u16(d, p + 2);
            if (tid == 0 && n == 0) {
                break; // padding
            }
            int recStart = p;
            if (n > options.maxFieldsPerTemplate()) {
                pb.problem(Problems.LIMIT_REACHED, p + 2, 2, "template " + tid + " declares " + n + " fields (limit "
                        + options.maxFieldsPerTemplate() + ")");
                p = end;
                break;
            }
            if (p + 4 + 4 * n > end) {
                pb.problem(Problems.SET_TRUNCATED_TEMPLATE, p, end - p, "template " + tid + " declares " + n
                        + " fields (" + (4 * n) + " bytes) but only " + (end - p - 4) + " bytes remain in the FlowSet");
                p = end;
                break;
            }
            if (tid < 256) {
                pb.problem(Problems.TEMPLATE_ID_LOW, p, 2, "template id " + tid + " is below 256");
            }
            if (n == 0) {
                pb.problem(Problems.V9_TEMPLATE_FIELD_COUNT_ZERO, p + 2, 2, "template " + tid
                        + " has field count 0 (NetFlow v9 has no template withdrawal)");
            }
            p += 4;
            List<TemplateField> fields = new ArrayList<>(n);
            Set<Long> seen = newSeen();
            for (int i = 0; i < n; i++) {
                int type = ValueDecoder.u16(d, p);
                int flen = ValueDecoder.u16(d, p + 2);
                TemplateField f = new TemplateField(fieldIe(type), flen, false);
                checkField(pb, f, p, 4, seen);
                fields.add(f);
                p += 4;
            }
            Template t = new Template(cache.key(pb.ctx.source(), 9, pb.domain, tid), fields, 0, false,
                    pb.ctx.frame(), recStart, p - recStart);
            defs.add(t);
            if (tid >= 256 && n > 0) {
                define(pb, t);
            }
        }
        int pad = end - p;
        pb.sets.add(new FlowSet(0, SetKind.TEMPLATE, off, len, defs, null, false, null, pad > 0 ? p : -1, pad));
        return defs.size();
    }

    /** Options template FlowSet (id 1), RFC 3954 §6.1. */
    private int optionsTemplates(PacketBuilder pb, int off, int len) {
        byte[] d = pb.data;
        int end = off + len;
        int p = off + 4;
        List<Template> defs = new ArrayList<>();
        while (end - p >= 6) {
            int tid = ValueDecoder.u16(d, p);
            int scopeLen = ValueDecoder.u16(d, p + 2);
            int optLen = ValueDecoder.u16(d, p + 4);
            if (tid == 0 && scopeLen == 0 && optLen == 0) {
                break;
            }
            int recStart = p;
            if (scopeLen % 4 != 0 || optLen % 4 != 0) {
                pb.problem(Problems.V9_OPTIONS_LENGTH_ALIGN, p + 2, 4, "options template " + tid + ": scope length "
                        + scopeLen + " and option length " + optLen + " must be multiples of 4");
            }
            int nScope = scopeLen / 4;
            int nOpt = optLen / 4;
            if (p + 6 + 4 * (nScope + nOpt) > end) {
                pb.problem(Problems.SET_TRUNCATED_TEMPLATE, p, end - p, "options template " + tid + " declares "
                        + (scopeLen + optLen) + " bytes of fields but only " + (end - p - 6) + " remain");
                p = end;
                break;
            }
            if (tid < 256) {
                pb.problem(Problems.TEMPLATE_ID_LOW, p, 2, "options template id " + tid + " is below 256");
            }
            p += 6;
            List<TemplateField> fields = new ArrayList<>();
            Set<Long> seen = newSeen();
            for (int i = 0; i < nScope; i++) {
                int type = ValueDecoder.u16(d, p);
                int flen = ValueDecoder.u16(d, p + 2);
                InformationElement ie;
                if (type >= 1 && type <= 5) {
                    ie = new InformationElement(0, type, SCOPE_NAMES[type], flen > 0 && flen <= 8
                            ? DataType.UNSIGNED64 : DataType.OCTET_ARRAY, "identifier", "", "", "v9 scope", true);
                } else {
                    pb.problem(Problems.V9_SCOPE_TYPE_UNKNOWN, p, 2, "scope field type " + type
                            + " is not one of 1-5 (System, Interface, Line Card, Cache, Template)");
                    ie = new InformationElement(0, type, "scope" + type, DataType.OCTET_ARRAY, "", "", "", "", false);
                }
                TemplateField f = new TemplateField(ie, flen, true);
                checkField(pb, f, p, 4, seen);
                fields.add(f);
                p += 4;
            }
            for (int i = 0; i < nOpt; i++) {
                int type = ValueDecoder.u16(d, p);
                int flen = ValueDecoder.u16(d, p + 2);
                TemplateField f = new TemplateField(fieldIe(type), flen, false);
                checkField(pb, f, p, 4, seen);
                fields.add(f);
                p += 4;
            }
            Template t = new Template(cache.key(pb.ctx.source(), 9, pb.domain, tid), fields, nScope, true,
                    pb.ctx.frame(), recStart, p - recStart);
            defs.add(t);
            if (tid >= 256 && !fields.isEmpty()) {
                define(pb, t);
            }
        }
        int pad = end - p;
        pb.sets.add(new FlowSet(1, SetKind.OPTIONS_TEMPLATE, off, len, defs, null, false, null,
                pad > 0 ? p : -1, pad));
        return defs.size();
    }
}
