#!/usr/bin/env bash
# Builds the Debian package (CPack, build-package/ with prefix /usr) and tests what it installs:
# - always: unpacks it with dpkg -x into a temporary root (the machine stays unchanged), runs the
#   unpacked `itkal build` on the example issue and `itkal serve` on a free loopback port, and
#   fetches /calendar.ics; fetches the example issue set as a PDF over HTTP and reads it (the
#   libcurl and poppler support modules); lintian and `systemd-analyze verify` check the package and its units
#   when those tools are there;
# - with CI=true as root (a throw-away machine): also installs it with dpkg -i, builds and serves
#   as the itkal user from the installed configuration, and purges it again.
# The tools it needs come from scripts/install-deps.sh (help2man, lintian).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${ITKAL_PACKAGE_BUILD_DIR:-build-package}
say() { echo "package-test: $*"; }
fail() { echo "package-test: FAILED: $*" >&2; exit 1; }

command -v help2man >/dev/null || fail "help2man is missing (bash scripts/install-deps.sh)"
# A new build folder builds only what is packaged; an existing one (ITKAL_PACKAGE_BUILD_DIR=build)
# keeps its settings but for the prefix, which the package's paths need.
if [ -f "$build_dir/CMakeCache.txt" ]; then
  nice cmake -S . -B "$build_dir" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
else
  # Debian's hardening flags (stack protector, _FORTIFY_SOURCE, relro, now), as dpkg-buildpackage
  # would pass them.
  nice cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DITKAL_BUILD_TESTS=OFF -DITKAL_BUILD_BENCH=OFF -DITKAL_WERROR=ON \
    "-DCMAKE_CXX_FLAGS=$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CXXFLAGS) $(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CPPFLAGS)" \
    "-DCMAKE_EXE_LINKER_FLAGS=$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get LDFLAGS)" >/dev/null
fi
nice cmake --build "$build_dir" -j"${ITKAL_JOBS:-2}" --target itkal itkal_docs
rm -f "$build_dir"/itkal_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null)
deb=$(ls "$build_dir"/itkal_*.deb)
say "built $deb ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb --field "$deb" Depends | grep -q libpoco || fail "Depends lacks the computed libraries"

work=$(mktemp -d)
server_pid=""
installed=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$installed" ]; then dpkg --purge itkal >/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Starts `itkal serve` (arguments: the command line) on a free port, waits for its log line with
# the port, fetches /calendar.ics and checks it holds events; stops the server.
serve_and_fetch() {
  local log=$work/serve.log
  : >"$log"
  "$@" --port 0 --access-log off >"$log" 2>&1 &
  server_pid=$!
  local port=""
  for _ in $(seq 100); do
    port=$(sed -nE 's|.* on http://127\.0\.0\.1:([0-9]+)/.*|\1|p' "$log" | head -1)
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; fail "itkal serve stopped"; }
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$log" >&2; fail "itkal serve did not say its port"; }
  curl --silent --show-error --fail --max-time 10 "http://127.0.0.1:$port/calendar.ics" \
    >"$work/calendar.ics" || fail "GET /calendar.ics"
  head -1 "$work/calendar.ics" | grep -q '^BEGIN:VCALENDAR' || fail "/calendar.ics is no VCALENDAR"
  local events
  events=$(grep -c '^BEGIN:VEVENT' "$work/calendar.ics" || true)
  [ "$events" -gt 0 ] || fail "/calendar.ics has no events"
  kill "$server_pid"
  wait "$server_pid" || fail "itkal serve did not stop cleanly"
  server_pid=""
  say "served /calendar.ics on port $port: $events events"
}

# 1. The unpacked package in a temporary root, its configuration pointed into that root.
root=$work/root
dpkg-deb -x "$deb" "$root"
for path in usr/bin/itkal usr/share/itkal/organizers.json etc/itkal/itkal.json \
  usr/share/man/man1/itkal.1.gz usr/share/doc/itkal/copyright \
  lib/systemd/system/itkal-build.service lib/systemd/system/itkal-build.timer \
  lib/systemd/system/itkal-serve.service; do
  [ -e "$root/$path" ] || fail "the package lacks /$path"
done
version=$(sed -nE 's/^project\(itkal VERSION ([0-9.]+).*/\1/p' CMakeLists.txt)
[ "$("$root/usr/bin/itkal" --version)" = "itkal $version" ] || fail "itkal --version"
state=$work/state
mkdir -p "$state/inbox"
cp feeds/inbox/kommunal-it-kalender-2026-04-15.txt "$state/inbox/"
sed -e "s|/var/lib/itkal|$state|g" -e "s|/usr/share/itkal|$root/usr/share/itkal|g" \
  "$root/etc/itkal/itkal.json" >"$work/itkal.json"
# $ITKAL_CONFIG is how the unpacked binary finds it (its built-in one is /etc/itkal/itkal.json).
(cd "$work" && ITKAL_CONFIG=$work/itkal.json "$root/usr/bin/itkal" build --quiet --keep-going)
[ -s "$state/public/calendar.ics" ] || fail "itkal build wrote no calendar.ics"
(cd / && ITKAL_CONFIG=$work/itkal.json serve_and_fetch "$root/usr/bin/itkal" serve)

