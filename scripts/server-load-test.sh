#!/usr/bin/env bash
# Load and abuse test of `itkal serve`, bounded in time and count, on loopback only.
#
# Builds a synthetic inbox of EVENTS events, serves it on 127.0.0.1 and, all at once for
# DURATION seconds:
#   - wrk with CONNECTIONS (1,000) concurrent keep-alive connections over a mix of valid URLs
#     (conditional and full feeds, an organizer feed, filtered feeds, the index page, /healthz);
#     every answer must be 200 or 304;
#   - `itkal build` every second on an inbox that changes every second;
#   - a checker that fetches the feeds again and again and checks every body against its ETag
#     (SHA-1 of the bytes; of the uncompressed bytes for gzip) and Content-Length, so that no
#     response mixes two builds;
#   - SLOW_CLIENTS clients that send their request one byte per second for SLOW_SECONDS, then
#     the rest; each must still get its 200 (SLOW_SECONDS must stay under the server's 10 s
#     deadline for a whole request head);
#   - one client that trickles a head that never ends, a byte a second: the server must drop it
#     within that 10 s head deadline (plus a second of slack), however steadily it sends;
#   - hostile requests: oversized request lines and headers, malformed requests and path
#     traversal in many encodings; none may get a 5xx or anything outside the served build;
#   - VmRSS/VmHWM of the server sampled every half second; VmRSS must stay under MEMORY_MB.
# Then SIGTERM: the server must stop within 20 seconds with exit status 0.
# Prints the figures and exits 1 when any check failed.
#
# usage: scripts/server-load-test.sh [ITKAL_BINARY]
#   env: EVENTS (1000), DURATION (20), CONNECTIONS (1000), SLOW_CLIENTS (4), SLOW_SECONDS (8),
#        EVENT_LOOPS (0: one per core; server.event_loops), RENDER_THREADS (4: server.max_threads,
#        the workers that render filtered feeds and the index page after each build),
#        MEMORY_MB (100), KEEP (set: keep the work folder)
#   default binary: build/itkal below the repository.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
itkal="${1:-$repo/build/itkal}"
events="${EVENTS:-1000}"
duration="${DURATION:-20}"
connections="${CONNECTIONS:-1000}"
slow_clients="${SLOW_CLIENTS:-4}"
slow_seconds="${SLOW_SECONDS:-8}"
event_loops="${EVENT_LOOPS:-0}"
render_threads="${RENDER_THREADS:-4}"
# The server's deadline for a whole request head (io_timeout, not configurable).
head_deadline=10
# wrk counts every keep-alive connection that the server closes for idleness as a read error,
# because it never retries (RFC 9112 9.3.1 lets a client retry a request that met a closing
# connection, and real clients do). On a loaded machine wrk can leave a connection unserviced
# for more than the default 5 s, so the idle timeout is set beyond the run: every connection
# here is busy, and idle closing is tested on its own (http_event_loop_test).
keep_alive=$((duration + 60))
memory_mb="${MEMORY_MB:-100}"

for tool in wrk python3 curl; do
  command -v "$tool" > /dev/null || { echo "server-load-test: '$tool' is missing" >&2; exit 77; }
done
[ -x "$itkal" ] || { echo "server-load-test: no itkal binary at '$itkal'" >&2; exit 1; }
if [ "$slow_seconds" -ge "$head_deadline" ]; then
  echo "server-load-test: SLOW_SECONDS must be under the $head_deadline s head deadline" >&2
  exit 1
fi

# wrk, the server and the clients each need a descriptor per connection.
needed=$((connections * 2 + 512))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed" ]; then
  ulimit -n "$needed" 2> /dev/null || ulimit -n "$(ulimit -Hn)"
fi
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((connections + 256)) ]; then
  echo "server-load-test: cannot raise 'ulimit -n' to $needed (hard limit $(ulimit -Hn))" >&2
  exit 1
fi

