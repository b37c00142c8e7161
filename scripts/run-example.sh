#!/usr/bin/env bash
# Quick start 1: installs what is missing, builds, and runs the main job on the bundled example:
# shows what was read from the example issue, builds every feed into feeds/public/, and serves
# them on http://127.0.0.1:8080/ (Ctrl-C stops the server; ITKAL_NO_SERVE=1 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
for issue in feeds/inbox/*; do
  ./build/itkal extract "$issue"
done
./build/itkal build --config feeds/itkal.json
ls -R feeds/public | head -40
if [ -z "${ITKAL_NO_SERVE:-}" ] && ./build/itkal serve --help >/dev/null 2>&1; then
  echo "serving feeds/public on http://127.0.0.1:8080/ (Ctrl-C to stop)"
  exec ./build/itkal serve --config feeds/itkal.json
fi
