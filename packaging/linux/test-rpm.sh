#!/usr/bin/env bash
# Checks the .rpm (needs rpm; root for the install into a test root):
#   1. rpm -qpl: every file the package installs, the launcher link and the desktop entry, MIME definition,
#      icons, LICENSE and NOTICE among them; no defaults.list or mimeapps.list;
#   2. rpm -qpR: GTK 3 and libpcap required by name, system libraries by soname, none of the bundled
#      runtime's own libraries; rpm -qp --provides: none of them offered to the system;
#   3. rpm --root DIR -i --nodeps --noscripts into an empty root (no Fedora system at hand: dependencies
#      are not resolved and the root has no /bin/sh for the scriptlets, which do what the .deb's maintainer
#      scripts do), then rpm -qf on the files, rpm -V, the installed launcher prints the pom's version,
#      rpm -e leaves DIR as before.
# Usage: packaging/linux/test-rpm.sh flowinspector-X.x86_64.rpm
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT="$ROOT/target/rpm-test"
failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@" >>"$OUT/checks.log" 2>&1; then pass "$what"; else fail "$what"; fi; }
die() { echo "FAIL: $*"; exit 1; }
[ $# -eq 1 ] && [ -f "$1" ] || die "usage: $0 flowinspector-X.x86_64.rpm"
command -v rpm >/dev/null || die "rpm not installed (Debian: apt-get install rpm)"
RPM=$(readlink -f "$1")
POM_VERSION=$(sed -n '0,/<version>/s:.*<version>\([^<]*\)</version>.*:\1:p' "$ROOT/pom.xml")
rm -rf "$OUT"; mkdir -p "$OUT"

rpm -qpl "$RPM" >"$OUT/files.txt" 2>/dev/null
rpm -qpR "$RPM" >"$OUT/requires.txt" 2>/dev/null
rpm -qp --provides "$RPM" >"$OUT/provides.txt" 2>/dev/null
echo "rpm: $(basename "$RPM") $(du -k "$RPM" | cut -f1) KiB, $(wc -l <"$OUT/files.txt") files, $(wc -l <"$OUT/requires.txt") requirements"
check "version is the pom's ($POM_VERSION)" test "$(rpm -qp --qf '%{VERSION}' "$RPM" 2>/dev/null)" = "$POM_VERSION"
check "licence tag names Apache-2.0" sh -c "rpm -qp --qf '%{LICENSE}' '$RPM' 2>/dev/null | grep -q '^Apache-2.0'"
for f in /usr/bin/flowinspector /usr/sbin/flowinspector-capture-setup /opt/flowinspector/bin/FlowInspector \
         /opt/flowinspector/bin/flowinspector \
         /usr/share/applications/flowinspector.desktop /usr/share/mime/packages/flowinspector.xml \
         /usr/share/icons/hicolor/48x48/apps/flowinspector.png /usr/share/licenses/flowinspector/LICENSE \
         /usr/share/licenses/flowinspector/NOTICE /opt/flowinspector/lib/app/flowinspector.classlist; do
  check "file list has $f" grep -qx "$f" "$OUT/files.txt"
done
check "one MIME definition file" test "$(grep -c '^/usr/share/mime/packages/' "$OUT/files.txt")" = 1
check "no defaults.list or mimeapps.list" sh -c "! grep -qE 'defaults\.list|mimeapps\.list' '$OUT/files.txt'"
check "requires gtk3 and libpcap" sh -c "grep -qx gtk3 '$OUT/requires.txt' && grep -qx libpcap '$OUT/requires.txt'"
check "requires system libraries by soname (libc, libX11)" sh -c "grep -q '^libc\.so\.6' '$OUT/requires.txt' && grep -q '^libX11\.so\.6' '$OUT/requires.txt'"
check "requires none of the bundled runtime's libraries" sh -c "! grep -qE '^lib(jvm|java|jli|awt|net|nio|zip)\.so' '$OUT/requires.txt'"
check "provides no shared library to the system" sh -c "! grep -q '\.so' '$OUT/provides.txt'"
check "provides a MIME handler for pcap, pcapng and IPFIX" sh -c "grep -q 'mimehandler(application/vnd.tcpdump.pcap)' '$OUT/provides.txt' && grep -q 'mimehandler(application/x-pcapng)' '$OUT/provides.txt' && grep -q 'mimehandler(application/ipfix)' '$OUT/provides.txt'"

if [ "$(id -u)" = 0 ]; then
  R=$(mktemp -d /var/tmp/fi-rpm-root.XXXXXX)
  rpm --root "$R" --initdb
  # files and links (directories such as /usr/share/icons/hicolor/48x48 belong to other packages on a real
  # system: filesystem, hicolor-icon-theme, shared-mime-info)
  (cd "$R" && find . \( -type f -o -type l \) | grep -v '^\./var/lib/rpm\|^\./usr/lib/sysimage/rpm\|^\./var/tmp' | sort) >"$OUT/before.txt"
  check "rpm --root DIR -i --nodeps --noscripts" rpm --root "$R" -i --nodeps --noscripts "$RPM"
  check "rpm -qf /usr/bin/flowinspector: flowinspector" sh -c "rpm --root '$R' -qf /usr/bin/flowinspector | grep -q '^flowinspector-$POM_VERSION'"
  check "rpm -V: installed files as packaged" rpm --root "$R" -V --nodeps --noscripts flowinspector
  v=$("$R/opt/flowinspector/bin/FlowInspector" --version 2>/dev/null)
  check "installed launcher prints the pom version ($v)" test "$v" = "FlowInspector $POM_VERSION"
  v=$("$R/opt/flowinspector/bin/flowinspector" --version 2>/dev/null)
  check "installed command-line launcher prints the pom version ($v)" test "$v" = "FlowInspector $POM_VERSION"
  check "rpm -e" rpm --root "$R" -e --nodeps --noscripts flowinspector
  (cd "$R" && find . \( -type f -o -type l \) | grep -v '^\./var/lib/rpm\|^\./usr/lib/sysimage/rpm\|^\./var/tmp' | sort) >"$OUT/after.txt"
  check "rpm -e left no file behind" diff "$OUT/before.txt" "$OUT/after.txt"
  check "rpm -e left nothing named flowinspector" sh -c "! (cd '$R' && find . -name '*flowinspector*' | grep .)"
  rm -rf --one-file-system "$R"
else
  echo "SKIP: not root: the install into a test root is not tried"
fi
if [ "$failures" -eq 0 ]; then echo "rpm test: all checks passed"; else echo "rpm test: $failures check(s) failed"; fi
[ "$failures" -eq 0 ]
