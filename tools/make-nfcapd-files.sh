#!/bin/bash
# Makes the nfcapd test files under src/test/resources/dev/flowinspector/nfcapd/ with Debian's nfcapd, one per
# compression it offers (none, -z LZO, -y LZ4, -j BZ2), and records what nfdump says about each (nfdump -I and
# nfdump -s ... -o csv), which NfcapdFilesTest compares with analyze.
#
# Run as root on Debian with nfdump (nfcapd) installed, after `mvn -q package -DskipTests`:
#     sudo tools/make-nfcapd-files.sh
# Each nfcapd runs in a network namespace of its own (unshare -n) and receives `flowinspector generate`
# traffic (v5, v9 with two exporters, IPFIX with 1-in-10 sampling announced in options data) on 127.0.55.1.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/src/test/resources/dev/flowinspector/nfcapd
FI=${FI:-"java -jar $ROOT/target/flowinspector-0.1.0.jar"}
WORK=$(mktemp -d /tmp/flowinspector-nfcapd.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export FI WORK

if [ "$(id -u)" != 0 ]; then
    echo "run as root (unshare needs it)" >&2
    exit 1
fi
for tool in nfcapd nfdump unshare; do
    command -v $tool >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
mkdir -p "$OUT"

for c in none lzo lz4 bz2; do
    case $c in none) opt="";; lzo) opt="-z";; lz4) opt="-y";; bz2) opt="-j";; esac
    mkdir -p "$WORK/$c"
    unshare -n bash -c "
        set -e
        ip link set lo up
        nfcapd -b 127.0.55.1 -p 2055 -w $WORK/$c -t 3600 $opt >/dev/null 2>&1 &
        pid=\$!
        sleep 1
        $FI generate --version 9 --to 127.0.55.1:2055 -n 8 --rate 100 --exporters 2 --seed 21 -q
        $FI generate --version 5 --to 127.0.55.1:2055 -n 4 --rate 100 --seed 22 -q
        $FI generate --version 10 --to 127.0.55.1:2055 -n 8 --rate 100 --seed 23 --sampling 10 -q
        sleep 1
        kill -TERM \$pid
        wait \$pid || true
    "
    f=$(ls "$WORK/$c"/nfcapd.* | head -1)
    cp "$f" "$OUT/$c.nfcapd"
    nfdump -r "$OUT/$c.nfcapd" -I > "$OUT/$c.info.txt"
    for s in srcip/bytes dstip/packets srcport/packets dstport/flows proto/bytes srcas/bytes; do
        echo "# nfdump -s $s -n 5"
        nfdump -r "$OUT/$c.nfcapd" -s "$s" -n 5 -o csv -q
    done > "$OUT/$c.stats.csv"
    echo "$c: $(grep '^Flows:' "$OUT/$c.info.txt")"
done
nfcapd -V > "$OUT/VERSION.txt" 2>&1 || true
