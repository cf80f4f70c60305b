# Writes a small synthetic traffic pcap (Ethernet/IPv4 TCP+UDP) for softflowd to turn into flows.
import struct, random
random.seed(7)
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b)//2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff
def ip(a): return bytes(int(x) for x in a.split('.'))
def pkt(src, dst, proto, sport, dport, payload_len, flags=0x18):
    pl = bytes(random.randrange(256) for _ in range(payload_len))
    if proto == 6:
        l4 = struct.pack('!HHIIBBHHH', sport, dport, random.randrange(1<<32), 0, 5<<4, flags, 65535, 0, 0) + pl
    else:
        l4 = struct.pack('!HHHH', sport, dport, 8 + len(pl), 0) + pl
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(l4), random.randrange(65536), 0x4000, 64, proto, 0, ip(src), ip(dst))
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return b'\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x08\x00' + h + l4
flows = []
hosts = ['10.0.0.1', '10.0.0.2', '10.0.1.7', '192.168.10.20', '172.16.5.9']
servers = [('198.51.100.10', 6, 443), ('198.51.100.11', 6, 80), ('203.0.113.53', 17, 53), ('203.0.113.5', 6, 22), ('198.51.100.99', 17, 123)]
for i in range(60):
    c = random.choice(hosts); s, pr, port = random.choice(servers)
    flows.append((c, s, pr, 30000 + i, port, random.randint(2, 40), random.choice([60, 200, 800, 1400])))
t0 = 1717243200.0
recs = []
for fi, (c, s, pr, sp, dp, n, size) in enumerate(flows):
    start = t0 + random.uniform(0, 50)
    for k in range(n):
        t = start + k * random.uniform(0.01, 0.5)
        flags = 0x02 if k == 0 and pr == 6 else (0x11 if k == n - 1 and pr == 6 else 0x18)
        if k % 2 == 0: recs.append((t, pkt(c, s, pr, sp, dp, size, flags)))
        else: recs.append((t, pkt(s, c, pr, dp, sp, size // 2, 0x10 if pr == 6 else 0)))
recs.sort(key=lambda r: r[0])
with open('traffic.pcap', 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for t, b in recs:
        f.write(struct.pack('<IIII', int(t), int((t % 1) * 1e6), len(b), len(b)) + b)
print(len(recs), 'packets')
