#!/usr/bin/env bash
# The window benchmark of issue 13 over every capture format (docs/benchmarks.md, "The real window over every
# capture format"): the real main window (headless Monocle, as the UI tests) opens one capture per format, made
# by our own `generate` (same seed every run), and FxPulseBench prints first rows, load, heap per packet after
# the load, the display filter and top talkers (the Flows tab until it counted every record); one table row a
# format.
#
#   bench/window-formats.sh [1m|10m|COUNT] [--phases LIST] [--offline] [--keep-log FILE]
#
# Heap: -Xmx768m up to 1 M packets, -Xmx2g above. Inputs are made one format at a time and deleted before the
# next (10 M NetFlow v9 packets are about 14 GB as pcap; a gzip input also needs its decompressed copy while it
# is open), in a work directory under the system temp directory that is removed at the end, the application's
# own temporary files included (java.io.tmpdir points there). --phases is FxPulseBench's (default filter,flows;
# "filter" alone skips top talkers). The log (every command and the benchmark's raw output) is kept, by default in
# ${TMPDIR:-/tmp}/flowinspector-window-formats-COUNT.log.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT=1000000
PHASES=filter,flows
MVN_FLAGS=()
LOG=""
while [ $# -gt 0 ]; do
  case "$1" in
    1m|1M) COUNT=1000000 ;;
    10m|10M) COUNT=10000000 ;;
    [0-9]*) COUNT="$1" ;;
    --phases) PHASES="$2"; shift ;;
    --offline) MVN_FLAGS+=(-o) ;;
    --keep-log) LOG="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench/window-formats.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
case "$COUNT" in
  *[!0-9]*|0) echo "bench/window-formats.sh: the packet count must be a positive number, not $COUNT" >&2; exit 2 ;;
esac
if [ "$COUNT" -le 1000000 ]; then HEAP=768m; else HEAP=2g; fi
TMP="${TMPDIR:-/tmp}"
LOG="${LOG:-$TMP/flowinspector-window-formats-$COUNT.log}"
WORK="$(mktemp -d "$TMP/flowinspector-window-formats.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
: > "$LOG"
say() { echo "[window-formats] $*" >&2; echo "[$(date -u +%H:%M:%S)] $*" >> "$LOG"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START="$(loadavg)"

say "building (test classes, classpath); work directory $WORK, log $LOG"
(cd "$HERE" && mvn "${MVN_FLAGS[@]}" -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >>"$LOG" 2>&1)
CP="$HERE/target/classes:$HERE/target/test-classes:$(cat "$WORK/cp.txt")"
run() { local line="$*"; echo "\$ ${line//"$CP"/\$CP}" >> "$LOG"; "$@" >>"$LOG" 2>&1; }
gen() { # gen VERSION FILE
  run java -cp "$CP" dev.flowinspector.Launcher generate -q -w "$2" --version "$1" --count "$COUNT" --seed 1 \
    --start 2024-01-01T00:00:00Z
}

# make FORMAT: the input of that format in $WORK; prints its path
make_input() {
  local b="$WORK/in-$COUNT"
  case "$1" in
    pcap) gen 9 "$b.pcap"; echo "$b.pcap" ;;
    pcapng) gen 9 "$b.pcapng"; echo "$b.pcapng" ;;
    pcap.gz) gen 9 "$b.pcap"; run gzip -1 "$b.pcap"; echo "$b.pcap.gz" ;;
    pcapng.gz) gen 9 "$b.pcapng"; run gzip -1 "$b.pcapng"; echo "$b.pcapng.gz" ;;
    ipfix) gen 10 "$b-v10.pcap"; run java -cp "$CP" dev.flowinspector.bench.ToIpfixFile "$b-v10.pcap" "$b.ipfix"
      rm -f "$b-v10.pcap"; echo "$b.ipfix" ;;
  esac
}

val() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
secs() { [ -n "$1" ] && awk -v v="$1" 'BEGIN { printf "%.2f s", v / 1000 }' || echo "-"; }
num() { [ -n "$1" ] && awk -v v="$1" -v f="$2" 'BEGIN { printf f, v }' || echo "-"; }

ROWS=()
for fmt in pcap pcapng pcap.gz pcapng.gz ipfix; do
  say "$fmt: making $COUNT packets"
  IN="$(make_input "$fmt")"
  SIZE="$(du -h --apparent-size "$IN" | cut -f1)"
  filter='version == 9'
  [ "$fmt" = ipfix ] && filter='version == 10'
  say "$fmt: window benchmark ($SIZE, -Xmx$HEAP, phases $PHASES)"
  OUT="$WORK/$fmt.txt"
  start=$(date +%s)
  echo "\$ java -Xmx$HEAP ... FxPulseBench $IN --phases $PHASES  (bench.filter=$filter)" >> "$LOG"
  if java -Xmx"$HEAP" -Djava.io.tmpdir="$WORK" -Dbench.filter="$filter" \
      -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -cp "$CP" \
      dev.flowinspector.bench.FxPulseBench "$IN" --phases "$PHASES" > "$OUT" 2>>"$LOG"; then
    status=""
  else
    status=" (failed: see the log)"
  fi
  cat "$OUT" >> "$LOG"
  say "$fmt: done in $(( $(date +%s) - start )) s$status"
  rm -f "$IN"
  ROWS+=("| $fmt$status | $SIZE | $(secs "$(val fx_first_rows_ms "$OUT")") | $(secs "$(val fx_load_ms "$OUT")") \
| $(num "$(val fx_heap_bytes_per_packet "$OUT")" "%.0f") | $(secs "$(val fx_filter_ms "$OUT")") \
| $(secs "$(val fx_top_talkers_ms "$OUT")") | $(num "$(val fx_load_gap_max_ms "$OUT")" "%.0f ms") \
(FX busy $(num "$(val fx_load_busy_max_ms "$OUT")" "%.0f ms")) |")
done

{
  echo "Window benchmark, $COUNT packets a format (NetFlow v9; the IPFIX file: IPFIX messages), -Xmx$HEAP, phases $PHASES"
  echo
  echo "| format | file size | first rows | load | heap B/packet | filter | top talkers | max FX pulse gap during load |"
  echo "|--------|----------:|-----------:|-----:|--------------:|-------:|------------:|-----------------------------:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(java -version 2>&1 | head -1), load average at start $LOAD_START, at end $(loadavg)"
} | tee -a "$LOG"
