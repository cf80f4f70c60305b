package dev.flowinspector.capture;

import static dev.flowinspector.capture.LayerNames.ECN;
import static dev.flowinspector.capture.LayerNames.PCP;
import static dev.flowinspector.capture.LayerNames.dscpName;
import static dev.flowinspector.capture.LayerNames.etherTypeName;
import static dev.flowinspector.capture.LayerNames.extName;
import static dev.flowinspector.capture.LayerNames.pktType;
import static dev.flowinspector.capture.LayerNames.protoName;
import static dev.flowinspector.capture.LayerNames.tcpFlagNames;

import dev.flowinspector.decode.DecodeNode;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.ProblemType;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.decode.ValueDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * The link, network and transport headers of one captured frame as detail-tree nodes, as Wireshark shows them:
 * Ethernet II with 802.1Q/802.1ad tags, Linux cooked SLL/SLL2 or BSD loopback, IPv4 (RFC 791 §3.1: DSCP/ECN of
 * RFC 2474/3168, flags, fragment offset, TTL, header checksum verified) or IPv6 (RFC 8200 §3, extension headers
 * §4), then UDP (RFC 768: length against IP, checksum verified with the pseudo-header; RFC 8200 §8.1) or TCP
 * (RFC 9293 §3.1, checksum verified). Offsets count from the frame's first byte. Pure: reads the bytes it is
 * given and nothing else (the same link types as the capture readers).
 */
public final class FrameLayers {

    /**
     * The header nodes of a frame, top level first, and where the transport payload lies in it.
     *
     * @param nodes         one node per layer (Ethernet, each VLAN tag, IP, UDP/TCP), offsets in the frame
     * @param linkName      the link layer's name, e.g. "Ethernet", "raw IP"
     * @param payloadOffset first byte of the UDP or TCP payload in the frame, or -1 when none was found
     * @param payloadLength bytes of that payload present in the frame
     */
    public record Result(List<DecodeNode> nodes, String linkName, int payloadOffset, int payloadLength) {

        public Result {
            nodes = List.copyOf(nodes);
        }

        /** Every problem raised in the header nodes. */
        public List<Problem> problems() {
            List<Problem> out = new ArrayList<>();
            for (DecodeNode n : nodes) {
                collect(n, out);
            }
            return out;
        }

        private static void collect(DecodeNode n, List<Problem> out) {
            out.addAll(n.problems());
            for (DecodeNode c : n.children()) {
                collect(c, out);
            }
        }
    }

    private FrameLayers() {
    }

    /** The name of a pcap link type this tool reads, or "link type N". */
    public static String linkName(int linkType) {
        return switch (linkType) {
            case PacketParser.LINKTYPE_ETHERNET -> "Ethernet";
            case PacketParser.LINKTYPE_NULL -> "BSD loopback";
            case PacketParser.LINKTYPE_LOOP -> "OpenBSD loopback";
            case PacketParser.LINKTYPE_LINUX_SLL -> "Linux cooked (SLL)";
            case PacketParser.LINKTYPE_LINUX_SLL2 -> "Linux cooked (SLL2)";
            case PacketParser.LINKTYPE_RAW, PacketParser.LINKTYPE_RAW_OPENBSD, PacketParser.LINKTYPE_RAW_BSDOS ->
                    "raw IP";
            case PacketParser.LINKTYPE_IPV4 -> "raw IPv4";
            case PacketParser.LINKTYPE_IPV6 -> "raw IPv6";
            default -> "link type " + linkType;
        };
    }

