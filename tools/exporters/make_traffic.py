#!/usr/bin/env python3
"""Writes the deterministic input traffic the exporter captures are made from.

Usage: make_traffic.py OUT.pcap OUT-flows.csv

OUT.pcap is a classic pcap (Ethernet, microsecond timestamps) of ordinary traffic: bidirectional IPv4 TCP
sessions, IPv4 UDP request/response pairs, IPv4 ICMP echo, and IPv6 TCP, UDP and ICMPv6 flows, between
10.1.0.0/24 and 192.0.2.0/24 (IPv4) and 2001:db8::/64 and 2001:db8:1::/64 (IPv6), timestamps within
TRAFFIC_START .. TRAFFIC_START + 6 s. Nothing random: the same bytes every run.

OUT-flows.csv lists every unidirectional flow (what a NetFlow exporter reports as one record): addresses,
ports (for ICMP the source port is 0 and the destination port is type*256+code of the flow's first
packet), protocol, TOS, OR of the TCP flags, packets, octets (IP header included, link layer excluded),
first and last packet times in microseconds since the epoch.
"""
import struct
import sys

TRAFFIC_START = 1_704_067_200  # 2024-01-01T00:00:00Z
MAC_CLIENT = bytes.fromhex("020000000001")
MAC_SERVER = bytes.fromhex("020000000002")

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def ip6(a):
    head, _, tail = a.partition("::")
    h = [int(x, 16) for x in head.split(":") if x]
    t = [int(x, 16) for x in tail.split(":") if x]
    words = h + [0] * (8 - len(h) - len(t)) + t
    return struct.pack("!8H", *words)


def is6(a):
    return ":" in a


def l4(proto, src, dst, sport, dport, flags, payload, seq, icmp_type=0, icmp_code=0, ident=0):
    """Transport header + payload with a correct checksum."""
    if is6(src):
        pseudo_src, pseudo_dst = ip6(src), ip6(dst)
    else:
        pseudo_src, pseudo_dst = ip4(src), ip4(dst)

    def pseudo(length):
        if is6(src):
            return pseudo_src + pseudo_dst + struct.pack("!IxxxB", length, proto)
        return pseudo_src + pseudo_dst + struct.pack("!xBH", proto, length)

    if proto == 6:
        hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, 0 if flags == SYN else 1, 5 << 4, flags, 65535, 0, 0)
        seg = hdr + payload
        c = csum(pseudo(len(seg)) + seg)
        return seg[:16] + struct.pack("!H", c) + seg[18:]
    if proto == 17:
        seg = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
        c = csum(pseudo(len(seg)) + seg) or 0xFFFF
        return seg[:6] + struct.pack("!H", c) + seg[8:]
    # ICMP (1) or ICMPv6 (58): echo with identifier and sequence
    seg = struct.pack("!BBHHH", icmp_type, icmp_code, 0, ident, seq) + payload
    c = csum((pseudo(len(seg)) if proto == 58 else b"") + seg)
    return seg[:2] + struct.pack("!H", c) + seg[4:]


def ip_packet(src, dst, proto, tos, seg, ident):
    if is6(src):
        return struct.pack("!IHBB", (6 << 28) | (tos << 20), len(seg), proto, 64) + ip6(src) + ip6(dst) + seg
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(seg), ident & 0xFFFF, 0x4000, 64, proto, 0,
                      ip4(src), ip4(dst))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + seg


class Flow:
    def __init__(self, src, dst, sport, dport, proto, tos):
        self.src, self.dst, self.sport, self.dport, self.proto, self.tos = src, dst, sport, dport, proto, tos
        self.packets = 0
        self.octets = 0
        self.flags = 0
        self.first = None
        self.last = None

    def add(self, t_us, ip_len, flags):
        self.packets += 1
        self.octets += ip_len
        self.flags |= flags
        self.first = t_us if self.first is None else min(self.first, t_us)
        self.last = t_us if self.last is None else max(self.last, t_us)


packets = []  # (t_us, frame bytes)
flows = []
ident = [1000]


def emit(flow, t_us, seg, flags=0):
    ipp = ip_packet(flow.src, flow.dst, flow.proto, flow.tos, seg, ident[0])
    ident[0] += 1
    eth_type = 0x86DD if is6(flow.src) else 0x0800
    client_side = flow.src.startswith("10.") or flow.src.startswith("2001:db8::")
    macs = MAC_SERVER + MAC_CLIENT if client_side else MAC_CLIENT + MAC_SERVER
    packets.append((t_us, macs + struct.pack("!H", eth_type) + ipp))
    flow.add(t_us, len(ipp), flags)


def payload(n, tag):
    return bytes((tag + k) & 0xFF for k in range(n))


