#!/usr/bin/env bash
# End-to-end test of the Debian package, for CI (root, no desktop, container-like machine):
#   1. builds the .deb with `mvn -Ppackage package` (or takes the one given as $1), timing the build;
#   2. checks the archive (dpkg-deb): copyright file in Debian format, no "Unknown" licence, launcher link,
#      one MIME definition, desktop entry; installs the declared dependencies with apt-get, then the package
#      with plain dpkg -i;
#   3. checks what the package put on the system and that dpkg knows every file (dpkg -S): launchers, PATH
#      links, desktop entry (Exec %F, Network category, MIME types, no default-handler change), MIME
#      definitions; `flowinspector --version` prints the pom's version;
#   4. runs the installed launcher's command line (`flowinspector decode`) on a capture;
#   5. flowinspector-capture-setup: gives a test user capture rights, checks the capabilities and that the
#      capability-carrying launcher still starts (the dynamic loader's secure mode), then takes them away;
#   6. as that unprivileged user, starts the installed launcher under Xvfb with the capture as argument,
#      as the desktop does on double-click, and checks that the main window appears with the file's name
#      in its title and shows content (screenshot not blank);
#   7. removes and purges the package and checks nothing is left, defaults.list and mimeapps.list included.
# packaging/linux/test-clean-root.sh installs the same .deb on a minimal Debian with only its declared
# dependencies; packaging/linux/test-rpm.sh checks the .rpm.
# Usage: packaging/linux/test-deb.sh [flowinspector_X_amd64.deb]
# Output: PASS/FAIL lines, sizes and times; screenshot and logs in target/deb-test/. Exit 0 only if all pass.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT="$ROOT/target/deb-test"
rm -rf "$OUT"; mkdir -p "$OUT"; chmod 755 "$OUT"
TEST_USER=fitest
CAPTURE_SRC="$ROOT/src/main/resources/dev/flowinspector/demo/demo.pcap"   # made by the project (softflowd)
failures=0

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@" >>"$OUT/checks.log" 2>&1; then pass "$what"; else fail "$what"; fi; }
die() { echo "FAIL: $*"; exit 1; }
# has_options LAUNCHER OPTION...: each option is a java-options line of the installed launcher's .cfg
has_options() {
  local cfg=/opt/flowinspector/lib/app/$1.cfg o; shift
  for o in "$@"; do grep -qx -- "java-options=$o" "$cfg" || return 1; done
}

[ "$(id -u)" = 0 ] || die "must run as root (it installs a package)"
[ -f "$CAPTURE_SRC" ] || die "no capture at $CAPTURE_SRC"

export DEBIAN_FRONTEND=noninteractive
need=""
for p in xvfb xauth xdotool imagemagick binutils libcap2-bin; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  apt-get install -y -qq --no-install-recommends $need >/dev/null || die "could not install:$need"
fi

