package dev.flowinspector.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoder as a library: export packets in (the bytes of a UDP payload or an IPFIX message, with the
 * exporter's address and port), flow records out. Needs only the JDK ({@code java.base}); built as its own jar
 * ({@code flowinspector-VERSION-decoder.jar}) with the information element dictionaries inside.
 *
 * <p>One instance per ordered stream of packets: it keeps the templates of NetFlow v9 and IPFIX exporters
 * (keyed by exporter, observation domain and template id, RFC 7011 §8), so every packet of an exporter must go
 * through the same instance, in order; instances share nothing. Not thread-safe. Data that arrives before its
 * template cannot be decoded here; {@link #withoutTemplate()} counts those data sets.
 *
 * <pre>{@code
 * FlowDecoder d = new FlowDecoder();
 * for (FlowDecoder.Flow f : d.decode(payload, "192.0.2.1", 50123, System.currentTimeMillis())) {
 *     Object bytes = f.fields().get("octetDeltaCount");   // Long
 *     Object src = f.fields().get("sourceIPv4Address");   // String "10.0.0.1"
 * }
 * }</pre>
 */
public final class FlowDecoder {

    private final ExportDecoder decoder;
    private long packets;
    private long withoutTemplate;

    /** A decoder whose templates are scoped strictly (exporter address and port, domain, id: RFC 7011). */
    public FlowDecoder() {
        this(ScopingPolicy.STRICT);
    }

    /** A decoder with the given template scoping (for exporters that change source port, say). */
    public FlowDecoder(ScopingPolicy policy) {
        this.decoder = new ExportDecoder(new TemplateCache(policy).keepHistory(false));
    }

    /**
     * One flow record.
     *
     * @param exporter   exporter address and port, e.g. {@code 192.0.2.1:50123}
     * @param version    1, 5, 7, 8, 9 or 10 (IPFIX)
     * @param domain     observation domain (IPFIX), source id (v9), engine type/id (v5), else 0
     * @param templateId template of the record (0 for v1-v8)
     * @param options    true for options data (exporter metadata such as sampling), false for flows
     * @param fields     every field by its IANA (or vendor) name, in template order, typed as
     *                   {@link FieldValue#value()} says: Long, BigInteger, Double, Boolean, String (addresses,
     *                   MACs, strings), java.time.Instant, byte[], List (RFC 6313); padding left out, a repeated
     *                   name gets {@code #2}, {@code #3}
     * @param record     the decoded record itself (field positions, display text, elements)
     */
    public record Flow(String exporter, int version, long domain, int templateId, boolean options,
                       Map<String, Object> fields, DataRecord record) {
    }

    /**
     * Decodes one export packet and returns its flow records (data and options data), in order.
     *
     * @param packet         the export packet; not copied, so do not change it afterwards
     * @param exporterAddress the exporter's address as text ({@code 192.0.2.1}, {@code 2001:db8::1})
     * @param exporterPort   its UDP source port
     * @param receivedMillis when it was received (ms since the epoch; 0 when unknown)
     */
    public List<Flow> decode(byte[] packet, String exporterAddress, int exporterPort, long receivedMillis) {
        ExportPacket p = decodePacket(packet, exporterAddress, exporterPort, receivedMillis);
        List<Flow> out = new ArrayList<>();
        String exporter = p.context().source().toString();
        for (FlowSet s : p.sets()) {
            if (s.kind() != SetKind.DATA && s.kind() != SetKind.OPTIONS_DATA) {
                continue;
            }
            if (s.template() == null) {
                if (s.id() >= 256) {
                    withoutTemplate++;
                }
                continue;
            }
            for (DataRecord r : s.records()) {
                out.add(new Flow(exporter, p.version(), p.domain(), p.version() >= 9 ? s.id() : 0,
                        s.kind() == SetKind.OPTIONS_DATA, fields(r), r));
            }
        }
        return out;
    }

    /**
     * Decodes one export packet into the full tree: header fields, sets, templates, records, problems (each
     * with its byte range), template events.
     */
    public ExportPacket decodePacket(byte[] packet, String exporterAddress, int exporterPort, long receivedMillis) {
        packets++;
        Endpoint source = new Endpoint(exporterAddress, exporterPort);
        return decoder.decode(packet, new DecodeContext(packets, receivedMillis * 1_000_000, source, Endpoint.UNKNOWN,
                Transport.UDP));
    }

    /** Data sets that came before their template (not decoded). */
    public long withoutTemplate() {
        return withoutTemplate;
    }

    /** The templates known now. */
    public List<Template> templates() {
        return decoder.cache().templates();
    }

    private static Map<String, Object> fields(DataRecord r) {
        List<FieldValue> fs = r.fields();
        Map<String, Object> m = new LinkedHashMap<>(fs.size() * 2);
        for (FieldValue f : fs) {
            String n = f.name();
            if (n.startsWith("padding")) {
                continue;
            }
            if (m.containsKey(n)) {
                int k = 2;
                while (m.containsKey(n + "#" + k)) {
                    k++;
                }
                n = n + "#" + k;
            }
            m.put(n, f.value());
        }
        return Collections.unmodifiableMap(m);
    }
}
