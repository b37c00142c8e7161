#!/usr/bin/env bash
# `itkal serve` over a large build: builds EVENTS events (default 100,000) from a generated archive
# of weekly issues (bench/generate-archive.py with 16 entries, 11 new events per issue, so that
# 100,000 events fit in the years itkal accepts; --today at the archive's start, so every event
# is in every feed), starts `itkal serve` on a free port and reports
#  - start-up: from starting the process to the first 200 of /calendar.ics (polled every 10 ms),
#  - resident memory (VmRSS now, VmHWM peak, from /proc) after the start-up, after one full GET of
#    calendar.ics, one with gzip, and one filtered feed rendered on request (?organizer=KDO).
# A second binary is measured the same way afterwards, against the same build.
#   usage: bench/serve-archive.sh [BINARY] [EVENTS] [OTHER_BINARY]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
itkal="${1:-$repo/build/itkal}"
events="${2:-100000}"
other="${3:-}"
for tool in curl python3; do
  command -v "$tool" > /dev/null || { echo "serve-archive: '$tool' is missing" >&2; exit 1; }
done
work="$(mktemp -d /tmp/itkal-serve-archive.XXXXXX)"
server_pid=""
cleanup() {
  # Only the server this script started, by its pid.
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

issues=$(((events + 10) / 11))  # 11 new events per issue
python3 "$repo/bench/generate-archive.py" "$issues" "$work/inbox" 16
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat > "$work/itkal.json" << JSON
{"inbox": "$work/inbox", "output": "$work/public", "organizers": "$repo/feeds/organizers.json",
 "calendar_name": "VITAKO IT-Kalender",
 "named_feeds": [
   {"slug": "online", "filter": "online=1"},
   {"slug": "nrw", "filter": "organizer=KDN&organizer=regio iT&organizer=citeq&organizer=Südwestfalen-IT&organizer=KRZ"}],
 "server": {"bind_address": "127.0.0.1", "port": $port, "reload_seconds": 2, "gzip": true}}
JSON
/usr/bin/time -f "%e %M" -o "$work/build.time" \
  "$itkal" build --quiet --no-fetch --today 1960-01-01 --config "$work/itkal.json" > /dev/null 2>&1
read -r build_s build_kb < "$work/build.time"
made=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['event_count'])" "$work/public/manifest.json")
echo "$issues issues, $made events; calendar.ics $(($(stat -c %s "$work/public/calendar.ics") / 1048576)) MB," \
  "events.json $(($(stat -c %s "$work/public/events.json") / 1048576)) MB, everything $(du -sm "$work/public" | cut -f1) MB" \
  "(itkal build: ${build_s} s, peak RSS $((build_kb / 1024)) MB); load average $(cut -d' ' -f1-3 /proc/loadavg)"

memory() {  # memory PID: "VmRSS MB / VmHWM MB"
  awk '$1 == "VmRSS:" { r = $2 } $1 == "VmHWM:" { h = $2 } END { printf "%.1f / %.1f MB", r / 1024, h / 1024 }' "/proc/$1/status"
}
url="http://127.0.0.1:$port"
measure() {  # measure BINARY
  local start ready
  start=$(date +%s%N)
  "$1" serve --config "$work/itkal.json" --access-log "$work/access.log" 2> "$work/serve.log" &
  server_pid=$!
  for _ in $(seq 6000); do
    curl -sf -o /dev/null "$url/calendar.ics" && break
    kill -0 "$server_pid" 2> /dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.01
  done
  ready=$(date +%s%N)
  echo "$1:"
  echo "  start-up to the first 200 of /calendar.ics: $(((ready - start) / 1000000)) ms"
  echo "  VmRSS / VmHWM after start-up:          $(memory "$server_pid")"
  curl -sf -o /dev/null "$url/calendar.ics"
  echo "  after a full GET of calendar.ics:      $(memory "$server_pid")"
  curl -sf -o /dev/null -H "Accept-Encoding: gzip" "$url/calendar.ics"
  echo "  after a gzip GET of calendar.ics:      $(memory "$server_pid")"
  local bytes
  bytes=$(curl -sf "$url/calendar.ics?organizer=KDO" | wc -c)
  echo "  after ?organizer=KDO ($((bytes / 1048576)) MB rendered): $(memory "$server_pid")"
  kill -TERM "$server_pid"
  wait "$server_pid" 2> /dev/null || true
  server_pid=""
}
measure "$itkal"
[ -n "$other" ] && measure "$other"
exit 0