# --- 1. the package ---------------------------------------------------------------------------------
if [ $# -ge 1 ]; then
  DEB=$(readlink -f "$1")
else
  start=$(date +%s)
  mvn -B -q -Ppackage package >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log"; die "mvn -Ppackage package failed"; }
  echo "build time (mvn -Ppackage package): $(( $(date +%s) - start )) s"
  DEB=$(ls "$ROOT"/target/jpackage/installers/flowinspector_*.deb | head -1)
fi
[ -f "$DEB" ] || die "no .deb found"
echo "deb: $(basename "$DEB") $(du -k "$DEB" | cut -f1) KiB"
if [ -d "$ROOT/target/jpackage/image/FlowInspector" ]; then
  echo "app-image: $(du -sm "$ROOT/target/jpackage/image/FlowInspector" | cut -f1) MiB"
fi

# --- 2. the archive, then install ---------------------------------------------------------------------
POM_VERSION=$(sed -n '0,/<version>/s:.*<version>\([^<]*\)</version>.*:\1:p' "$ROOT/pom.xml")
dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's:^\.::' >"$OUT/contents.txt"
dpkg-deb --fsys-tarfile "$DEB" | tar -xO ./usr/share/doc/flowinspector/copyright >"$OUT/copyright" 2>/dev/null
check "package version is the pom's ($POM_VERSION)" test "$(dpkg-deb -f "$DEB" Version)" = "$POM_VERSION-1"
check "copyright at /usr/share/doc/flowinspector/copyright" grep -qx /usr/share/doc/flowinspector/copyright "$OUT/contents.txt"
check "copyright is machine-readable (DEP-5) and names Apache-2.0" sh -c "head -1 '$OUT/copyright' | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' && grep -q '^License: Apache-2.0' '$OUT/copyright'"
check "no licence is 'Unknown'" sh -c "! grep -qi unknown '$OUT/copyright' && ! dpkg-deb -f '$DEB' | grep -qi 'License: Unknown'"
check "LICENSE and NOTICE in the package" sh -c "grep -qx /opt/flowinspector/lib/app/LICENSE '$OUT/contents.txt' && grep -qx /opt/flowinspector/lib/app/NOTICE '$OUT/contents.txt'"
check "/usr/bin/flowinspector is in the package" grep -qx /usr/bin/flowinspector "$OUT/contents.txt"
check "one MIME definition file" test "$(grep -c '^/usr/share/mime/packages/.*\.xml$' "$OUT/contents.txt")" = 1
check "no defaults.list or mimeapps.list in the package" sh -c "! grep -qE 'defaults\.list|mimeapps\.list' '$OUT/contents.txt'"
check "no xdg-utils dependency" sh -c "! dpkg-deb -f '$DEB' Depends | grep -q xdg-utils"

export XDG_DATA_DIRS=${XDG_DATA_DIRS:-/usr/local/share:/usr/share}
dpkg -P flowinspector >/dev/null 2>&1 || true
defaults_before=$(cat /usr/share/applications/defaults.list /usr/share/applications/mimeapps.list /etc/xdg/mimeapps.list 2>/dev/null | md5sum)
# the declared dependencies, then plain dpkg -i (no apt-get -f: a missing dependency fails the test)
deps=$(dpkg-deb -f "$DEB" Depends | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g')
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $deps >"$OUT/install.log" 2>&1 || echo "note: apt-get install of the dependencies failed (see $OUT/install.log)"
if dpkg -i "$DEB" >>"$OUT/install.log" 2>&1; then pass "dpkg -i"; else fail "dpkg -i (see $OUT/install.log)"; fi
check "package installed" sh -c "dpkg -s flowinspector | grep -q '^Status: install ok installed'"
check "depends on libgtk-3-0 and libpcap0.8" sh -c "dpkg -s flowinspector | grep '^Depends:' | grep -q 'libgtk-3-0' && dpkg -s flowinspector | grep '^Depends:' | grep -q 'libpcap0.8'"

# --- 3. files ----------------------------------------------------------------------------------------
check "launcher /opt/flowinspector/bin/FlowInspector" test -x /opt/flowinspector/bin/FlowInspector
check "command-line launcher /opt/flowinspector/bin/flowinspector" test -x /opt/flowinspector/bin/flowinspector
check "command-line launcher for small inputs /opt/flowinspector/bin/flowinspector-quick" test -x /opt/flowinspector/bin/flowinspector-quick
check "/usr/bin/flowinspector on the PATH is the script choosing between the two (docs/decisions/0033)" sh -c "test ! -L /usr/bin/flowinspector && test -x /usr/bin/flowinspector && sh -n /usr/bin/flowinspector && grep -q 'flowinspector-quick' /usr/bin/flowinspector"
check "launcher for small inputs: C1 only (one compiler thread), serial GC, 64 MB initial heap, 32 MB young generation, huge pages, JVM warnings on stderr" \
  has_options flowinspector-quick -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xms64m -Xmn32m -XX:+UseTransparentHugePages \
  -Xlog:disable -Xlog:all=warning,pagesize=error:stderr
check "the other launchers keep C2" sh -c "! grep -q TieredStopAtLevel /opt/flowinspector/lib/app/flowinspector.cfg /opt/flowinspector/lib/app/FlowInspector.cfg"
# JVM options (docs/decisions/0028): the command line streams with the serial collector, the GUI keeps G1
check "command-line launcher: serial GC, 64 MB initial heap, 32 MB young generation, huge pages, JVM warnings on stderr, JIT options, GUI handed to FlowInspector" \
  has_options flowinspector -XX:+UseSerialGC -Xms64m -Xmn32m -XX:+UseTransparentHugePages -Xlog:disable \
  -Xlog:all=warning,pagesize=error:stderr -XX:-UseProfiledLoopPredicate -XX:FreqInlineSize=150 \
  -XX:InlineSmallCode=500 -Dflowinspector.gui.launcher=FlowInspector
check "GUI launcher: huge pages, JVM warnings on stderr, JIT options (docs/decisions/0034, 0036)" \
  has_options FlowInspector -XX:+UseTransparentHugePages -Xlog:disable -Xlog:all=warning,pagesize=error:stderr \
  -XX:-UseProfiledLoopPredicate -XX:FreqInlineSize=150 -XX:InlineSmallCode=500
check "GUI launcher keeps the JVM's default collector (G1) and heap sizing" sh -c "! grep -q 'UseSerialGC\\|-Xmn\\|-Xms' /opt/flowinspector/lib/app/FlowInspector.cfg"
check "/usr/sbin/flowinspector-capture-setup" test -x /usr/sbin/flowinspector-capture-setup
DESKTOP=/usr/share/applications/flowinspector.desktop
for f in /usr/bin/flowinspector /usr/sbin/flowinspector-capture-setup "$DESKTOP" \
         /usr/share/mime/packages/flowinspector.xml /usr/share/icons/hicolor/48x48/apps/flowinspector.png \
         /usr/share/doc/flowinspector/copyright /opt/flowinspector/lib/app/flowinspector.classlist \
         /opt/flowinspector/bin/flowinspector /opt/flowinspector/bin/flowinspector-quick; do
  check "dpkg -S $f: flowinspector" sh -c "dpkg -S '$f' | grep -q '^flowinspector: '"
done
check "desktop entry passes files (Exec ... %F)" grep -q '^Exec=/opt/flowinspector/bin/FlowInspector %F$' "$DESKTOP"
check "desktop entry category Network" grep -q '^Categories=Network;' "$DESKTOP"
check "desktop entry MIME types pcap, pcapng, ipfix" sh -c "grep '^MimeType=' '$DESKTOP' | grep -q application/vnd.tcpdump.pcap && grep '^MimeType=' '$DESKTOP' | grep -q application/x-pcapng && grep '^MimeType=' '$DESKTOP' | grep -q application/ipfix"
if command -v desktop-file-validate >/dev/null; then check "desktop-file-validate" desktop-file-validate "$DESKTOP"; fi
check "install changed no default handler (defaults.list, mimeapps.list)" test "$(cat /usr/share/applications/defaults.list /usr/share/applications/mimeapps.list /etc/xdg/mimeapps.list 2>/dev/null | md5sum)" = "$defaults_before"
if command -v update-mime-database >/dev/null; then
  update-mime-database /usr/share/mime >/dev/null 2>&1 || true   # what shared-mime-info's trigger runs
  check "*.ipfix is application/ipfix in the MIME database" grep -q '^application/ipfix:\*\.ipfix' /usr/share/mime/globs
fi
version=$(timeout 60 /usr/bin/flowinspector --version 2>"$OUT/version.err")
check "flowinspector --version prints the pom version ($version)" test "$version" = "FlowInspector $POM_VERSION"
check "no 'Unsupported JavaFX configuration' from the installed app" sh -c "! grep -q Unsupported '$OUT/version.err'"
check "the class-data-sharing archive maps (-Xshare:on), command line" sh -c "JAVA_TOOL_OPTIONS=-Xshare:on timeout 60 /usr/bin/flowinspector --version"
check "the class-data-sharing archive maps (-Xshare:on), launcher for small inputs" sh -c "JAVA_TOOL_OPTIONS=-Xshare:on timeout 60 /opt/flowinspector/bin/flowinspector-quick --version"
check "the class-data-sharing archive maps (-Xshare:on), GUI launcher" sh -c "JAVA_TOOL_OPTIONS=-Xshare:on timeout 60 /opt/flowinspector/bin/FlowInspector --version"

# --- 4. command line through the installed launcher -------------------------------------------------
WORK=$(mktemp -d /tmp/fitest.XXXXXX); chmod 755 "$WORK"
CAPTURE="$WORK/demo-capture.pcap"
cp "$CAPTURE_SRC" "$CAPTURE"; chmod 644 "$CAPTURE"
if timeout 120 /usr/bin/flowinspector decode "$CAPTURE" >"$OUT/decode.txt" 2>"$OUT/decode.err"; then
  pass "installed launcher runs 'decode' ($(grep -c . "$OUT/decode.txt") lines)"
else
  fail "installed launcher 'decode' (exit $?): $(head -3 "$OUT/decode.err")"
fi
# which launcher /usr/bin/flowinspector runs (docs/decisions/0033): the script's own trace of its exec
check "a small capture is decoded by bin/flowinspector-quick" sh -c "sh -x /usr/bin/flowinspector decode '$CAPTURE' 2>&1 >/dev/null | grep -q '^+ exec /opt/flowinspector/bin/flowinspector-quick decode '"
check "standard input is decoded by bin/flowinspector" sh -c "sh -x /usr/bin/flowinspector decode - <'$CAPTURE' 2>&1 >/dev/null | grep -q '^+ exec /opt/flowinspector/bin/flowinspector decode -'"
check "both launchers print the same decode" sh -c "timeout 120 /opt/flowinspector/bin/flowinspector decode '$CAPTURE' | cmp -s - '$OUT/decode.txt'"

# --- 5. capture rights -------------------------------------------------------------------------------
id "$TEST_USER" >/dev/null 2>&1 || useradd -m -s /bin/bash "$TEST_USER"
check "capture-setup enables (group pcap, user added)" /usr/sbin/flowinspector-capture-setup --user "$TEST_USER"
check "capture launcher has cap_net_raw,cap_net_admin" sh -c "getcap /opt/flowinspector/bin/flowinspector-capture | grep -q 'cap_net_admin,cap_net_raw=eip'"
check "capture launcher is root:pcap 0750" test "$(stat -c %U:%G:%a /opt/flowinspector/bin/flowinspector-capture)" = root:pcap:750
check "main launcher has no capabilities" test -z "$(getcap /opt/flowinspector/bin/FlowInspector)"
check "capability launcher starts for a pcap member" runuser -u "$TEST_USER" -g "$TEST_USER" -G pcap -- \
  timeout 120 /opt/flowinspector/bin/flowinspector-capture decode "$CAPTURE"
check "capture-setup --disable" /usr/sbin/flowinspector-capture-setup --disable
check "capabilities removed" test -z "$(getcap /opt/flowinspector/bin/flowinspector-capture)"

# --- 6. the GUI, as the desktop starts it -----------------------------------------------------------
cat >"$WORK/gui.sh" <<'GUI'
#!/usr/bin/env bash
# Runs inside xvfb-run as the unprivileged test user. $1 capture, $2 output directory.
capture=$1; out=$2; name=$(basename "$capture")
/usr/bin/flowinspector "$capture" >"$out/gui.log" 2>&1 &
app=$!
win=""
for _ in $(seq 1 90); do
  win=$(xdotool search --onlyvisible --name "FlowInspector" 2>/dev/null | head -1)
  [ -n "$win" ] && break
  kill -0 $app 2>/dev/null || break
  sleep 1
done
[ -n "$win" ] || { echo "NOWINDOW"; kill $app 2>/dev/null; exit 1; }
echo "WINDOW $(xdotool getwindowname "$win")"
# /usr/bin/flowinspector is the command-line launcher: it runs the GUI launcher as its child
echo "CHILD $(ps -o args= --ppid $app | head -1)"
titled=""
for _ in $(seq 1 60); do
  titled=$(xdotool search --onlyvisible --name "$name" 2>/dev/null | head -1)
  [ -n "$titled" ] && break
  sleep 1
done
[ -n "$titled" ] && echo "TITLE $(xdotool getwindowname "$titled")" || echo "NOTITLE"
sleep 5   # let the packet list fill and paint
import -window root "$out/screenshot.png" 2>>"$out/gui.log"
echo "COLOURS $(convert "$out/screenshot.png" -format %k info: 2>/dev/null)"
kill $app 2>/dev/null; wait $app 2>/dev/null
exit 0
GUI
chmod 755 "$WORK/gui.sh"
chown "$TEST_USER" "$OUT"
gui=$(runuser -u "$TEST_USER" -- env HOME="$(getent passwd "$TEST_USER" | cut -d: -f6)" \
  xvfb-run -a -s "-screen 0 1280x800x24" "$WORK/gui.sh" "$CAPTURE" "$OUT" 2>>"$OUT/xvfb.log")
echo "$gui" >"$OUT/gui-result.txt"
if grep -q '^WINDOW' <<<"$gui"; then pass "main window appears ($(grep '^WINDOW' <<<"$gui" | cut -c8-))"; else fail "no FlowInspector window (see $OUT/gui.log)"; fi
if grep -q '^CHILD /opt/flowinspector/bin/FlowInspector ' <<<"$gui"; then pass "GUI started from /usr/bin/flowinspector runs in bin/FlowInspector"; else fail "the GUI did not run in bin/FlowInspector ($(grep '^CHILD' <<<"$gui"))"; fi
if grep -q '^TITLE' <<<"$gui"; then pass "window title names the opened file"; else fail "window title does not name $(basename "$CAPTURE")"; fi
colours=$(grep '^COLOURS' <<<"$gui" | cut -d' ' -f2)
if [ -n "$colours" ] && [ "$colours" -gt 200 ]; then
  pass "window shows content ($colours colours in the screenshot)"
else
  fail "screenshot blank or missing (${colours:-no} colours)"
fi
check "GUI start without 'Unsupported JavaFX configuration'" sh -c "! grep -q 'Unsupported JavaFX' '$OUT/gui.log'"
if grep -qiE 'exception|error' "$OUT/gui.log"; then echo "note: the GUI log mentions errors: $(grep -iE 'exception|error' "$OUT/gui.log" | head -3)"; fi

# --- 7. removal ---------------------------------------------------------------------------------------
check "dpkg -r" dpkg -r flowinspector
check "nothing left under /opt/flowinspector" test ! -e /opt/flowinspector
check "PATH links removed" sh -c "test ! -e /usr/bin/flowinspector && test ! -L /usr/bin/flowinspector && test ! -L /usr/sbin/flowinspector-capture-setup"
check "desktop entries removed" sh -c "! ls /usr/share/applications/ | grep -qi flowinspector"
check "MIME definitions removed" test ! -e /usr/share/mime/packages/flowinspector.xml
check "icons removed" sh -c "! find /usr/share/icons -name 'flowinspector.*' | grep -q ."
check "dpkg -P" dpkg -P flowinspector
check "no state or cache left after purge" sh -c "test ! -e /var/lib/flowinspector && test ! -e /var/cache/flowinspector"
check "dpkg forgot the package" sh -c "! dpkg -s flowinspector >/dev/null 2>&1"
check "defaults.list and mimeapps.list as before" test "$(cat /usr/share/applications/defaults.list /usr/share/applications/mimeapps.list /etc/xdg/mimeapps.list 2>/dev/null | md5sum)" = "$defaults_before"

userdel -r "$TEST_USER" >/dev/null 2>&1 || true
rm -rf "$WORK"
if [ "$failures" -eq 0 ]; then echo "deb test: all checks passed"; else echo "deb test: $failures check(s) failed"; fi
[ "$failures" -eq 0 ]
