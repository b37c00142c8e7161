#!/usr/bin/env bash
# Quick start 1: installs what is missing, builds, and runs the main job on the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
for issue in feeds/inbox/*; do
  ./build/itkal extract "$issue"
done
