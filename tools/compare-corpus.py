#!/usr/bin/env python3
"""Compare `flowinspector decode --format jsonl` with tshark's JSON dissection of the same captures.

Usage: tools/compare-corpus.py CORPUS_DIR FLOWINSPECTOR_COMMAND...
  e.g. tools/compare-corpus.py ../shared/corpus java -jar target/flowinspector.jar

For every pcaps/X.pcap with an oracle/X.json.gz, decodes the capture in one pass (as tshark does) and
compares, record by record and in order, the fields both decoders name: addresses, ports, protocol,
bytes, packets, interfaces, AS numbers, masks, next hops and times. Prints one line per capture and a
total agreement figure. Reads the corpus; writes nothing.
"""
import datetime as dt
import gzip
import json
import os
import subprocess
import sys

# tshark field -> our IANA element names (first present wins)
MAP = {
    "cflow.srcaddr": ["sourceIPv4Address"],
    "cflow.dstaddr": ["destinationIPv4Address"],
    "cflow.srcaddrv6": ["sourceIPv6Address"],
    "cflow.dstaddrv6": ["destinationIPv6Address"],
    "cflow.srcport": ["sourceTransportPort"],
    "cflow.dstport": ["destinationTransportPort"],
    "cflow.protocol": ["protocolIdentifier"],
    "cflow.octets": ["octetDeltaCount"],
    "cflow.packets": ["packetDeltaCount"],
    "cflow.octets64": ["octetDeltaCount"],
    "cflow.packets64": ["packetDeltaCount"],
    "cflow.inputint": ["ingressInterface"],
    "cflow.outputint": ["egressInterface"],
    "cflow.srcas": ["bgpSourceAsNumber"],
    "cflow.dstas": ["bgpDestinationAsNumber"],
    "cflow.srcmask": ["sourceIPv4PrefixLength"],
    "cflow.dstmask": ["destinationIPv4PrefixLength"],
    "cflow.srcmaskv6": ["sourceIPv6PrefixLength"],
    "cflow.dstmaskv6": ["destinationIPv6PrefixLength"],
    "cflow.nexthop": ["ipNextHopIPv4Address"],
    "cflow.nexthopv6": ["ipNextHopIPv6Address"],
    "cflow.bgpnexthop": ["bgpNextHopIPv4Address"],
    "cflow.bgpnexthopv6": ["bgpNextHopIPv6Address"],
    "cflow.timestart": ["flowStartSysUpTime"],
    "cflow.timeend": ["flowEndSysUpTime"],
    "cflow.abstimestart": ["flowStartMilliseconds", "flowStartSeconds", "flowStartMicroseconds", "flowStartNanoseconds"],
    "cflow.abstimeend": ["flowEndMilliseconds", "flowEndSeconds", "flowEndMicroseconds", "flowEndNanoseconds"],
}
PORTS = ["2055", "2100", "8096", "9990", "9995", "9996", "4739"]


def tshark_records(path):
    with gzip.open(path, "rt") as f:
        pkts = json.load(f)
    out = []
    for p in pkts:
        layers = p["_source"]["layers"]
        frame = int(layers["frame"]["frame.number"])
        c = layers.get("cflow")
        if c is None:
            continue
        recs = []

        def walk(o):
            if isinstance(o, dict):
                for k, v in o.items():
                    if isinstance(v, dict) and (k.startswith("pdu ") or k.startswith("Flow ")):
                        recs.append(v)
                    elif isinstance(v, dict):
                        walk(v)
                    elif isinstance(v, list):
                        for x in v:
                            if isinstance(x, dict):
                                walk(x)
        walk(c)
        out.append((frame, recs))
    return out


def flat(rec):
    """tshark record -> {field: first value}, descending into *_tree dicts."""
    res = {}

    def walk(o):
        for k, v in o.items():
            if isinstance(v, dict):
                if not (k.startswith("pdu ") or k.startswith("Flow ")):
                    walk(v)
            else:
                if isinstance(v, list):
                    v = v[0] if v and not isinstance(v[0], dict) else None
                if v is not None and k not in res:
                    res[k] = v
    walk(rec)
    return res


MONTHS = {m: i for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)}


