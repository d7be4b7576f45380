#!/usr/bin/env bash
# Renders build/icon.svg to the PNGs electron-builder packs (build/icons/NxN.png, build/icon.png).
# Needs librsvg's rsvg-convert (Debian: apt-get install librsvg2-bin); the PNGs are committed, so
# packaging does not.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" --background-color none icon.svg -o "icons/${size}x${size}.png"
done
cp icons/1024x1024.png icon.png
echo "rendered build/icons/*.png and build/icon.png from build/icon.svg"
