package dev.flowinspector.capture;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.decode.ValueDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Link, network and transport layers down to the export payload: Ethernet (802.1Q/802.1ad/QinQ tags), Linux
 * cooked SLL and SLL2, raw IPv4/IPv6, BSD loopback (NULL/LOOP); IPv4 (RFC 791) and IPv6 with extension
 * headers (RFC 8200 §4), fragment reassembly, UDP (RFC 768, checksum checked) and IPFIX over TCP (RFC 7011
 * §10.4). Stateful (fragments and TCP streams span frames): one parser per capture, fed in capture order.
 */
final class PacketParser {

    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW_OPENBSD = 12;
    static final int LINKTYPE_RAW_BSDOS = 14;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LOOP = 108;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    static final int ETH_IPV4 = 0x0800;
    static final int ETH_IPV6 = 0x86dd;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;

    private final ExportPorts ports;
    private final IpReassembly fragments = new IpReassembly();
    private final TcpReassembly tcp;

    PacketParser(ExportPorts ports) {
        this.ports = ports;
        this.tcp = new TcpReassembly(ports);
    }

    /** True for the link types this parser reads. */
    static boolean supported(int linkType) {
        return switch (linkType) {
            case LINKTYPE_NULL, LINKTYPE_ETHERNET, LINKTYPE_RAW_OPENBSD, LINKTYPE_RAW_BSDOS, LINKTYPE_RAW,
                    LINKTYPE_LOOP, LINKTYPE_LINUX_SLL, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL2 -> true;
            default -> false;
        };
    }

