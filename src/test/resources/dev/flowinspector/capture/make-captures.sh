#!/bin/sh
# Re-creates the test captures in this directory (see README.md). Needs root (tcpdump on lo, AF_PACKET),
# tcpdump, editcap, mergecap, python3. Sends only to 127.0.55.x on the loopback interface.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
w=$(mktemp -d)
cd "$w"
capture() { # capture <file> <tcpdump args...>: start tcpdump in the background
    out=$1; shift
    tcpdump -q -U -i "$@" -w "$out" 2>/dev/null & echo $! >> pids
}
stop() { sleep 1; for p in $(cat pids); do kill "$p"; wait "$p" 2>/dev/null || true; done; rm pids; }
filter='host 127.0.55.201 or host 127.0.55.202 or host 127.0.55.203 or (ip6 and ip6[6] == 0) or vlan'  # vlan last: it shifts offsets

# export packets over UDP sockets, hand-made frames (fragments, IPv6 extension headers, QinQ), junk
capture udp_lo.pcap lo "$filter"
capture any_sll.pcap any -y LINUX_SLL "udp and dst host 127.0.55.201 and dst port 2055"
capture any_sll2.pcap any -y LINUX_SLL2 "udp and dst host 127.0.55.203"
sleep 1
python3 "$here/inject.py" exports
python3 "$here/inject.py" frames
python3 "$here/inject.py" junk
stop

# IPFIX over TCP: the IPFIX messages of the IPFIX file over a real TCP connection
python3 "$here/convert.py" "$w"
python3 "$here/inject.py" tcpsink & sink=$!
capture tcp_lo.pcap lo 'tcp and host 127.0.55.204'; sleep 1
python3 "$here/inject.py" tcpsend exports.ipfix
stop; kill $sink

# conversions
editcap -F nsecpcap udp_lo.pcap udp_lo_ns.pcap
editcap -C 14 -T rawip udp_lo.pcap udp_raw.pcap
editcap -C 14 -T rawip4 -F pcapng udp_lo.pcap udp_rawip4.pcapng
editcap -F pcapng -a "1:first frame, commented by editcap" --capture-comment "made by make-captures.sh" \
    udp_lo.pcap udp_lo.pcapng
mergecap -F pcapng -w multi_if.pcapng udp_lo_ns.pcap any_sll2.pcap
python3 "$here/convert.py" "$w"
gzip -9 -n -c udp_lo.pcapng > udp_lo.pcapng.gz
cp udp_lo.pcap udp_lo_ns.pcap udp_raw.pcap udp_rawip4.pcapng udp_lo.pcapng udp_lo.pcapng.gz multi_if.pcapng \
   any_sll.pcap any_sll2.pcap tcp_lo.pcap udp_null.pcap udp_loop.pcap udp_be.pcap handmade_be.pcapng \
   exports.ipfix "$here/"
rm -rf "$w"
