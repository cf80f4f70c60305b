#!/bin/sh
# Streams a 1.5 GB pcap (written to the temporary directory on first run) through CaptureFiles.open with a 256 MB heap.
# Usage: bench/stream-bench.sh [file] [bytes]
set -eu
cd "$(dirname "$0")/.."
mvn -q -B compile
exec java -Xmx256m -cp target/classes bench/StreamBench.java "$@"
