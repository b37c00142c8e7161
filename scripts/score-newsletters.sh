#!/usr/bin/env bash
# Scores `itkal extract` on the hand-annotated real newsletters in tests/data/newsletters/:
# the tuning set (tuned on) and the held-out set (only scored), each reported apart.
# Usage: scripts/score-newsletters.sh [--verbose]   (ITKAL=path/to/itkal, default build/itkal;
# --verbose lists the misses and wrong dates of the tuning set only, never of the held-out set)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
itkal="${ITKAL:-$root/build/itkal}"
sets=("$root/tests/data/newsletters/tuning")
# Between a held-out set's move to tuning and a fresh set's arrival there is none to score.
if compgen -G "$root/tests/data/newsletters/held-out/*.txt" > /dev/null; then
  sets+=("$root/tests/data/newsletters/held-out")
else
  echo "held-out: none (the last set moved to tuning after its scoring)" >&2
fi
exec python3 "$root/scripts/score_newsletters.py" "$itkal" "${sets[@]}" "$@"
