#!/bin/bash
# Makes the exporter captures under src/test/resources/dev/flowinspector/exporters/ with real exporters.
#
# Run as root on Debian 12 with softflowd, pmacct, fprobe, nfdump, tcpdump, tshark and python3 installed:
#     sudo tools/make-exporter-captures.sh [EXPORTER...]
# EXPORTER: softflowd, pmacctd, fprobe or nfdump (default: all four); the captures of the others stay as they are.
#
# 1. tools/exporters/make_traffic.py writes the input traffic (tools/exporters/traffic.pcap) and the list of
#    its flows (exporters/traffic-flows.csv, the ground truth the tests compare against).
# 2. Each exporter reads traffic.pcap and exports to 127.0.55.1:2055; tcpdump on lo writes what it sent.
#    Each run happens in a network namespace of its own (unshare -n), so nothing else that talks to
#    127.0.55.1:2055 on this host ends up in the capture and nothing leaves loopback.
# 3. tools/exporters/make_edited.py derives the edited captures (problem cases) from the real ones.
# 4. tools/exporters/check_with_tshark.py compares tshark's dissection of every capture with the flow list
#    and prints the record counts (a check for the person running this; tests never run tshark).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=$ROOT/tools/exporters
OUT=$ROOT/src/test/resources/dev/flowinspector/exporters
COLLECTOR=127.0.55.1
PORT=2055
WORK=$(mktemp -d /tmp/flowinspector-exporters.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export TOOLS COLLECTOR PORT

if [ "$(id -u)" != 0 ]; then
    echo "run as root (tcpdump and unshare need it)" >&2
    exit 1
fi
EXPORTERS=${*:-softflowd pmacctd fprobe nfdump}
for e in $EXPORTERS; do
    case $e in
        softflowd|pmacctd|fprobe|nfdump) ;;
        *) echo "unknown exporter: $e (softflowd, pmacctd, fprobe or nfdump)" >&2; exit 2 ;;
    esac
