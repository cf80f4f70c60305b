package dev.flowinspector.tools.generate;

import dev.flowinspector.decode.Problems;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A fault the simulator can inject, with the problem code FlowInspector raises for it per version
 * (see {@link Problems}). A code of null means the fault does not apply to that version.
 */
public enum Fault {
    /** Templates withheld from the first packets: their data arrives before the template. */
    MISSING_TEMPLATE("missing-template", null, "data.template.missing", "data.template.missing"),
    /** Header record count (v5/v9) or message length (IPFIX) wrong. */
    BAD_COUNT("bad-count", "nf.header.length.mismatch", "nf9.header.count.mismatch", "ipfix.header.length.mismatch"),
    /** Header count zero. */
    COUNT_ZERO("count-zero", "nf.header.count.zero", "nf9.header.count.zero", null),
    /** Sequence number jumps forward: records or packets lost. */
    SEQ_GAP("seq-gap", "sequence.loss", "sequence.loss", "sequence.loss"),
    /** The same packet sent twice. */
    DUPLICATE_SEQ("duplicate-seq", "sequence.duplicate", "sequence.duplicate", "sequence.duplicate"),
    /** Template 256 redefined with different fields. */
    TEMPLATE_CHANGE("template-change", null, "template.changed", "template.changed"),
    /** Non-zero padding after the records of a set (v5: bytes after the last record). */
    BAD_PADDING("bad-padding", "packet.trailing", "nf9.flowset.padding.nonzero", "ipfix.set.padding.nonzero"),
    /** A set whose length runs past the end of the packet. */
    BAD_SET_LENGTH("bad-set-length", null, "set.length.overrun", "set.length.overrun"),
    /** A set with a reserved id. */
    RESERVED_SET_ID("reserved-set-id", null, "nf9.flowset.id.reserved", "ipfix.set.id.reserved"),
    /** A template with an id below 256. */
    TEMPLATE_ID_LOW("template-id-low", null, "template.id.reserved", "template.id.reserved"),
    /** A template giving an address field an impossible length. */
    FIELD_LENGTH("field-length", null, "template.field.length", "template.field.length"),
    /** Template withdrawal over UDP (IPFIX). */
    WITHDRAWAL("withdrawal", null, null, "ipfix.template.withdrawal.udp"),
    /** applicationName that is not UTF-8. */
    BAD_UTF8("bad-utf8", null, null, "value.string.utf8"),
    /** A variable-length field whose length runs past its set. */
    VARLEN_OVERRUN("varlen-overrun", null, null, "data.varlen.overrun"),
    /** An IPv4 prefix length above 32 (v9/IPFIX: FlowInspector checks values of template-based records only). */
    BAD_PREFIX("bad-prefix", null, "value.prefix.range", "value.prefix.range"),
    /** v5 unix_nsecs of 10^9 or more. */
    BAD_NSECS("bad-nsecs", "nf5.header.nsecs.range", null, null),
    /** A packet cut short inside its header. */
    TRUNCATED("truncated", "packet.truncated", "packet.truncated", "packet.truncated");

    private final String flag;
    private final String v5;
    private final String v9;
    private final String ipfix;

    Fault(String flag, String v5, String v9, String ipfix) {
        this.flag = flag;
        this.v5 = v5;
        this.v9 = v9;
        this.ipfix = ipfix;
    }

    /** The command-line name, e.g. {@code seq-gap}. */
    public String flag() {
        return flag;
    }

    /** The problem code FlowInspector reports for this fault in a version, or null when it does not apply. */
    public String code(int version) {
        return switch (version) {
            case 5 -> v5;
            case 9 -> v9;
            case 10 -> ipfix;
            default -> null;
        };
    }

    public boolean appliesTo(int version) {
        return code(version) != null;
    }

    /** Parses a comma-separated list of fault names ("all" for every fault). */
    public static Set<Fault> parse(String list) {
        Set<Fault> out = EnumSet.noneOf(Fault.class);
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String s : list.split(",")) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("all")) {
                out.addAll(EnumSet.allOf(Fault.class));
                continue;
            }
            Fault found = null;
            for (Fault f : values()) {
                if (f.flag.equals(t)) {
                    found = f;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown fault '" + s.trim() + "'; known faults: " + names());
            }
            out.add(found);
        }
        return out;
    }

    /** Every fault name, comma separated. */
    public static String names() {
        List<String> n = new ArrayList<>();
        for (Fault f : values()) {
            n.add(f.flag);
        }
        return String.join(", ", n);
    }
}
