package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElement;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** IPFIX messages (RFC 7011), with enterprise elements, variable length and RFC 6313 lists. */
final class IpfixDecoder extends TemplateBasedDecoder {

    static final int HEADER = 16;

    IpfixDecoder(InformationElementRegistry registry, TemplateCache cache, DecodeOptions options) {
        super(registry, cache, options);
    }

    @Override
    String prefix() {
        return "ipfix";
    }

    ExportPacket decode(byte[] d, DecodeContext ctx, LateTemplates late) {
        PacketBuilder pb = new PacketBuilder(ctx, d, 10);
        if (d.length < HEADER) {
            pb.problem(Problems.PACKET_TRUNCATED, 0, d.length, "IPFIX header needs 16 bytes, message has " + d.length);
            pb.raw(0, d.length, -1);
            return pb.build();
        }
        int length = ValueDecoder.u16(d, 2);
        pb.exportMillis = ValueDecoder.u32(d, 4) * 1000;
        pb.sequence = ValueDecoder.u32(d, 8);
        pb.domain = ValueDecoder.u32(d, 12);

        int end = d.length;
        if (length != d.length) {
            if (length < HEADER) {
                pb.problem(Problems.IPFIX_LENGTH_MISMATCH, 2, 2, "message length " + length
                        + " is below the 16-byte header; decoding the " + d.length + " bytes received");
            } else if (length > d.length) {
                pb.problem(Problems.IPFIX_LENGTH_MISMATCH, 2, 2, "message length " + length + " but only "
                        + d.length + " bytes received (" + (length - d.length) + " missing)");
            } else {
                pb.problem(Problems.IPFIX_LENGTH_MISMATCH, 2, 2, "message length " + length + " but " + d.length
                        + " bytes received; " + (d.length - length) + " bytes after the message are shown raw"
                        + nextMessage(d, length));
                end = length;
            }
        }
        int p = HEADER;
        int sets = 0;
        while (p < end) {
            if (sets >= options.maxSetsPerPacket()) {
                pb.problem(Problems.LIMIT_REACHED, p, end - p, "more than " + options.maxSetsPerPacket()
                        + " sets; the rest is shown raw");
                pb.raw(p, end - p, -1);
                p = end;
                break;
            }
            if (end - p < 4) {
                pb.problem(Problems.TRAILING_BYTES, p, end - p, (end - p)
                        + " byte(s) after the last set, too few for a set header");
                pb.raw(p, end - p, -1);
                p = end;
                break;
            }
            int id = ValueDecoder.u16(d, p);
            int len = ValueDecoder.u16(d, p + 2);
            if (len < 4) {
                pb.problem(Problems.SET_LENGTH_SHORT, p + 2, 2, "set " + id + " at offset " + p + " has length "
                        + len + " (minimum 4); the rest of the message is shown raw");
                pb.raw(p, end - p, id);
                p = end;
                break;
            }
            int setLen = len;
            if (p + len > end) {
                pb.problem(Problems.SET_OVERRUN, p + 2, 2, "set " + id + " at offset " + p + " says " + len
                        + " bytes but only " + (end - p) + " remain; decoding what is there");
                setLen = end - p;
            }
            sets++;
            if (id == 2) {
                templates(pb, p, setLen, false);
            } else if (id == 3) {
                templates(pb, p, setLen, true);
            } else if (id < 256) {
                pb.problem(Problems.IPFIX_SET_ID_RESERVED, p, 2, "set id " + id + " is reserved");
                pb.raw(p, setLen, id);
            } else {
                dataSet(pb, id, p, setLen, dataKey(ctx.source(), 10, pb.domain, id), late, true, setLen < len);
            }
            p += setLen;
        }
        if (end < d.length) {
            pb.raw(end, d.length - end, -1);
        }
        if (sets == 0 && pb.sets.isEmpty()) { // bytes that are not a set were reported above
            pb.problem(Problems.IPFIX_NO_SET, 0, HEADER, "the message has a header and no set");
        }
        return pb.build();
    }

    private InformationElement fieldIe(long pen, int id) {
        InformationElement learned = cache.learnedType(pen, id);
        return learned != null ? learned : registry.ipfix(pen, id);
    }