done
wanted() { case " $EXPORTERS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
tools="tcpdump tshark python3 unshare"
wanted softflowd && tools="$tools softflowd"
wanted pmacctd && tools="$tools pmacctd"
wanted fprobe && tools="$tools fprobe"
wanted nfdump && tools="$tools nfpcapd nfreplay"
for tool in $tools; do
    command -v $tool >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

mkdir -p "$OUT"
python3 "$TOOLS/make_traffic.py" "$TOOLS/traffic.pcap" "$OUT/traffic-flows.csv"
cp "$TOOLS/traffic.pcap" "$WORK/traffic.pcap"

# capture NAME SECONDS COMMAND...: runs COMMAND (for at most SECONDS) in a fresh network namespace while
# tcpdump writes the export packets to $OUT/NAME.pcap.
capture() {
    local name=$1 secs=$2
    shift 2
    echo "== $name: $*"
    unshare -n bash -c '
        set -e
        pcap=$1 secs=$2 log=$3
        shift 3
        ip link set lo up
        tcpdump -i lo -U -w "$pcap" udp port $PORT and host $COLLECTOR 2>"$pcap.tcpdump" &
        td=$!
        python3 "$TOOLS/sink.py" $COLLECTOR $PORT &
        sink=$!
        sleep 1
        timeout "$secs" "$@" >"$log" 2>&1 || echo "exit status $?" >>"$log"
        sleep 1
        kill $td $sink
        wait $td $sink || true
    ' capture "$WORK/$name.pcap" "$secs" "$WORK/$name.log" "$@"
    cp "$WORK/$name.pcap" "$OUT/$name.pcap"
    chmod 644 "$OUT/$name.pcap"
}

# ---------------------------------------------------------------- softflowd 1.1.0
if wanted softflowd; then
# -r: read the pcap; -a: take time from the pcap (sysUptime 0 = first packet, export time = last packet);
# -c none: no control socket (else it waits for one); -d: foreground; at EOF it flushes every flow and exits.
for v in 1 5 9 10; do
    capture softflowd-v$v 30 \
        softflowd -r "$WORK/traffic.pcap" -n $COLLECTOR:$PORT -v $v -a -c none -d -p "$WORK/softflowd.pid"
    grep -h "Flows exported" "$WORK/softflowd-v$v.log" || true
done
fi

# ---------------------------------------------------------------- pmacctd 1.7.7 nfprobe plugin
# networks_file gives AS numbers (pmacctd_as: file): 10.1.0.0/24 AS64501, 192.0.2.0/24 AS64502,
# 2001:db8::/64 AS64503, 2001:db8:1::/64 AS64504. nfprobe_direction in + nfprobe_ifindex 5: input interface 5.
if wanted pmacctd; then
cat >"$WORK/networks.lst" <<'EOF'
64501,10.1.0.0/24
64502,192.0.2.0/24
64503,2001:db8::/64
64504,2001:db8:1::/64
EOF
for v in 5 9 10; do
    engine=7
    [ $v = 5 ] && engine=1:7
    cat >"$WORK/pmacctd-v$v.conf" <<EOF
daemonize: false
pcap_savefile: $WORK/traffic.pcap
networks_file: $WORK/networks.lst
pmacctd_as: file
pmacctd_net: file
plugins: nfprobe[exp]
aggregate[exp]: src_host, dst_host, src_port, dst_port, proto, tos, tcpflags, src_as, dst_as
nfprobe_receiver[exp]: $COLLECTOR:$PORT
nfprobe_version[exp]: $v
nfprobe_engine[exp]: $engine
nfprobe_direction[exp]: in
nfprobe_ifindex[exp]: 5
EOF
    capture pmacctd-v$v 60 pmacctd -f "$WORK/pmacctd-v$v.conf"
    # the example names the work directory as $WORK, not this run's temporary path
    sed "s|$WORK|\$WORK|g" "$WORK/pmacctd-v$v.conf" > "$TOOLS/pmacctd-v$v.conf.example"
done
fi

# ---------------------------------------------------------------- fprobe 1.1
# -i -: read a pcap from stdin; -q 100000: pending queue long enough to take the whole file without
# dropping; -x 3:7: input interface 3, output interface 7; -s 1 -d 1 -e 2: scan every second, idle 1 s,
# active 2 s, so everything is emitted long before the timeout's SIGTERM (which also flushes the cache);
# -l 2: log to stdout, stay in the foreground. fprobe only speaks v1, v5 and v7.
if wanted fprobe; then
for v in 1 5 7; do
    capture fprobe-v$v 15 \
        bash -c "exec fprobe -i - -f ip -n $v -x 3:7 -q 100000 -s 1 -d 1 -e 2 -l 2 $COLLECTOR:$PORT \
            < '$WORK/traffic.pcap'"
done
fi

# ---------------------------------------------------------------- nfdump 1.7.1: nfpcapd, then nfreplay
# nfpcapd -r turns traffic.pcap into an nfcapd file; it closes ICMP and DNS (UDP port 53) flows after every packet,
# so each of those input flows becomes one record a packet; nfreplay -v 5|9 sends that file's flows as
# NetFlow v5 (IPv4 only) or v9 (IPv4 and IPv6 templates, each sent again before every data flowset).
if wanted nfdump; then
mkdir -p "$WORK/nfcapd"
nfpcapd -r "$WORK/traffic.pcap" -w "$WORK/nfcapd" >"$WORK/nfpcapd.log" 2>&1
nfcapd_file=$(find "$WORK/nfcapd" -type f -name 'nfcapd.*' | head -1)
for v in 5 9; do
    capture nfreplay-v$v 30 nfreplay -r "$nfcapd_file" -H $COLLECTOR -p $PORT -v $v
done
fi

if wanted softflowd || wanted pmacctd; then
    python3 "$TOOLS/make_edited.py" "$OUT"
fi
python3 "$TOOLS/check_with_tshark.py" "$OUT"
ls -l "$OUT"
