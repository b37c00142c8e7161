#!/usr/bin/env bash
# Compares every file `itkal build` writes (feeds, events.json, review, manifest, the .state
# readings) of two binaries with diff -r, on: the bundled example (feeds/itkal.json), the test
# issues (text, HTML, e-mail), and generated archives of weekly issues (bench/generate-archive.py)
# with --today at their start (every event in every feed) and later (the feed window leaves most
# out). Each build starts from an empty output folder; a second build over the first one's output
# is compared too (the previous events.json counts new and changed events).
#   usage: scripts/build-diff.sh OLD_ITKAL NEW_ITKAL [ISSUES (default 1200)]
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1
new=$2
issues=${3:-1200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/generate-archive.py "$issues" "$work/archive"
mkdir -p "$work/issues"
cp tests/data/issues/kommunal-it-kalender-* "$work/issues/"
differences=0
compare() {  # compare NAME BUILD-OPTIONS…
  local name=$1
  shift
  for binary in old new; do
    local out="$work/$name-$binary"
    rm -rf "$out"
    # Twice: the second build reads the first one's events.json and review.json.
    for pass in 1 2; do
      "${!binary}" build --quiet --no-fetch --config feeds/itkal.json --output "$out" "$@" \
        > "$work/$name-$binary.stdout" 2> "$work/$name-$binary.stderr" || echo "exit $?" >> "$work/$name-$binary.stderr"
    done
  done
  if diff -r "$work/$name-old" "$work/$name-new" > /dev/null &&
    diff "$work/$name-old.stderr" "$work/$name-new.stderr" > /dev/null; then
    echo "same:      $name ($(find "$work/$name-new" -type f | wc -l) files)"
  else
    echo "DIFFERENT: $name"
    diff -r "$work/$name-old" "$work/$name-new" | head -5 || true
    diff "$work/$name-old.stderr" "$work/$name-new.stderr" | head -5 || true
    differences=$((differences + 1))
  fi
}
compare example --today 2026-12-06
compare example-earlier --today 2026-04-20
compare test-issues --inbox "$work/issues" --today 2026-05-20
compare archive-all --inbox "$work/archive" --today 1960-01-01
compare archive-window --inbox "$work/archive" --today 1975-06-01
compare archive-today --inbox "$work/archive" --today 2026-12-06
echo "$differences differences"
[ "$differences" -eq 0 ]
