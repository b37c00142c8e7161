#!/usr/bin/env bash
# Whole-process benchmark of fetching from a mailbox: a local dovecot (started here in a
# temporary folder on a free loopback port) holds COUNT newsletter mails; one `itkal build`
# fetches every one over IMAP and builds the feeds from them; a second build fetches nothing.
# usage: bench/fetch-mailbox.sh [COUNT] [ITKAL]
set -euo pipefail
count="${1:-1000}"
itkal="$(realpath "${2:-build/itkal}")"
root="$(mktemp -d /tmp/itkal-fb-XXXXXX)"
chmod 755 "$root"
trap '[ -f "$root/run/master.pid" ] && kill "$(cat "$root/run/master.pid")" 2>/dev/null; rm -rf "$root"' EXIT
mkdir -p "$root/Maildir/new" "$root/Maildir/cur" "$root/Maildir/tmp" "$root/run" "$root/state" "$root/feeds"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
if [ "$(id -u)" -eq 0 ]; then internal=dovecot; login=dovenull; uid="$(id -u dovecot)"; gid="$(id -g dovecot)"
else internal="$(id -un)"; login="$internal"; uid="$(id -u)"; gid="$(id -g)"; fi
cat > "$root/dovecot.conf" <<CONF
base_dir = $root/run
state_dir = $root/state
log_path = $root/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
default_internal_user = $internal
default_internal_group = $internal
default_login_user = $login
first_valid_uid = 1
mail_location = maildir:$root/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $root/passwd
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$root
}
service imap-login {
  inet_listener imap {
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
CONF
echo 'kalender:{PLAIN}geheim' > "$root/passwd"
# Monthly issues of 5 entries each, the dates spread over the years after 2026.
python3 - "$root/Maildir/new" "$count" <<'PY'
import sys, datetime
folder, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    day = datetime.date(2026, 1, 1) + datetime.timedelta(days=7 * i)
    entries = "\n".join(f"{(day + datetime.timedelta(days=10 + k)).strftime('%-d.%-m.%Y')}, 10.00-12.00, Berlin: **Fachforum {i}-{k}**, KDO\n" for k in range(5))
    body = f"{day.strftime('%-d.%-m.%Y')}\n\nTermine\n\n{entries}\nImpressum\n"
    with open(f"{folder}/{i}.bench", "w") as f:
        f.write(f"From: newsletter@vitako.de\r\nSubject: VITAKO aktuell {i}\r\nDate: {day.strftime('%a, %d %b %Y')} 09:00:00 +0100\r\n"
                f"Message-ID: <{i}@bench>\r\n\r\n{body}")
PY
[ "$(id -u)" -eq 0 ] && chown -R "$uid:$gid" "$root/Maildir"
dovecot -c "$root/dovecot.conf"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
organizers="$(cd "$(dirname "$0")/.." && pwd)/feeds/organizers.json"
printf 'geheim\n' > "$root/feeds/imap.pass"; chmod 600 "$root/feeds/imap.pass"
cat > "$root/feeds/itkal.json" <<JSON
{"output": "public", "organizers": "$organizers",
 "sources": [{"type": "imap", "url": "imap://127.0.0.1:$port/INBOX", "user": "kalender",
   "password_file": "imap.pass", "from": "newsletter@vitako.de", "subject": "VITAKO aktuell"}]}
JSON
cd "$root"
start=$(date +%s.%N)
"$itkal" build --config feeds/itkal.json --quiet --keep-going 2>"$root/first.err" || { cat "$root/first.err"; exit 1; }
middle=$(date +%s.%N)
"$itkal" build --config feeds/itkal.json 2>/dev/null | tail -1
end=$(date +%s.%N)
fetched=$(find "$root/feeds/public/.state/fetched" -type f | wc -l)
echo "fetch-mailbox: $count mails, $fetched fetched; first build (fetch all + build): $(echo "$middle - $start" | bc) s; second build (nothing new): $(echo "$end - $middle" | bc) s"
