#!/bin/sh
# The live benchmark of issue 13: the UDP listener receives 10 000 NetFlow/IPFIX packets/s on 127.0.55.1 (sent from
# 127.0.55.2, loopback only) into a session as the window's "Listen on a UDP port" does, for SECONDS (default 1800),
# and prints the heap after GC every minute and the growth per packet (docs/benchmarks.md).
# Usage: bench/live-heap.sh [SECONDS] [HEAP]
set -eu
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-1800}"
HEAP="${2:-768m}"
CPFILE="${TMPDIR:-/tmp}/flowinspector-live-heap-cp.txt"
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CPFILE"
exec java -Xmx"$HEAP" -cp "target/classes:target/test-classes:$(cat "$CPFILE")" \
  dev.flowinspector.ui.session.LiveHeapTest "$SECONDS_TO_RUN"
