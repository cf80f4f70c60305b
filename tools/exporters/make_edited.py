#!/usr/bin/env python3
"""Derives the edited captures (problem cases) from the real exporter captures.

Usage: make_edited.py DIR   (DIR holds softflowd-v9.pcap etc.; the edited files are written next to them)

Every edit works on whole frames of the classic pcap files tcpdump wrote (Ethernet, IPv4, UDP); when a
payload or an address changes, the IPv4 and UDP lengths and checksums are recomputed, so each edited frame is
a well-formed datagram whose export packet carries exactly the fault described:

  softflowd-v9-data-before-template.pcap   frames 2, 1, 3 of softflowd-v9.pcap (data before its templates)
  softflowd-v10-data-before-template.pcap  frames 2, 1, 3 of softflowd-v10.pcap
  two-exporters-template-1024.pcap         softflowd-v9.pcap's frames with the exporter rewritten to
                                           127.0.0.2:9009, interleaved with pmacctd-v9.pcap's frames whose
                                           source id is rewritten from 7 to 0: both exporters define template
                                           1024 (and 1025, 2048, 2049) with different fields, same source id
  pmacctd-v9-count-flowsets.pcap           pmacctd-v9.pcap with each header count set to the number of
                                           FlowSets in the packet (MikroTik RouterOS style)
  softflowd-v5-truncated.pcap              softflowd-v5.pcap, frame 1 cut to 24 + 10 * 48 + 20 bytes
  softflowd-v9-truncated.pcap              softflowd-v9.pcap, frame 1 cut 100 bytes short
  softflowd-v10-truncated.pcap             softflowd-v10.pcap, frame 1 cut 100 bytes short (header length
                                           left as sent)
  pmacctd-v9-seqgap.pcap                   pmacctd-v9.pcap without frame 5 (packet sequence 5 lost)
  pmacctd-v10-seqgap.pcap                  pmacctd-v10.pcap without frame 5 (7 data records lost)
"""
import os
import struct
import sys


def read_pcap(path):
    with open(path, "rb") as fh:
        data = fh.read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic != 0xA1B2C3D4:
        raise SystemExit("%s: expected a little-endian microsecond pcap (tcpdump -w), magic %08x" % (path, magic))
    header = data[:24]
    frames = []
    p = 24
    while p + 16 <= len(data):
        sec, usec, caplen, length = struct.unpack("<IIII", data[p:p + 16])
        frames.append([sec, usec, bytearray(data[p + 16:p + 16 + caplen])])
        p += 16 + caplen
    return header, frames


def write_pcap(path, header, frames):
    with open(path, "wb") as fh:
        fh.write(header)
        for sec, usec, frame in frames:
            fh.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)))
            fh.write(frame)


def csum(data):
    if len(data) % 2:
        data = bytes(data) + b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), bytes(data)))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


ETH = 14


def split(frame):
    """(ip header bytes, udp header bytes, payload) of an Ethernet/IPv4/UDP frame."""
    if frame[12:14] != b"\x08\x00":
        raise SystemExit("not an IPv4 frame")
    ihl = (frame[ETH] & 0x0F) * 4
    ip = bytearray(frame[ETH:ETH + ihl])
    udp = bytearray(frame[ETH + ihl:ETH + ihl + 8])
    total = struct.unpack("!H", ip[2:4])[0]
    payload = bytearray(frame[ETH + ihl + 8:ETH + total])
    return ip, udp, payload


def build(frame, ip, udp, payload):
    """Reassembles a frame with lengths and checksums recomputed."""
    ip = bytearray(ip)
    udp = bytearray(udp)
    struct.pack_into("!H", ip, 2, len(ip) + 8 + len(payload))
    struct.pack_into("!H", ip, 10, 0)
    struct.pack_into("!H", ip, 10, csum(ip))
    struct.pack_into("!H", udp, 4, 8 + len(payload))
    struct.pack_into("!H", udp, 6, 0)
    pseudo = bytes(ip[12:20]) + struct.pack("!xBH", 17, 8 + len(payload))
    c = csum(pseudo + bytes(udp) + bytes(payload)) or 0xFFFF
    struct.pack_into("!H", udp, 6, c)
    return bytearray(frame[:ETH]) + ip + udp + payload


def edit(frame, src=None, sport=None, payload_fn=None):
    ip, udp, payload = split(frame)
    if src is not None:
        ip[12:16] = bytes(int(x) for x in src.split("."))
    if sport is not None:
        struct.pack_into("!H", udp, 0, sport)
    if payload_fn is not None:
        payload = bytearray(payload_fn(payload))
    return build(frame, ip, udp, payload)


def v9_flowsets(payload):
    n = 0
    p = 20
    while p + 4 <= len(payload):
        length = struct.unpack("!H", payload[p + 2:p + 4])[0]
        if length < 4:
            break
        n += 1
        p += length
    return n


def main():
    d = sys.argv[1]

    def load(name):
        return read_pcap(os.path.join(d, name))

    def save(name, header, frames):
        write_pcap(os.path.join(d, name), header, frames)
        print("wrote %s (%d frames)" % (name, len(frames)))

    for v in ("9", "10"):
        h, fr = load("softflowd-v%s.pcap" % v)
        save("softflowd-v%s-data-before-template.pcap" % v, h, [fr[1], fr[0]] + fr[2:])

    h, sf = load("softflowd-v9.pcap")
    _, pm = load("pmacctd-v9.pcap")
    sf = [[s, u, edit(f, src="127.0.0.2", sport=9009)] for s, u, f in sf]

    def source_id_0(p):
        p = bytearray(p)
        struct.pack_into("!I", p, 16, 0)
        return p

    pm = [[s, u, edit(f, payload_fn=source_id_0)] for s, u, f in pm]
    spliced = []
    for i in range(max(len(sf), len(pm))):
        if i < len(pm):
            spliced.append(pm[i])
        if i < len(sf):
            spliced.append(sf[i])
    # timestamps in frame order (the pmacctd and softflowd runs were made at different times)
    base_s, base_u = spliced[0][0], spliced[0][1]
    spliced = [[base_s, base_u + 1000 * i, f] for i, (_, _, f) in enumerate(spliced)]
    save("two-exporters-template-1024.pcap", h, spliced)

    def count_flowsets(p):
        p = bytearray(p)
        struct.pack_into("!H", p, 2, v9_flowsets(p))
        return p

    h, fr = load("pmacctd-v9.pcap")
    save("pmacctd-v9-count-flowsets.pcap", h, [[s, u, edit(f, payload_fn=count_flowsets)] for s, u, f in fr])

    h, fr = load("softflowd-v5.pcap")
    fr[0][2] = edit(fr[0][2], payload_fn=lambda p: p[:24 + 10 * 48 + 20])
    save("softflowd-v5-truncated.pcap", h, fr)
    for v in ("9", "10"):
        h, fr = load("softflowd-v%s.pcap" % v)
        fr[0][2] = edit(fr[0][2], payload_fn=lambda p: p[:len(p) - 100])
        save("softflowd-v%s-truncated.pcap" % v, h, fr)

    for v in ("9", "10"):
        h, fr = load("pmacctd-v%s.pcap" % v)
        save("pmacctd-v%s-seqgap.pcap" % v, h, fr[:4] + fr[5:])


if __name__ == "__main__":
    main()
