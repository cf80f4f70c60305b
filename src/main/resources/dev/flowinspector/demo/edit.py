# Drops frames from a classic pcap: python3 edit.py in.pcap out.pcap 11 13
import struct, sys
src, dst, drop = sys.argv[1], sys.argv[2], {int(x) for x in sys.argv[3:]}
data = open(src, 'rb').read()
out, pos, n = [data[:24]], 24, 0
while pos + 16 <= len(data):
    incl = struct.unpack('<I', data[pos + 8:pos + 12])[0]
    n += 1
    if n not in drop:
        out.append(data[pos:pos + 16 + incl])
    pos += 16 + incl
open(dst, 'wb').write(b''.join(out))
