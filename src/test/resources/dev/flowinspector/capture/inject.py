#!/usr/bin/env python3
"""Test traffic for the capture layer (see README.md). Sends only to 127.0.55.x on the loopback interface.

  inject.py exports      NetFlow v5 to 127.0.55.201:2055, v9 to 127.0.55.202:9995, IPFIX to 127.0.55.203:40000
                         (a port nobody registers: found by the heuristic), from real UDP sockets
  inject.py junk         UDP that is not export traffic (sFlow port, a text payload)
  inject.py frames       hand-made Ethernet frames written to lo with an AF_PACKET socket:
                         IPv4 fragments (out of order), IPv6 with hop-by-hop + fragment headers,
                         802.1ad+802.1Q (QinQ) tagged IPFIX
  inject.py tcpsend F    send the IPFIX messages of file F over one TCP connection to 127.0.55.204:4739,
                         in awkward pieces: a header split across segments, several messages in one write
  inject.py tcpsink      accept IPFIX over TCP on 127.0.55.4:4739 and discard it (runs until killed)
"""
import socket, struct, sys, time

def v5(count, seq):
    hdr = struct.pack('>HHIIIIBBH', 5, count, 123456, 1700000000, 0, seq, 0, 0, 0)
    recs = b''
    for i in range(count):
        recs += struct.pack('>4s4s4sHHIIIIHHBBBBHHBBH',
                            bytes([10, 0, 0, i + 1]), bytes([10, 0, 1, 1]), bytes(4), 1, 2,
                            10 + i, 1000 + i, 100, 200, 1234, 80, 0, 0x1b, 6, 0, 0, 0, 24, 24, 0)
    return hdr + recs

def ipfix_template_and_data(seq):
    # template 256: sourceIPv4Address(8)/4, destinationIPv4Address(12)/4, octetDeltaCount(1)/8
    tset = struct.pack('>HHHH', 2, 4 + 4 + 12, 256, 3) + struct.pack('>HHHHHH', 8, 4, 12, 4, 1, 8)
    dset = struct.pack('>HH', 256, 4 + 16) + bytes([192, 0, 2, 1, 192, 0, 2, 2]) + struct.pack('>Q', 4242)
    body = tset + dset
    return struct.pack('>HHIII', 10, 16 + len(body), 1700000000, seq, 7) + body

def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('>%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def ip4(src, dst, proto, payload, ident, frag_field):
    h = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), ident, frag_field, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    h = h[:10] + struct.pack('>H', csum(h)) + h[12:]
    return h + payload

def udp(src, dst, sport, dport, payload, v6=False):
    u = struct.pack('>HHHH', sport, dport, 8 + len(payload), 0) + payload
    fam = socket.AF_INET6 if v6 else socket.AF_INET
    pseudo = socket.inet_pton(fam, src) + socket.inet_pton(fam, dst)
    pseudo += struct.pack('>IxxxB', len(u), 17) if v6 else struct.pack('>xBH', 17, len(u))
    c = csum(pseudo + u) or 0xffff
    return u[:6] + struct.pack('>H', c) + u[8:]

def eth(ethertype, payload, tags=()):
    h = bytes(6) + bytes([2, 0, 0, 0, 0, 1])
    for tpid, vid in tags:
        h += struct.pack('>HH', tpid, vid)
    return h + struct.pack('>H', ethertype) + payload

def frames():
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind(('lo', 0))
    # IPv4: a v5 export of 5 records (264 bytes UDP) in three fragments, sent last, first, middle
    u = udp('127.0.55.205', '127.0.55.201', 40001, 2055, v5(5, 100))
    parts = [(0, u[0:96]), (96, u[96:192]), (192, u[192:])]
    pkts = []
    for off, data in parts:
        more = 0x2000 if off + len(data) < len(u) else 0
        pkts.append(eth(0x0800, ip4('127.0.55.205', '127.0.55.201', 17, data, 0x4242, more | (off // 8))))
    for i in (2, 0, 1):
        s.send(pkts[i])
        time.sleep(0.01)
    # IPv6 ::1 -> ::1: hop-by-hop options (PadN) then a fragment header; IPFIX in two fragments
    u6 = udp('::1', '::1', 40002, 4739, ipfix_template_and_data(1), v6=True)
    hbh = bytes([44, 0, 1, 4, 0, 0, 0, 0])
    for off, data, more in ((0, u6[:32], 1), (32, u6[32:], 0)):
        fh = struct.pack('>BBHI', 17, 0, off | more, 0x9999)
        pl = hbh + fh + data
        ip6 = struct.pack('>IHBB', 0x60000000, len(pl), 0, 64) + socket.inet_pton(socket.AF_INET6, '::1') * 2
        s.send(eth(0x86dd, ip6 + pl))
        time.sleep(0.01)
    # QinQ: 802.1ad outer tag 100, 802.1Q inner tag 200, IPFIX to 4740
    u = udp('127.0.55.206', '127.0.55.201', 40003, 4740, ipfix_template_and_data(2))
    s.send(eth(0x0800, ip4('127.0.55.206', '127.0.55.201', 17, u, 0x1111, 0x4000), ((0x88a8, 100), (0x8100, 200))))

def v9(seq):
    tset = struct.pack('>HHHH', 0, 4 + 4 + 12, 260, 3) + struct.pack('>HHHHHH', 8, 4, 12, 4, 1, 4)
    dset = struct.pack('>HH', 260, 4 + 24) + bytes([192, 0, 2, 3, 192, 0, 2, 4]) + struct.pack('>I', 99) \
        + bytes([192, 0, 2, 5, 192, 0, 2, 6]) + struct.pack('>I', 77)
    return struct.pack('>HHIIII', 9, 3, 5000, 1700000000, seq, 1) + tset + dset

def exports():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(('127.0.55.209', 0))
    s.sendto(v5(2, 1), ('127.0.55.201', 2055))
    s.sendto(v9(1), ('127.0.55.202', 9995))
    for i in range(3):
        s.sendto(ipfix_template_and_data(10 + i), ('127.0.55.203', 40000))
        time.sleep(0.001)

def junk():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(bytes([0, 0, 0, 5]) + bytes(60), ('127.0.55.201', 6343))   # sFlow v5-looking: never NetFlow
    s.sendto(b'hello, not netflow', ('127.0.55.201', 5000))

def tcpsink():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('127.0.55.204', 4739))
    srv.listen(4)
    while True:
        c, _ = srv.accept()
        while c.recv(65536):
            pass
        c.close()

def tcpsend():
    d = open(sys.argv[2], 'rb').read()
    msgs, p = [], 0
    while p + 4 <= len(d):
        n = struct.unpack('>H', d[p + 2:p + 4])[0]
        msgs.append(d[p:p + n])
        p += n
    c = socket.create_connection(('127.0.55.204', 4739))
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    pieces = [msgs[0][:10], msgs[0][10:] + (msgs[1][:30] if len(msgs) > 1 else b'')]
    if len(msgs) > 1:
        pieces.append(msgs[1][30:] + b''.join(msgs[2:]))
    for piece in pieces:
        c.sendall(piece)
        time.sleep(0.05)
    c.close()

{'exports': exports, 'tcpsend': tcpsend, 'junk': junk, 'frames': frames, 'tcpsink': tcpsink}[sys.argv[1]]()
