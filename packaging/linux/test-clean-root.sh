#!/usr/bin/env bash
# The .deb on a system that has only its declared dependencies (root; needs debootstrap, network to a
# Debian mirror, and Xvfb on the host for the GUI start):
#   1. a minimal Debian 12 root (debootstrap --variant=minbase bookworm), cached as a tarball outside the
#      project (FI_ROOTFS_CACHE, default /var/cache/flowinspector-ci) and unpacked fresh for each run;
#   2. apt-get installs exactly the package's Depends there, then records every file of the root;
#   3. plain `dpkg -i` of the .deb; `flowinspector --version` (must print the pom's version), a headless
#      `flowinspector decode` of the bundled demo capture, and a GUI start on the host's Xvfb display
#      (the window is shown, then closes itself: -Dflowinspector.exitAfterMs);
#   4. dpkg --purge, then the file list again: nothing added, nothing removed, no defaults.list or
#      mimeapps.list anywhere.
# Usage: packaging/linux/test-clean-root.sh flowinspector_X_amd64.deb
# Output: PASS/FAIL lines and the time each part took. Exit 0 only if all pass.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT="$ROOT/target/clean-root-test"
CACHE=${FI_ROOTFS_CACHE:-/var/cache/flowinspector-ci}
SUITE=${FI_SUITE:-bookworm}
MIRROR=${FI_MIRROR:-http://deb.debian.org/debian}
DEMO="$ROOT/src/main/resources/dev/flowinspector/demo/demo.pcap"
failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
die() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot)"
[ $# -eq 1 ] && [ -f "$1" ] || die "usage: $0 flowinspector_X_amd64.deb"
DEB=$(readlink -f "$1")
POM_VERSION=$(sed -n '0,/<version>/s:.*<version>\([^<]*\)</version>.*:\1:p' "$ROOT/pom.xml")
command -v debootstrap >/dev/null || apt-get install -y -qq --no-install-recommends debootstrap >/dev/null \
  || die "debootstrap not installed"
rm -rf "$OUT"; mkdir -p "$OUT" "$CACHE"
R=$(mktemp -d /var/tmp/fi-clean-root.XXXXXX)
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  for m in tmp/.X11-unix dev/pts dev proc sys; do umount -l "$R/$m" 2>/dev/null; done
  rm -rf --one-file-system "$R"
}
trap cleanup EXIT
t0=$(date +%s)

# --- 1. the minimal root ------------------------------------------------------------------------------
TARBALL="$CACHE/$SUITE-minbase.tar.gz"
if [ ! -f "$TARBALL" ]; then
  debootstrap --variant=minbase "$SUITE" "$R" "$MIRROR" >"$OUT/debootstrap.log" 2>&1 \
    || { tail -5 "$OUT/debootstrap.log"; die "debootstrap failed"; }
  tar -C "$R" -czf "$TARBALL.tmp" . && mv "$TARBALL.tmp" "$TARBALL"
else
  tar -C "$R" -xzf "$TARBALL"