    /** Decodes the headers of a frame of a link type; what cannot be read is left out (never an exception). */
    public static Result decode(int linkType, byte[] f) {
        FrameLayers.Walk w = new Walk(f);
        int ethertype;
        int p;
        switch (linkType) {
            case PacketParser.LINKTYPE_ETHERNET -> {
                if (f.length < 14) {
                    return w.result(linkType);
                }
                p = w.ethernet();
                ethertype = w.ethertype;
            }
            case PacketParser.LINKTYPE_LINUX_SLL -> {
                if (f.length < 16) {
                    return w.result(linkType);
                }
                p = w.sll();
                ethertype = ValueDecoder.u16(f, 14);
            }
            case PacketParser.LINKTYPE_LINUX_SLL2 -> {
                if (f.length < 20) {
                    return w.result(linkType);
                }
                p = w.sll2();
                ethertype = ValueDecoder.u16(f, 0);
            }
            case PacketParser.LINKTYPE_NULL, PacketParser.LINKTYPE_LOOP -> {
                if (f.length < 4) {
                    return w.result(linkType);
                }
                ethertype = w.loopback();
                p = 4;
            }
            case PacketParser.LINKTYPE_RAW, PacketParser.LINKTYPE_RAW_OPENBSD, PacketParser.LINKTYPE_RAW_BSDOS,
                 PacketParser.LINKTYPE_IPV4, PacketParser.LINKTYPE_IPV6 -> {
                if (f.length < 1) {
                    return w.result(linkType);
                }
                int v = (f[0] >> 4) & 0xf;
                ethertype = v == 6 ? PacketParser.ETH_IPV6 : v == 4 ? PacketParser.ETH_IPV4 : -1;
                p = 0;
            }
            default -> {
                return w.result(linkType);
            }
        }
        if (ethertype == PacketParser.ETH_IPV4) {
            w.ipv4(p);
        } else if (ethertype == PacketParser.ETH_IPV6) {
            w.ipv6(p);
        }
        return w.result(linkType);
    }

    /** A mutable node while it is built. */
    private static final class N {
        final String label;
        final String field;
        final Object value;
        final int offset;
        final int length;
        final List<Problem> problems = new ArrayList<>();
        final List<N> children = new ArrayList<>();
        String text;

        N(String label, String field, Object value, int offset, int length) {
            this.label = label;
            this.field = field;
            this.value = value;
            this.offset = offset;
            this.length = length;
        }

        N add(String label, String field, Object value, int offset, int length) {
            N c = new N(label, field, value, offset, length);
            children.add(c);
            return c;
        }

        DecodeNode build() {
            List<DecodeNode> kids = new ArrayList<>(children.size());
            for (N c : children) {
                kids.add(c.build());
            }
            return new DecodeNode(text != null ? text : label, field, value, offset, length, problems, kids);
        }
    }

    /** One pass over a frame's headers. */
    private static final class Walk {
        final byte[] f;
        final List<N> nodes = new ArrayList<>();
        int ethertype = -1;
        int payloadOffset = -1;
        int payloadLength;

        Walk(byte[] f) {
            this.f = f;
        }

        Result result(int linkType) {
            List<DecodeNode> out = new ArrayList<>(nodes.size());
            for (N n : nodes) {
                out.add(n.build());
            }
            return new Result(out, linkName(linkType), payloadOffset, payloadLength);
        }

        private N top(String label, String field, int offset, int length) {
            N n = new N(label, field, null, offset, length);
            nodes.add(n);
            return n;
        }

        // ------------------------------------------------------------------ link layers

