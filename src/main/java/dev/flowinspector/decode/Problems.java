package dev.flowinspector.decode;

import static dev.flowinspector.decode.ProblemGroup.MALFORMED;
import static dev.flowinspector.decode.ProblemGroup.SEQUENCE;
import static dev.flowinspector.decode.ProblemGroup.TEMPLATE;
import static dev.flowinspector.decode.ProblemGroup.TRANSPORT;
import static dev.flowinspector.decode.ProblemGroup.VALUE;
import static dev.flowinspector.decode.Severity.ERROR;
import static dev.flowinspector.decode.Severity.NOTE;
import static dev.flowinspector.decode.Severity.WARNING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of every problem FlowInspector can report. Codes are stable: tools and filters use them. */
public final class Problems {

    private static final Map<String, ProblemType> BY_CODE = new LinkedHashMap<>();

    private static ProblemType reg(String code, Severity s, ProblemGroup g, String summary, String ref) {
        ProblemType t = new ProblemType(code, s, g, summary, ref);
        if (BY_CODE.put(code, t) != null) {
            throw new IllegalStateException("duplicate problem code " + code);
        }
        return t;
    }

    // ------------------------------------------------------------------ any version
    public static final ProblemType PACKET_TRUNCATED = reg("packet.truncated", ERROR, MALFORMED,
            "Packet shorter than its header", "RFC 3954 §5.1, RFC 7011 §3.1");
    public static final ProblemType VERSION_UNKNOWN = reg("packet.version.unknown", ERROR, MALFORMED,
            "Not a NetFlow/IPFIX version this tool knows", "RFC 3954 §5.1, RFC 7011 §3.1");
    public static final ProblemType TRAILING_BYTES = reg("packet.trailing", WARNING, MALFORMED,
            "Bytes after the last record or set", "RFC 3954 §5.1, RFC 7011 §3.1");
    public static final ProblemType LIMIT_REACHED = reg("packet.limit", WARNING, MALFORMED,
            "A decoding limit was reached; the rest is shown raw", "");

    // ------------------------------------------------------------------ v1/v5/v7/v8
    public static final ProblemType LEGACY_COUNT_LIMIT = reg("nf.header.count.limit", WARNING, MALFORMED,
            "Record count above the version's maximum", "Cisco NetFlow export formats");
    public static final ProblemType LEGACY_LENGTH_MISMATCH = reg("nf.header.length.mismatch", ERROR, MALFORMED,
            "Packet length is not header + count × record size", "Cisco NetFlow export formats");
    public static final ProblemType LEGACY_COUNT_ZERO = reg("nf.header.count.zero", WARNING, MALFORMED,
            "Header says zero records", "Cisco NetFlow export formats");
    public static final ProblemType V5_NSECS_RANGE = reg("nf5.header.nsecs.range", WARNING, VALUE,
            "unix_nsecs is 10^9 or more", "Cisco NetFlow v5 format");
    public static final ProblemType V8_AGGREGATION_UNKNOWN = reg("nf8.aggregation.unknown", ERROR, MALFORMED,
            "Unknown v8 aggregation scheme", "Cisco NetFlow v8 formats");

    // ------------------------------------------------------------------ v9
    public static final ProblemType V9_COUNT_MISMATCH = reg("nf9.header.count.mismatch", WARNING, MALFORMED,
            "Header count differs from the records and templates present", "RFC 3954 §5.1");
    public static final ProblemType V9_COUNT_IS_FLOWSETS = reg("nf9.header.count.flowsets", WARNING, MALFORMED,
            "Header count equals the number of FlowSets (MikroTik-style count)", "RFC 3954 §5.1");
    public static final ProblemType V9_COUNT_ZERO = reg("nf9.header.count.zero", WARNING, MALFORMED,
            "Header count is 0 but records are present", "RFC 3954 §5.1");
    public static final ProblemType V9_FLOWSET_ID_RESERVED = reg("nf9.flowset.id.reserved", WARNING, MALFORMED,
            "Reserved FlowSet id (2-255)", "RFC 3954 §5");
    public static final ProblemType V9_PADDING_ALIGN = reg("nf9.flowset.padding.align", NOTE, MALFORMED,
            "FlowSet length not a multiple of 4", "RFC 3954 §5.3");
    public static final ProblemType V9_PADDING_NONZERO = reg("nf9.flowset.padding.nonzero", NOTE, MALFORMED,
            "FlowSet padding is not zero", "RFC 3954 §5.3");
    public static final ProblemType V9_FIELD_WIDE = reg("nf9.template.field.wide", NOTE, TEMPLATE,
            "Integer field wider than its usual length (decoded as a wider integer)", "RFC 3954 §8");
    public static final ProblemType V9_TEMPLATE_FIELD_COUNT_ZERO = reg("nf9.template.fields.zero", ERROR, TEMPLATE,
            "Template with no fields", "RFC 3954 §5.2");
    public static final ProblemType V9_OPTIONS_LENGTH_ALIGN = reg("nf9.options.length.align", WARNING, TEMPLATE,
            "Options template scope/option length not a multiple of 4", "RFC 3954 §6.1");
    public static final ProblemType V9_SCOPE_TYPE_UNKNOWN = reg("nf9.options.scope.unknown", WARNING, TEMPLATE,
            "Unknown v9 scope field type", "RFC 3954 §6.1");
    public static final ProblemType V9_SWITCHED_AFTER_UPTIME = reg("nf9.record.switched.future", WARNING, VALUE,
            "First/last switched later than the header's sysUptime", "RFC 3954 §8");

