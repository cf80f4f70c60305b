package dev.flowinspector.decode;

import dev.flowinspector.dictionary.InformationElementRegistry;

/**
 * Entry point: decodes one export packet (bytes of a UDP payload, an IPFIX message, ...) with a template
 * cache that lives across packets. Not thread-safe: one decoder per ordered stream of packets.
 */
public final class ExportDecoder {

    private final InformationElementRegistry registry;
    private final TemplateCache cache;
    private final LegacyDecoder legacy;
    private final V9Decoder v9;
    private final IpfixDecoder ipfix;

    public ExportDecoder(TemplateCache cache, InformationElementRegistry registry, DecodeOptions options) {
        this.registry = registry;
        this.cache = cache;
        this.legacy = new LegacyDecoder(registry);
        this.v9 = new V9Decoder(registry, cache, options);
        this.ipfix = new IpfixDecoder(registry, cache, options);
    }

    public ExportDecoder(TemplateCache cache) {
        this(cache, InformationElementRegistry.standard(), DecodeOptions.DEFAULTS);
    }

    /** A decoder with a fresh strict cache. */
    public ExportDecoder() {
        this(new TemplateCache());
    }

    /**
     * Whether the values of data records are checked (on by default): time pairs, booleans, UTF-8 strings, prefix
     * lengths, MPLS label lengths, lengths of variable-length values, all-zero IPFIX records at the end of a set.
     * Those checks only raise problems; records, templates and every other problem are the same without them. Off
     * for a consumer that reads records and shows no problems ({@code decode -F fields} on its workers, decision 0029).
     */
    public ExportDecoder valueChecks(boolean on) {
        legacy.valueChecks = on;
        v9.valueChecks = on;
        ipfix.valueChecks = on;
        return this;
    }

    public TemplateCache cache() {
        return cache;
    }

    public InformationElementRegistry registry() {
        return registry;
    }

    /** Decodes one packet; data without a template stays undecoded. */
    public ExportPacket decode(byte[] payload, DecodeContext ctx) {
        return decode(payload, ctx, LateTemplates.NONE);
    }

    /**
     * Decodes one packet.
     *
     * @param payload the export packet's bytes; not copied, so do not change them afterwards
     * @param ctx     where it came from
     * @param late    templates that arrive later, used (and flagged) for data without a template
     */
    public ExportPacket decode(byte[] payload, DecodeContext ctx, LateTemplates late) {
        if (payload.length < 2) {
            PacketBuilder pb = new PacketBuilder(ctx, payload, -1);
            pb.problem(Problems.PACKET_TRUNCATED, 0, payload.length, "packet of " + payload.length
                    + " byte(s) has no version field");
            pb.raw(0, payload.length, -1);
            return pb.build();
        }
        touch(payload);
        int version = ValueDecoder.u16(payload, 0);
        return switch (version) {
            case 1, 5, 7, 8 -> legacy.decode(payload, ctx, version);
            case 9 -> v9.decode(payload, ctx, late);
            case 10 -> ipfix.decode(payload, ctx, late);
            default -> {
                PacketBuilder pb = new PacketBuilder(ctx, payload, version);
                pb.problem(Problems.VERSION_UNKNOWN, 0, 2, "version " + version
                        + " is not NetFlow v1/v5/v7/v8/v9 or IPFIX (10)");
                pb.raw(2, payload.length - 2, -1);
                yield pb.build();
            }
        };
    }

    /** What {@link #touch} read, kept so that the compiler keeps its loads. */
    private int touched;

    /**
     * Reads one byte of every 64 of the packet (one a cache line) before decoding it. The loads do not depend on each
     * other, so the processor has them all in flight at once; decoding, which reads the packet in order and acts on
     * what it reads, would otherwise wait for each line in turn when the packet is not in the processor's cache (a
     * capture decoded again, many packets cycled through). For a packet just read it costs a few loads that hit.
     */
    private void touch(byte[] d) {
        int t = d[d.length - 1];
        for (int i = 0; i < d.length; i += 64) {
            t += d[i];
        }
        touched = t;
    }

    /**
     * The length of a version's export header: v1 16, v5 and v7 24, v8 28, v9 20 (RFC 3954 §5.1), IPFIX 16 (RFC 7011
     * §3.1); -1 for a version no exporter sends.
     */
    public static int headerLength(int version) {
        return switch (version) {
            case 1 -> LegacyDecoder.V1_HEADER;
            case 5 -> LegacyDecoder.V5_HEADER;
            case 7 -> LegacyDecoder.V7_HEADER;
            case 8 -> LegacyDecoder.V8_HEADER;
            case 9 -> V9Decoder.HEADER;
            case 10 -> IpfixDecoder.HEADER;
            default -> -1;
        };
    }

    /** Quick check used to recognise export packets on unusual ports: version and length/count agree. */
    public static boolean looksLikeExport(byte[] d, int off, int len) {
        if (len < 16) {
            return false;
        }
        int version = ValueDecoder.u16(d, off);
        int count = ValueDecoder.u16(d, off + 2);
        return switch (version) {
            case 1 -> count >= 1 && count <= 24 && len == LegacyDecoder.V1_HEADER + 48 * count;
            case 5 -> count >= 1 && count <= 30 && len == LegacyDecoder.V5_HEADER + 48 * count;
            case 7 -> count >= 1 && count <= 28 && len == LegacyDecoder.V7_HEADER + 52 * count;
            case 8 -> len >= LegacyDecoder.V8_HEADER && count >= 1 && count <= 51
                    && d[off + 22] >= 1 && d[off + 22] <= 14;
            case 9 -> len >= 24 && count <= 512 && setChainFits(d, off + 20, off + len, true);
            case 10 -> count == len && setChainFits(d, off + 16, off + len, false);
            default -> false;
        };
    }

    private static boolean setChainFits(byte[] d, int p, int end, boolean v9) {
        int sets = 0;
        while (end - p >= 4) {
            int id = ValueDecoder.u16(d, p);
            int l = ValueDecoder.u16(d, p + 2);
            if (l < 4 || p + l > end) {
                return v9 && sets > 0 && V9Decoder.allZero(d, p, end);
            }
            if (v9 ? (id > 1 && id < 256) : (id < 2 || (id > 3 && id < 256))) {
                return false;
            }
            sets++;
            p += l;
        }
        return sets > 0 && (p == end || v9);
    }
}