    /** The first export frame inside a captured frame, or null when it carries none (or only part of one). */
    Frame parse(long number, long timeNanos, int linkType, byte[] f, long fileOffset, String comment) {
        List<Frame> all = parseAll(number, timeNanos, linkType, f, fileOffset, comment);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * The export frames a captured frame completes: none (not export traffic, or a fragment/segment still
     * waiting for the rest), one (a UDP datagram), or several (a TCP segment completing several IPFIX messages).
     */
    List<Frame> parseAll(long number, long timeNanos, int linkType, byte[] f, long fileOffset, String comment) {
        return parseAll(number, timeNanos, linkType, f, 0, f.length, true, fileOffset, comment);
    }

    /**
     * {@link #parseAll} of the captured frame {@code f[off..off+len)}. With {@code keep}, f is the frame exactly
     * (off 0, its whole length) and becomes the frames' {@link Frame#frameBytes}; without, the frames carry no
     * frame bytes and nothing keeps f: the caller may read the next frame into the same array.
     */
    List<Frame> parseAll(long number, long timeNanos, int linkType, byte[] f, int off, int len, boolean keep,
                         long fileOffset, String comment) {
        int frameEnd = off + len;
        long link = link(linkType, f, off, len);
        if (link < 0) {
            return List.of();
        }
        int ethertype = (int) (link >>> 32);
        int p = (int) link;
        Net net;
        if (ethertype == ETH_IPV4) {
            net = ipv4(f, p, frameEnd, number);
        } else if (ethertype == ETH_IPV6) {
            net = ipv6(f, p, frameEnd, number);
        } else {
            return List.of();
        }
        if (net == null) {
            return List.of();
        }
        Ctx c = new Ctx(number, timeNanos, linkType, keep ? f : null, fileOffset, comment);
        if (net.proto == PROTO_UDP) {
            Frame fr = udp(net, c);
            return fr == null ? List.of() : List.of(fr);
        }
        if (net.proto == PROTO_TCP) {
            return tcp(net, c);
        }
        return List.of();
    }

    /**
     * The link layer of a frame {@code f[off..off+len)}: its ethertype (IPv4 or IPv6 for the raw and loopback types)
     * in the upper 32 bits and the offset in {@code f} of the network header in the lower, or -1 when the frame is
     * too short or of another kind.
     */
    static long link(int linkType, byte[] f, int off, int len) {
        int p;
        int ethertype;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (len < 14) {
                    return -1;
                }
                p = off + 12;
                ethertype = ValueDecoder.u16(f, p);
                p += 2;
                while ((ethertype == 0x8100 || ethertype == 0x88a8 || ethertype == 0x9100 || ethertype == 0x9200)
                        && off + len >= p + 4) {
                    ethertype = ValueDecoder.u16(f, p + 2);
                    p += 4;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                if (len < 16) {
                    return -1;
                }
                ethertype = ValueDecoder.u16(f, off + 14);
                p = off + 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (len < 20) {
                    return -1;
                }
                ethertype = ValueDecoder.u16(f, off);
                p = off + 20;
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> {
                if (len < 4) {
                    return -1;
                }
                // NULL: address family in the capturing host's byte order; LOOP: network byte order
                long be = ValueDecoder.u32(f, off);
                long fam = be < 256 ? be : Long.reverseBytes(be) >>> 32;
                if (fam == 2) {
                    ethertype = ETH_IPV4;
                } else if (fam == 10 || fam == 24 || fam == 28 || fam == 30) {
                    ethertype = ETH_IPV6;
                } else {
                    return -1;
                }
                p = off + 4;
            }
            case LINKTYPE_RAW, LINKTYPE_RAW_OPENBSD, LINKTYPE_RAW_BSDOS, LINKTYPE_IPV4, LINKTYPE_IPV6 -> {
                if (len < 1) {
                    return -1;
                }
                int v = (f[off] >> 4) & 0xf;
                ethertype = v == 6 ? ETH_IPV6 : v == 4 ? ETH_IPV4 : -1;
                p = off;
            }
            default -> {
                return -1;
            }
        }
        return ethertype < 0 ? -1 : ((long) ethertype << 32) | p;
    }

    /** {@link #skim}: the frame needs the whole parser (fragment, TCP, IPv6 extension header). */
    static final long SKIM_PARSE = -1;
    /** {@link #skim}: the frame holds no export packet and changes no parser state. */
    static final long SKIM_NONE = -2;

    /**
     * Looks at a captured frame {@code f[off..off+len)} in place, without copying or keeping anything: the offset
     * (upper 32 bits) and length (lower) of its export payload when it is one whole UDP datagram that
     * {@link #parseAll} would turn into one export frame, {@link #SKIM_NONE} when parseAll would give no frame and
     * change no state (not IP, not UDP or TCP, not export traffic), else {@link #SKIM_PARSE}.
     */
    long skim(int linkType, byte[] f, int off, int len) {
        long link = link(linkType, f, off, len);
        if (link < 0) {
            return SKIM_NONE;
        }
        int ethertype = (int) (link >>> 32);
        int p = (int) link;
        int frameEnd = off + len;
        int proto;
        int l4;
        int end;
        if (ethertype == ETH_IPV4) {
            if (frameEnd < p + 20 || ((f[p] >> 4) & 0xf) != 4) {
                return SKIM_NONE;
            }
            int ihl = (f[p] & 0xf) * 4;
            if (ihl < 20 || frameEnd < p + ihl) {
                return SKIM_NONE;
            }
            int fragField = ValueDecoder.u16(f, p + 6);
            if ((fragField & 0x3fff) != 0) {
                return SKIM_PARSE; // a fragment: reassembly keeps state
            }
            int total = ValueDecoder.u16(f, p + 2);
            end = total >= ihl ? Math.min(frameEnd, p + total) : frameEnd;
            proto = f[p + 9] & 0xff;
            l4 = p + ihl;
        } else if (ethertype == ETH_IPV6) {
            if (frameEnd < p + 40 || ((f[p] >> 4) & 0xf) != 6) {
                return SKIM_NONE;
            }
            int plen = ValueDecoder.u16(f, p + 4);
            end = plen == 0 ? frameEnd : Math.min(frameEnd, p + 40 + plen);
            proto = f[p + 6] & 0xff;
            l4 = p + 40;
            if (proto != PROTO_UDP && proto != PROTO_TCP) {
                return switch (proto) {
                    case 0, 43, 44, 51, 60, 135, 139, 140 -> SKIM_PARSE; // extension headers
                    default -> SKIM_NONE;
                };
            }
        } else {
            return SKIM_NONE;
        }
        if (proto == PROTO_TCP) {
            return SKIM_PARSE;
        }
        if (proto != PROTO_UDP || end - l4 < 8) {
            return SKIM_NONE;
        }
        int sport = ValueDecoder.u16(f, l4);
        int dport = ValueDecoder.u16(f, l4 + 2);
        int ulen = ValueDecoder.u16(f, l4 + 4);
        int payEnd = ulen >= 8 ? Math.min(end, l4 + ulen) : end;
        int pay = l4 + 8;
        if (!ports.isExport(sport, dport, f, pay, payEnd - pay)) {
            return SKIM_NONE;
        }
        return ((long) pay << 32) | (payEnd - pay);
    }

    private record Ctx(long number, long timeNanos, int linkType, byte[] frame, long fileOffset, String comment) {
    }

    /** A network-layer payload: protocol, bytes {@code d[off..end)}, addresses; fragments when reassembled. */
    private record Net(int proto, byte[] d, int off, int end, byte[] srcRaw, byte[] dstRaw, String src, String dst,
                       List<Long> fragmentFrames, String family) {
    }

    private Net ipv4(byte[] f, int p, int frameEnd, long number) {
        if (frameEnd < p + 20 || ((f[p] >> 4) & 0xf) != 4) {
            return null;
        }
        int ihl = (f[p] & 0xf) * 4;
        if (ihl < 20 || frameEnd < p + ihl) {
            return null;
        }
        int total = ValueDecoder.u16(f, p + 2);
        int end = total >= ihl ? Math.min(frameEnd, p + total) : frameEnd; // 0: segmentation offload
        int fragField = ValueDecoder.u16(f, p + 6);
        int proto = f[p + 9] & 0xff;
        byte[] srcRaw = Arrays.copyOfRange(f, p + 12, p + 16);
        byte[] dstRaw = Arrays.copyOfRange(f, p + 16, p + 20);
        String src = ipv4Text(f, p + 12, 0);
        String dst = ipv4Text(f, p + 16, 1);
        boolean more = (fragField & 0x2000) != 0;
        int fragOffset = (fragField & 0x1fff) * 8;
        if (more || fragOffset != 0) {
            String key = "4|" + src + "|" + dst + "|" + proto + "|" + ValueDecoder.u16(f, p + 4);
            IpReassembly.Result r = fragments.add(key, fragOffset, Arrays.copyOfRange(f, p + ihl, end), !more, number);
            if (r == null) {
                return null;
            }
            return new Net(proto, r.data(), 0, r.data().length, srcRaw, dstRaw, src, dst, r.frames(), "IPv4");
        }
        return new Net(proto, f, p + ihl, end, srcRaw, dstRaw, src, dst, null, "IPv4");
    }

    /** The last two IPv4 addresses seen and their text: exporters and collectors repeat, packet after packet. */
    private final int[] lastIpv4 = new int[2];
    private final String[] lastIpv4Text = new String[2];

    private String ipv4Text(byte[] f, int off, int slot) {
        int a = (int) ValueDecoder.u32(f, off);
        String t = lastIpv4Text[slot];
        if (t == null || lastIpv4[slot] != a) {
            t = ValueDecoder.ipv4(f, off);
            lastIpv4[slot] = a;
            lastIpv4Text[slot] = t;
        }
        return t;
    }

    private Net ipv6(byte[] f, int p, int frameEnd, long number) {
        if (frameEnd < p + 40 || ((f[p] >> 4) & 0xf) != 6) {
            return null;
        }
        int plen = ValueDecoder.u16(f, p + 4);
        int end = plen == 0 ? frameEnd : Math.min(frameEnd, p + 40 + plen); // 0: jumbogram or offload
        byte[] srcRaw = Arrays.copyOfRange(f, p + 8, p + 24);
        byte[] dstRaw = Arrays.copyOfRange(f, p + 24, p + 40);
        String src = ValueDecoder.ipv6(f, p + 8);
        String dst = ValueDecoder.ipv6(f, p + 24);
        int nh = f[p + 6] & 0xff;
        int q = p + 40;
        for (int hops = 0; hops < 16; hops++) {
            switch (nh) {
                case 0, 43, 60, 135, 139, 140 -> { // hop-by-hop, routing, destination options, mobility, HIP, shim6
                    if (q + 8 > end) {
                        return null;
                    }
                    int next = f[q] & 0xff;
                    q += ((f[q + 1] & 0xff) + 1) * 8;
                    nh = next;
                }
                case 51 -> { // authentication header (RFC 4302 §2.2)
                    if (q + 8 > end) {
                        return null;
                    }
                    int next = f[q] & 0xff;
                    q += ((f[q + 1] & 0xff) + 2) * 4;
                    nh = next;
                }
                case 44 -> { // fragment header (RFC 8200 §4.5)
                    if (q + 8 > end) {
                        return null;
                    }
                    int next = f[q] & 0xff;
                    int fo = ValueDecoder.u16(f, q + 2);
                    int fragOffset = fo & 0xfff8;
                    boolean more = (fo & 1) != 0;
                    long id = ValueDecoder.u32(f, q + 4);
                    q += 8;
                    nh = next;
                    if (more || fragOffset != 0) {
                        String key = "6|" + src + "|" + dst + "|" + id;
                        IpReassembly.Result r = fragments.add(key, fragOffset, Arrays.copyOfRange(f, q, end), !more,
                                number);
                        if (r == null) {
                            return null;
                        }
                        return new Net(nh, r.data(), 0, r.data().length, srcRaw, dstRaw, src, dst, r.frames(), "IPv6");
                    }
                }
                default -> {
                    if (q > end) {
                        return null;
                    }
                    return new Net(nh, f, q, end, srcRaw, dstRaw, src, dst, null, "IPv6");
                }
            }
        }
        return null;
    }

    private Frame udp(Net n, Ctx c) {
        byte[] d = n.d;
        int l4 = n.off;
        if (n.end - l4 < 8) {
            return null;
        }
        int sport = ValueDecoder.u16(d, l4);
        int dport = ValueDecoder.u16(d, l4 + 2);
        int ulen = ValueDecoder.u16(d, l4 + 4);
        int payEnd = ulen >= 8 ? Math.min(n.end, l4 + ulen) : n.end;
        int pay = l4 + 8;
        if (!ports.isExport(sport, dport, d, pay, payEnd - pay)) {
            return null;
        }
        List<Problem> notes = List.of(); // most datagrams have none: no list to make and copy (see plus)
        int sum = ValueDecoder.u16(d, l4 + 6);
        if (sum == 0) {
            notes = plus(notes, new Problem(Problems.UDP_CHECKSUM_ZERO, 0, 0, n.family.equals("IPv6")
                    ? "UDP checksum is zero, which IPv6 does not allow (RFC 8200 §8.1)"
                    : "UDP checksum is zero: the exporter did not compute it"));
        } else if (ulen >= 8 && l4 + ulen <= n.end && ports.checksums()) {
            int expected = udpChecksum(n.srcRaw, n.dstRaw, d, l4, ulen);
            if (expected != sum) {
                notes = plus(notes, new Problem(Problems.UDP_CHECKSUM_BAD, 0, 0, String.format(
                        "UDP checksum 0x%04x, expected 0x%04x (often checksum offload on the capturing host)",
                        sum, expected)));
            }
        }
        if (n.fragmentFrames != null) {
            notes = plus(notes, new Problem(Problems.IP_FRAGMENTED, 0, 0, "reassembled from "
                    + n.fragmentFrames.size() + " " + n.family + " fragments in frames "
                    + n.fragmentFrames.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        byte[] payload = Arrays.copyOfRange(d, pay, payEnd);
        boolean whole = n.fragmentFrames == null;
        return new Frame(c.number, c.timeNanos, new Endpoint(n.src, sport), new Endpoint(n.dst, dport), Transport.UDP,
                payload, whole ? c.linkType : -1, whole ? c.frame : null, c.fileOffset, c.comment, notes);
    }

    /** The notes and one more (notes may be the immutable empty list). */
    private static List<Problem> plus(List<Problem> notes, Problem p) {
        List<Problem> more = new ArrayList<>(notes.size() + 1);
        more.addAll(notes);
        more.add(p);
        return more;
    }

    private List<Frame> tcp(Net n, Ctx c) {
        byte[] d = n.d;
        int l4 = n.off;
        if (n.end - l4 < 20) {
            return List.of();
        }
        int sport = ValueDecoder.u16(d, l4);
        int dport = ValueDecoder.u16(d, l4 + 2);
        long seq = ValueDecoder.u32(d, l4 + 4);
        int doff = ((d[l4 + 12] >> 4) & 0xf) * 4;
        int flags = d[l4 + 13] & 0xff;
        if (doff < 20 || l4 + doff > n.end) {
            return List.of();
        }
        Endpoint src = new Endpoint(n.src, sport);
        Endpoint dst = new Endpoint(n.dst, dport);
        String key = src + ">" + dst;
        List<TcpReassembly.Message> msgs = tcp.segment(key, sport, dport, seq, flags, d, l4 + doff,
                n.end - l4 - doff, c.number);
        if (msgs.isEmpty()) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>(msgs.size());
        for (TcpReassembly.Message m : msgs) {
            List<Problem> notes = new ArrayList<>();
            String frames = m.firstFrame() == m.lastFrame() ? "frame " + m.lastFrame()
                    : "frames " + m.firstFrame() + "-" + m.lastFrame();
            notes.add(new Problem(Problems.IPFIX_OVER_TCP, 0, 0, "IPFIX message of " + m.payload().length
                    + " bytes from the TCP stream " + src + " -> " + dst + " (" + frames + ")"
                    + (m.resynced() ? "; stream bytes were lost before it, resynchronised on this message header"
                    : "")));
            if (n.fragmentFrames != null) {
                notes.add(new Problem(Problems.IP_FRAGMENTED, 0, 0, "a segment was reassembled from "
                        + n.fragmentFrames.size() + " " + n.family + " fragments"));
            }
            out.add(new Frame(c.number, c.timeNanos, src, dst, Transport.TCP, m.payload(), -1, null, c.fileOffset,
                    c.comment, notes));
        }
        return out;
    }

    /** The UDP checksum (RFC 768; RFC 8200 §8.1 for IPv6) of {@code d[off..off+len)} with its checksum field as 0. */
    static int udpChecksum(byte[] srcRaw, byte[] dstRaw, byte[] d, int off, int len) {
        long sum = 0;
        sum += words(srcRaw, 0, srcRaw.length);
        sum += words(dstRaw, 0, dstRaw.length);
        sum += PROTO_UDP;
        sum += len;
        sum += words32(d, off, len); // congruent to the 16-bit word sum modulo 0xffff, folded below
        sum -= ValueDecoder.u16(d, off + 6);
        while (sum < 0) {
            sum += 0xffff;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int r = (int) (~sum & 0xffff);
        return r == 0 ? 0xffff : r;
    }

    /**
     * Sum of big-endian 32-bit words (a tail of under 8 bytes summed as 16-bit words): since 2^16 = 1 modulo 0xffff, it folds
     * to the same one's-complement sum as {@link #words} (RFC 1071 §2(B), "byte order independence" and
     * "parallel summation"), at a quarter of the reads.
     */
    static long words32(byte[] d, int off, int len) {
        long sum = 0;
        int i = off;
        int end = off + len;
        for (; i + 7 < end; i += 8) {
            long w = (long) BE64.get(d, i);
            sum += (w >>> 32) + (w & 0xffffffffL);
        }
        if (i < end) {
            sum += words(d, i, end - i);
        }
        return sum;
    }

    private static final java.lang.invoke.VarHandle BE64 = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** Internet checksum word sum (RFC 1071), unfolded. */
    static long words(byte[] d, int off, int len) {
        long sum = 0;
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            sum += ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (d[i] & 0xff) << 8;
        }
        return sum;
    }
}