        /** Ethernet II (IEEE 802.3 §3.2.6) and its VLAN tags (IEEE 802.1Q §9.6); the offset after them. */
        int ethernet() {
            String dst = ValueDecoder.mac(f, 0);
            String src = ValueDecoder.mac(f, 6);
            N eth = top("Ethernet II, Src: " + src + ", Dst: " + dst, "eth", 0, 14);
            eth.add("Destination: " + dst, "eth.dst", dst, 0, 6);
            eth.add("Source: " + src, "eth.src", src, 6, 6);
            int type = ValueDecoder.u16(f, 12);
            eth.add("Type: " + etherTypeName(type), "eth.type", type, 12, 2);
            int p = 14;
            while ((type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200) && f.length >= p + 4) {
                int tci = ValueDecoder.u16(f, p);
                int pcp = tci >>> 13;
                int dei = (tci >>> 12) & 1;
                int vid = tci & 0xfff;
                String name = type == 0x8100 ? "802.1Q Virtual LAN" : "802.1ad Provider Bridge (Q-in-Q)";
                N tag = top(name + ", PRI: " + pcp + ", DEI: " + dei + ", ID: " + vid, "vlan", p, 4);
                tag.add("Priority (PCP): " + pcp + " (" + PCP[pcp] + ")", "vlan.priority", pcp, p, 1);
                tag.add("Drop eligible (DEI): " + dei, "vlan.dei", dei, p, 1);
                tag.add("VLAN ID: " + vid, "vlan.id", vid, p, 2);
                type = ValueDecoder.u16(f, p + 2);
                tag.add("Type: " + etherTypeName(type), "vlan.etype", type, p + 2, 2);
                p += 4;
            }
            ethertype = type;
            return p;
        }

        /** Linux cooked capture v1 (16 bytes). */
        int sll() {
            N n = top("Linux cooked capture v1", "sll", 0, 16);
            int pkttype = ValueDecoder.u16(f, 0);
            n.add("Packet type: " + pktType(pkttype), "sll.pkttype", pkttype, 0, 2);
            int hatype = ValueDecoder.u16(f, 2);
            n.add("Link-layer address type: " + hatype, "sll.hatype", hatype, 2, 2);
            int halen = ValueDecoder.u16(f, 4);
            n.add("Link-layer address length: " + halen, "sll.halen", halen, 4, 2);
            String addr = ValueDecoder.hex(f, 6, Math.min(8, halen));
            n.add("Source: " + addr, "sll.src", addr, 6, 8);
            int type = ValueDecoder.u16(f, 14);
            n.add("Protocol: " + etherTypeName(type), "sll.etype", type, 14, 2);
            return 16;
        }

        /** Linux cooked capture v2 (20 bytes). */
        int sll2() {
            N n = top("Linux cooked capture v2", "sll", 0, 20);
            int type = ValueDecoder.u16(f, 0);
            n.add("Protocol: " + etherTypeName(type), "sll.etype", type, 0, 2);
            long ifindex = ValueDecoder.u32(f, 4);
            n.add("Interface index: " + ifindex, "sll.ifindex", ifindex, 4, 4);
            int hatype = ValueDecoder.u16(f, 8);
            n.add("Link-layer address type: " + hatype, "sll.hatype", hatype, 8, 2);
            int pkttype = f[10] & 0xff;
            n.add("Packet type: " + pktType(pkttype), "sll.pkttype", pkttype, 10, 1);
            int halen = f[11] & 0xff;
            n.add("Link-layer address length: " + halen, "sll.halen", halen, 11, 1);
            String addr = ValueDecoder.hex(f, 12, Math.min(8, halen));
            n.add("Source: " + addr, "sll.src", addr, 12, 8);
            return 20;
        }

        /** BSD loopback: the address family (host byte order for NULL, network for LOOP); the ethertype it means. */
        int loopback() {
            long be = ValueDecoder.u32(f, 0);
            long fam = be < 256 ? be : Long.reverseBytes(be) >>> 32;
            N n = top("Null/Loopback", "null", 0, 4);
            String name = fam == 2 ? "IPv4" : fam == 10 || fam == 24 || fam == 28 || fam == 30 ? "IPv6" : "unknown";
            n.add("Family: " + name + " (" + fam + ")", "null.family", fam, 0, 4);
            return name.equals("IPv4") ? PacketParser.ETH_IPV4 : name.equals("IPv6") ? PacketParser.ETH_IPV6 : -1;
        }

        // ------------------------------------------------------------------ network layers

