package dev.flowinspector.engine.flow;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The records of an nfdump 1.6 data block (file layout 1, block type 2), decoded after nfdump's public
 * {@code nffile.h} and {@code nfx.c} of the 1.6 series. A block holds extension maps (type 2: which optional
 * extensions follow a common record, in order), exporter info records (type 7, as in layout 2) and common records
 * (type 10): a 32-byte head (flags, map id, first/last seconds and milliseconds, TCP flags, protocol, ports,
 * exporter sysid), then the addresses (IPv4 or, with flag bit 0, IPv6), the packet and byte counters (32-bit, or
 * 64-bit with flag bits 1 and 2), then the map's extensions. Values are in the writer's byte order. Sampler,
 * exporter statistics and other records are skipped: nfcapd 1.6 had already multiplied the counters of sampled
 * flows (flag bit 7), so they are read as stored, as nfdump prints them.
 */
final class NfcapdLayout1 {

    private static final int EXTENSION_MAP = 2;
    private static final int EXPORTER_INFO = 7;
    private static final int COMMON_RECORD = 10;
    private static final int HEAD = 32;
    private static final int FLAG_IPV6 = 1;
    private static final int FLAG_PACKETS_64 = 2;
    private static final int FLAG_BYTES_64 = 4;

    /** Bytes of each optional extension by id (nfx.c's table); -1 for ids that are reserved or required. */
    private static final int[] SIZE = {
        -1, -1, -1, -1, // 0 common record, 1-3 addresses and counters: never in a map
        4, 8, 4, 8, // 4/5 interfaces 2/4 bytes, 6/7 AS numbers 2/4 bytes
        4, 4, 16, 4, 16, // 8 dst tos/dir/masks, 9/10 next hop v4/v6, 11/12 BGP next hop v4/v6
        4, 4, 8, 4, 8, // 13 VLANs, 14/15 out packets 4/8, 16/17 out bytes 4/8
        4, 8, 16, 16, 40, // 18/19 aggregated flows 4/8, 20/21 MAC addresses, 22 MPLS labels
        4, 16, 4, 8, 8, // 23/24 router IP v4/v6, 25 router id, 26 BGP adjacent AS, 27 time received
        -1, -1, -1, -1, -1, -1, -1, -1, -1, // 28-36 reserved
        20, 4, 8, 32, 24, 24, 72, -1, // 37-43 NSEL blocks, 44 reserved
        24, 12, 0, 8, -1, // 45 latency, 46 NEL common, 47 compat NEL (no bytes), 48 port blocks, 49 reserved
    };

    /** Where a map puts the extensions read here: offsets after the counters, -1 when absent. */
    private record ExtensionMap(int size, int interfaces, boolean wideInterfaces, int as, boolean wideAs, int flows,
                                boolean wideFlows) {
    }

    private final NfcapdReader bytes;
    private final String name;
    private final Map<Integer, ExtensionMap> maps = new HashMap<>();

    NfcapdLayout1(NfcapdReader bytes, String name) {
        this.bytes = bytes;
        this.name = name;
    }

    /** Decodes one decompressed block; returns how many flow records it passed on. */
    long block(byte[] b, int len, long count, long block, Consumer<FlowRecord> sink) throws IOException {
        long flows = 0;
        int at = 0;
        for (long i = 0; i < count; i++) {
            if (at + 4 > len) {
                throw new IOException(name + ": block " + block + ": record " + i + " of " + count + " runs past its end");
            }
            int type = bytes.u16(b, at);
            int size = bytes.u16(b, at + 2);
            if (size < 4 || at + size > len) {
                throw new IOException(name + ": block " + block + ": record " + i + " has a bad size " + size);
            }
            switch (type) {
                case COMMON_RECORD -> {
                    sink.accept(common(b, at, size, block, i));
                    flows++;
                }
                case EXTENSION_MAP -> map(b, at, size, block, i);
                case EXPORTER_INFO -> {
                    if (size >= 32) {
                        bytes.exporterInfo(b, at);
                    }
                }
                default -> {
                }
            }
            at += size;
        }
        return flows;
    }

