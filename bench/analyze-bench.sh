#!/bin/bash
# analyze against nfdump on the same flows, whole process: wall time and peak memory (GNU time's maximum RSS).
#
# One `flowinspector generate` stream (NetFlow v5, 30 records per packet) goes to nfcapd (LZ4 files);
# bench/NfcapdToJsonl.java writes the same records as JSON lines shaped like collect's (gzip). (collect itself
# could write them too, via nfcapd -R, but on a loaded 2-core machine it drops datagrams at this rate.)
# Then `nfdump -s srcip -n 10` reads the nfcapd file, and `analyze -s srcip -n 10` reads the nfcapd file and
# the JSON lines. Needs nfdump (nfcapd) and GNU time; sends only to 127.0.55.2.
# Usage: bench/analyze-bench.sh [RECORDS]   (default 10000000; inputs are kept in $WORK for a second run)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-10000000}
WORK=${WORK:-/tmp/flowinspector-analyze-bench}
HEAP=${HEAP:-1g}
if [ -z "${FI:-}" ]; then
    mvn -q -B -o compile
    mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$WORK.cp" >/dev/null
    FI="java -Xmx$HEAP -cp target/classes:$(cat "$WORK.cp") dev.flowinspector.Launcher"
fi
CP=${CP:-target/classes:$(cat "$WORK.cp" 2>/dev/null || true)}
mkdir -p "$WORK/nfcapd"
if [ -z "$(ls "$WORK/nfcapd")" ]; then
    rm -f "$WORK/flows.jsonl.gz"
    packets=$(( (RECORDS + 29) / 30 ))
    rate=${RATE:-6000}
    nfcapd -b 127.0.55.2 -p 9995 -w "$WORK/nfcapd" -t 3600 -y -B 33554432 >"$WORK/nfcapd.log" 2>&1 &
    nfcapd_pid=$!
    sleep 2
    $FI generate --version 5 --to 127.0.55.2:9995 -n $packets --rate $rate --seed 1 -q
    sleep 3
    kill -TERM $nfcapd_pid; wait $nfcapd_pid || true
fi
if [ ! -s "$WORK/flows.jsonl.gz" ]; then
    java -cp "$CP" bench/NfcapdToJsonl.java "$(ls "$WORK"/nfcapd/nfcapd.* | head -1)" "$WORK/flows.jsonl.gz"
fi
NFCAPD=$(ls "$WORK"/nfcapd/nfcapd.* | head -1)

measure() { # LABEL COMMAND...: prints label, seconds, max RSS MB
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/$label.out" 2>"$WORK/$label.err"
    read -r secs kb < "$WORK/time"
    printf "%-44s %8s s %8d MB\n" "$label" "$secs" $((kb / 1024))
}

echo "analyze vs nfdump, $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs; $(nfdump -V 2>&1 | head -1); $(java -version 2>&1 | head -1)"
echo "nfcapd file: $(nfdump -r "$NFCAPD" -I | grep '^Flows:') records, $(du -m "$NFCAPD" | cut -f1) MB (LZ4)"
echo "JSON lines: $(du -m "$WORK/flows.jsonl.gz" | cut -f1) MB (gzip)"
measure "nfdump -s srcip -n 10 (nfcapd)" nfdump -r "$NFCAPD" -s srcip -n 10
measure "analyze -s srcip -n 10 (nfcapd)" $FI analyze -s srcip -n 10 "$NFCAPD"
measure "analyze -s srcip -n 10 (jsonl.gz)" $FI analyze -s srcip -n 10 "$WORK/flows.jsonl.gz"
echo "totals: nfdump: $(grep -o 'total flows: [0-9]*' "$WORK/nfdump -s srcip -n 10 (nfcapd).out" | head -1);"\
" analyze nfcapd: $(grep -o 'total flows: [0-9]*' "$WORK/analyze -s srcip -n 10 (nfcapd).out");"\
" analyze jsonl.gz: $(grep -o 'total flows: [0-9]*' "$WORK/analyze -s srcip -n 10 (jsonl.gz).out")"