        /** IPv4 (RFC 791 §3.1) at p, then its transport when this frame holds the start of it. */
        void ipv4(int p) {
            if (f.length < p + 20 || ((f[p] >> 4) & 0xf) != 4) {
                top("Internet Protocol Version 4 (cut short: " + (f.length - p) + " bytes)", "ip", p,
                        Math.max(0, f.length - p));
                return;
            }
            int ihl = (f[p] & 0xf) * 4;
            String src = ValueDecoder.ipv4(f, p + 12);
            String dst = ValueDecoder.ipv4(f, p + 16);
            int hlen = Math.min(Math.max(ihl, 20), f.length - p);
            N ip = top("Internet Protocol Version 4, Src: " + src + ", Dst: " + dst, "ip", p, hlen);
            ip.add("Version: 4", "ip.version", 4, p, 1);
            N hl = ip.add("Header length: " + ihl + " bytes (" + (ihl / 4) + ")", "ip.hdr_len", ihl, p, 1);
            if (ihl < 20 || f.length < p + ihl) {
                hl.text = hl.label + (ihl < 20 ? ", below the minimum of 20" : ", beyond the captured bytes");
                return;
            }
            dsField(ip, "ip.dsfield", "Differentiated Services field", f[p + 1] & 0xff, p + 1, 1);
            int total = ValueDecoder.u16(f, p + 2);
            N len = ip.add("Total length: " + total, "ip.len", total, p + 2, 2);
            if (total == 0) {
                len.text = len.label + " (0: segmentation offload on the capturing host; length from the frame)";
            } else if (total < ihl) {
                len.text = len.label + ", shorter than the header";
            } else if (p + total > f.length) {
                len.text = len.label + " (" + (f.length - p) + " captured)";
            }
            int id = ValueDecoder.u16(f, p + 4);
            ip.add(String.format("Identification: 0x%04x (%d)", id, id), "ip.id", id, p + 4, 2);
            int ff = ValueDecoder.u16(f, p + 6);
            boolean rb = (ff & 0x8000) != 0;
            boolean df = (ff & 0x4000) != 0;
            boolean mf = (ff & 0x2000) != 0;
            int fragOffset = ff & 0x1fff;
            String flagText = df ? ", Don't fragment" : mf ? ", More fragments" : "";
            N flags = ip.add(String.format("Flags: 0x%x%s", ff >>> 13, flagText + (df && mf ? ", More fragments" : "")),
                    "ip.flags", ff >>> 13, p + 6, 1);
            flags.add("Reserved bit: " + (rb ? "Set" : "Not set"), "ip.flags.rb", rb, p + 6, 1);
            flags.add("Don't fragment: " + (df ? "Set" : "Not set"), "ip.flags.df", df, p + 6, 1);
            flags.add("More fragments: " + (mf ? "Set" : "Not set"), "ip.flags.mf", mf, p + 6, 1);
            ip.add("Fragment offset: " + fragOffset + (fragOffset == 0 ? "" : " (" + fragOffset * 8 + " bytes)"),
                    "ip.frag_offset", fragOffset, p + 6, 2);
            int ttl = f[p + 8] & 0xff;
            ip.add("Time to live: " + ttl, "ip.ttl", ttl, p + 8, 1);
            int proto = f[p + 9] & 0xff;
            ip.add("Protocol: " + protoName(proto), "ip.proto", proto, p + 9, 1);
            int sum = ValueDecoder.u16(f, p + 10);
            int expected = ~fold(PacketParser.words(f, p, ihl) - sum) & 0xffff;
            N ck = ip.add(String.format("Header checksum: 0x%04x", sum), "ip.checksum", sum, p + 10, 2);
            if (expected == sum) {
                ck.text = ck.label + ", correct";
            } else {
                ck.text = ck.label + String.format(", incorrect, should be 0x%04x", expected);
                ck.problems.add(new Problem(Problems.IP_CHECKSUM_BAD, p + 10, 2, String.format(
                        "IPv4 header checksum 0x%04x, expected 0x%04x (or checksum offload on the capturing host)",
                        sum, expected)));
            }
            ip.add("Source address: " + src, "ip.src", src, p + 12, 4);
            ip.add("Destination address: " + dst, "ip.dst", dst, p + 16, 4);
            if (ihl > 20) {
                ip.add("Options: " + (ihl - 20) + " bytes (first type " + (f[p + 20] & 0xff) + ")", "ip.options",
                        ValueDecoder.hex(f, p + 20, ihl - 20), p + 20, ihl - 20);
            }
            if (mf || fragOffset != 0) {
                ip.text = ip.label + (fragOffset == 0 ? ", first fragment" : ", fragment at byte " + fragOffset * 8);
            }
            if (fragOffset != 0) {
                return; // the transport header is in the first fragment
            }
            int end = total >= ihl ? Math.min(f.length, p + total) : f.length;
            int ipPayload = total >= ihl ? total - ihl : -1;
            byte[] srcRaw = java.util.Arrays.copyOfRange(f, p + 12, p + 16);
            byte[] dstRaw = java.util.Arrays.copyOfRange(f, p + 16, p + 20);
            transport(proto, p + ihl, end, ipPayload, srcRaw, dstRaw, false, mf);
        }

