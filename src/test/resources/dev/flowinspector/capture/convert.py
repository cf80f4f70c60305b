#!/usr/bin/env python3
"""Conversions editcap cannot do (see README.md): BSD loopback link types, a big-endian pcap, a big-endian
pcapng with SPB/NRB/binary if_tsresol, and an IPFIX file (RFC 5655) of the IPFIX messages.
Usage: convert.py <work dir containing udp_lo.pcap>"""
import os, struct, sys

w = sys.argv[1]

def read_pcap(path):
    d = open(path, 'rb').read()
    assert struct.unpack('<I', d[:4])[0] == 0xa1b2c3d4
    link = struct.unpack('<I', d[20:24])[0]
    p, out = 24, []
    while p + 16 <= len(d):
        sec, usec, incl, orig = struct.unpack('<IIII', d[p:p + 16])
        out.append((sec, usec, d[p + 16:p + 16 + incl], orig))
        p += 16 + incl
    return link, out

def write_pcap(path, link, recs, endian='<'):
    with open(path, 'wb') as f:
        f.write(struct.pack(endian + 'IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, link))
        for sec, usec, data, orig in recs:
            f.write(struct.pack(endian + 'IIII', sec, usec, len(data), orig) + data)

link, recs = read_pcap(os.path.join(w, 'udp_lo.pcap'))
assert link == 1

def loopback(recs, endian):
    out = []
    for sec, usec, data, orig in recs:
        et = struct.unpack('>H', data[12:14])[0]
        if et not in (0x0800, 0x86dd):
            continue  # tagged frames have no loopback equivalent
        fam = 2 if et == 0x0800 else 30
        out.append((sec, usec, struct.pack(endian + 'I', fam) + data[14:], orig))
    return out

write_pcap(os.path.join(w, 'udp_null.pcap'), 0, loopback(recs, '<'))
write_pcap(os.path.join(w, 'udp_loop.pcap'), 108, loopback(recs, '>'))
write_pcap(os.path.join(w, 'udp_be.pcap'), 1, recs, '>')

# IPFIX file: the IPFIX messages to 127.0.55.3:40000, one after another
msgs = []
for sec, usec, data, orig in recs:
    if data[12:14] == b'\x08\x00' and data[23] == 17 and data[30:34] == bytes([127, 0, 55, 203]):
        ihl = (data[14] & 15) * 4
        u = 14 + ihl
        if struct.unpack('>H', data[u + 2:u + 4])[0] == 40000:
            msgs.append(data[u + 8:])
open(os.path.join(w, 'exports.ipfix'), 'wb').write(b''.join(msgs))

# big-endian pcapng by hand
def opt(code, val):
    return struct.pack('>HH', code, len(val)) + val + bytes((4 - len(val) % 4) % 4)

def block(btype, body):
    n = 12 + len(body)
    return struct.pack('>II', btype, n) + body + struct.pack('>I', n)

out = block(0x0A0D0D0A, struct.pack('>IHHq', 0x1A2B3C4D, 1, 0, -1)
            + opt(1, b'big-endian pcapng written by convert.py') + opt(4, b'convert.py') + opt(0, b''))
out += block(1, struct.pack('>HHI', 1, 0, 65535) + opt(2, b'lo') + opt(9, bytes([0x94])) + opt(0, b''))
nrb = struct.pack('>HH', 1, 4 + 15) + bytes([127, 0, 55, 201]) + b'collector.test\0' + bytes(1)
nrb += struct.pack('>HH', 0, 0)
out += block(4, nrb)
for i, (sec, usec, data, orig) in enumerate(recs[:6]):
    if i == 4:   # the fifth (IPFIX) as a simple packet block (no interface id, no timestamp)
        out += block(3, struct.pack('>I', len(data)) + data + bytes((4 - len(data) % 4) % 4))
        continue
    units = (sec << 20) + (usec << 20) // 1000000
    body = struct.pack('>IIIII', 0, units >> 32, units & 0xffffffff, len(data), orig) + data
    body += bytes((4 - len(data) % 4) % 4)
    if i == 1:
        body += opt(1, 'second frame, comment in UTF-8: é'.encode()) + opt(0, b'')
    out += block(6, body)
    if i == 2:
        out += block(0x40000BAD, struct.pack('>I', 32473) + b'custom data!')  # custom block: skipped
out += block(5, struct.pack('>IIII', 0, 0, 0, 0))  # interface statistics: skipped
open(os.path.join(w, 'handmade_be.pcapng'), 'wb').write(out)
