#!/usr/bin/env bash
# Compares `itkal serve` with nginx serving the same build on loopback, measured with wrk.
#
# Builds a synthetic inbox of EVENTS events with `itkal build`, starts both servers in this one
# run and measures, for each: a full GET of calendar.ics, a conditional GET answered 304, a gzip
# GET, and a filtered feed (itkal: /calendar.ics?organizer=KDO rendered on demand and cached;
# nginx: the prebuilt organizers/kdo.ics, since nginx cannot filter). wrk uses 2 threads and 50
# connections for DURATION each, REPEAT times; the table shows medians. Also reports the resident
# memory of itkal serve (now and peak).
#
# usage: bench/serve-vs-nginx.sh [ITKAL_BINARY] [EVENTS]
#   env: DURATION (10s), REPEAT (3), CONNECTIONS (50), WRK_THREADS (2: wrk's own threads, also
#        read from THREADS), EVENT_LOOPS (2, as nginx's workers; itkal's render workers keep
#        their default, as the filtered case renders once and then answers from the cache),
#        CASES ("full conditional gzip filtered": any of them, in that order)
#   default binary: build-server/itkal, then build/itkal below the repository.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
itkal="${1:-}"
if [ -z "$itkal" ]; then
  for candidate in "$repo/build-server/itkal" "$repo/build/itkal"; do
    if [ -x "$candidate" ]; then itkal="$candidate"; break; fi
  done
fi
events="${2:-10000}"
duration="${DURATION:-10s}"
repeat="${REPEAT:-3}"
connections="${CONNECTIONS:-50}"
wrk_threads="${WRK_THREADS:-${THREADS:-2}}"
# The same number of event loops as nginx has workers (bench/nginx-bench.conf.in).
event_loops="${EVENT_LOOPS:-2}"

for tool in wrk nginx python3 curl gzip; do
  command -v "$tool" > /dev/null || { echo "serve-vs-nginx: '$tool' is missing" >&2; exit 1; }
done
[ -x "$itkal" ] || { echo "serve-vs-nginx: no itkal binary (give it as the first argument)" >&2; exit 1; }

