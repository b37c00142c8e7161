#!/usr/bin/env bash
# Differential check of the whole `itkal extract` process: runs two itkal binaries (say, main's
# and the working tree's) over the same inputs and compares every byte they produce (stdout,
# stderr, exit code) for `extract --json`, the table and `extract --json --issue-date`: the
# example inbox, every newsletter file under tests/data, the bad inputs, the real-line sets as
# issues, generated issues (bench/generate-issue.py) and random compositions large enough to be
# read in parts (scripts/compose-issue.py). For changes that must not change output,
# such as speed work. Exit 0 when everything is identical. For a held-out newsletter
# (tests/data/newsletters/held-out) only the command is printed, never the differing output.
#   usage: scripts/output-diff.sh OLD_ITKAL NEW_ITKAL
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "${1:?usage: scripts/output-diff.sh OLD_ITKAL NEW_ITKAL}")
new=$(realpath "${2:?usage: scripts/output-diff.sh OLD_ITKAL NEW_ITKAL}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
differences=0
compared=0

# Issues made of lines: the real-line sets, once with a blank line between entries and once
# without (continuation lines), under the example's heading; generated issues of several sizes.
mkdir -p "$work/in"
# The rows' lines: {.line = R"(…)", …} (older rows: {R"(…)", …}); a raw string ends at its first
# )".
lines() { sed -n '/^{\(\.line = \)\{0,1\}R"(/{s/^{\(\.line = \)\{0,1\}R"(//;s/)".*$//;p}' tests/data/*.inc; }
{ printf '15. April 2026\n\nIT-Kalender\n\n'; lines | sed 's/$/\n/'; } > "$work/in/real-lines-blank.txt"
{ printf '15. April 2026\n\nIT-Kalender\n\n'; lines; } > "$work/in/real-lines-dense.txt"
for entries in 3 1000 50000 200000; do
  python3 bench/generate-issue.py "$entries" > "$work/in/generated-$entries.txt"
done
# Random compositions of the real lines and of the pieces whose state carries from line to line,
# large enough (about 1.8 MB) to be read in parts on several threads; some end at a footer in the
# middle. COMPOSED=N for more or fewer of them.
for ((seed = 1; seed <= ${COMPOSED:-6}; seed++)); do
  footer=$([ $((seed % 3)) -eq 0 ] && echo $((seed * 3000)) || echo -1)
  python3 scripts/compose-issue.py "$seed" 30000 "$footer" > "$work/in/composed-$seed.txt"
done
# Windows line ends and Windows-1252 bytes take other paths through the reader.
sed 's/$/\r/' "$work/in/generated-1000.txt" > "$work/in/generated-1000-crlf.txt"
sed 's/Nummer/Nümmer/' "$work/in/generated-1000.txt" | iconv -f UTF-8 -t WINDOWS-1252 \
  > "$work/in/generated-1000-cp1252.txt"
mapfile -t fixtures < <(find tests/data tests/bad_input -type f ! -name '*.inc' ! -name '*.py' \
  ! -name '*.json' ! -name '*.ics' ! -path '*/expected/*' ! -path '*/layout/*' | sort)
inputs=(feeds/inbox/* "${fixtures[@]}" "$work"/in/*)

# Runs BINARY ARGS… and writes stdout, stderr and the exit code into OUT.{out,err,rc}.
capture() {
  local out=$1 binary=$2
  shift 2
  set +e
  "$binary" "$@" > "$out.out" 2> "$out.err"
  echo $? > "$out.rc"
  set -e
}

for input in "${inputs[@]}"; do
  [ -f "$input" ] || continue
  for mode in json table dated; do
    args=(extract "$input")
    [ "$mode" = json ] && args+=(--json)
    [ "$mode" = dated ] && args+=(--json --issue-date 2026-04-15)
    capture "$work/old" "$old" "${args[@]}"
    capture "$work/new" "$new" "${args[@]}"
    compared=$((compared + 1))
    for part in out err rc; do
      if ! cmp -s "$work/old.$part" "$work/new.$part"; then
        echo "DIFFERENT ($part): itkal ${args[*]}" >&2
        # A held-out newsletter is only scored: its name, never its text or what is read from it.
        case "$input" in
          */held-out/*) ;;
          *) diff "$work/old.$part" "$work/new.$part" | head -10 >&2 || true ;;
        esac
        differences=$((differences + 1))
        break
      fi
    done
  done
done
echo "output-diff: $compared comparisons over ${#inputs[@]} inputs, $differences different"
[ "$differences" -eq 0 ]
