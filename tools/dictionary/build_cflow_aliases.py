#!/usr/bin/env python3
"""Write cflow-aliases.tsv: which Wireshark `cflow.*` display-filter field each IPFIX element / NetFlow v9
field type becomes, so FlowInspector's display filter accepts Wireshark's names as aliases.

The table is measured, not typed: the script builds a capture of its own (one IPFIX message and one v9
packet per field length variant, each with a template of every element of ipfix-iana.tsv / netflow-v9.tsv
that has a fixed or small variable length, and one data record with non-zero values), lets tshark dissect it
(`tshark -T pdml`) and reads, for each field's bytes, the outermost `cflow.*` field tshark put on exactly
those bytes. Integer elements are sent at their natural length and at 4 and 8 bytes, because tshark names
some by length (cflow.octets for 4 bytes, cflow.octets64 for 8). Header and structural names (cflow.version,
cflow.sequence, cflow.od_id, ...) are listed by hand at the end of this file.

Usage: tools/dictionary/build_cflow_aliases.py > src/main/resources/dev/flowinspector/engine/filter/cflow-aliases.tsv
Needs tshark on the PATH (the table in the repository was made with tshark 4.0.17).
"""
import collections
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DICT = os.path.join(HERE, "..", "..", "src", "main", "resources", "dev", "flowinspector", "dictionary")
NATURAL = {"unsigned8": 1, "unsigned16": 2, "unsigned32": 4, "unsigned64": 8, "signed8": 1, "signed16": 2,
           "signed32": 4, "signed64": 8, "float32": 4, "float64": 8, "boolean": 1, "macAddress": 6,
           "dateTimeSeconds": 4, "dateTimeMilliseconds": 8, "dateTimeMicroseconds": 8, "dateTimeNanoseconds": 8,
           "ipv4Address": 4, "ipv6Address": 16, "string": 4, "octetArray": 4, "unsigned256": 32}
INTEGER = {"unsigned8", "unsigned16", "unsigned32", "unsigned64", "signed8", "signed16", "signed32", "signed64"}

# Header and structural fields: cflow name -> FlowInspector filter field (and a scale for numbers).
MANUAL = [
    ("cflow.version", "version", ""),
    ("cflow.count", "count", ""),
    ("cflow.len", "length", ""),
    ("cflow.sysuptime", "sysUptime", "1000"),
    ("cflow.exporttime", "exportTime", ""),
    ("cflow.unix_secs", "unixSecs", ""),
    ("cflow.unix_nsecs", "unixNsecs", ""),
    ("cflow.samplingmode", "samplingMode", ""),
    ("cflow.samplerate", "samplingInterval", ""),
    ("cflow.sequence", "sequence", ""),
    ("cflow.engine_type", "engineType", ""),
    ("cflow.engine_id", "engineId", ""),
    ("cflow.source_id", "sourceId", ""),
    ("cflow.od_id", "observationDomainId", ""),
    ("cflow.aggmethod", "aggregation", ""),
    ("cflow.aggversion", "aggregationVersion", ""),
    ("cflow.flowset_id", "set.id", ""),
    ("cflow.template_id", "template.id", ""),
]