        /** IPv6 (RFC 8200 §3) at p with its extension headers (§4), then its transport. */
        void ipv6(int p) {
            if (f.length < p + 40 || ((f[p] >> 4) & 0xf) != 6) {
                top("Internet Protocol Version 6 (cut short: " + (f.length - p) + " bytes)", "ipv6", p,
                        Math.max(0, f.length - p));
                return;
            }
            String src = ValueDecoder.ipv6(f, p + 8);
            String dst = ValueDecoder.ipv6(f, p + 24);
            int plen = ValueDecoder.u16(f, p + 4);
            int end = plen == 0 ? f.length : Math.min(f.length, p + 40 + plen);
            List<N> ext = new ArrayList<>();
            int nh = f[p + 6] & 0xff;
            int q = p + 40;
            boolean fragment = false;
            boolean more = false;
            int fragOffset = 0;
            boolean done = false;
            for (int hops = 0; hops < 16 && !done; hops++) {
                switch (nh) {
                    case 0, 43, 60, 135, 139, 140, 51 -> {
                        if (q + 8 > end) {
                            done = true;
                            break;
                        }
                        int next = f[q] & 0xff;
                        int len = nh == 51 ? ((f[q + 1] & 0xff) + 2) * 4 : ((f[q + 1] & 0xff) + 1) * 8;
                        N e = new N(extName(nh) + " (" + len + " bytes), next header: " + protoName(next),
                                "ipv6.ext", nh, q, Math.min(len, end - q));
                        e.add("Next header: " + protoName(next), "ipv6.ext.nxt", next, q, 1);
                        e.add("Length: " + (f[q + 1] & 0xff), "ipv6.ext.len", f[q + 1] & 0xff, q + 1, 1);
                        ext.add(e);
                        q += len;
                        nh = next;
                    }
                    case 44 -> {
                        if (q + 8 > end) {
                            done = true;
                            break;
                        }
                        int next = f[q] & 0xff;
                        int fo = ValueDecoder.u16(f, q + 2);
                        fragOffset = fo & 0xfff8;
                        more = (fo & 1) != 0;
                        long id = ValueDecoder.u32(f, q + 4);
                        N e = new N("Fragment header, offset " + fragOffset + ", more fragments: " + (more ? "yes" : "no")
                                + String.format(", id 0x%08x", id), "ipv6.fraghdr", id, q, 8);
                        e.add("Next header: " + protoName(next), "ipv6.fraghdr.nxt", next, q, 1);
                        e.add("Offset: " + fragOffset + " bytes", "ipv6.fraghdr.offset", fragOffset, q + 2, 2);
                        e.add("More fragments: " + (more ? "Yes" : "No"), "ipv6.fraghdr.more", more, q + 3, 1);
                        e.add(String.format("Identification: 0x%08x", id), "ipv6.fraghdr.ident", id, q + 4, 4);
                        ext.add(e);
                        fragment = more || fragOffset != 0;
                        q += 8;
                        nh = next;
                    }
                    default -> done = true;
                }
            }
            int hlen = Math.min(q, end) - p;
            N ip = top("Internet Protocol Version 6, Src: " + src + ", Dst: " + dst, "ipv6", p, hlen);
            ip.add("Version: 6", "ipv6.version", 6, p, 1);
            int tc = (ValueDecoder.u16(f, p) >>> 4) & 0xff;
            dsField(ip, "ipv6.tclass", "Traffic class", tc, p, 2);
            int flow = (int) (ValueDecoder.u32(f, p) & 0xfffff);
            ip.add(String.format("Flow label: 0x%05x", flow), "ipv6.flow", flow, p + 1, 3);
            N pl = ip.add("Payload length: " + plen, "ipv6.plen", plen, p + 4, 2);
            if (plen == 0) {
                pl.text = pl.label + " (0: jumbogram or segmentation offload; length from the frame)";
            } else if (p + 40 + plen > f.length) {
                pl.text = pl.label + " (" + (f.length - p - 40) + " captured)";
            }
            int first = f[p + 6] & 0xff;
            ip.add("Next header: " + protoName(first), "ipv6.nxt", first, p + 6, 1);
            int hlim = f[p + 7] & 0xff;
            ip.add("Hop limit: " + hlim, "ipv6.hlim", hlim, p + 7, 1);
            ip.add("Source address: " + src, "ipv6.src", src, p + 8, 16);
            ip.add("Destination address: " + dst, "ipv6.dst", dst, p + 24, 16);
            ip.children.addAll(ext);
            if (fragment) {
                ip.text = ip.label + (fragOffset == 0 ? ", first fragment" : ", fragment at byte " + fragOffset);
            }
            if (!done || q > end || fragOffset != 0) {
                return;
            }
            int ipPayload = plen == 0 ? -1 : plen - (q - p - 40);
            byte[] srcRaw = java.util.Arrays.copyOfRange(f, p + 8, p + 24);
            byte[] dstRaw = java.util.Arrays.copyOfRange(f, p + 24, p + 40);
            transport(nh, q, end, ipPayload, srcRaw, dstRaw, true, more);
        }

