#!/usr/bin/env bash
# The whole `itkal extract --json` process on a generated 10,000-entry issue: median wall time of
# RUNS runs, against `wc -l` on the same file as a floor (process start and reading the file).
#   usage: bench/extract-process.sh [ENTRIES] [RUNS] [ITKAL_BINARY]   (after scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-10000}
runs=${2:-9}
itkal=${3:-${ITKAL_BINARY:-./build/itkal}}
[ -x "$itkal" ] || { echo "extract-process: no itkal binary at '$itkal'" >&2; exit 1; }
issue=$(mktemp --suffix=.txt)
trap 'rm -f "$issue"' EXIT
# Weekday of a day in 2026 (1 January was a Thursday), so that "Di., 3.2.2026" is never wrong.
month_start=(0 31 59 90 120 151 181 212 243 273 304 334)
weekdays=(Mo Di Mi Do Fr Sa So)
{
  printf '15. April 2026\n\nIT-Kalender\n\n'
  for ((i = 0; i < entries; i++)); do
    d=$((i % 28 + 1)); m=$((i % 12 + 1))
    w=${weekdays[$(((3 + ${month_start[m - 1]} + d - 1) % 7))]}
    case $((i % 4)) in
      0) printf '%d.%d., 10.00-11.30, Berlin: **Fachtag %d**, KDO\n\n' "$d" "$m" "$i" ;;
      1) printf '%d.-%d.%d.: **Kongress %d**, AKDB\n\n' "$d" "$((d + 1))" "$m" "$i" ;;
      2) printf '%s., %d.%d.2026, 18:00 Uhr | Rathaus | Ratssitzung %d\n\n' "$w" "$d" "$m" "$i" ;;
      3) printf '%d.%d., online: **Webinar %d**, ekom21 – abgesagt\n\n' "$d" "$m" "$i" ;;
    esac
  done
  printf 'Impressum\n'
} > "$issue"
# One checked run first: the timed runs must extract every entry, not fail fast.
found=$("$itkal" extract --json "$issue" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["entries"]))') || {
  echo "extract-process: itkal extract failed on the generated issue" >&2; exit 1; }
[ "$found" -eq "$entries" ] || {
  echo "extract-process: $found of $entries entries extracted" >&2; exit 1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  local start end
  start=$(date +%s%N); "$@" > /dev/null; end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
itkal_ms=$(for ((r = 0; r < runs; r++)); do time_ms "$itkal" extract --json "$issue"; done | median)
floor_ms=$(for ((r = 0; r < runs; r++)); do time_ms wc -l "$issue"; done | median)
echo "issue: $entries entries ($found extracted), $(stat -c %s "$issue") bytes; medians of $runs runs"
echo "itkal extract --json: ${itkal_ms} ms"
echo "wc -l (floor):        ${floor_ms} ms"