    // ------------------------------------------------------------------ IPFIX
    public static final ProblemType IPFIX_LENGTH_MISMATCH = reg("ipfix.header.length.mismatch", ERROR, MALFORMED,
            "Message length differs from the bytes received", "RFC 7011 §3.1");
    public static final ProblemType IPFIX_NO_SET = reg("ipfix.message.empty", WARNING, MALFORMED,
            "Message carries no set", "RFC 7011 §3.1");
    public static final ProblemType IPFIX_SET_ID_RESERVED = reg("ipfix.set.id.reserved", WARNING, MALFORMED,
            "Reserved Set ID (0, 1, 4-255)", "RFC 7011 §3.3.2");
    public static final ProblemType IPFIX_PADDING_NONZERO = reg("ipfix.set.padding.nonzero", WARNING, MALFORMED,
            "Set padding is not zero", "RFC 7011 §3.3.1");
    public static final ProblemType IPFIX_PADDING_TOO_LONG = reg("ipfix.set.padding.long", WARNING, MALFORMED,
            "Set padding as long as a record", "RFC 7011 §3.3.1");
    public static final ProblemType IPFIX_SCOPE_COUNT = reg("ipfix.options.scope.count", ERROR, TEMPLATE,
            "Options template scope field count is 0 or above the field count", "RFC 7011 §3.4.2.2");
    public static final ProblemType IPFIX_WITHDRAWAL_UDP = reg("ipfix.template.withdrawal.udp", WARNING, TEMPLATE,
            "Template withdrawal sent over UDP", "RFC 7011 §8.4");
    public static final ProblemType IPFIX_ENTERPRISE_PEN_ZERO = reg("ipfix.template.pen.zero", WARNING, TEMPLATE,
            "Enterprise bit set with PEN 0", "RFC 7011 §3.2");
    public static final ProblemType IPFIX_TYPE_RECORD_BAD = reg("ipfix.typerecord.malformed", WARNING, TEMPLATE,
            "Malformed RFC 5610 information element type record", "RFC 5610 §3");

    // ------------------------------------------------------------------ sets / templates (v9 and IPFIX)
    public static final ProblemType SET_LENGTH_SHORT = reg("set.length.short", ERROR, MALFORMED,
            "Set length below 4", "RFC 3954 §5, RFC 7011 §3.3.2");
    public static final ProblemType SET_OVERRUN = reg("set.length.overrun", ERROR, MALFORMED,
            "Set runs past the end of the packet", "RFC 3954 §5, RFC 7011 §3.3.2");
    public static final ProblemType SET_EMPTY = reg("set.data.empty", WARNING, MALFORMED,
            "Data set carries no record", "RFC 7011 §3.3.1");
    public static final ProblemType SET_TRUNCATED_TEMPLATE = reg("template.truncated", ERROR, MALFORMED,
            "Template record runs past the end of its set", "RFC 3954 §5.2, RFC 7011 §3.4.1");
    public static final ProblemType TEMPLATE_ID_LOW = reg("template.id.reserved", ERROR, TEMPLATE,
            "Template id below 256", "RFC 3954 §5.2, RFC 7011 §3.4.1");
    public static final ProblemType TEMPLATE_CHANGED = reg("template.changed", WARNING, TEMPLATE,
            "Template redefined with different fields", "RFC 7011 §8.1");
    public static final ProblemType TEMPLATE_WITHDRAWN = reg("template.withdrawn", NOTE, TEMPLATE,
            "Template withdrawn", "RFC 7011 §8.1");
    public static final ProblemType TEMPLATE_WITHDRAW_UNKNOWN = reg("template.withdraw.unknown", WARNING, TEMPLATE,
            "Withdrawal of a template that was not defined", "RFC 7011 §8.1");
    public static final ProblemType TEMPLATE_FIELD_LENGTH = reg("template.field.length", WARNING, TEMPLATE,
            "Field length impossible for the element's type", "RFC 7011 §6.2, RFC 7012 §3.1");
    public static final ProblemType TEMPLATE_FIELD_ZERO = reg("template.field.zero", WARNING, TEMPLATE,
            "Zero-length field", "RFC 7011 §7");
    public static final ProblemType TEMPLATE_FIELD_DUPLICATE = reg("template.field.duplicate", NOTE, TEMPLATE,
            "Same information element twice in one template", "RFC 7011 §8");
    public static final ProblemType TEMPLATE_FIELD_DEPRECATED = reg("template.field.deprecated", NOTE, TEMPLATE,
            "Deprecated information element", "RFC 7012 §5");
    public static final ProblemType TEMPLATE_LIMIT = reg("template.limit", WARNING, TEMPLATE,
            "Too many live templates from one exporter; the definition is not kept", "RFC 7011 §8");
    public static final ProblemType TEMPLATE_TOO_LARGE = reg("template.size.mtu", WARNING, TEMPLATE,
            "Template record larger than the path MTU allows", "RFC 7011 §10.3.3");

