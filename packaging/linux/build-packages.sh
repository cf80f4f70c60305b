#!/usr/bin/env bash
# Builds the Linux packages from jpackage's app-image (called by `mvn -Ppackage package`):
#   build-packages.sh VERSION APP_IMAGE_DIR OUT_DIR
# 1. stages the installed tree: /opt/flowinspector (the app-image, the capture-setup script, a
#    list of classes for the class-data-sharing archive that installing makes), /usr/bin/flowinspector (a script choosing between two
#    command-line launchers) and /usr/sbin/flowinspector-capture-setup (a symbolic link), the desktop entry, one MIME definition file, icons, /usr/share/doc/flowinspector;
# 2. flowinspector_VERSION-1_ARCH.deb with dpkg-deb (files owned by root, dependencies from
#    dpkg-shlibdeps plus what the app loads at run time);
# 3. flowinspector-VERSION-1.ARCH.rpm with rpmbuild, when rpmbuild is on the PATH.
# Every file the packages install is a file of the package (dpkg -S, rpm -qf find it); the desktop, MIME
# and icon caches are refreshed by the triggers of the packages that own them. Why not jpackage's own
# --type deb/rpm: docs/decisions/0006-release-packaging.md.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 VERSION APP_IMAGE_DIR OUT_DIR" >&2; exit 2; }
VERSION=$1
IMAGE=$(cd "$2" && pwd)
OUT=$3
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
WORK=$(dirname "$OUT")/linux-packages
REVISION=1
NAME=flowinspector
APPDIR=/opt/flowinspector
DEB_ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
# reproducible dates: the last commit's, else now
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH

rm -rf "$WORK"; mkdir -p "$WORK"
T=$WORK/tree
log() { echo "build-packages: $*"; }

# --- 1. the installed tree ----------------------------------------------------------------------------
mkdir -p "$T/opt"
cp -a "$IMAGE" "$T$APPDIR"
install -m 0755 "$HERE/flowinspector-capture-setup" "$T$APPDIR/bin/flowinspector-capture-setup"
install -m 0755 "$HERE/flowinspector-cds" "$T$APPDIR/lib/flowinspector-cds"
# Native code without symbol tables, as Debian ships its own JDK (the Java classes were stripped by jlink)
if command -v strip >/dev/null 2>&1; then
  find "$T" -type f \( -name '*.so' -o -perm /111 \) -exec sh -c 'head -c4 "$1" | grep -q ELF' _ {} \; -print0 \
    | xargs -0 -r strip --strip-unneeded --remove-section=.comment --remove-section=.note
fi
# One timestamp for every file (dpkg-deb clamps every mtime to SOURCE_DATE_EPOCH anyway).
find "$T" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

# Class-data sharing (AppCDS): the classes a CLI run and a GUI start load, recorded here; installing dumps
# them into /var/cache/flowinspector/flowinspector.jsa (flowinspector-cds), which the launcher maps.
# JDK 17 accepts an archive only with the class path it was made with, so it cannot be made here.
JAVA="$T$APPDIR/lib/runtime/bin/java"
CFG="$T$APPDIR/lib/app/FlowInspector.cfg"
CP=$(sed -n 's/^app\.classpath=//p' "$CFG" | sed "s#\$APPDIR#$T$APPDIR/lib/app#g" | paste -sd: -)
OPTS=()
while IFS= read -r o; do
  case "$o" in -XX:SharedArchiveFile=*) ;; *) OPTS+=("$o") ;; esac
done < <(sed -n 's/^java-options=//p' "$CFG")
DEMO="$ROOT/src/main/resources/dev/flowinspector/demo/demo.pcap"
CDS_HOME=$(mktemp -d)
train() { # $1 class list file, then the arguments
  local list=$1; shift
  env HOME="$CDS_HOME" "$JAVA" "${OPTS[@]}" -Xshare:off -XX:DumpLoadedClassList="$list" -cp "$CP" \
    dev.flowinspector.Launcher "$@" >/dev/null 2>>"$WORK/cds.log"
}
train "$WORK/cli.classlist" decode "$DEMO"
train "$WORK/fields.classlist" decode -F fields -e frame "$DEMO"
# --help builds every subcommand with picocli (decode's common arguments skip it: docs/decisions/0040)
train "$WORK/help.classlist" --help
lists=("$WORK/cli.classlist" "$WORK/fields.classlist" "$WORK/help.classlist")
if command -v xvfb-run >/dev/null 2>&1; then
  if env HOME="$CDS_HOME" timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" "$JAVA" "${OPTS[@]}" -Xshare:off \
      -XX:DumpLoadedClassList="$WORK/gui.classlist" -Dflowinspector.exitAfterMs=3000 -cp "$CP" \
      dev.flowinspector.Launcher "$DEMO" >/dev/null 2>>"$WORK/cds.log"; then
    lists+=("$WORK/gui.classlist")
  else
    log "GUI training run failed (see $WORK/cds.log): the archive covers the command line only"
  fi
