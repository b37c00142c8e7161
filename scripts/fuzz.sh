#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan, UBSan) into build-fuzz/, replays every kept crash
# input and seed, then fuzzes each target for SECONDS. A crash, leak, timeout, out-of-memory or
# broken contract fails the script; the input that caused it is copied to
# fuzz/regressions/<target>/ so that every later run replays it (commit it with the fix).
#
# usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]
#   targets: entry_parser date_expression newsletter_reader feed_query (default: all)
# The corpus grown by earlier runs stays in build-fuzz/corpus/<target>/ and is reused.
# ITKAL_FUZZ_KEEP_GOING=1 goes on after a finding (libFuzzer -fork=1 -ignore_crashes=1), so
# that one known, unfixed bug does not hide the next; the run still fails and keeps every input.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(entry_parser date_expression newsletter_reader feed_query)
build=build-fuzz
jobs="${ITKAL_JOBS:-2}"
cc="$(command -v clang-14 || command -v clang)"
cxx="$(command -v clang++-14 || command -v clang++)"

# Warnings are not errors here: the GCC build (scripts/build.sh) enforces them, and clang's
# extra ones must not hide a finding. The tests and benchmarks are not needed, and building them
# with coverage instrumentation would double the build time.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_CXX_COMPILER="$cxx" -DITKAL_FUZZ=ON -DITKAL_SANITIZE=address,undefined \
  -DITKAL_WERROR=OFF -DITKAL_BUILD_TESTS=OFF -DITKAL_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target "${targets[@]/%/_fuzzer}"
# PDF issues are read by the poppler support module, built beside the fuzzers' libraries.
export ITKAL_MODULE_DIR=$(realpath "$build")

symbolizer="$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)"
export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1${symbolizer:+:external_symbolizer_path=$symbolizer}"
# Leaks in system libraries we cannot free (fontconfig, through poppler) are listed there.
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${symbolizer:+:external_symbolizer_path=$symbolizer}"

# Dictionary and extra seed folders per target.
dictionary() {
  case "$1" in
    entry_parser | date_expression) echo fuzz/dict/date_grammar.dict ;;
    newsletter_reader) echo fuzz/dict/newsletter.dict ;;
    feed_query) echo fuzz/dict/feed_query.dict ;;
  esac
}
extra_seeds() {
  case "$1" in
    newsletter_reader)
      echo tests/bad_input feeds/inbox tests/data/issues
      # The shared fixtures are read where they are, never copied into the repository.
      if [ -d ../shared/newsletters ]; then echo ../shared/newsletters; fi
      ;;
    entry_parser) echo fuzz/corpus/date_expression ;;
  esac
}
# Entries and date expressions are short; longer inputs only slow each execution down.
max_len() {
  case "$1" in
    entry_parser) echo "-max_len=2048" ;;
    date_expression) echo "-max_len=512" ;;
    feed_query) echo "-max_len=1024" ;;
    newsletter_reader) echo "-max_len=65536" ;;
  esac
}

summary="$build/fuzz-summary.txt"
: >"$summary"
failed=0
for target in "${targets[@]}"; do
  binary="$build/fuzz/${target}_fuzzer"
  regressions="fuzz/regressions/$target"
  bash fuzz/replay.sh "$binary" "$regressions" "fuzz/corpus/$target" || failed=1

  work="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  log="$build/logs/$target.log"
  rm -rf "$artifacts"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  keep_going=()
  [ -z "${ITKAL_FUZZ_KEEP_GOING:-}" ] || keep_going=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
  started=$SECONDS
  status=0
  # shellcheck disable=SC2046 # the helpers print space-separated folder lists on purpose
  "$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -dict="$(dictionary "$target")" $(max_len "$target") -artifact_prefix="$artifacts/" \
    -print_final_stats=1 "${keep_going[@]}" "$work" "fuzz/corpus/$target" \
    $(extra_seeds "$target") >"$log" 2>&1 || status=$?
  elapsed=$((SECONDS - started))
  # With -ignore_crashes the exit status stays 0; a kept input is the finding.
  if [ "$status" -eq 0 ] && [ -z "$(ls -A "$artifacts")" ]; then
    result=ok
  else
    result=FAILED
    failed=1
    mkdir -p "$regressions"
    for artifact in "$artifacts"/*; do
      [ -f "$artifact" ] || continue
      cp "$artifact" "$regressions/"
      echo "fuzz: $target: kept $(basename "$artifact") in $regressions/"
    done
    grep -E "ERROR|SUMMARY|contract broken|runtime error|#[0-9]+ 0x" "$log" | head -40 || true
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  # Fork mode prints no final stats; its last status line starts with the execution count.
  [ -n "$runs" ] || runs="$(sed -n 's/^#\([0-9]*\):* .*/\1/p' "$log" | tail -1)"
  corpus="$(find "$work" -type f | wc -l)"
  line="$target: $result, ${elapsed}s, ${runs:-?} executions, corpus $corpus inputs"
  echo "fuzz: $line"
  echo "$line" >>"$summary"
done
exit "$failed"