    // ------------------------------------------------------------------ data
    public static final ProblemType DATA_NO_TEMPLATE = reg("data.template.missing", WARNING, TEMPLATE,
            "Data set without a known template", "RFC 3954 §5.3, RFC 7011 §8");
    public static final ProblemType DATA_LATE_TEMPLATE = reg("data.template.later", NOTE, TEMPLATE,
            "Data decoded with a template that arrived later", "RFC 7011 §8");
    public static final ProblemType DATA_VARLEN_OVERRUN = reg("data.varlen.overrun", ERROR, MALFORMED,
            "Variable-length field runs past the end of the set", "RFC 7011 §7");
    public static final ProblemType DATA_RECORD_TRUNCATED = reg("data.record.truncated", ERROR, MALFORMED,
            "Record cut short by the end of its set", "RFC 3954 §5.3, RFC 7011 §3.3.1");
    public static final ProblemType VALUE_BOOLEAN = reg("value.boolean", WARNING, VALUE,
            "Boolean neither 1 (true) nor 2 (false)", "RFC 7011 §6.1.5");
    public static final ProblemType VALUE_LENGTH = reg("value.length", WARNING, VALUE,
            "Variable-length value whose length does not fit its data type; shown as octets", "RFC 7011 §6.1, §7");
    public static final ProblemType VALUE_UTF8 = reg("value.string.utf8", WARNING, VALUE,
            "String is not valid UTF-8", "RFC 7011 §6.1.6");
    public static final ProblemType VALUE_START_AFTER_END = reg("value.time.order", WARNING, VALUE,
            "Flow start after flow end", "RFC 7012 §5.9");
    public static final ProblemType VALUE_TIME_AFTER_EXPORT = reg("value.time.after-export", WARNING, VALUE,
            "Flow time after the export time", "RFC 7011 §3.1, RFC 3954 §5.1");
    public static final ProblemType VALUE_PREFIX_LENGTH = reg("value.prefix.range", WARNING, VALUE,
            "Prefix length above 32 (IPv4) or 128 (IPv6)", "RFC 7012 §5.4");
    public static final ProblemType VALUE_MPLS_LENGTH = reg("value.mpls.length", WARNING, VALUE,
            "MPLS label stack entry not 3 bytes", "RFC 7012 §5.5");
    public static final ProblemType VALUE_REVERSE_NONREVERSIBLE = reg("value.reverse.nonreversible", NOTE, VALUE,
            "Reverse PEN on an element that is not reversible", "RFC 5103 §6.1");
    public static final ProblemType LIST_SEMANTIC_UNKNOWN = reg("list.semantic.unknown", NOTE, VALUE,
            "Unknown structured data list semantic", "RFC 6313 §4.5.3");
    public static final ProblemType LIST_LENGTH = reg("list.length", ERROR, MALFORMED,
            "Structured data list length inconsistent", "RFC 6313 §4.5");
    public static final ProblemType LIST_TEMPLATE_MISSING = reg("list.template.missing", WARNING, TEMPLATE,
            "Sub-template list names an unknown template", "RFC 6313 §4.5.2");
    public static final ProblemType LIST_DEPTH = reg("list.depth", ERROR, MALFORMED,
            "Structured data nested too deeply", "RFC 6313 §4.5");