else
  log "no xvfb-run: the class-data-sharing archive covers the command line only"
fi
cat "${lists[@]}" | awk '!seen[$0]++' >"$T$APPDIR/lib/app/flowinspector.classlist"
touch -d "@$SOURCE_DATE_EPOCH" "$T$APPDIR/lib/app/flowinspector.classlist"
rm -rf "$CDS_HOME"
# the list must make an archive: try it here, with this tree's class path
"$JAVA" "${OPTS[@]}" -Xshare:dump -XX:SharedClassListFile="$T$APPDIR/lib/app/flowinspector.classlist" \
  -XX:SharedArchiveFile="$WORK/check.jsa" -cp "$CP" >>"$WORK/cds.log" 2>&1 \
  || { tail -5 "$WORK/cds.log"; echo "build-packages: the class list does not make an archive" >&2; exit 1; }
log "CDS class list: $(grep -vc '^#\|^@' "$T$APPDIR/lib/app/flowinspector.classlist") classes (archive $(du -k "$WORK/check.jsa" | cut -f1) KiB when installed)"
rm -f "$WORK/check.jsa"

mkdir -p "$T/usr/bin" "$T/usr/sbin"
# the command line: a script that runs bin/flowinspector-quick (small inputs) or bin/flowinspector, launchers with
# JVM options for it (docs/decisions/0033); a GUI start from it runs bin/FlowInspector
install -m 0755 "$HERE/flowinspector-command" "$T/usr/bin/flowinspector"
ln -s "$APPDIR/bin/flowinspector-capture-setup" "$T/usr/sbin/flowinspector-capture-setup"
install -D -m 0644 "$HERE/flowinspector.desktop" "$T/usr/share/applications/flowinspector.desktop"
install -D -m 0644 "$HERE/flowinspector.xml" "$T/usr/share/mime/packages/flowinspector.xml"
for png in "$ROOT"/icons/png/flowinspector-*.png; do
  size=$(basename "$png" .png); size=${size#flowinspector-}
  [ "$size" -le 512 ] || continue   # the hicolor theme's largest fixed size
  install -D -m 0644 "$png" "$T/usr/share/icons/hicolor/${size}x${size}/apps/flowinspector.png"
done
install -D -m 0644 "$ROOT/icons/flowinspector.svg" "$T/usr/share/icons/hicolor/scalable/apps/flowinspector.svg"
DOC=$T/usr/share/doc/$NAME
install -D -m 0644 "$HERE/copyright" "$DOC/copyright"
install -m 0644 "$ROOT/docs/capture-permissions.md" "$DOC/capture-permissions.md"
{
  echo "$NAME ($VERSION-$REVISION) unstable; urgency=medium"
  echo
  echo "  * FlowInspector $VERSION, built from the project's sources."
  echo
  echo " -- FlowInspector project <maintainers@flowinspector.dev>  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$DOC/changelog.Debian.gz"
chmod 0644 "$DOC/changelog.Debian.gz"

# permissions: directories 0755, files 0644 unless executable (0755); timestamps kept (the CDS archive
# records the jars' modification times)
find "$T" -type d -exec chmod 0755 {} +
find "$T" -type f -perm /111 -exec chmod 0755 {} +
find "$T" -type f ! -perm /111 -exec chmod 0644 {} +
find "$T" -type f -name '*.so' -exec chmod 0644 {} +

# --- 2. .deb -------------------------------------------------------------------------------------------
if command -v dpkg-deb >/dev/null 2>&1; then
  D=$WORK/deb
  cp -a "$T" "$D"
  mkdir -p "$D/DEBIAN"
  shlibs=""
  if command -v dpkg-shlibdeps >/dev/null 2>&1; then
    mkdir -p "$WORK/shlibs/debian"
    printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$NAME" "$NAME" >"$WORK/shlibs/debian/control"
    mapfile -t elf < <(find "$D/opt" -type f \( -name '*.so' -o -perm /111 \) -exec sh -c \
      'head -c4 "$1" | grep -q "ELF" && echo "$1"' _ {} \;)
    privdirs=$(find "$D/opt" -name '*.so' -printf '%h\n' | sort -u | sed 's/^/-l/' | paste -sd' ' -)
    # shellcheck disable=SC2086
    shlibs=$(cd "$WORK/shlibs" && dpkg-shlibdeps -O --ignore-missing-info $privdirs "${elf[@]}" 2>>"$WORK/shlibdeps.log" \
      | sed -n 's/^shlibs:Depends=//p')
  else
    log "dpkg-shlibdeps not found (apt-get install dpkg-dev): Depends lists the run-time libraries only"
  fi
  # Loaded at run time, not linked: GTK 3 for JavaFX's window system (its libraries unpack from the jar),
  # libpcap for live capture. setcap (libcap2-bin) is needed only by flowinspector-capture-setup.
  depends="${shlibs:+$shlibs, }libgtk-3-0, libpcap0.8"
  cat >"$D/DEBIAN/control" <<CONTROL
Package: $NAME
Version: $VERSION-$REVISION
Architecture: $DEB_ARCH
Maintainer: FlowInspector project <maintainers@flowinspector.dev>
Installed-Size: $(du -sk --exclude=DEBIAN "$D" | cut -f1)
Depends: $depends
Recommends: libcap2-bin
Section: net
Priority: optional
Description: inspector for NetFlow and IPFIX export packets
 FlowInspector decodes NetFlow v1, v5, v7, v8, v9 and IPFIX from pcap, pcapng
 and IPFIX files, pasted hex, UDP listeners and live capture. It shows every
 packet as a tree of header, sets, templates, records and fields with their
 bytes, the template cache at that packet and every problem found. The same
 program is a command-line tool (flowinspector decode, templates, exporters,
 collect, analyze, generate).
 .
 This package bundles its Java runtime and libraries under /opt/flowinspector.
CONTROL
  for s in postinst prerm postrm; do install -m 0755 "$HERE/$s" "$D/DEBIAN/$s"; done
  DEB="$OUT/${NAME}_${VERSION}-${REVISION}_${DEB_ARCH}.deb"
  dpkg-deb --root-owner-group -Zxz -z6 --threads-max=2 --build "$D" "$DEB" >/dev/null
  log "$(basename "$DEB"): $(du -k "$DEB" | cut -f1) KiB; Depends: $depends"
else
  log "dpkg-deb not found: no .deb"
fi

# --- 3. .rpm -------------------------------------------------------------------------------------------
if command -v rpmbuild >/dev/null 2>&1; then
  R=$WORK/rpm
  mkdir -p "$R"/{BUILD,RPMS,SPECS,SRPMS,SOURCES}
  # the libraries of the bundled runtime are ours: neither provided to nor required from the system
  private=$(find "$T/opt" -name '*.so' -printf '%f\n' | sed 's/\.so$//; s/[.+]/\\&/g' | sort -u | paste -sd'|' -)
  sed -e "s/@VERSION@/$VERSION/g" -e "s/@RELEASE@/$REVISION/g" -e "s/@PRIVATE_LIBS@/$private/g" \
    "$HERE/flowinspector.spec" >"$R/SPECS/flowinspector.spec"
  rpmbuild -bb --quiet \
    --define "_topdir $R" \
    --define "_flowinspector_tree $T" \
    --define "_flowinspector_scripts $HERE" \
    --define "_build_id_links none" \
    --define "_binary_payload w9T.zstdio" \
    "$R/SPECS/flowinspector.spec" >"$WORK/rpmbuild.log" 2>&1 || { tail -30 "$WORK/rpmbuild.log"; exit 1; }
  RPM=$(find "$R/RPMS" -name '*.rpm' | head -1)
  cp "$RPM" "$OUT/"
  log "$(basename "$RPM"): $(du -k "$RPM" | cut -f1) KiB"
else
  log "rpmbuild not found: no .rpm"
fi