# Poppler and libcurl are in support modules the package ships in <libdir>/itkal, loaded only for a
# PDF or a fetch: itkal itself must not link them, and the package must still depend on them.
pdf_module=$(find "$root/usr/lib" -name itkal-pdf.so)
[ -n "$pdf_module" ] || fail "the package lacks the PDF support module itkal-pdf.so"
[ -e "$(dirname "$pdf_module")/itkal-curl.so" ] || fail "the package lacks itkal-curl.so"
! ldd "$root/usr/bin/itkal" | grep -E 'libpoppler|libcurl' ||
  fail "/usr/bin/itkal links poppler or libcurl itself"
for library in libpoppler-cpp libcurl; do
  dpkg-deb --field "$deb" Depends | grep -q "$library" || fail "Depends lacks $library"
done
# A PDF issue (the example issue set as a PDF) fetched over HTTP, which loads the libcurl module,
# and read, which loads the poppler one: the same entries as the text issue.
issue=kommunal-it-kalender-2026-04-15
mkdir -p "$work/www" "$work/fetch"
cp "tests/data/package/$issue.pdf" "$work/www/"
python3 -u -m http.server --bind 127.0.0.1 --directory "$work/www" 0 >"$work/http.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 100); do
  port=$(sed -nE 's/.* port ([0-9]+).*/\1/p' "$work/http.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/http.log" >&2; fail "python3 -m http.server did not say its port"; }
printf '{"output": "%s", "sources": [{"type": "url", "url": "http://127.0.0.1:%s/%s.pdf"}]}\n' \
  "$work/fetch/public" "$port" "$issue" >"$work/fetch/itkal.json"
(cd "$work/fetch" && "$root/usr/bin/itkal" fetch --config itkal.json) >"$work/fetch.log" 2>&1 ||
  { cat "$work/fetch.log" >&2; fail "itkal fetch of the PDF issue over HTTP"; }
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
fetched=$(find "$work/fetch/public/.state/fetched" -type f | head -1)
[ -n "$fetched" ] || { cat "$work/fetch.log" >&2; fail "itkal fetch stored nothing"; }
cp "$fetched" "$work/$issue.pdf"
"$root/usr/bin/itkal" extract --json "$work/$issue.pdf" | grep -v '"source":' >"$work/pdf.json" ||
  fail "itkal extract of the fetched PDF issue"
"$root/usr/bin/itkal" extract --json "feeds/inbox/$issue.txt" | grep -v '"source":' >"$work/txt.json"
diff "$work/txt.json" "$work/pdf.json" >&2 || fail "the PDF issue gives other entries than the text"
say "fetched the PDF issue over HTTP and read it: $(grep -c '"title":' "$work/pdf.json") entries, as from the text"

# 2. The package's own checks, when the tools are there.
if command -v lintian >/dev/null; then
  lintian --fail-on error "$deb" | sed 's/^/package-test: lintian: /' ||
    fail "lintian reports errors"
  say "lintian: no errors"
fi
if command -v systemd-analyze >/dev/null; then
  # verify needs the units' ExecStart binary: the units are checked with their paths moved into
  # the temporary root.
  mkdir -p "$work/units"
  for unit in "$root"/lib/systemd/system/*; do
    sed -e "s|/usr/bin/itkal|$root/usr/bin/itkal|" "$unit" >"$work/units/$(basename "$unit")"
  done
  # Documentation=man:itkal(1) is checked against the unpacked man page.
  verify=$(cd "$work/units" &&
    MANPATH=$root/usr/share/man systemd-analyze verify ./*.service ./*.timer 2>&1) ||
    { echo "$verify" >&2; fail "systemd-analyze verify"; }
  [ -z "$verify" ] || { echo "$verify" >&2; fail "systemd-analyze verify says something"; }
  say "systemd-analyze verify: clean"
fi

# 3. A real installation, only where the machine is CI's to change.
# A package that is already there (an administrator's, or another run's that is still going) is
# left alone: the unpacked package above was tested all the same, and this says so.
if [ "${CI:-}" = "true" ] && [ "$(id -u)" -eq 0 ] && dpkg-query -W itkal >/dev/null 2>&1; then
  say "real installation not tried: itkal is already installed on this machine"
elif [ "${CI:-}" = "true" ] && [ "$(id -u)" -eq 0 ]; then
  unset ITKAL_CONFIG
  dpkg -i "$deb" >/dev/null
  installed=yes
  getent passwd itkal >/dev/null || fail "no itkal user"
  [ "$(stat -c %U /var/lib/itkal/public)" = itkal ] || fail "/var/lib/itkal/public not itkal's"
  cp feeds/inbox/kommunal-it-kalender-2026-04-15.txt /var/lib/itkal/inbox/
  (cd / && setpriv --reuid=itkal --regid=itkal --init-groups itkal build --quiet --keep-going --config /etc/itkal/itkal.json)
  (cd / && serve_and_fetch setpriv --reuid=itkal --regid=itkal --init-groups itkal serve)
  itkal extract "tests/data/package/$issue.pdf" >/dev/null ||
    fail "the installed itkal cannot read a PDF issue"
  # No configuration at all: the installed organizer directory, from any folder.
  (cd /tmp && setpriv --reuid=itkal --regid=itkal --init-groups itkal build --quiet --inbox /var/lib/itkal/inbox \
    --output /var/lib/itkal/elsewhere) || fail "itkal build without a configuration"
  dpkg --purge itkal >/dev/null
  installed=""
  [ ! -e /var/lib/itkal ] || fail "purge left /var/lib/itkal"
  say "dpkg -i, build and serve as itkal, dpkg --purge: ok"
fi
say "ok"
