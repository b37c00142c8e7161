#!/usr/bin/env bash
# The whole `itkal extract` process on generated issues of 10,000, 50,000 and 200,000 entries
# (bench/generate-issue.py: the seed's form, about 64 bytes per entry): median wall time and
# median peak RSS of RUNS runs, for --json and for the table, against same-run floors: `wc -l` on
# the issue (starting a process and reading the file) and `jq . > /dev/null` on the JSON produced
# (reading and writing that much JSON). With OTHER_ITKAL_BINARY (an older build), that binary is
# measured alternately in the same runs. Prints the load average, since the machine may be shared.
#   usage: bench/extract-process.sh [RUNS] [ITKAL_BINARY] [OTHER_ITKAL_BINARY]
#          (SIZES="10000 50000" for other sizes; after scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
itkal=${2:-${ITKAL_BINARY:-./build/itkal}}
other=${3:-}
sizes=${SIZES:-10000 50000 200000}
[ -x "$itkal" ] || { echo "extract-process: no itkal binary at '$itkal'" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# measure NAME COMMAND…: one run, stdout to /dev/null; appends "milliseconds kilobytes" to
# $work/NAME (bench/measure-process.py: wall time of the process alone and its peak RSS, from
# wait4(); bracketing it with `date` and /usr/bin/time added about 11 ms of their own).
measure() {
  local name=$1
  shift
  python3 bench/measure-process.py "$work/$name.run" "$@"
  read -r ms _ kb < <(tail -n 1 "$work/$name.run")
  echo "$ms $kb" >> "$work/$name"
}
report() {  # report NAME LABEL ENTRIES BYTES
  local ms kb
  ms=$(cut -d' ' -f1 "$work/$1" | median)
  kb=$(cut -d' ' -f2 "$work/$1" | median)
  awk -v l="$2" -v ms="$ms" -v kb="$kb" -v n="$3" -v bytes="$4" 'BEGIN {
    rate = ms > 0 ? n / (ms / 1000) : 0
    printf "  %-34s %6.1f ms %9.0f entries/s   peak RSS %6.1f MB (goal <= %.1f MB)\n",
      l, ms, rate, kb / 1024, (2 * bytes + 30 * 1048576) / 1048576 }'
}

echo "itkal extract, whole process, medians of $runs runs; $(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for entries in $sizes; do
  issue="$work/issue-$entries.txt"
  python3 bench/generate-issue.py "$entries" > "$issue"
  bytes=$(stat -c %s "$issue")
  # One checked run first: the timed runs must extract every entry, not fail fast.
  "$itkal" extract --json "$issue" > "$work/issue.json" || {
    echo "extract-process: itkal extract failed on the generated issue" >&2; exit 1; }
  found=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["entries"]))' \
    "$work/issue.json")
  [ "$found" -eq "$entries" ] || {
    echo "extract-process: $found of $entries entries extracted" >&2; exit 1; }
  rm -f "$work"/{json,table,wc,jq,other-json,other-table}
  for ((r = 0; r < runs; r++)); do
    measure json "$itkal" extract --json "$issue"
    measure table "$itkal" extract "$issue"
    if [ -n "$other" ]; then
      measure other-json "$other" extract --json "$issue"
      measure other-table "$other" extract "$issue"
    fi
    measure wc wc -l "$issue"
    command -v jq > /dev/null && measure jq jq . "$work/issue.json"
  done
  echo "issue of $entries entries ($found extracted), $bytes bytes; JSON $(stat -c %s "$work/issue.json") bytes"
  report json "itkal extract --json" "$entries" "$bytes"
  report table "itkal extract (table)" "$entries" "$bytes"
  if [ -n "$other" ]; then
    report other-json "other binary: extract --json" "$entries" "$bytes"
    report other-table "other binary: extract (table)" "$entries" "$bytes"
  fi
  report wc "floor: wc -l on the issue" "$entries" "$bytes"
  [ -f "$work/jq" ] && report jq "floor: jq . > /dev/null on the JSON" "$entries" "$bytes"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
