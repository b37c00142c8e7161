#!/usr/bin/env bash
# `itkal build` end to end as a whole process on generated archives of 12, 120 and 1,200 monthly
# issues (about 20 entries each; every event is announced in three consecutive issues, some gain
# a time or are cancelled on the way, as real newsletters do). Median wall time of RUNS runs per
# size, each into a fresh output folder, and the growth factor per tenfold size.
#   usage: bench/build-archive.sh [RUNS] [BINARY]   (after scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
itkal=${2:-./build/itkal}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generate() {  # generate ISSUES FOLDER
  local issues=$1 folder=$2
  mkdir -p "$folder"
  python3 - "$issues" "$folder" <<'PY'
import datetime, sys
issues, folder = int(sys.argv[1]), sys.argv[2]
orgs = ["KDO", "AKDB", "Dataport", "ekom21", "VITAKO", "KDN", "regio iT", "Komm.ONE"]
places = ["Berlin", "Hannover", "Mainz", "Leipzig", "online"]
start = datetime.date(2020, 1, 10)
for n in range(issues):
    issue = start + datetime.timedelta(days=30 * n)
    lines = [issue.strftime("%d.%m.%Y").lstrip("0"), "", "IT-Kalender", ""]
    for k in range(20):
        # Event e is announced in issues e//7 .. e//7+2: each issue shows ~20 events.
        event = (n - k % 3) * 7 + k // 3
        if event < 0:
            continue
        day = start + datetime.timedelta(days=30 * (event // 7) + 35 + (event % 7) * 3)
        timed = (n - event // 7) >= 1 and event % 2 == 0
        cancelled = (n - event // 7) == 2 and event % 11 == 0
        head = f"{day.day}.{day.month}.{day.year}"
        if timed:
            head += ", 10.00-12.00"
        place = places[event % len(places)]
        head += f", {place}"
        line = f"{head}: **Fachtag {event} Digitale Verwaltung**, {orgs[event % len(orgs)]}"
        if cancelled:
            line += " – abgesagt"
        lines += [line, ""]
    lines += ["Impressum", ""]
    with open(f"{folder}/issue-{n:05d}.txt", "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "itkal build, whole process, median of $runs runs ($(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p'))"
previous=""
for issues in 12 120 1200; do
  generate "$issues" "$work/inbox-$issues"
  ms=$(for ((r = 0; r < runs; r++)); do
    rm -rf "$work/out"
    start=$(date +%s%N)
    "$itkal" build --quiet --inbox "$work/inbox-$issues" --output "$work/out" \
      --config feeds/itkal.json > /dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  done | median)
  events=$(python3 -c "import json;print(json.load(open('$work/out/manifest.json'))['event_count'])")
  growth=""
  [ -n "$previous" ] && growth=$(awk -v a="$ms" -v b="$previous" 'BEGIN {printf "  (x%.1f for 10x issues)", a / (b > 0 ? b : 1)}')
  echo "$issues issues, $events events: ${ms} ms$growth"
  previous=$ms
done