fi
echo "minimal root: $(( $(date +%s) - t0 )) s ($(du -sm "$R" | cut -f1) MiB)"
mount -t proc proc "$R/proc"; mount -t sysfs sys "$R/sys"; mount --bind /dev "$R/dev"; mount --bind /dev/pts "$R/dev/pts"
cp /etc/resolv.conf "$R/etc/resolv.conf"
in_root() { chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

# --- 2. only the declared dependencies ----------------------------------------------------------------
t1=$(date +%s)
deps=$(dpkg-deb -f "$DEB" Depends | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g')
# shellcheck disable=SC2086
{ in_root apt-get update -qq && in_root apt-get install -y -qq --no-install-recommends $deps; } >"$OUT/deps.log" 2>&1 \
  || { tail -5 "$OUT/deps.log"; die "apt-get install of the declared dependencies failed"; }
in_root apt-get clean
echo "declared dependencies ($(echo $deps | wc -w) packages named, $(in_root dpkg-query -f '.\n' -W | wc -l) installed in the root): $(( $(date +%s) - t1 )) s"
snapshot() { # every path outside the virtual and scratch directories, with its type
  (cd "$R" && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev -o -path ./tmp -o -path ./run \
      -o -path ./var/cache -o -path ./var/log -o -path ./var/lib/dpkg -o -path ./var/lib/apt -o -path ./root \) -prune \
      -o -printf '%y %p\n' | sort)
}
snapshot >"$OUT/before.txt"

# --- 3. plain dpkg -i, then run it --------------------------------------------------------------------
cp "$DEB" "$R/tmp/flowinspector.deb"; cp "$DEMO" "$R/tmp/demo.pcap"
if in_root dpkg -i /tmp/flowinspector.deb >"$OUT/dpkg-i.log" 2>&1; then
  pass "dpkg -i with only the declared dependencies"
else
  fail "dpkg -i: $(tail -3 "$OUT/dpkg-i.log")"
fi
v=$(in_root timeout 120 flowinspector --version 2>"$OUT/version.err")
if [ "$v" = "FlowInspector $POM_VERSION" ]; then pass "flowinspector --version: $v"; else fail "flowinspector --version printed '$v' (want FlowInspector $POM_VERSION; $(head -2 "$OUT/version.err"))"; fi
if in_root env JAVA_TOOL_OPTIONS=-Xshare:on timeout 120 flowinspector --version >/dev/null 2>"$OUT/cds.err"; then
  pass "the class-data-sharing archive maps at /opt/flowinspector (-Xshare:on)"
else
  fail "the class-data-sharing archive does not map: $(grep -v JAVA_TOOL_OPTIONS "$OUT/cds.err" | head -2)"
fi
if in_root timeout 120 flowinspector decode /tmp/demo.pcap >"$OUT/decode.txt" 2>"$OUT/decode.err" && [ -s "$OUT/decode.txt" ]; then
  pass "flowinspector decode demo.pcap ($(wc -l <"$OUT/decode.txt") lines)"
else
  fail "flowinspector decode: $(head -3 "$OUT/decode.err")"
fi
if command -v Xvfb >/dev/null; then
  disp=97
  Xvfb ":$disp" -screen 0 1280x800x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
  XVFB_PID=$!
  sleep 2
  mkdir -p "$R/tmp/.X11-unix"; mount --bind /tmp/.X11-unix "$R/tmp/.X11-unix"
  ts=$(date +%s%N)
  if in_root env DISPLAY=":$disp" JAVA_TOOL_OPTIONS=-Dflowinspector.exitAfterMs=2000 \
      timeout 180 flowinspector /tmp/demo.pcap >"$OUT/gui.log" 2>&1; then
    pass "GUI started, showed its window and closed ($(( ($(date +%s%N) - ts) / 1000000 - 2000 )) ms to window and demo loaded, roughly)"
  else
    fail "GUI start failed: $(grep -v JAVA_TOOL_OPTIONS "$OUT/gui.log" | head -3)"
  fi
  if grep -q "Unsupported JavaFX" "$OUT/gui.log"; then fail "GUI logs 'Unsupported JavaFX configuration'"; else pass "no 'Unsupported JavaFX configuration'"; fi
  umount -l "$R/tmp/.X11-unix"
  kill "$XVFB_PID" 2>/dev/null; XVFB_PID=""
else
  echo "SKIP: no Xvfb on the host: GUI start not tried"
fi

# --- 4. purge leaves nothing --------------------------------------------------------------------------
if in_root dpkg --purge flowinspector >"$OUT/purge.log" 2>&1; then pass "dpkg --purge"; else fail "dpkg --purge: $(tail -3 "$OUT/purge.log")"; fi
snapshot >"$OUT/after.txt"
if diff "$OUT/before.txt" "$OUT/after.txt" >"$OUT/left.diff"; then
  pass "purge left the root as it was before dpkg -i"
else
  fail "purge left differences: $(head -5 "$OUT/left.diff" | tr '\n' ' ')"
fi
if [ -e "$R/var/cache/flowinspector" ]; then fail "the start-up cache /var/cache/flowinspector is left"; else pass "no /var/cache/flowinspector left"; fi
if find "$R" -xdev \( -name defaults.list -o -name mimeapps.list \) 2>/dev/null | grep -q .; then
  fail "a defaults.list or mimeapps.list exists: $(find "$R" -xdev \( -name defaults.list -o -name mimeapps.list \) | head -2)"
else
  pass "no defaults.list or mimeapps.list anywhere"
fi
echo "clean-root test: $(( $(date +%s) - t0 )) s"
if [ "$failures" -eq 0 ]; then echo "clean-root test: all checks passed"; else echo "clean-root test: $failures check(s) failed"; fi
[ "$failures" -eq 0 ]
