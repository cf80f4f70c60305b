#!/usr/bin/env python3
"""Compares tshark's dissection of the exporter captures with the flows of the input traffic.

Usage: check_with_tshark.py DIR   (DIR holds traffic-flows.csv and the captures)

For every capture made from traffic.pcap (softflowd-*, pmacctd-*, fprobe-*, nfreplay-*): runs
`tshark -r X -o cflow.netflow.ports:2055 -o cflow.ipfix.ports:4739 -T json`, takes every flow record
tshark shows, finds the input flow with the same addresses, protocol and (TCP/UDP) ports in
traffic-flows.csv, and compares packets and octets (nfreplay's: their sums per input flow, as nfpcapd
records an ICMP or DNS flow packet by packet). Prints per capture: export packets, flow records,
records matched, mismatches; exits 1 on any mismatch. A developer's check only: the Java tests compare
FlowInspector's decoder with the same flow list and never run tshark.
"""
import csv
import json
import os
import subprocess
import sys


def load_flows(path):
    with open(path) as fh:
        rows = [r for r in csv.DictReader(line for line in fh if not line.startswith("#"))]
    return rows


def records(node, out):
    """Every dict under node that is a flow record (has octets and packets)."""
    if isinstance(node, dict):
        if "cflow.octets" in node and "cflow.packets" in node:
            out.append(node)
            return
        for v in node.values():
            records(v, out)
    elif isinstance(node, list):
        for v in node:
            records(v, out)


def find(flows, rec):
    src = rec.get("cflow.srcaddr") or rec.get("cflow.srcaddrv6")
    dst = rec.get("cflow.dstaddr") or rec.get("cflow.dstaddrv6")
    proto = rec.get("cflow.protocol")
    sport, dport = rec.get("cflow.srcport"), rec.get("cflow.dstport")
    for f in flows:
        if f["src"] != src or f["dst"] != dst or f["proto"] != proto:
            continue
        if proto in ("6", "17") and (f["sport"] != sport or f["dport"] != dport):
            continue
        return f
    return None


def main():
    d = sys.argv[1]
    flows = load_flows(os.path.join(d, "traffic-flows.csv"))
    v4 = [f for f in flows if ":" not in f["src"]]
    bad = 0
    for name in sorted(os.listdir(d)):
        if not name.endswith(".pcap") or name.split("-")[0] not in ("softflowd", "pmacctd", "fprobe", "nfreplay"):
            continue
        if name.count("-") > 1:
            continue  # edited captures: checked by their own tests
        js = subprocess.run(["tshark", "-r", os.path.join(d, name), "-o", "cflow.netflow.ports:2055",
                             "-o", "cflow.ipfix.ports:4739", "-T", "json"],
                            capture_output=True, text=True, check=True).stdout
        frames = json.loads(js)
        recs = []
        for fr in frames:
            records(fr["_source"]["layers"].get("cflow", {}), recs)
        version = name.rsplit("-v", 1)[1].split(".")[0]
        expected = flows if version in ("9", "10") else v4
        split = name.startswith("nfreplay-")
        matched = 0
        problems = []
        seen = {}
        for r in recs:
            f = find(expected, r)
            if f is None:
                problems.append("no input flow for %s" % {k: v for k, v in r.items() if "addr" in k or "port" in k})
                continue
            key = id(f)
            if key in seen and not split:
                problems.append("input flow reported twice: %s" % f)
            sums = seen.setdefault(key, [f, 0, 0])
            sums[1] += int(r["cflow.packets"])
            sums[2] += int(r["cflow.octets"])
            if not split:
                if r["cflow.packets"] != f["packets"] or r["cflow.octets"] != f["octets"]:
                    problems.append("%s>%s: tshark %s packets %s octets, input %s packets %s octets" % (
                        f["src"], f["dst"], r["cflow.packets"], r["cflow.octets"], f["packets"], f["octets"]))
                else:
                    matched += 1
        if split:
            for f, packets, octets in seen.values():
                if packets != int(f["packets"]) or octets != int(f["octets"]):
                    problems.append("%s>%s: tshark's records add up to %d packets %d octets, input %s packets %s octets" % (
                        f["src"], f["dst"], packets, octets, f["packets"], f["octets"]))
                else:
                    matched += 1
        missing = len(expected) - len(seen)
        how = "input flows equal their records' sums" if split else "match the input"
        print("%-20s %2d packets %3d records, %3d %s, %d input flows missing%s" % (
            name, len(frames), len(recs), matched, how, missing, "" if not problems else ", PROBLEMS:"))
        for p in problems:
            print("    " + p)
        bad += len(problems) + missing
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