    private void map(byte[] b, int at, int size, long block, long record) throws IOException {
        int id = size >= 8 ? bytes.u16(b, at + 4) : -1;
        String where = name + ": block " + block + ": extension map " + id + " (record " + record + ")";
        if (size < 10 || size % 4 != 0) {
            throw new IOException(where + " has a bad size " + size);
        }
        int declared = bytes.u16(b, at + 6);
        int sum = 0;
        int interfaces = -1;
        int as = -1;
        int flows = -1;
        boolean wideInterfaces = false;
        boolean wideAs = false;
        boolean wideFlows = false;
        int p = at + 8;
        int ext;
        while (p + 2 <= at + size && (ext = bytes.u16(b, p)) != 0) {
            if (ext >= SIZE.length || SIZE[ext] < 0) {
                throw new IOException(where + " names extension " + ext + ", which nfdump 1.6 does not define");
            }
            switch (ext) {
                case 4, 5 -> {
                    interfaces = sum;
                    wideInterfaces = ext == 5;
                }
                case 6, 7 -> {
                    as = sum;
                    wideAs = ext == 7;
                }
                case 18, 19 -> {
                    flows = sum;
                    wideFlows = ext == 19;
                }
                default -> {
                }
            }
            sum += SIZE[ext];
            p += 2;
        }
        if (p + 2 > at + size) {
            throw new IOException(where + " has no closing 0");
        }
        if (sum != declared) {
            throw new IOException(where + " says its extensions take " + declared + " bytes; its ids add up to " + sum);
        }
        maps.put(id, new ExtensionMap(sum, interfaces, wideInterfaces, as, wideAs, flows, wideFlows));
    }

    private FlowRecord common(byte[] b, int at, int size, long block, long record) throws IOException {
        int flags = bytes.u16(b, at + 4);
        int mapId = bytes.u16(b, at + 6);
        ExtensionMap map = maps.get(mapId);
        String where = name + ": block " + block + ": record " + record;
        if (map == null) {
            throw new IOException(where + " names extension map " + mapId + ", which the file did not define before it");
        }
        boolean v6 = (flags & FLAG_IPV6) != 0;
        int packetsAt = at + HEAD + (v6 ? 32 : 8);
        int bytesAt = packetsAt + ((flags & FLAG_PACKETS_64) != 0 ? 8 : 4);
        int ext = bytesAt + ((flags & FLAG_BYTES_64) != 0 ? 8 : 4);
        if (ext + map.size() - at > size) {
            throw new IOException(where + " is " + size + " bytes, too short for its addresses, counters and map "
                    + mapId + " (" + (ext + map.size() - at) + ")");
        }
        int proto = b[at + 22] & 0xff;
        int sysid = bytes.u16(b, at + 28);
        long first = bytes.u32(b, at + 12) * 1000 + bytes.u16(b, at + 8);
        long last = bytes.u32(b, at + 16) * 1000 + bytes.u16(b, at + 10);
        String src = v6 ? bytes.ipv6(b, at + HEAD) : bytes.ipv4(b, at + HEAD);
        String dst = v6 ? bytes.ipv6(b, at + HEAD + 16) : bytes.ipv4(b, at + HEAD + 4);
        long packets = (flags & FLAG_PACKETS_64) != 0 ? bytes.u64(b, packetsAt) : bytes.u32(b, packetsAt);
        long octets = (flags & FLAG_BYTES_64) != 0 ? bytes.u64(b, bytesAt) : bytes.u32(b, bytesAt);
        int io = map.interfaces() < 0 ? -1 : ext + map.interfaces();
        int as = map.as() < 0 ? -1 : ext + map.as();
        long flows = 1;
        if (map.flows() >= 0) {
            int p = ext + map.flows();
            flows = Math.max(1, map.wideFlows() ? bytes.u64(b, p) : bytes.u32(b, p));
        }
        boolean icmp = proto == 1 || proto == 58;
        return new FlowRecord(bytes.exporter(sysid), bytes.domain(sysid), -1, -1, Instant.ofEpochMilli(first),
                Instant.ofEpochMilli(last), src, dst, icmp ? 0 : bytes.u16(b, at + 24), bytes.u16(b, at + 26), proto,
                packets, octets, flows, half(b, io, map.wideInterfaces(), 0), half(b, io, map.wideInterfaces(), 1),
                half(b, as, map.wideAs(), 0), half(b, as, map.wideAs(), 1), b[at + 21] & 0xff, -1, -1);
    }

    /** The first or second of a pair of 2- or 4-byte numbers (interfaces, AS numbers) at {@code p}; -1 without one. */
    private long half(byte[] b, int p, boolean wide, int which) {
        return p < 0 ? -1 : wide ? bytes.u32(b, p + 4 * which) : bytes.u16(b, p + 2 * which);
    }
}
