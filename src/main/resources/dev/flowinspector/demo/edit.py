# Drops frames from a classic pcap (Ethernet, IPv4, UDP) and fills in the UDP checksums that loopback
# captures leave unfinished (checksum offload): python3 edit.py in.pcap out.pcap 11 13
import struct, sys

def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def fix_udp(frame):
    ip = 14
    if len(frame) < ip + 20 or frame[12:14] != b'\x08\x00' or frame[ip + 9] != 17:
        return frame
    ihl = (frame[ip] & 0xf) * 4
    udp = ip + ihl
    ulen = struct.unpack('!H', frame[udp + 4:udp + 6])[0]
    seg = bytearray(frame[udp:udp + ulen])
    seg[6:8] = b'\0\0'
    pseudo = frame[ip + 12:ip + 20] + struct.pack('!BBH', 0, 17, ulen)
    c = csum(pseudo + bytes(seg)) or 0xffff
    return frame[:udp + 6] + struct.pack('!H', c) + frame[udp + 8:]

src, dst, drop = sys.argv[1], sys.argv[2], {int(x) for x in sys.argv[3:]}
data = open(src, 'rb').read()
out, pos, n = [data[:24]], 24, 0
while pos + 16 <= len(data):
    incl = struct.unpack('<I', data[pos + 8:pos + 12])[0]
    n += 1
    if n not in drop:
        out.append(data[pos:pos + 16] + fix_udp(data[pos + 16:pos + 16 + incl]))
    pos += 16 + incl
open(dst, 'wb').write(b''.join(out))