    /** Template set (2) or options template set (3), RFC 7011 §3.4.1-§3.4.2. */
    private void templates(PacketBuilder pb, int off, int len, boolean opt) {
        byte[] d = pb.data;
        int end = off + len;
        int p = off + 4;
        int hdr = opt ? 6 : 4;
        List<Template> defs = new ArrayList<>();
        String what = opt ? "options template " : "template ";
        while (end - p >= 4) {
            int recStart = p;
            int tid = ValueDecoder.u16(d, p);
            int n = ValueDecoder.u16(d, p + 2);
            if (n == 0) {
                withdrawal(pb, tid, p, opt, defs);
                p += 4;
                continue;
            }
            if (end - p < hdr) {
                break;
            }
            int scope = opt ? ValueDecoder.u16(d, p + 4) : 0;
            if (n > options.maxFieldsPerTemplate()) {
                pb.problem(Problems.LIMIT_REACHED, p + 2, 2, what + tid + " declares " + n + " fields (limit "
                        + options.maxFieldsPerTemplate() + ")");
                p = end;
                break;
            }
            if (opt && (scope == 0 || scope > n)) {
                pb.problem(Problems.IPFIX_SCOPE_COUNT, p + 4, 2, what + tid + " has scope field count " + scope
                        + " and field count " + n);
            }
            if (tid < 256) {
                pb.problem(Problems.TEMPLATE_ID_LOW, p, 2, what + "id " + tid + " is below 256");
            }
            p += hdr;
            List<TemplateField> fields = new ArrayList<>(n);
            Set<Long> seen = newSeen();
            boolean truncated = false;
            for (int i = 0; i < n; i++) {
                if (end - p < 4) {
                    truncated = true;
                    break;
                }
                int raw = ValueDecoder.u16(d, p);
                int flen = ValueDecoder.u16(d, p + 2);
                int spec = 4;
                long pen = 0;
                if ((raw & 0x8000) != 0) {
                    if (end - p < 8) {
                        truncated = true;
                        break;
                    }
                    pen = ValueDecoder.u32(d, p + 4);
                    spec = 8;
                    if (pen == 0) {
                        pb.problem(Problems.IPFIX_ENTERPRISE_PEN_ZERO, p, 8, "field " + (raw & 0x7fff)
                                + " has the enterprise bit set but PEN 0");
                    }
                }
                int id = raw & 0x7fff;
                InformationElement ie = fieldIe(pen, id);
                if (pen == InformationElementRegistry.REVERSE_PEN && !registry.isKnown(0, id)) {
                    pb.problem(Problems.VALUE_REVERSE_NONREVERSIBLE, p, spec, "reverse PEN on element " + id
                            + ", which IANA does not define");
                } else if (pen == InformationElementRegistry.REVERSE_PEN && !InformationElementRegistry.isReversible(id)) {
                    pb.problem(Problems.VALUE_REVERSE_NONREVERSIBLE, p, spec, "reverse PEN on "
                            + registry.ipfix(0, id).name() + ", which RFC 5103 §6.1 lists as not reversible");
                }
                TemplateField f = new TemplateField(ie, flen, i < scope);
                checkField(pb, f, p, spec, seen);
                fields.add(f);
                p += spec;
            }
            if (truncated) {
                pb.problem(Problems.SET_TRUNCATED_TEMPLATE, recStart, end - recStart, what + tid + " declares "
                        + n + " fields but the set ends after " + fields.size());
                p = end;
                break;
            }
            Template t = new Template(cache.key(pb.ctx.source(), 10, pb.domain, tid), fields, scope, opt,
                    pb.ctx.frame(), recStart, p - recStart);
            defs.add(t);
            if (tid >= 256) {
                define(pb, t);
            }
        }
        int pad = end - p;
        if (pad > 0 && !V9Decoder.allZero(d, p, end)) {
            pb.problem(Problems.IPFIX_PADDING_NONZERO, p, pad, pad + " byte(s) after the last template record are "
                    + "not zero padding");
        }
        pb.sets.add(new FlowSet(opt ? 3 : 2, opt ? SetKind.OPTIONS_TEMPLATE : SetKind.TEMPLATE, off, len, defs, null,
                false, null, pad > 0 ? p : -1, pad));
    }

    /** Template withdrawal (field count 0), RFC 7011 §8.1. */
    private void withdrawal(PacketBuilder pb, int tid, int p, boolean opt, List<Template> defs) {
        if (pb.ctx.transport() == Transport.UDP) {
            pb.problem(Problems.IPFIX_WITHDRAWAL_UDP, p, 4, "withdrawal of template " + tid
                    + " over UDP: exporters must not send withdrawals over UDP (RFC 7011 §8.4)");
        }
        TemplateKey key = cache.key(pb.ctx.source(), 10, pb.domain, tid);
        defs.add(new Template(key, List.of(), 0, opt, pb.ctx.frame(), p, 4));
        if (tid == 2 || tid == 3) {
            List<TemplateEvent> es = cache.withdrawAll(key.domainKey(), tid == 3, pb.ctx.frame());
            pb.events.addAll(es);
            pb.problem(Problems.TEMPLATE_WITHDRAWN, p, 4, "all " + (tid == 3 ? "options " : "") + "templates of domain "
                    + pb.domain + " withdrawn (" + es.size() + ")");
            return;
        }
        TemplateEvent e = cache.withdraw(key, pb.ctx.frame());
        if (e == null) {
            pb.problem(Problems.TEMPLATE_WITHDRAW_UNKNOWN, p, 4, "withdrawal of template " + tid
                    + ", which is not defined");
        } else {
            pb.events.add(e);
            pb.problem(Problems.TEMPLATE_WITHDRAWN, p, 4, "template " + tid + " withdrawn (defined in frame "
                    + e.previous().originFrame() + ")");
        }
    }

    /**
     * What the bytes after a message look like when they begin as another one does (version 10, a length that fits):
     * an exporter that put two messages in one datagram. Wireshark 4.0 reads the second as a set of id 10.
     */
    private static String nextMessage(byte[] d, int at) {
        int left = d.length - at;
        if (left < HEADER || ValueDecoder.u16(d, at) != 10) {
            return "";
        }
        int next = ValueDecoder.u16(d, at + 2);
        if (next < HEADER || next > left) {
            return "";
        }
        return " (they begin like another IPFIX message of " + next + " bytes: a collector that reads one message a"
                + " datagram, as Wireshark does, drops it)";
    }
}
