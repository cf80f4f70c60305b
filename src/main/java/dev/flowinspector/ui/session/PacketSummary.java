package dev.flowinspector.ui.session;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Severity;

/**
 * One packet-list row: what the list shows about a packet, without the packet (like Wireshark's
 * {@code PacketListRecord}). The details come from {@link Session#packet(int)} when the row is selected.
 *
 * @param index        0-based row in the session
 * @param number       frame number in the capture
 * @param timeNanos    capture time, ns since the epoch (0 when unknown)
 * @param exporter     exporter endpoint
 * @param version      export version (1..10)
 * @param domain       observation domain / source id / engine
 * @param sequence     header sequence number
 * @param sets         number of sets ({@link ExportPacket#setCount()}: trailing undecoded bytes are none)
 * @param templates    number of template definitions
 * @param records      number of data records
 * @param length       export packet length in bytes
 * @param worst        worst problem severity, or null
 * @param problemCount number of problems
 * @param missing      "; set 256: no template" style suffix for the info column, or null
 * @param late         ", template from frame 7 (later)" when records were decoded with a template that came
 *                     later (they are counted in records), or null
 */
public record PacketSummary(int index, long number, long timeNanos, Endpoint exporter, int version, long domain,
                            long sequence, int sets, int templates, int records, int length, Severity worst,
                            int problemCount, String missing, String late) {

    /** Summarises a decoded packet. */
    public static PacketSummary of(int index, ExportPacket p, Endpoint exporter) {
        String late = null;
        for (FlowSet s : p.sets()) {
            if (s.lateTemplate() && late == null) {
                late = ", template from frame " + s.templateFrame() + " (later)";
            }
        }
        return new PacketSummary(index, p.frame(), p.context().timeNanos(), exporter, p.version(), p.domain(),
                p.sequence(), p.setCount(), p.templateCount(), p.recordCount(), p.data().length,
                p.worstSeverity(), p.problems().size(), p.missingTemplates(), late);
    }

    /** Protocol name: "NetFlow v5", "IPFIX". */
    public String protocol() {
        return version == 10 ? "IPFIX" : "NetFlow v" + version;
    }

    /**
     * Whether the packet's header gives its domain: not for NetFlow v1 and v7, whose headers carry none (no engine
     * fields), nor when it is cut short before it (a 10-byte IPFIX message) or of a version the decoder does not know;
     * {@link #domain} is 0 then, a domain it never carried.
     */
    public boolean hasDomain() {
        return version != 1 && version != 7 && ExportDecoder.headerLength(version) >= 0
                && ExportPacket.headerCutShort(version, length) == null;
    }

    /** The info column, e.g. "IPFIX seq 1234, 1 template, 28 records". */
    public String info() {
        StringBuilder sb = new StringBuilder(protocol());
        String cut = ExportPacket.headerCutShort(version, length);
        if (cut != null) {
            return sb.append(cut).toString();
        }
        if (version != 1) {
            sb.append(" seq ").append(sequence);
        }
        if (templates > 0) {
            sb.append(", ").append(templates).append(templates == 1 ? " template" : " templates");
        }
        if (records > 0 || templates == 0) {
            sb.append(", ").append(records).append(records == 1 ? " record" : " records");
        }
        if (late != null) {
            sb.append(late);
        }
        if (missing != null) {
            sb.append(missing);
        }
        return sb.toString();
    }
}