        /** DSCP (RFC 2474 §3) and ECN (RFC 3168 §5) of an IPv4 DS field or IPv6 traffic class. */
        private void dsField(N ip, String field, String name, int v, int off, int len) {
            int dscp = v >>> 2;
            int ecn = v & 3;
            N ds = ip.add(String.format("%s: 0x%02x (DSCP: %s, ECN: %s)", name, v, dscpName(dscp), ECN[ecn]), field,
                    v, off, len);
            ds.add("Differentiated Services Codepoint: " + dscp + " (" + dscpName(dscp) + ")", field + ".dscp", dscp,
                    off, len);
            ds.add("Explicit Congestion Notification: " + ecn + " (" + ECN[ecn] + ")", field + ".ecn", ecn, off, len);
        }

        // ------------------------------------------------------------------ transport layers

        /**
         * UDP or TCP at l4, the IP payload ending at end; ipPayload is the length IP gives it (-1 when unknown);
         * fragmented: only the first fragment is here, so the checksum cannot be checked.
         */
        private void transport(int proto, int l4, int end, int ipPayload, byte[] srcRaw, byte[] dstRaw, boolean v6,
                               boolean fragmented) {
            if (proto == PacketParser.PROTO_UDP) {
                udp(l4, end, ipPayload, srcRaw, dstRaw, v6, fragmented);
            } else if (proto == PacketParser.PROTO_TCP) {
                tcp(l4, end, ipPayload, srcRaw, dstRaw, fragmented);
            }
        }