    // ------------------------------------------------------------------ header values over time
    public static final ProblemType EXPORT_TIME_SKEW = reg("header.time.skew", NOTE, VALUE,
            "Export time far from capture time", "RFC 7011 §3.1");
    public static final ProblemType EXPORT_TIME_BACKWARDS = reg("header.time.backwards", WARNING, VALUE,
            "Export time went backwards", "RFC 7011 §3.1");
    public static final ProblemType UPTIME_BACKWARDS = reg("header.uptime.backwards", WARNING, VALUE,
            "sysUptime went backwards: the exporter restarted, its templates are stale", "RFC 3954 §5.1");

    public static final ProblemType DATA_TEMPLATE_EXPIRED = reg("data.template.expired", WARNING, TEMPLATE,
            "Data for a template that expired: not refreshed within the template timeout", "RFC 7011 §8.4");
    public static final ProblemType DATA_TEMPLATE_STALE = reg("data.template.stale", WARNING, TEMPLATE,
            "Data decoded with a template learned before the exporter restarted", "RFC 3954 §5.2, RFC 7011 §8");

    // ------------------------------------------------------------------ sequence
    public static final ProblemType SEQ_LOSS = reg("sequence.loss", WARNING, SEQUENCE,
            "Sequence gap: records or packets lost", "RFC 3954 §5.1, RFC 7011 §3.1");
    public static final ProblemType SEQ_DUPLICATE = reg("sequence.duplicate", WARNING, SEQUENCE,
            "Sequence number repeated or went back (duplicate or reorder)", "RFC 7011 §3.1");
    public static final ProblemType SEQ_RESET = reg("sequence.reset", NOTE, SEQUENCE,
            "Sequence restarted (exporter reset)", "RFC 7011 §3.1");
    public static final ProblemType SEQ_WRAP = reg("sequence.wrap", NOTE, SEQUENCE,
            "Sequence number wrapped around 2^32", "RFC 7011 §3.1");
    public static final ProblemType SEQ_COUNTS_CURRENT = reg("sequence.counts.current", WARNING, SEQUENCE,
            "Sequence number includes the message's own records (should count those sent before it)", "RFC 7011 §3.1");
    public static final ProblemType SEQ_UNKNOWN = reg("sequence.unknown", NOTE, SEQUENCE,
            "Sequence not checked: the previous message's record count is unknown", "RFC 7011 §3.1");

    // ------------------------------------------------------------------ transport
    public static final ProblemType UDP_CHECKSUM_ZERO = reg("transport.udp.checksum.zero", NOTE, TRANSPORT,
            "UDP checksum zero (not computed)", "RFC 768");
    public static final ProblemType UDP_CHECKSUM_BAD = reg("transport.udp.checksum.bad", NOTE, TRANSPORT,
            "UDP checksum wrong (often checksum offload on the capturing host)", "RFC 768");
    public static final ProblemType IP_FRAGMENTED = reg("transport.ip.fragmented", NOTE, TRANSPORT,
            "Export packet arrived in IP fragments (reassembled)", "RFC 7011 §10.3.3");
    public static final ProblemType IPFIX_OVER_TCP = reg("transport.tcp", NOTE, TRANSPORT,
            "IPFIX over TCP", "RFC 7011 §10.4");
    /** Shown in a frame's IPv4 header node (the GUI's full-frame tree); not raised on export packets. */
    public static final ProblemType IP_CHECKSUM_BAD = reg("transport.ip.checksum.bad", NOTE, TRANSPORT,
            "IPv4 header checksum wrong (or checksum offload on the capturing host)", "RFC 791 §3.1");
    /** Shown in a frame's UDP header node (the GUI's full-frame tree); not raised on export packets. */
    public static final ProblemType UDP_LENGTH_MISMATCH = reg("transport.udp.length.mismatch", WARNING, TRANSPORT,
            "UDP length disagrees with the IP length", "RFC 768");
    /** Shown in a frame's TCP header node (the GUI's full-frame tree); not raised on export packets. */
    public static final ProblemType TCP_CHECKSUM_BAD = reg("transport.tcp.checksum.bad", NOTE, TRANSPORT,
            "TCP checksum wrong (often checksum offload on the capturing host)", "RFC 9293 §3.1");

    private Problems() {
    }

    /** Every registered problem type, in registration order. */
    public static List<ProblemType> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_CODE.values()));
    }

    /** A problem type by code, or null. */
    public static ProblemType byCode(String code) {
        return BY_CODE.get(code);
    }
}
