#!/usr/bin/env bash
# `itkal build` end to end as a whole process on generated archives of 120, 1,200 and 12,000
# weekly issues (bench/generate-archive.py: 8 entries each, 5.5 new events per issue, so 12,000
# issues hold 66,000 events). Per size: median wall time, CPU time (user + system) and peak RSS of
# RUNS runs, each into a new output folder with --today at the archive's start, so that every
# event is in every feed (the heaviest case: feeds/itkal.json's 11 feeds); the growth factor per
# tenfold size; a same-run floor (`cat` of every issue into `wc -l`: starting and reading the
# files). A second binary (an older build) is measured alternately in the same runs. The output
# folders are removed only after each size, then the script waits 6 s: ext4 searches longer for a
# free inode while many were deleted in the last seconds, and a build writes one file per issue
# (.state), so removing the previous run's output just before a run would measure the removal.
#   usage: bench/build-archive.sh [RUNS] [BINARY] [OTHER_BINARY]   (SIZES="120 1200 12000")
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
itkal=${2:-./build/itkal}
other=${3:-}
sizes=${SIZES:-120 1200 12000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# measure NAME COMMAND…: one run; appends "wall_ms cpu_ms peak_kb" to $work/NAME.
measure() {
  local name=$1 start end
  shift
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S %M" -o "$work/$name.time" "$@" > /dev/null 2>&1
  end=$(date +%s%N)
  read -r user system kb < "$work/$name.time"
  echo "$(((end - start) / 1000000)) $(awk -v u="$user" -v s="$system" 'BEGIN {print int((u + s) * 1000)}') $kb" \
    >> "$work/$name"
}
run=0
# build NAME BINARY INBOX: one measured build into a new folder $work/out-N.
build() {
  run=$((run + 1))
  measure "$1" "$2" build --quiet --no-fetch --today 1960-01-01 --inbox "$3" \
    --output "$work/out-$run" --config feeds/itkal.json
}
report() {  # report NAME LABEL [SUFFIX]: prints one line and sets $ms
  ms=$(cut -d' ' -f1 "$work/$1" | median)
  local cpu kb
  cpu=$(cut -d' ' -f2 "$work/$1" | median)
  kb=$(cut -d' ' -f3 "$work/$1" | median)
  awk -v l="$2" -v ms="$ms" -v cpu="$cpu" -v kb="$kb" -v s="${3:-}" \
    'BEGIN { printf "  %-28s %7d ms wall  %7d ms cpu  peak RSS %6.1f MB%s\n", l, ms, cpu, kb / 1024, s }'
}

echo "itkal build, whole process, medians of $runs runs; $(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
previous=""
for issues in $sizes; do
  python3 bench/generate-archive.py "$issues" "$work/inbox-$issues"
  rm -f "$work"/{itkal,other,floor}
  for ((r = 0; r < runs; r++)); do
    build itkal "$itkal" "$work/inbox-$issues"
    [ -n "$other" ] && build other "$other" "$work/inbox-$issues"
    measure floor sh -c "cat '$work/inbox-$issues'/* | wc -l"
  done
  out="$work/out-$run"  # the last run's output: the other binary's when there is one
  events=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['event_count'])" "$out/manifest.json")
  echo "$issues issues ($(cat "$work/inbox-$issues"/* | wc -c | awk '{printf "%.1f", $1 / 1048576}') MB), $events events, $(du -sm "$out" | cut -f1) MB written:"
  report itkal "itkal build"
  if [ -n "$previous" ]; then
    awk -v a="$ms" -v b="$previous" -v f="$((issues / previous_issues))" \
      'BEGIN {printf "  growth: x%.1f wall for x%d issues\n", a / (b > 0 ? b : 1), f}'
  fi
  previous=$ms
  previous_issues=$issues
  [ -n "$other" ] && report other "other binary"
  report floor "floor: cat issues | wc -l"
  rm -rf "$work"/out-*
  sleep 6
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
