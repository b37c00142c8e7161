#!/usr/bin/env bash
# Runs a libFuzzer binary once on every file in the given folders (kept crash inputs and seeds)
# without mutating anything; a crash, leak, timeout or broken contract fails. Passing files, not
# folders, keeps libFuzzer from ever writing into the committed corpus.
# usage: fuzz/replay.sh FUZZER DIR…
set -euo pipefail
fuzzer="$1"
shift
files=()
for dir in "$@"; do
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' file; do files+=("$file"); done < <(find "$dir" -type f ! -name '.*' -print0 | sort -z)
done
if [ "${#files[@]}" -eq 0 ]; then
  echo "replay: no inputs in $*"
  exit 0
fi
# xargs splits very long lists; each batch must pass. Output only on failure keeps CI logs short.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! printf '%s\0' "${files[@]}" |
  xargs -0 -n 200 "$fuzzer" -timeout=10 -rss_limit_mb=2048 >"$log" 2>&1; then
  tail -n 60 "$log"
  echo "replay: $(basename "$fuzzer") FAILED on one of ${#files[@]} inputs (see above)"
  exit 1
fi
echo "replay: $(basename "$fuzzer") ran ${#files[@]} inputs, no failure"