def elements():
    iana = {}
    for line in open(os.path.join(DICT, "ipfix-iana.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        c = line.rstrip("\n").split("\t")
        if c[0].isdigit() and c[2] in NATURAL:
            iana[int(c[0])] = (c[1], c[2])
    v9 = {}
    for line in open(os.path.join(DICT, "netflow-v9.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        c = line.rstrip("\n").split("\t")
        t = int(c[0])
        if c[2]:
            if c[2] in NATURAL:
                v9[t] = (c[1], c[2])
        else:
            same = [v for v in iana.values() if v[0] == c[1]]
            if same:
                v9[t] = same[0]
    for t, v in iana.items():
        if t < 128:
            v9.setdefault(t, v)
    packs = {}
    for line in open(os.path.join(DICT, "packs.tsv"), encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(c) < 2 or c[0] == "0":
            continue
        pen = int(c[0])
        for el in open(os.path.join(DICT, c[1]), encoding="utf-8"):
            e = el.rstrip("\n").split("\t")
            if el.startswith("#") or len(e) < 3 or not e[0].isdigit() or e[2] not in NATURAL:
                continue
            packs[(pen << 16) | int(e[0])] = (e[1], e[2])
    return iana, v9, packs


def lengths(dtype):
    n = NATURAL[dtype]
    if dtype in INTEGER:
        return sorted({n, 4, 8} if n >= 4 else {n})
    return [n]


def value(length, seed):
    return bytes(((seed * 7 + i * 13) % 250) + 1 for i in range(length))


def spec(i, n):
    """A template field: ids above 65535 carry a private enterprise number (pen << 16 | id)."""
    if i > 0xffff:
        return struct.pack("!HHI", (i & 0x7fff) | 0x8000, n, i >> 16)
    return struct.pack("!HH", i, n)


def ipfix_message(fields, tid):
    """fields: [(id, length)] -> IPFIX message with a template set and one data record."""
    tmpl = struct.pack("!HH", tid, len(fields)) + b"".join(spec(i, n) for i, n in fields)
    tset = struct.pack("!HH", 2, 4 + len(tmpl)) + tmpl
    rec = b"".join(value(n, i) for i, n in fields)
    dset = struct.pack("!HH", tid, 4 + len(rec)) + rec
    body = tset + dset
    return struct.pack("!HHIII", 10, 16 + len(body), 1700000000, 1, 0) + body, 16 + len(tset) + 4


def v9_packet(fields, tid):
    tmpl = struct.pack("!HH", tid, len(fields)) + b"".join(struct.pack("!HH", i, n) for i, n in fields)
    tset = struct.pack("!HH", 0, 4 + len(tmpl)) + tmpl
    rec = b"".join(value(n, i) for i, n in fields)
    pad = (-len(rec)) % 4
    dset = struct.pack("!HH", tid, 4 + len(rec) + pad) + rec + b"\0" * pad
    return struct.pack("!HHIIII", 9, 2, 1000, 1700000000, 1, 0) + tset + dset, 20 + len(tset) + 4


def frame(payload, dport):
    udp = struct.pack("!HHHH", 50000, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes([192, 0, 2, 1]),
                     bytes([192, 0, 2, 100]))
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ip + udp


def main():
    iana, v9, packs = elements()
    frames = []  # (bytes, {absolute offset: (element name, length)})
    for version, table, port in ((10, iana, 4739), (9, v9, 2055), (10, packs, 4739)):
        variants = collections.defaultdict(list)
        for i, (name, dtype) in sorted(table.items()):
            for k, n in enumerate(lengths(dtype)):
                variants[k].append((i, n, name))
        for k, fl in variants.items():
            for start in range(0, len(fl), 100):
                chunk = fl[start:start + 100]
                fields = [(i, n) for i, n, _ in chunk]
                tid = 256 + k * 100 + start // 100
                msg, data_at = (ipfix_message if version == 10 else v9_packet)(fields, tid)
                base = 14 + 20 + 8 + data_at
                where = {}
                off = base
                for i, n, name in chunk:
                    where[off] = (name, n)
                    off += n
                frames.append((frame(msg, port), where, table is packs))
    with tempfile.TemporaryDirectory() as d:
        pcap = os.path.join(d, "aliases.pcap")
        with open(pcap, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
            for n, (b, _, _) in enumerate(frames):
                f.write(struct.pack("<IIII", 1700000000 + n, 0, len(b), len(b)) + b)
        pdml = subprocess.run(["tshark", "-n", "-o", "cflow.netflow.ports:2055", "-o", "cflow.ipfix.ports:4739",
                               "-o", "cflow.max_template_fields:0", "-T", "pdml", "-r", pcap],
                              capture_output=True, check=True).stdout
        version = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    aliases = collections.defaultdict(set)
    root = ET.fromstring(pdml)
    for n, packet in enumerate(root.findall("packet")):
        where = frames[n][1]
        enterprise = frames[n][2]  # enterprise elements must become cflow.pie.* (else tshark did not know the PEN)
        seen = set()

        def walk(node):
            for fld in node:
                name = fld.get("name", "")
                pos = int(fld.get("pos", "-1"))
                size = int(fld.get("size", "-1"))
                if name.startswith("cflow.") and pos in where and where[pos][1] == size and pos not in seen \
                        and "unknown" not in name and not name.startswith("cflow.template") \
                        and name != "cflow.enterprise_private_entry" \
                        and name.startswith("cflow.pie.") == enterprise \
                        and name not in ("cflow.data_flowset", "cflow.flowset_id", "cflow.flowset_length"):
                    seen.add(pos)
                    aliases[name].add(where[pos][0])
                    continue
                walk(fld)
        walk(packet)
    ftypes = {}
    for line in subprocess.run(["tshark", "-G", "fields"], capture_output=True, text=True).stdout.splitlines():
        c = line.split("\t")
        if len(c) > 3 and c[0] == "F":
            ftypes[c[2]] = c[3]
    out = sys.stdout
    out.write("# Wireshark cflow.* display-filter fields and the FlowInspector field each stands for.\n")
    out.write("# Measured with " + version.strip() + " by tools/dictionary/build_cflow_aliases.py;\n")
    out.write("# do not edit by hand. Columns: cflow name, then the fields it stands for (any of them matches);\n")
    out.write("# field*N: tshark shows a relative time in seconds where we keep N units a second, so a number\n")
    out.write("# in the filter is multiplied by N.\n")
    for name, fields in sorted(aliases.items()):
        targets = []
        for f in sorted(fields):
            scale = ""
            if ftypes.get(name) == "FT_RELATIVE_TIME":
                scale = next((k for suffix, k in (("Microseconds", "*1000000"), ("Milliseconds", "*1000"),
                                                  ("Nanoseconds", "*1000000000"), ("SysUpTime", "*1000"))
                              if f.endswith(suffix)), "")
            targets.append(f + scale)
        out.write(f"{name}\t{','.join(targets)}\n")
    for name, field, scale in MANUAL:
        if name not in aliases:
            out.write(f"{name}\t{field}{'*' + scale if scale else ''}\n")

if __name__ == "__main__":
    main()
