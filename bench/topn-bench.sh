#!/bin/bash
# analyze's top-N over many records in a bounded heap: RECORDS synthetic flows (bench/SyntheticNfcapd.java, an
# nfdump 1.6 stream: 30 % from 20 heavy sources, the rest from up to 16.7 M random sources) are piped into
# `analyze -s srcip/bytes -n 10 -` in a JVM with -Xmx$HEAP; nothing is stored on disk. GNU time reports
# analyze's wall time, CPU time and maximum resident set size; python3 checks the totals and the sketched
# top-10 against the generator's own counts (each key's bytes within the printed error bound, never above).
# Usage: bench/topn-bench.sh [RECORDS]   (default 100000000; HEAP=1g, MAXKEYS=200000 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-100000000}
HEAP=${HEAP:-1g}
MAXKEYS=${MAXKEYS:-200000}
WORK=${WORK:-/tmp/flowinspector-topn-bench}
mkdir -p "$WORK"
if [ -z "${FI:-}" ]; then
    mvn -q -B -o compile
    mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp" >/dev/null
    FI="java -Xmx$HEAP -cp target/classes:$(cat "$WORK/cp") dev.flowinspector.Launcher"
fi
echo "analyze top-N, $RECORDS records, -Xmx$HEAP, --max-keys $MAXKEYS, $(date -u +%Y-%m-%dT%H:%MZ);" \
    "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
java bench/SyntheticNfcapd.java "$RECORDS" "$WORK/truth.json" \
    | /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" \
        $FI analyze -s srcip/bytes -n 10 --max-keys "$MAXKEYS" -o json - >"$WORK/top.json" 2>"$WORK/analyze.err"
read -r secs user sys kb <"$WORK/time"
printf "analyze -s srcip/bytes -n 10 -: %s s wall, %s s user + %s s system CPU, %d MB maximum RSS\n" \
    "$secs" "$user" "$sys" $((kb / 1024))
python3 - "$WORK/truth.json" "$WORK/top.json" <<'EOF'
import json, sys
truth = json.load(open(sys.argv[1]))
out = json.load(open(sys.argv[2]))
t = out["totals"]
ok = [t[k] == truth[k] for k in ("flows", "packets", "bytes")]
print("totals: %d flows, %d packets, %d bytes; equal to the generator's: %s" % (t["flows"], t["packets"], t["bytes"], all(ok)))
table = out["stats"][0]
bound = table.get("errorBound", 0)
print("table: exact=%s, error bound %d bytes (%.5f %% of all bytes)" % (table["exact"], bound, 100.0 * bound / truth["bytes"]))
heavy = {k: v[2] for k, v in truth["heavy"].items()}
expected = sorted(heavy, key=heavy.get, reverse=True)[:10]
rows = table["rows"]
within = all(r["key"] in heavy and heavy[r["key"]] - bound <= r["bytes"] <= heavy[r["key"]] for r in rows)
print("top 10 keys as the generator's top 10: %s; every row's bytes within [true - bound, true]: %s"
      % ([r["key"] for r in rows] == expected, within))
sys.exit(0 if all(ok) and within and [r["key"] for r in rows] == expected else 1)
EOF