def tcp_session(client, server, cport, sport, t0_us, fwd_data, bwd_data, fwd_size, bwd_size, tos=0):
    """SYN, SYN-ACK, ACK, fwd_data client pushes, bwd_data server pushes, FIN, FIN, ACK."""
    f = Flow(client, server, cport, sport, 6, tos)
    b = Flow(server, client, sport, cport, 6, tos)
    flows.extend([f, b])
    t = t0_us
    step = 20_000
    seq = [1000, 5000]

    def send(flow, flags, data, side):
        nonlocal t
        emit(flow, t, l4(6, flow.src, flow.dst, flow.sport, flow.dport, flags, data, seq[side]), flags)
        seq[side] += len(data) + (1 if flags & (SYN | FIN) else 0)
        t += step

    send(f, SYN, b"", 0)
    send(b, SYN | ACK, b"", 1)
    send(f, ACK, b"", 0)
    for k in range(max(fwd_data, bwd_data)):
        if k < fwd_data:
            send(f, PSH | ACK, payload(fwd_size, k), 0)
        if k < bwd_data:
            send(b, PSH | ACK, payload(bwd_size, k + 7), 1)
    send(f, FIN | ACK, b"", 0)
    send(b, FIN | ACK, b"", 1)
    send(f, ACK, b"", 0)


def udp_exchange(client, server, cport, sport, t0_us, n, req_size, resp_size, tos=0):
    f = Flow(client, server, cport, sport, 17, tos)
    b = Flow(server, client, sport, cport, 17, tos)
    flows.extend([f, b])
    t = t0_us
    for k in range(n):
        emit(f, t, l4(17, client, server, cport, sport, 0, payload(req_size, k), 0))
        emit(b, t + 3_000, l4(17, server, client, sport, cport, 0, payload(resp_size, k + 3), 0))
        t += 150_000


def ping(client, server, t0_us, n, size, ident_no):
    v6 = is6(client)
    proto = 58 if v6 else 1
    req, rep = (128, 129) if v6 else (8, 0)
    f = Flow(client, server, 0, req << 8, proto, 0)
    b = Flow(server, client, 0, rep << 8, proto, 0)
    flows.extend([f, b])
    t = t0_us
    for k in range(n):
        emit(f, t, l4(proto, client, server, 0, 0, 0, payload(size, k), k + 1, req, 0, ident_no))
        emit(b, t + 1_500, l4(proto, server, client, 0, 0, 0, payload(size, k), k + 1, rep, 0, ident_no))
        t += 250_000


def build():
    base = TRAFFIC_START * 1_000_000
    services = [80, 443, 22, 25]
    for i in range(12):
        tcp_session("10.1.0.%d" % (10 + i), "192.0.2.%d" % (1 + i % 4), 40000 + i, services[i % 4],
                    base + 100_000 + i * 250_000, 1 + i // 2, 1 + i // 3, 60 + 10 * i, 200 + 20 * i)
    for i in range(8):
        udp_exchange("10.1.0.%d" % (50 + i), "192.0.2.%d" % (10 + i), 5000 + i, 53 if i < 6 else 123,
                     base + 150_000 + i * 300_000, 1 + i % 3, 40 + i, 120 + 8 * i, 0xB8 if i == 7 else 0)
    for i in range(4):
        ping("10.1.0.%d" % (100 + i), "192.0.2.%d" % (50 + i), base + 200_000 + i * 400_000, 2 + i, 56, 0x100 + i)
    for i in range(3):
        tcp_session("2001:db8::%x" % (0x10 + i), "2001:db8:1::1", 41000 + i, 443, base + 300_000 + i * 500_000,
                    2 + i, 2, 80 + 10 * i, 400)
    for i in range(2):
        udp_exchange("2001:db8::%x" % (0x20 + i), "2001:db8:1::53", 5300 + i, 53, base + 400_000 + i * 600_000,
                     2 + i, 45, 150)
    ping("2001:db8::30", "2001:db8:1::30", base + 500_000, 3, 32, 0x200)


def main():
    out_pcap, out_csv = sys.argv[1], sys.argv[2]
    build()
    packets.sort(key=lambda p: p[0])
    with open(out_pcap, "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for t_us, frame in packets:
            fh.write(struct.pack("<IIII", t_us // 1_000_000, t_us % 1_000_000, len(frame), len(frame)))
            fh.write(frame)
    with open(out_csv, "w") as fh:
        fh.write("# unidirectional flows in " + out_pcap.rsplit("/", 1)[-1] + ", written by make_traffic.py\n")
        fh.write("src,dst,sport,dport,proto,tos,tcpflags,packets,octets,first_us,last_us\n")
        for f in flows:
            fh.write("%s,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d\n" % (f.src, f.dst, f.sport, f.dport, f.proto, f.tos,
                                                             f.flags, f.packets, f.octets, f.first, f.last))
    print("%d packets, %d flows, %d..%d us" % (len(packets), len(flows), packets[0][0], packets[-1][0]),
          file=sys.stderr)


if __name__ == "__main__":
    main()