        /** UDP (RFC 768). */
        private void udp(int l4, int end, int ipPayload, byte[] srcRaw, byte[] dstRaw, boolean v6, boolean fragmented) {
            if (end - l4 < 8) {
                top("User Datagram Protocol (cut short: " + Math.max(0, end - l4) + " bytes)", "udp", l4,
                        Math.max(0, Math.min(end, f.length) - l4));
                return;
            }
            int sport = ValueDecoder.u16(f, l4);
            int dport = ValueDecoder.u16(f, l4 + 2);
            int ulen = ValueDecoder.u16(f, l4 + 4);
            int sum = ValueDecoder.u16(f, l4 + 6);
            N u = top("User Datagram Protocol, Src Port: " + sport + ", Dst Port: " + dport, "udp", l4, 8);
            u.add("Source port: " + sport, "udp.srcport", sport, l4, 2);
            u.add("Destination port: " + dport, "udp.dstport", dport, l4 + 2, 2);
            N len = u.add("Length: " + ulen, "udp.length", ulen, l4 + 4, 2);
            if (ulen < 8) {
                len.text = len.label + ", below the minimum of 8";
                len.problems.add(new Problem(Problems.UDP_LENGTH_MISMATCH, l4 + 4, 2,
                        "UDP length " + ulen + " is below the 8 bytes of its header"));
            } else if (ipPayload >= 0 && !fragmented && ulen != ipPayload) {
                len.text = len.label + ", but IP carries " + ipPayload;
                len.problems.add(new Problem(Problems.UDP_LENGTH_MISMATCH, l4 + 4, 2,
                        "UDP length " + ulen + ", but the IP " + (v6 ? "payload" : "packet") + " carries " + ipPayload
                        + " bytes of UDP"));
            }
            N ck = u.add(String.format("Checksum: 0x%04x", sum), "udp.checksum", sum, l4 + 6, 2);
            boolean whole = ulen >= 8 && l4 + ulen <= end && !fragmented;
            if (sum == 0) {
                if (v6) {
                    ck.text = ck.label + ", zero, which IPv6 does not allow";
                    ck.problems.add(new Problem(Problems.UDP_CHECKSUM_ZERO, l4 + 6, 2,
                            "UDP checksum is zero, which IPv6 does not allow (RFC 8200 §8.1)"));
                } else {
                    ck.text = ck.label + " (none: the sender did not compute it)";
                }
            } else if (!whole) {
                ck.text = ck.label + (fragmented ? " (not verified: the datagram continues in other fragments)"
                        : " (not verified: the datagram is cut short in the capture)");
            } else {
                int expected = PacketParser.udpChecksum(srcRaw, dstRaw, f, l4, ulen);
                if (expected == sum) {
                    ck.text = ck.label + ", correct";
                } else {
                    ck.text = ck.label + String.format(", incorrect, should be 0x%04x", expected);
                    ck.problems.add(new Problem(Problems.UDP_CHECKSUM_BAD, l4 + 6, 2, String.format(
                            "UDP checksum 0x%04x, expected 0x%04x (often checksum offload on the capturing host)",
                            sum, expected)));
                }
            }
            payloadOffset = l4 + 8;
            payloadLength = Math.max(0, (ulen >= 8 ? Math.min(end, l4 + ulen) : end) - payloadOffset);
        }

