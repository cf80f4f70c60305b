#!/usr/bin/env bash
# Renders the FlowInspector icon from its SVG sources into every size and container the installers and
# the GUI use. Needs rsvg-convert (Debian: librsvg2-bin), ImageMagick's convert and png2icns (icnsutils).
#   icons/png/flowinspector-N.png   N = 16 24 32 48 64 128 256 512 1024
#   icons/flowinspector.ico         16..256 (Windows installer, shortcuts)
#   icons/flowinspector.icns        16..1024 (macOS bundle)
#   icons/flowinspector.png         256 px (Linux desktop entry / jpackage --icon)
#   src/main/resources/dev/flowinspector/icons/flowinspector-N.png  N = 16..256 (window icons)
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p png
for n in 16 24 32 48 64 128 256 512 1024; do
  src=flowinspector.svg
  [ "$n" -le 24 ] && src=flowinspector-small.svg   # hand-simplified shapes for the tiny sizes
  rsvg-convert -w "$n" -h "$n" "$src" -o "png/flowinspector-$n.png"
done
cp png/flowinspector-256.png flowinspector.png
convert png/flowinspector-{16,24,32,48,64,128,256}.png flowinspector.ico
png2icns flowinspector.icns png/flowinspector-{16,32,48,128,256,512,1024}.png >/dev/null
res=../src/main/resources/dev/flowinspector/icons
mkdir -p "$res"
for n in 16 24 32 48 64 128 256; do cp "png/flowinspector-$n.png" "$res/"; done
