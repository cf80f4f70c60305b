package dev.flowinspector.capture;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.decode.ValueDecoder;
import java.util.Arrays;

/** Link, network and transport layers down to the export payload. */
final class PacketParser {

    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LOOP = 108;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    private final ExportPorts ports;

    PacketParser(ExportPorts ports) {
        this.ports = ports;
    }

    /** The export frame inside a captured frame, or null when it carries none. */
    Frame parse(long number, long timeNanos, int linkType, byte[] f, long fileOffset, String comment) {
        int p;
        int ethertype;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (f.length < 14) {
                    return null;
                }
                p = 12;
                ethertype = ValueDecoder.u16(f, p);
                p += 2;
                while ((ethertype == 0x8100 || ethertype == 0x88a8 || ethertype == 0x9100) && f.length >= p + 4) {
                    ethertype = ValueDecoder.u16(f, p + 2);
                    p += 4;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                if (f.length < 16) {
                    return null;
                }
                ethertype = ValueDecoder.u16(f, 14);
                p = 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (f.length < 20) {
                    return null;
                }
                ethertype = ValueDecoder.u16(f, 0);
                p = 20;
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> {
                if (f.length < 4) {
                    return null;
                }
                int fam = f[0] != 0 ? (f[0] & 0xff) : (f[3] & 0xff);
                ethertype = fam == 2 ? 0x0800 : 0x86dd;
                p = 4;
            }
            case LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6 -> {
                if (f.length < 1) {
                    return null;
                }
                ethertype = ((f[0] >> 4) & 0xf) == 6 ? 0x86dd : 0x0800;
                p = 0;
            }
            default -> {
                return null;
            }
        }
        String src;
        String dst;
        int proto;
        int l4;
        int l4end;
        if (ethertype == 0x0800) {
            if (f.length < p + 20) {
                return null;
            }
            int ihl = (f[p] & 0xf) * 4;
            int total = ValueDecoder.u16(f, p + 2);
            int fragField = ValueDecoder.u16(f, p + 6);
            if ((fragField & 0x3fff) != 0) {
                return null; // fragments: reassembly lives in the full capture layer
            }
            proto = f[p + 9] & 0xff;
            src = ValueDecoder.ipv4(f, p + 12);
            dst = ValueDecoder.ipv4(f, p + 16);
            l4 = p + ihl;
            l4end = Math.min(f.length, p + Math.max(total, ihl));
        } else if (ethertype == 0x86dd) {
            if (f.length < p + 40) {
                return null;
            }
            proto = f[p + 6] & 0xff;
            src = ValueDecoder.ipv6(f, p + 8);
            dst = ValueDecoder.ipv6(f, p + 24);
            l4 = p + 40;
            l4end = Math.min(f.length, l4 + ValueDecoder.u16(f, p + 4));
        } else {
            return null;
        }
        if (proto != 17 || l4end - l4 < 8) {
            return null;
        }
        int sport = ValueDecoder.u16(f, l4);
        int dport = ValueDecoder.u16(f, l4 + 2);
        int ulen = ValueDecoder.u16(f, l4 + 4);
        int payEnd = Math.min(l4end, l4 + Math.max(ulen, 8));
        int pay = l4 + 8;
        if (!ports.isExport(sport, dport, f, pay, payEnd - pay)) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(f, pay, payEnd);
        return new Frame(number, timeNanos, new Endpoint(src, sport), new Endpoint(dst, dport), Transport.UDP,
                payload, linkType, f, fileOffset, comment, null);
    }
}