        /** TCP (RFC 9293 §3.1). */
        private void tcp(int l4, int end, int ipPayload, byte[] srcRaw, byte[] dstRaw, boolean fragmented) {
            if (end - l4 < 20) {
                top("Transmission Control Protocol (cut short: " + Math.max(0, end - l4) + " bytes)", "tcp", l4,
                        Math.max(0, Math.min(end, f.length) - l4));
                return;
            }
            int sport = ValueDecoder.u16(f, l4);
            int dport = ValueDecoder.u16(f, l4 + 2);
            long seq = ValueDecoder.u32(f, l4 + 4);
            long ack = ValueDecoder.u32(f, l4 + 8);
            int doff = ((f[l4 + 12] >> 4) & 0xf) * 4;
            int flags = ValueDecoder.u16(f, l4 + 12) & 0xfff;
            int hlen = Math.min(Math.max(doff, 20), end - l4);
            int segLen = Math.max(0, end - l4 - hlen);
            N t = top("Transmission Control Protocol, Src Port: " + sport + ", Dst Port: " + dport + ", Seq: " + seq
                    + ((flags & 0x10) != 0 ? ", Ack: " + ack : "") + ", Len: " + segLen, "tcp", l4, hlen);
            t.add("Source port: " + sport, "tcp.srcport", sport, l4, 2);
            t.add("Destination port: " + dport, "tcp.dstport", dport, l4 + 2, 2);
            t.add("Sequence number (raw): " + seq, "tcp.seq_raw", seq, l4 + 4, 4);
            t.add("Acknowledgment number (raw): " + ack, "tcp.ack_raw", ack, l4 + 8, 4);
            N hl = t.add("Header length: " + doff + " bytes (" + doff / 4 + ")", "tcp.hdr_len", doff, l4 + 12, 1);
            String names = tcpFlagNames(flags);
            t.add(String.format("Flags: 0x%03x (%s)", flags, names), "tcp.flags", flags, l4 + 12, 2);
            int window = ValueDecoder.u16(f, l4 + 14);
            t.add("Window: " + window, "tcp.window_size_value", window, l4 + 14, 2);
            int sum = ValueDecoder.u16(f, l4 + 16);
            N ck = t.add(String.format("Checksum: 0x%04x", sum), "tcp.checksum", sum, l4 + 16, 2);
            t.add("Urgent pointer: " + ValueDecoder.u16(f, l4 + 18), "tcp.urgent_pointer", ValueDecoder.u16(f, l4 + 18),
                    l4 + 18, 2);
            if (doff < 20 || l4 + doff > end) {
                hl.text = hl.label + (doff < 20 ? ", below the minimum of 20" : ", beyond the segment");
                return;
            }
            if (doff > 20) {
                t.add("Options: " + (doff - 20) + " bytes", "tcp.options", ValueDecoder.hex(f, l4 + 20, doff - 20),
                        l4 + 20, doff - 20);
            }
            boolean whole = !fragmented && ipPayload >= 0 && l4 + ipPayload <= f.length;
            if (!whole) {
                ck.text = ck.label + (fragmented ? " (not verified: the segment continues in other fragments)"
                        : " (not verified: the segment is cut short in the capture or its length is unknown)");
            } else {
                long s = PacketParser.words(srcRaw, 0, srcRaw.length) + PacketParser.words(dstRaw, 0, dstRaw.length)
                        + PacketParser.PROTO_TCP + ipPayload + PacketParser.words(f, l4, ipPayload) - sum;
                int expected = ~fold(s) & 0xffff;
                if (expected == sum) {
                    ck.text = ck.label + ", correct";
                } else {
                    ck.text = ck.label + String.format(", incorrect, should be 0x%04x", expected);
                    ck.problems.add(new Problem(Problems.TCP_CHECKSUM_BAD, l4 + 16, 2, String.format(
                            "TCP checksum 0x%04x, expected 0x%04x (often checksum offload on the capturing host)",
                            sum, expected)));
                }
            }
            payloadOffset = l4 + doff;
            payloadLength = segLen;
        }
    }

    /** One's-complement fold of an unfolded word sum (RFC 1071 §4.1); a negative sum is brought into range first. */
    static int fold(long s) {
        while (s < 0) {
            s += 0xffff;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