work="$(mktemp -d /tmp/itkal-bench.XXXXXX)"
# nginx workers run as an unprivileged user when started as root: they must read the files.
chmod 755 "$work"
itkal_pid=""
nginx_pid=""
cleanup() {
  # Only the two servers this script started, by their pids.
  [ -n "$itkal_pid" ] && kill -TERM "$itkal_pid" 2> /dev/null && wait "$itkal_pid" 2> /dev/null || true
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2> /dev/null && wait "$nginx_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---- a build with $events events ----
mkdir -p "$work/inbox"
python3 - "$work/inbox/bench-rundbrief-2026-01-07.txt" "$events" << 'EOF'
import datetime, sys
path, count = sys.argv[1], int(sys.argv[2])
organizers = ["KDO", "AKDB", "Dataport", "ekom21", "Komm.ONE", "KDN", "KISA", "GovConnect", "hannIT",
              "regio iT", "citeq", "Lecos", "KRZ", "Südwestfalen-IT", "Citkomm", "civitec", "DATABUND",
              "govdigital", "BSI", "Bundesdruckerei"]
places = ["Berlin", "Hamburg", "München", "Köln", "Oldenburg", "Mainz", "Hannover", "Dresden"]
topics = ["KI in der Verwaltung", "Cloud-Souveränität", "OZG-Umsetzung", "Informationssicherheit",
          "E-Akte", "Digitale Bürgerdienste", "Registermodernisierung", "Open Data"]
lines = ["Bench-Rundbrief", "", "7. Januar 2026", "", "IT-Kalender", ""]
start = datetime.date(2026, 1, 8)
for n in range(count):
    day = start + datetime.timedelta(days=n % 350)
    hour = 8 + n % 9
    where = "online" if n % 5 == 0 else places[n % len(places)]
    who = organizers[n % len(organizers)]
    title = f"{topics[n % len(topics)]} – Veranstaltung {n + 1}"
    lines.append(f"{day.day}.{day.month}., {hour}.00-{hour + 1}.30, {where}: **{title}**, {who}")
    lines.append("")
open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
EOF
itkal_port="$(free_port)"
nginx_port="$(free_port)"
cat > "$work/itkal.json" << EOF
{"inbox": "$work/inbox", "output": "$work/public", "organizers": "$repo/feeds/organizers.json",
 "base_url": "http://127.0.0.1:$itkal_port",
 "server": {"bind_address": "127.0.0.1", "port": $itkal_port, "event_loops": $event_loops,
            "max_queued": 256, "reload_seconds": 2, "gzip": true}}
EOF
echo "building $events events ..." >&2
/usr/bin/time -f "itkal build: %e s, %M KB peak" "$itkal" build --config "$work/itkal.json" >&2

# nginx serves a copy with precompressed .gz files beside the feeds (gzip_static).
cp -r "$work/public" "$work/nginx-root"
find "$work/nginx-root" -name '*.ics' -exec gzip -9 -k {} +
mkdir -p "$work/nginx"
sed -e "s|@PREFIX@|$work/nginx|g" -e "s|@ROOT@|$work/nginx-root|g" -e "s|@PORT@|$nginx_port|g" \
  "$repo/bench/nginx-bench.conf.in" > "$work/nginx/nginx.conf"

# ---- both servers ----
"$itkal" serve --config "$work/itkal.json" --access-log "$work/itkal-access.log" \
  2> "$work/itkal-serve.log" &
itkal_pid=$!
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for url in "http://127.0.0.1:$itkal_port/healthz" "http://127.0.0.1:$nginx_port/calendar.ics"; do
  for _ in $(seq 100); do curl -sf -o /dev/null "$url" && break; sleep 0.1; done
  curl -sf -o /dev/null "$url" || { echo "serve-vs-nginx: $url does not answer" >&2; exit 1; }
done

etag_of() { curl -sI "$1" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }'; }
itkal_etag="$(etag_of "http://127.0.0.1:$itkal_port/calendar.ics")"
nginx_etag="$(etag_of "http://127.0.0.1:$nginx_port/calendar.ics")"
size="$(stat -c %s "$work/public/calendar.ics")"
echo "calendar.ics: $size bytes, $(grep -c '^BEGIN:VEVENT' "$work/public/calendar.ics") VEVENTs;" \
  "itkal on :$itkal_port ($event_loops event loops), nginx on :$nginx_port" >&2

# One wrk run: prints "requests_per_second p99_milliseconds".
measure() {
  local url="$1"
  shift
  wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "$@" "$url" | python3 -c '
import re, sys
text = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()
p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors: print("warning: %s non-2xx/3xx responses" % errors.group(1), file=sys.stderr)
print(rps, p99)'
}

median() { python3 -c 'import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

declare -A rps p99
run_case() {
  local name="$1" server="$2" url="$3"
  shift 3
  local rates=() tails=()
  for _ in $(seq "$repeat"); do
    read -r rate tail < <(measure "$url" "$@")
    rates+=("$rate")
    tails+=("$tail")
  done
  rps["$name/$server"]="$(median "${rates[@]}")"
  p99["$name/$server"]="$(median "${tails[@]}")"
  echo "  $name $server: rps ${rates[*]}; p99 ms ${tails[*]}" >&2
}

i="http://127.0.0.1:$itkal_port"
n="http://127.0.0.1:$nginx_port"
read -r -a cases <<< "${CASES:-full conditional gzip filtered}"
for name in "${cases[@]}"; do
  case "$name" in
    full)
      run_case full itkal "$i/calendar.ics"
      run_case full nginx "$n/calendar.ics" ;;
    conditional)
      run_case conditional itkal "$i/calendar.ics" -H "If-None-Match: $itkal_etag"
      run_case conditional nginx "$n/calendar.ics" -H "If-None-Match: $nginx_etag" ;;
    gzip)
      run_case gzip itkal "$i/calendar.ics" -H "Accept-Encoding: gzip"
      run_case gzip nginx "$n/calendar.ics" -H "Accept-Encoding: gzip" ;;
    filtered)
      run_case filtered itkal "$i/calendar.ics?organizer=KDO"
      run_case filtered nginx "$n/organizers/kdo.ics" ;;
  esac
done

rss_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
echo
echo "itkal serve vs nginx, $events events, calendar.ics $size bytes; wrk -t$wrk_threads" \
  "-c$connections -d$duration, median of $repeat"
printf '%-12s %14s %14s %8s %12s %12s\n' case "itkal req/s" "nginx req/s" ratio "itkal p99" "nginx p99"
for name in "${cases[@]}"; do
  a="${rps[$name/itkal]}"
  b="${rps[$name/nginx]}"
  printf '%-12s %14.0f %14.0f %8.2f %10.2fms %10.2fms\n' "$name" "$a" "$b" \
    "$(python3 -c "print($a / $b)")" "${p99[$name/itkal]}" "${p99[$name/nginx]}"
done
echo "itkal serve resident memory: $(($(rss_kb "$itkal_pid" VmRSS) / 1024)) MB now," \
  "$(($(rss_kb "$itkal_pid" VmHWM) / 1024)) MB peak"