work="$(mktemp -d /tmp/itkal-load.XXXXXX)"
serve_pid=""
background=()
cleanup() {
  # Only the processes this script started, by their pids.
  for pid in "${background[@]}"; do kill "$pid" 2> /dev/null || true; done
  if [ -n "$serve_pid" ]; then kill -KILL "$serve_pid" 2> /dev/null || true; fi
  wait 2> /dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "server-load-test: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"

# ---- a build ----
mkdir -p "$work/inbox"
python3 - "$work/inbox/load-rundbrief-2026-01-07.txt" "$events" << 'EOF'
import datetime, sys
path, count = sys.argv[1], int(sys.argv[2])
organizers = ["KDO", "AKDB", "Dataport", "ekom21", "Komm.ONE", "KDN", "KISA", "regio iT"]
places = ["Berlin", "Hamburg", "München", "Köln", "Oldenburg", "Mainz"]
lines = ["Last-Rundbrief", "", "7. Januar 2026", "", "IT-Kalender", ""]
start = datetime.date(2026, 1, 8)
for n in range(count):
    day = start + datetime.timedelta(days=n % 350)
    hour = 8 + n % 9
    where = "online" if n % 5 == 0 else places[n % len(places)]
    lines.append(f"{day.day}.{day.month}., {hour}.00-{hour + 1}.30, {where}: "
                 f"**Lastprobe {n + 1}**, {organizers[n % len(organizers)]}")
    lines.append("")
open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
EOF
# Something that must never be served: beside the output folder and inside it, outside the build.
echo "SECRET-MARKER-0815 beside the output" > "$work/secret.ics"
cat > "$work/itkal.json" << EOF
{"inbox": "$work/inbox", "output": "$work/public", "organizers": "$repo/feeds/organizers.json",
 "base_url": "$base",
 "server": {"bind_address": "127.0.0.1", "port": $port, "event_loops": $event_loops,
            "max_threads": $render_threads, "max_connections": $((connections + 256)),
            "max_queued": $((connections + 256)), "reload_seconds": 1, "keep_alive_seconds": $keep_alive, "gzip": true}}
EOF
"$itkal" build --quiet --config "$work/itkal.json"
echo "SECRET-MARKER-0815 inside the output" > "$work/public/secret.ics"

# ---- the clients ----
cat > "$work/clients.py" << 'EOF'
"""Clients of scripts/server-load-test.sh: slow, hostile and checking. Loopback only."""
import gzip, hashlib, http.client, json, socket, sys, threading, time

HOST = "127.0.0.1"
SECRET = b"SECRET-MARKER-0815"


def exchange(port, data, timeout=20.0, shut=True):
    """Sends raw bytes, returns (status or None when closed without an answer, raw answer)."""
    with socket.create_connection((HOST, port), timeout=timeout) as s:
        try:
            s.sendall(data)
            if shut:
                s.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may close before it has read everything: allowed
        answer = b""
        try:
            while len(answer) < 64 << 20:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
        except (ConnectionResetError, socket.timeout):
            pass
    if not answer.startswith(b"HTTP/1."):
        return None, answer
    return int(answer.split(b" ", 2)[1]), answer


def hostile(port):
    """Oversized, malformed and traversing requests: never 5xx, never outside the build."""
    rq = lambda target, extra=b"": (b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                    extra + b"Connection: close\r\n\r\n")
    cases = []  # (name, bytes, allowed statuses; None in them: closed without answer)
    reject = {400, 404, 405, 413, 414, 431, None}
    for target in [
            b"/../manifest.json", b"/../../../../etc/passwd", b"/%2e%2e/%2e%2e/etc/passwd",
            b"/%2E%2E/secret.ics", b"/%252e%252e/%252e%252e/etc/passwd",
            b"/%252e%252e%252fsecret.ics", b"/..%2f..%2fetc%2fpasswd", b"/..%2fsecret.ics",
            b"/organizers/..%2f..%2fsecret.ics", b"/organizers/%2e%2e%2f%2e%2e%2fsecret.ics",
            b"/organizers/../../secret.ics", b"/organizers/..%252f..%252fsecret.ics",
            b"/..\\..\\secret.ics", b"/..%5c..%5csecret.ics", b"/organizers\\..\\..\\secret.ics",
            b"/organizers/..%5csecret.ics", b"//secret.ics", b"//etc/passwd", b"///secret.ics",
            b"/.%2e/secret.ics", b"/%2e%2e%2fsecret.ics", b"/secret.ics", b"/.state/",
            b"/.itkal.lock", b"/manifest.json", b"/calendar.ics%00.txt", b"/calendar.ics%00",
            b"/secret.ics%00.ics", b"/%00/../secret.ics", b"/%c0%ae%c0%ae/secret.ics",
            b"/%e0%80%ae%e0%80%ae/secret.ics", b"/%c0%af..%c0%afsecret.ics", b"/..;/secret.ics",
            b"/organizers/..ics", b"/.ics", b"/..ics", b"/organizers/%2e%2e.ics",
            b"/./calendar.ics/../../secret.ics", b"/organizers/./../secret.ics",
            b"/calendar.ics/..", b"/calendar.ics?organizer=../../secret",
            b"/events.json?organizer=%2e%2e%2fsecret", b"/organizers/kdo.ics/../../secret.ics",
            b"http://127.0.0.1/../secret.ics", b"/%2fsecret.ics", b"/%5csecret.ics",
            b"/organizers/%2fsecret.ics", b"/~/secret.ics", b"/secret.ics;.ics"]:
        cases.append(("traversal " + target.decode("latin1"), rq(target), reject))
    cases.append(("traversal raw NUL", rq(b"/secret.ics\x00.ics"), reject))
    cases.append(("traversal raw NUL in path", rq(b"/\x00../secret.ics"), reject))
    cases.append(("target of 2,049 bytes", rq(b"/" + b"a" * 2048), {414, 400, None}))
    cases.append(("target of 20,000 bytes", rq(b"/" + b"a" * 20000), reject))
    cases.append(("target of 1 MB", rq(b"/" + b"a" * (1 << 20)), reject))
    cases.append(("request line without end", b"GET /" + b"a" * (1 << 20), reject))
    cases.append(("header value of 9,000 bytes", rq(b"/healthz", b"X-Big: " + b"v" * 9000 + b"\r\n"),
                  reject))
    cases.append(("header of 1 MB", rq(b"/healthz", b"X-Big: " + b"v" * (1 << 20) + b"\r\n"), reject))
    cases.append(("header name of 2,000 bytes", rq(b"/healthz", b"X" * 2000 + b": v\r\n"), reject))
    cases.append(("500 header fields", rq(b"/healthz", b"".join(b"X-F%d: v\r\n" % i for i in range(500))),
                  reject))
    cases.append(("method of 200 bytes", b"G" * 200 + b" / HTTP/1.1\r\n\r\n", reject))
    cases.append(("query value of 300 bytes", rq(b"/calendar.ics?organizer=" + b"A" * 300), {400}))
    malformed = [b"\r\n\r\n", b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET /\r\n\r\n",
                 b"GET / HTTP/9.9\r\n\r\n", b"GET / FOO/1.1\r\n\r\n", b"GET  HTTP/1.1\r\n\r\n",
                 b"GET / HTTP/1.1\r\nNoColonHere\r\n\r\n", b"GET / HTTP/1.1\r\n: empty\r\n\r\n",
                 b"GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                 b"GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                 b"GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
                 b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
                 b"GET / HTTP/1.1\r\nHost: a\r\n", b"\x00" * 100, b"\xff\xfe\xfd" * 300,
                 bytes(range(256)) * 4, b"GET /calendar.ics?q=% HTTP/1.1\r\n\r\n",
                 b"GET /calendar.ics?from=2026-13-45 HTTP/1.1\r\n\r\n",
                 b"GET /calendar.ics?q=%ff%fe HTTP/1.1\r\n\r\n",
                 b"GET /calendar.ics?nonsense=1 HTTP/1.1\r\n\r\n",
                 b"GET /calendar.ics HTTP/1.1\r\nHost: a\r\n\tfolded\r\n\r\n"]
    # Poco reads some of these leniently (a header line without a colon is skipped, a bad
    # Content-Length on a GET is ignored, end of input ends the header): 200 is fine there;
    # what must never happen is a 5xx, a crash or a hang.
    for number, data in enumerate(malformed):
        cases.append(("malformed %d %r" % (number + 1, data[:24]), data, reject | {200}))
    cases.append(("POST with a body", b"POST /calendar.ics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
                  {405}))
    cases.append(("DELETE", b"DELETE /calendar.ics HTTP/1.1\r\n\r\n", {405}))
    cases.append(("bad If-Modified-Since", rq(b"/healthz", b"If-Modified-Since: garbage\r\n"), {200}))
    cases.append(("long If-None-Match list", rq(b"/organizers/kdo.ics", b"If-None-Match: " +
                                                b",".join([b'"x"'] * 300) + b"\r\n"), {200}))
    failures = []
    for name, data, allowed in cases:
        try:
            status, answer = exchange(port, data)
        except OSError as error:
            status, answer = None, str(error).encode()
        if status not in allowed or SECRET in answer or b"root:x:0" in answer:
            failures.append("%s: got %s" % (name, status))
    return {"hostile_requests": len(cases), "hostile_failures": failures}


def slow(port, clients, seconds):
    """Clients that send one byte a second for `seconds`, then the rest; each needs its 200."""
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    results = [None] * clients

    def one(index):
        try:
            with socket.create_connection((HOST, port), timeout=30) as s:
                for byte in range(seconds):
                    s.sendall(request[byte:byte + 1])
                    time.sleep(1)
                s.sendall(request[seconds:])
                answer = b""
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
                results[index] = answer.split(b"\r\n", 1)[0].decode("latin1")
        except OSError as error:
            results[index] = "error: %s" % error

    threads = [threading.Thread(target=one, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"slow_clients": clients, "slow_answers": results,
            "slow_failures": [r for r in results if not (r or "").endswith("200 OK")]}


def trickle(port, limit):
    """A head that never ends, a byte a second: how long until the server closed it (None: never
    within `limit` seconds)."""
    started = time.time()
    data = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
    try:
        with socket.create_connection((HOST, port), timeout=1) as s:
            n = 0
            while time.time() - started < limit:
                s.sendall(data[n:n + 1] if n < len(data) else b"a")
                n += 1
                try:
                    if s.recv(4096) == b"":
                        return {"trickle_dropped_after": time.time() - started}
                except socket.timeout:
                    pass  # still open: the pause before the next byte
    except OSError:
        return {"trickle_dropped_after": time.time() - started}
    return {"trickle_dropped_after": None}


def check(port, seconds):
    """Fetches feeds again and again: every body must match its ETag and Content-Length."""
    paths = ["/calendar.ics", "/organizers/kdo.ics", "/events.json",
             "/calendar.ics?organizer=KDO", "/events.json?organizer=AKDB&online=1"]
    counts = {"requests": 0, "200": 0, "304": 0, "other": 0, "mismatches": 0, "errors": 0}
    problems = []
    last_etag = {}
    deadline = time.time() + seconds
    connection = None
    n = 0
    while time.time() < deadline:
        path = paths[n % len(paths)]
        zipped = n % 3 == 1
        conditional = n % 4 == 3 and path in last_etag
        n += 1
        headers = {"Accept-Encoding": "gzip" if zipped else "identity"}
        if conditional:
            headers["If-None-Match"] = last_etag[path]
        try:
            if connection is None:
                connection = http.client.HTTPConnection(HOST, port, timeout=30)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            counts["errors"] += 1
            problems.append("%s: %s" % (path, error))
            connection = None
            continue
        counts["requests"] += 1
        if response.status == 304:
            counts["304"] += 1
            continue
        if response.status != 200:
            counts["other"] += 1
            problems.append("%s: status %d" % (path, response.status))
            continue
        counts["200"] += 1
        etag = response.getheader("ETag", "")
        encoding = response.getheader("Content-Encoding", "")
        plain = gzip.decompress(body) if encoding == "gzip" else body
        expected = '"%s%s"' % (hashlib.sha1(plain).hexdigest(), "-gzip" if encoding == "gzip" else "")
        if etag != expected or int(response.getheader("Content-Length", "-1")) != len(body):
            counts["mismatches"] += 1
            problems.append("%s: ETag %s, body hashes to %s" % (path, etag, expected))
        if encoding != "gzip":
            last_etag[path] = etag
    counts["problems"] = problems[:10]
    return counts


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "hostile":
        print(json.dumps(hostile(port)))
    elif mode == "slow":
        print(json.dumps(slow(port, int(sys.argv[3]), int(sys.argv[4]))))
    elif mode == "trickle":
        print(json.dumps(trickle(port, float(sys.argv[3]))))
    elif mode == "check":
        print(json.dumps(check(port, float(sys.argv[3]))))
EOF

# wrk: a mix of valid URLs, one per request in turn; counts every status it sees.
cat > "$work/mix.lua" << EOF
local paths = {
  {"/calendar.ics", {["If-None-Match"] = [=[@ETAG@]=]}},
  {"/organizers/kdo.ics", {["Accept-Encoding"] = "gzip"}},
  {"/healthz", {}},
  {"/calendar.ics?organizer=AKDB", {["Accept-Encoding"] = "gzip"}},
  {"/events.json?organizer=KDO&from=2026-03-01", {}},
  {"/", {}},
  {"/organizers/kdo.ics", {["If-None-Match"] = [=[@KDO_ETAG@]=]}},
}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counter = 0; statuses = {} end
function request()
  counter = counter + 1
  local entry = paths[(counter % #paths) + 1]
  return wrk.format("GET", entry[1], entry[2])
end
function response(status, headers, body)
  statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local line = "statuses"
  for status, count in pairs(total) do line = line .. " " .. status .. "=" .. count end
  print(line)
  print(string.format("errors connect=%d read=%d write=%d status=%d timeout=%d",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
EOF

# ---- the server ----
"$itkal" serve --config "$work/itkal.json" --access-log off 2> "$work/serve.log" > /dev/null &
serve_pid=$!
for _ in $(seq 100); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.1; done
curl -sf -o /dev/null "$base/healthz" || { echo "server-load-test: no answer" >&2; exit 1; }
etag_of() { curl -sI "$1" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }'; }
sed -i -e "s|@ETAG@|$(etag_of "$base/calendar.ics")|" \
  -e "s|@KDO_ETAG@|$(etag_of "$base/organizers/kdo.ics")|" "$work/mix.lua"

echo "server-load-test: $events events on $base; $duration s of wrk with $connections" \
  "connections, a build every second, $slow_clients slow clients, hostile requests" >&2

# Memory, every half second.
(
  while kill -0 "$serve_pid" 2> /dev/null; do
    awk '$1 == "VmRSS:" { r = $2 } $1 == "VmHWM:" { h = $2 } END { print r, h }' \
      "/proc/$serve_pid/status" 2> /dev/null >> "$work/memory.txt" || true
    sleep 0.5
  done
) &
background+=($!)

# A build every second on an inbox that changes every second.
(
  n=0
  end=$((SECONDS + duration))
  {
    printf 'Last-Nachtrag\n\n14. Januar 2026\n\nIT-Kalender\n\n'
  } > "$work/inbox/load-nachtrag-2026-01-14.txt"
  while [ "$SECONDS" -lt "$end" ]; do
    n=$((n + 1))
    printf '%d.3., 10.00-11.00, Berlin: **Nachtrag %d**, KDO\n\n' $((n % 28 + 1)) "$n" \
      >> "$work/inbox/load-nachtrag-2026-01-14.txt"
    status=0
    started=$(date +%s%N)
    "$itkal" build --quiet --config "$work/itkal.json" > /dev/null 2>> "$work/build.log" || status=$?
    echo "$status" >> "$work/builds.txt"
    # One build a second where the machine allows it; back to back where builds are slower.
    rest=$((1000000000 - ($(date +%s%N) - started)))
    [ "$rest" -le 0 ] || sleep "0.$(printf '%09d' "$rest")"
  done
) &
builder=$!
background+=($builder)

python3 "$work/clients.py" check "$port" "$duration" > "$work/check.json" &
checker=$!
background+=($checker)
python3 "$work/clients.py" slow "$port" "$slow_clients" "$slow_seconds" > "$work/slow.json" &
slower=$!
background+=($slower)
python3 "$work/clients.py" trickle "$port" $((head_deadline + 4)) > "$work/trickle.json" &
trickler=$!
background+=($trickler)
(sleep 2 && python3 "$work/clients.py" hostile "$port" > "$work/hostile.json") &
prober=$!
background+=($prober)

wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s -s "$work/mix.lua" "$base/" \
  > "$work/wrk.txt" 2>&1 || true
wait "$checker" "$slower" "$trickler" "$prober" "$builder" || true

# ---- after the load: still healthy, then a clean stop ----
failures=()
curl -sf -o /dev/null "$base/healthz" || failures+=("no /healthz after the load")
# The server must pick up the last build (it checks every reload_seconds, 1 s here): compared
# byte for byte, not counted per second, as how many builds a busy machine finishes is not a
# property of the server.
picked_up=""
for _ in $(seq 100); do
  if curl -sf -o "$work/after.ics" "$base/calendar.ics" && cmp -s "$work/after.ics" \
    "$work/public/calendar.ics"; then
    picked_up=yes
    break
  fi
  sleep 0.2
done
[ -n "$picked_up" ] || failures+=("the server did not serve the last build within 20 s")
kill -TERM "$serve_pid"
stop_status=""
for _ in $(seq 200); do
  if ! kill -0 "$serve_pid" 2> /dev/null; then
    stop_status=0
    wait "$serve_pid" || stop_status=$?
    break
  fi
  sleep 0.1
done
serve_pid_was="$serve_pid"
if [ -z "$stop_status" ]; then
  failures+=("still running 20 s after SIGTERM")
else
  serve_pid=""
  [ "$stop_status" = 0 ] || failures+=("exit status $stop_status after SIGTERM")
fi

# ---- figures ----
requests="$(awk '/requests in/ { print $1 }' "$work/wrk.txt")"
statuses="$(sed -n 's/^statuses //p' "$work/wrk.txt")"
errors="$(sed -n 's/^errors //p' "$work/wrk.txt")"
rate="$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.txt")"
builds="$(wc -l < "$work/builds.txt")"
failed_builds="$(grep -cv '^0$' "$work/builds.txt" || true)"
read -r max_rss max_hwm < <(awk '{ if ($1 > r) r = $1; if ($2 > h) h = $2 } END { print r + 0, h + 0 }' \
  "$work/memory.txt")
samples="$(wc -l < "$work/memory.txt")"

echo
echo "itkal serve load test: $events events, $duration s, pid $serve_pid_was"
echo "  wrk: ${requests:-?} requests ($rate/s) on $connections connections; statuses: ${statuses:-none}"
echo "  wrk socket errors: ${errors:-?}"
python3 - "$work/check.json" "$work/slow.json" "$work/hostile.json" "$work/trickle.json" << 'EOF'
import json, sys
check, slow, hostile, trickle = (json.load(open(path)) for path in sys.argv[1:])
print("  checker: %(requests)d requests (%(200)d x 200, %(304)d x 304), %(other)d other statuses,"
      " %(mismatches)d ETag mismatches, %(errors)d errors" % check)
for problem in check["problems"]:
    print("    " + problem)
print("  slow clients: %d, answers: %s" % (slow["slow_clients"], "; ".join(slow["slow_answers"])))
dropped = trickle["trickle_dropped_after"]
print("  endless trickling head: %s" % ("dropped after %.1f s" % dropped if dropped else "never dropped"))
print("  hostile requests: %d, failures: %d" % (hostile["hostile_requests"],
                                                len(hostile["hostile_failures"])))
for failure in hostile["hostile_failures"]:
    print("    " + failure)
EOF
echo "  builds: $builds, failed: $failed_builds"
echo "  memory: VmRSS up to $((max_rss / 1024)) MB, VmHWM $((max_hwm / 1024)) MB ($samples samples," \
  "limit $memory_mb MB)"
echo "  stop: exit status ${stop_status:-none} after SIGTERM"

# ---- verdict ----
for status in $(echo "$statuses" | tr ' ' '\n' | cut -d= -f1); do
  case "$status" in 200 | 304) ;; *) failures+=("wrk saw status $status") ;; esac
done
for field in $errors; do
  # Connections are opened once and kept; the server closes them only after 1,000 requests,
  # which wrk handles without an error. Any socket error is a failure.
  [ "${field#*=}" = 0 ] || failures+=("wrk socket errors: $field")
done
[ -n "$requests" ] && [ "$requests" -gt 0 ] || failures+=("wrk made no requests")
python3 - "$work/check.json" "$work/slow.json" "$work/hostile.json" "$work/trickle.json" \
  "$head_deadline" << 'EOF' || failures+=("client checks")
import json, sys
check, slow, hostile, trickle = (json.load(open(path)) for path in sys.argv[1:5])
head_deadline = float(sys.argv[5])
bad = check["mismatches"] or check["other"] or check["errors"] or not check["requests"]
bad = bad or slow["slow_failures"] or hostile["hostile_failures"]
dropped = trickle["trickle_dropped_after"]
bad = bad or dropped is None or not head_deadline - 1 <= dropped <= head_deadline + 1.5
sys.exit(1 if bad else 0)
EOF
[ "$failed_builds" = 0 ] || failures+=("$failed_builds builds failed: $(head -c 500 "$work/build.log")")
# At least one new build while the load ran, so the checker saw a reload under load.
[ "$builds" -ge 2 ] || failures+=("only $builds builds during the load: no reload was tested")
[ "$max_rss" -lt $((memory_mb * 1024)) ] || failures+=("VmRSS $((max_rss / 1024)) MB over $memory_mb MB")
if grep -qiE 'fatal|terminate|assert' "$work/serve.log"; then
  failures+=("server log: $(grep -iE 'fatal|terminate|assert' "$work/serve.log" | head -3)")
fi

if [ "${#failures[@]}" -gt 0 ]; then
  echo "server-load-test: FAILED" >&2
  printf '  - %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "server-load-test: passed"