def tshark_time_ns(s):
    # "Oct  9, 2015 09:47:47.569000000 UTC"
    parts = s.replace(",", "").split()
    mon, day, year, hms = parts[0], int(parts[1]), int(parts[2]), parts[3]
    h, m, sec = hms.split(":")
    whole, _, frac = sec.partition(".")
    frac = (frac + "000000000")[:9]
    t = dt.datetime(year, MONTHS[mon], day, int(h), int(m), int(whole), tzinfo=dt.timezone.utc)
    return int(t.timestamp()) * 1_000_000_000 + int(frac)


def our_time_ns(s):
    whole, _, rest = s.rstrip("Z").partition(".")
    t = dt.datetime.fromisoformat(whole).replace(tzinfo=dt.timezone.utc)
    frac = (rest + "000000000")[:9] if rest else "0"
    return int(t.timestamp()) * 1_000_000_000 + int(frac)


def same(tkey, tval, ours):
    if tkey in ("cflow.timestart", "cflow.timeend"):
        # tshark: seconds since boot; ours: ms
        return abs(float(tval) * 1000 - float(ours)) < 0.5
    if tkey in ("cflow.abstimestart", "cflow.abstimeend"):
        try:
            return abs(tshark_time_ns(tval) - our_time_ns(str(ours))) < 1_000_000
        except Exception:
            return False
    if isinstance(ours, (int, float)):
        try:
            return int(tval, 0) == ours
        except ValueError:
            return str(ours) == tval
    return str(ours).lower() == str(tval).lower()


def our_records(pcap, cmd):
    args = cmd + ["decode", "--one-pass", "--format", "jsonl"]
    for p in PORTS:
        args += ["--port", p]
    r = subprocess.run(args + [pcap], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.returncode, r.stderr.strip()
    out = {}
    for line in r.stdout.splitlines():
        o = json.loads(line)
        recs = []
        for s in o["sets"]:
            for rec in s.get("records", []):
                d = {}
                for f in rec:
                    d.setdefault(f["name"], f["value"])
                recs.append(d)
        out[o["frame"]] = recs
    return out, 0, r.stderr.strip()


def main():
    corpus = sys.argv[1]
    cmd = sys.argv[2:]
    total_t = total_m = fields = fields_ok = 0
    bad = []
    for name in sorted(os.listdir(os.path.join(corpus, "pcaps"))):
        base = name[:-5]
        oracle = os.path.join(corpus, "oracle", base + ".json.gz")
        if not os.path.exists(oracle):
            continue
        ours, rc, err = our_records(os.path.join(corpus, "pcaps", name), cmd)
        if ours is None:
            print(f"{base}: EXIT {rc}: {err}")
            bad.append(base)
            continue
        trecs = tshark_records(oracle)
        nt = nm = nf = nok = 0
        notes = []
        for frame, recs in trecs:
            mine = ours.get(frame, [])
            for i, tr in enumerate(recs):
                nt += 1
                if i >= len(mine):
                    notes.append(f"frame {frame} record {i + 1}: missing")
                    continue
                nm += 1
                ft = flat(tr)
                for tkey, names in MAP.items():
                    if tkey not in ft:
                        continue
                    ov = None
                    for n in names:
                        if n in mine[i]:
                            ov = mine[i][n]
                            break
                    if ov is None:
                        continue
                    nf += 1
                    if same(tkey, ft[tkey], ov):
                        nok += 1
                    elif len(notes) < 5:
                        notes.append(f"frame {frame} record {i + 1}: {tkey}={ft[tkey]} ours={ov}")
        total_t += nt
        total_m += nm
        fields += nf
        fields_ok += nok
        flag = "" if (nm == nt and nok == nf) else "  <-- " + "; ".join(notes[:5])
        if flag:
            bad.append(base)
        print(f"{base}: tshark records {nt}, decoded {nm}, fields {nok}/{nf}{flag}")
    print(f"TOTAL: records {total_m}/{total_t} decoded, fields agree {fields_ok}/{fields} "
          f"({100.0 * fields_ok / max(fields, 1):.2f}%), captures with differences: {len(bad)}")
    if bad:
        print("differences: " + " ".join(bad))


if __name__ == "__main__":
    main()
