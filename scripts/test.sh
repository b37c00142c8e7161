#!/usr/bin/env bash
# Quick start 2: installs what is missing, builds, and runs every test through ctest; then the
# Debian package test (scripts/package-test.sh, build-package/), the same suite under ASan and
# UBSan (scripts/sanitize.sh, build-asan/) and a short, bounded fuzz run of every target
# (scripts/fuzz.sh, build-fuzz/). Any failure, sanitizer report or fuzzer
# finding fails the script. ITKAL_FUZZ_SECONDS sets the time per fuzz target (default 45).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
(cd build && ctest --output-on-failure --timeout 600 -j"$(nproc)") 2>&1 | tee build/ctest.log

# The normal run comes first: a plain failure is reported before the slower reliability steps.
echo "test.sh: the Debian package, unpacked and installed"
bash scripts/package-test.sh
echo "test.sh: the test suite under AddressSanitizer and UndefinedBehaviorSanitizer"
bash scripts/sanitize.sh
echo "test.sh: fuzzing each target for ${ITKAL_FUZZ_SECONDS:-45} s"
bash scripts/fuzz.sh "${ITKAL_FUZZ_SECONDS:-45}"

# The closing line CI reads: the counts of the main test run (the steps above passed, or the
# script stopped there with a non-zero exit).
summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' build/ctest.log | tail -1)
total=$(echo "$summary" | sed -E 's/.* out of ([0-9]+).*/\1/')
failed=$(echo "$summary" | sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/')
echo "tests: $((total - failed)) passed, ${failed} failed"
